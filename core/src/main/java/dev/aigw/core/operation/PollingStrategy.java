package dev.aigw.core.operation;

import java.time.Duration;

/**
 * How an {@link Operation} polls: the first interval, how it grows, its cap, how many failed polls
 * in a row are tolerated, and how long a wait lasts when the caller gives no timeout. A {@code
 * Retry-After} from the server replaces the computed interval.
 *
 * @param initialInterval wait before the first poll of a new task
 * @param multiplier growth of the interval after each poll (1 keeps it fixed)
 * @param maxInterval cap on the interval
 * @param maxConsecutiveFailures transient poll failures tolerated in a row before giving up
 * @param defaultTimeout how long {@link Operation#waitForCompletion()} and {@link
 *     Operation#resultAsync()} wait
 */
public record PollingStrategy(
    Duration initialInterval,
    double multiplier,
    Duration maxInterval,
    int maxConsecutiveFailures,
    Duration defaultTimeout) {

  /** 1 s, growing by half each poll up to 10 s; 5 failures in a row; waits of 10 minutes. */
  public static final PollingStrategy DEFAULT =
      new PollingStrategy(Duration.ofSeconds(1), 1.5, Duration.ofSeconds(10), 5, Duration.ofMinutes(10));

  /**
   * Checks the values.
   *
   * @param initialInterval not negative
   * @param multiplier 1 or more, finite
   * @param maxInterval not negative
   * @param maxConsecutiveFailures 0 or more
   * @param defaultTimeout positive
   * @throws IllegalArgumentException if a value is out of range
   */
  public PollingStrategy {
    if (initialInterval.isNegative() || maxInterval.isNegative()
        || !(multiplier >= 1.0) || Double.isInfinite(multiplier)
        || maxConsecutiveFailures < 0 || defaultTimeout.isNegative() || defaultTimeout.isZero()) {
      throw new IllegalArgumentException("invalid polling strategy");
    }
  }

  /**
   * A fixed interval, for tests and fakes.
   *
   * @param interval the wait between polls
   * @param timeout the default wait for the result
   * @return a strategy that never grows its interval and tolerates 5 failed polls in a row
   */
  public static PollingStrategy fixed(Duration interval, Duration timeout) {
    return new PollingStrategy(interval, 1.0, interval, 5, timeout);
  }

  /**
   * The same strategy with another default timeout.
   *
   * @param timeout a positive duration
   * @return a new strategy
   */
  public PollingStrategy withDefaultTimeout(Duration timeout) {
    return new PollingStrategy(initialInterval, multiplier, maxInterval, maxConsecutiveFailures, timeout);
  }

  /**
   * The interval after {@code current}.
   *
   * @param current the interval just waited
   * @return {@code current} times the multiplier, at least 1 ms and at most the cap
   */
  public Duration next(Duration current) {
    long nextMillis = (long) Math.ceil(current.toMillis() * multiplier);
    return Duration.ofMillis(Math.min(Math.max(nextMillis, 1), maxInterval.toMillis()));
  }
}
