/**
 * State shared by several instances of an application, in Redis: {@link
 * dev.aigw.redis.RedisSharedState} gives the per-key concurrency limit (as leases that expire when
 * their holder dies), the webhook deliveries seen ({@code SET NX PX}) and the pending operations
 * (claimed atomically by one instance). Set it on a client's builder with {@code
 * sharedState(RedisSharedState.connect("redis://host:6379"))}.
 */
package dev.aigw.redis;
