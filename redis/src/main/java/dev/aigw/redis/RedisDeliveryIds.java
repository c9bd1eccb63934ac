package dev.aigw.redis;

import dev.aigw.core.shared.DeliveryIdStore;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.Objects;

/** Delivery ids in Redis: {@code SET key 1 NX PX ttl} says whether one is new; it expires by itself. */
final class RedisDeliveryIds implements DeliveryIdStore {
  private final RedisCommands<String, String> redis;
  private final Errors errors;
  private final String prefix;
  private final long ttlMillis;

  RedisDeliveryIds(RedisCommands<String, String> redis, Errors errors, String prefix, Duration ttl) {
    this.redis = redis;
    this.errors = errors;
    this.prefix = prefix + "delivery:";
    this.ttlMillis = ttl.toMillis();
  }

  @Override
  public boolean firstDelivery(String deliveryId) {
    Objects.requireNonNull(deliveryId, "deliveryId");
    try {
      return "OK".equals(redis.set(prefix + deliveryId, "1", SetArgs.Builder.nx().px(ttlMillis)));
    } catch (RuntimeException e) {
      throw errors.wrap(null, "record webhook delivery " + deliveryId, e);
    }
  }

  @Override
  public void forget(String deliveryId) {
    try {
      redis.del(prefix + deliveryId);
    } catch (RuntimeException e) {
      throw errors.wrap(null, "forget webhook delivery " + deliveryId, e);
    }
  }
}
