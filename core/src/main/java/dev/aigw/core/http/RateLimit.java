package dev.aigw.core.http;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Rate-limit state a gateway reported with an answer ({@code X-RateLimit-Limit}, {@code
 * -Remaining}, {@code -Reset}, {@code Retry-After}). Each part is absent when its header was.
 *
 * @param limit requests allowed in the window, or -1
 * @param remaining requests left in the window, or -1
 * @param reset when the window resets, or {@code null}
 * @param retryAfter how long the server asked callers to wait, or {@code null}
 */
public record RateLimit(long limit, long remaining, Instant reset, Duration retryAfter) {

  /** No rate-limit headers at all. */
  public static final RateLimit NONE = new RateLimit(-1, -1, null, null);

  /** {@return requests allowed in the window, when reported} */
  public OptionalLong limitValue() {
    return limit < 0 ? OptionalLong.empty() : OptionalLong.of(limit);
  }

  /** {@return requests left in the window, when reported} */
  public OptionalLong remainingValue() {
    return remaining < 0 ? OptionalLong.empty() : OptionalLong.of(remaining);
  }

  /** {@return when the window resets, when reported} */
  public Optional<Instant> resetTime() {
    return Optional.ofNullable(reset);
  }

  /** {@return whether no header was present} */
  public boolean isEmpty() {
    return limit < 0 && remaining < 0 && reset == null && retryAfter == null;
  }
}
