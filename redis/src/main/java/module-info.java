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
  requires org.slf4j;

  exports dev.aigw.redis;
}
