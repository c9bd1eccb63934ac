package dev.aigw.core.http;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How failed calls are retried: how many times, and how long to wait. Whether a failure may be
 * retried at all is the endpoint's {@link RetrySafety}. A {@code Retry-After} from the server
 * replaces the computed wait (capped at {@link #maxRetryAfter()}).
 *
 * @param maxRetries retries after the first attempt (0 disables retries)
 * @param initialBackoff wait before the first retry
 * @param maxBackoff cap on the computed wait
 * @param maxRetryAfter the longest wait for a rate limit honoured (a {@code Retry-After}, or the
 *     window's reset when a 429 carries no {@code Retry-After}); a longer one ends the call at once
 *     with the {@link dev.aigw.core.error.RateLimitException}, whose {@code retryAfter()} says how
 *     long the server asked to wait
 */
public record RetryPolicy(
    int maxRetries, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

  /** Two retries, 0.5 s doubling to 8 s with jitter, {@code Retry-After} up to 60 s. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(2, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(60));

  /** Never retry. */
  public static final RetryPolicy NONE = DEFAULT.withMaxRetries(0);

  /**
   * Checks the values.
   *
   * @param maxRetries 0 or more
   * @param initialBackoff not negative
   * @param maxBackoff not negative
   * @param maxRetryAfter not negative
   * @throws IllegalArgumentException if a count or duration is negative
   */
  public RetryPolicy {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be 0 or more");
    }
    if (initialBackoff.isNegative() || maxBackoff.isNegative() || maxRetryAfter.isNegative()) {
      throw new IllegalArgumentException("durations must not be negative");
    }
  }

  /**
   * The same policy with another retry count.
   *
   * @param retries 0 or more
   * @return a new policy
   * @throws IllegalArgumentException if {@code retries} is negative
   */
  public RetryPolicy withMaxRetries(int retries) {
    return new RetryPolicy(retries, initialBackoff, maxBackoff, maxRetryAfter);
  }

  /**
   * The same policy with another longest rate-limit wait.
   *
   * @param max the longest {@code Retry-After} (or reset) waited for; {@link Duration#ZERO} never
   *     waits for a rate limit
   * @return the policy
   */
  public RetryPolicy withMaxRetryAfter(Duration max) {
    return new RetryPolicy(maxRetries, initialBackoff, maxBackoff, java.util.Objects.requireNonNull(max, "max"));
  }

  /**
   * The same policy with other backoff bounds.
   *
   * @param initial the wait before the first retry
   * @param max the cap on the computed wait
   * @return a new policy
   * @throws IllegalArgumentException if a duration is negative
   */
  public RetryPolicy withBackoff(Duration initial, Duration max) {
    return new RetryPolicy(maxRetries, initial, max, maxRetryAfter);
  }

  /**
   * The wait before retry number {@code retry} (1-based): exponential, capped, with "equal
   * jitter" (between half and all of the computed value), or the server's {@code Retry-After}.
   *
   * @param retry the retry about to be made: 1 for the first
   * @param retryAfter what the server asked for, or {@code null}; a negative one counts as zero
   * @return how long to wait
   */
  public Duration delayBefore(int retry, Duration retryAfter) {
    if (retryAfter != null) {
      return retryAfter.isNegative() ? Duration.ZERO : retryAfter;
    }
    long base = initialBackoff.toMillis();
    long cap = maxBackoff.toMillis();
    long exp = base << Math.min(retry - 1, 20);
    long capped = Math.min(cap, exp < 0 ? cap : exp);
    long half = capped / 2;
    long jitter = half == 0 ? 0 : ThreadLocalRandom.current().nextLong(half + 1);
    return Duration.ofMillis(capped - half + jitter);
  }
}
