package dev.aigw.spring.boot.autoconfigure;

import dev.aigw.core.error.AigwException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The health of one gateway: a call that costs nothing (a model list or the credit balance), its
 * result kept for a time to live so that frequent health checks do not become frequent calls. UP
 * when the gateway answers the call, DOWN (with the error's kind and message, never a key) when it
 * fails: a refused key, a server error, no connection.
 */
final class GatewayHealthIndicator implements HealthIndicator {

  /** A call that costs nothing and proves the gateway accepts the key. */
  @FunctionalInterface
  interface Probe {
    /**
     * Makes the call.
     *
     * @return details to show when it succeeds (empty for none)
     * @throws AigwException when it fails
     */
    Map<String, Object> check();
  }

  private final String gateway;
  private final String call;
  private final Probe probe;
  private final long ttlNanos;
  private final LongSupplier nanoClock;
  private Health cached;
  private long checkedAt;

  /**
   * A health indicator.
   *
   * @param gateway the gateway's name, shown in the details
   * @param call the call made, shown in the details (e.g. {@code GET /api/v1/models})
   * @param probe the call
   * @param ttl how long a result is reused (zero: every time)
   */
  GatewayHealthIndicator(String gateway, String call, Probe probe, Duration ttl) {
    this(gateway, call, probe, ttl, System::nanoTime);
  }

  GatewayHealthIndicator(String gateway, String call, Probe probe, Duration ttl, LongSupplier nanoClock) {
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.call = Objects.requireNonNull(call, "call");
    this.probe = Objects.requireNonNull(probe, "probe");
    this.ttlNanos = ttl.toNanos();
    this.nanoClock = nanoClock;
  }

  /** {@return the gateway's health, from the cache while it is fresh} */
  @Override
  public synchronized Health health() {
    long now = nanoClock.getAsLong();
    if (cached == null || now - checkedAt >= ttlNanos) {
      cached = check();
      checkedAt = now;
    }
    return cached;
  }

  private Health check() {
    try {
      return Health.up().withDetail("gateway", gateway).withDetail("call", call).withDetails(probe.check()).build();
    } catch (AigwException e) {
      return Health.down().withDetail("gateway", gateway).withDetail("call", call)
          .withDetail("error", e.getClass().getSimpleName() + ": " + e.getMessage()).build();
    }
  }

  /** The gateway and the call; never a key. */
  @Override
  public String toString() {
    return "GatewayHealthIndicator[" + gateway + ", " + call + "]";
  }
}
