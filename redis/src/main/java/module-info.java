/**
 * aigw's Redis module: {@link dev.aigw.redis.RedisSharedState}, the state several instances of an
 * application share (the per-key concurrency limit, webhook deliveries seen, pending operations),
 * kept in Redis through Lettuce.
 */
// Lettuce has an Automatic-Module-Name but no descriptor; none of its types is in this API
@SuppressWarnings("requires-automatic")
module dev.aigw.redis {
  requires transitive dev.aigw.core;
  requires lettuce.core;
  // An automatic module names no dependency, so the module path would not resolve the Netty modules
  // Lettuce runs on (explicit modules since Netty 4.2; automatic ones, of the same names, in 4.1):
  // required here so that an application on the module path needs no --add-modules for them.
  requires io.netty.common;
  requires io.netty.buffer;
  requires io.netty.transport;
  requires io.netty.handler;
  requires io.netty.codec;
  requires io.netty.resolver;
  requires io.netty.resolver.dns;
  requires org.slf4j;

  exports dev.aigw.redis;
}
