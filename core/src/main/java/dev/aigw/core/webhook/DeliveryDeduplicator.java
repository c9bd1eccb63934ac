package dev.aigw.core.webhook;

import dev.aigw.core.shared.DeliveryIdStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Remembers delivery ids so that a webhook delivered again (senders retry) is handled once. Keeps
 * at most {@code capacity} ids, each for at most {@code ttl}. Thread-safe; in-process only, so a
 * cluster needs a shared store keyed the same way: a {@link DeliveryIdStore} such as {@code aigw-redis}'s.
 */
public final class DeliveryDeduplicator implements DeliveryIdStore {
  private final int capacity;
  private final Duration ttl;
  private final Clock clock;
  private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

  /**
   * An empty store with the given bounds.
   *
   * @param capacity the most ids remembered
   * @param ttl how long an id is remembered
   * @param clock the clock
   * @throws IllegalArgumentException if {@code capacity} is below 1
   */
  public DeliveryDeduplicator(int capacity, Duration ttl, Clock clock) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.capacity = capacity;
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** 10 000 ids for 24 hours. */
  public DeliveryDeduplicator() {
    this(10_000, Duration.ofHours(24), Clock.systemUTC());
  }

  /**
   * Records {@code deliveryId}.
   *
   * @param deliveryId the delivery id; not null
   * @return {@code true} the first time an id is seen (handle it), {@code false} for a repeat
   */
  @Override
  public synchronized boolean firstDelivery(String deliveryId) {
    Objects.requireNonNull(deliveryId, "deliveryId");
    Instant now = clock.instant();
    evict(now);
    if (seen.containsKey(deliveryId)) {
      return false;
    }
    seen.put(deliveryId, now.plus(ttl));
    while (seen.size() > capacity) {
      Iterator<String> oldest = seen.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    return true;
  }

  /**
   * Forgets {@code deliveryId}, so that it counts as new again (after its handling failed).
   *
   * @param deliveryId the id to forget
   */
  @Override
  public synchronized void forget(String deliveryId) {
    seen.remove(deliveryId);
  }

  /** {@return how many ids are remembered now} */
  public synchronized int size() {
    evict(clock.instant());
    return seen.size();
  }

  private void evict(Instant now) {
    Iterator<Map.Entry<String, Instant>> it = seen.entrySet().iterator();
    while (it.hasNext()) {
      if (it.next().getValue().isBefore(now)) {
        it.remove();
      } else {
        break;
      }
    }
  }
}
