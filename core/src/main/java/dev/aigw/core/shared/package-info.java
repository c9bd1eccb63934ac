/**
 * State that several instances of one application share, so that aigw's guarantees hold across
 * JVMs: {@link dev.aigw.core.shared.ConcurrencyLimiter} (a vendor's per-key limit of requests in
 * flight), {@link dev.aigw.core.shared.DeliveryIdStore} (webhook deliveries already handled) and
 * {@link dev.aigw.core.shared.PendingOperations} (paid operations submitted and not yet finished,
 * which another instance can claim and resume). {@link dev.aigw.core.shared.SharedState#local()}
 * keeps all of it in the process, as a single JVM needs; the {@code aigw-redis} module keeps it in
 * Redis. Set it with {@code sharedState(…)} on a client's builder or on {@code ClientOptions}.
 */
package dev.aigw.core.shared;
