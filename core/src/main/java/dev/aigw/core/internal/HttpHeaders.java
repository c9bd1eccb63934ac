package dev.aigw.core.internal;

import dev.aigw.core.http.RateLimit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import okhttp3.Headers;

/** Reads rate-limit, {@code Retry-After} and request-id headers, tolerating what servers do. */
public final class HttpHeaders {
  private HttpHeaders() {}

  /** Request-id header names, most common first. */
  public static final List<String> REQUEST_ID_HEADERS =
      List.of("x-request-id", "request-id", "x-amzn-requestid", "x-correlation-id", "cf-ray");

  /** A reset value above this is milliseconds since the epoch. */
  private static final long EPOCH_MILLIS_THRESHOLD = 100_000_000_000L;
  /** A reset value above this (and below the millisecond threshold) is seconds since the epoch. */
  private static final long EPOCH_SECONDS_THRESHOLD = 1_000_000_000L;

  /** The rate-limit state in {@code headers}. Absent or unreadable headers are left out. */
  public static RateLimit rateLimit(Headers headers, Clock clock) {
    long limit = parseLong(headers.get("X-RateLimit-Limit"));
    long remaining = parseLong(headers.get("X-RateLimit-Remaining"));
    Instant reset = parseReset(headers.get("X-RateLimit-Reset"), clock);
    Duration retryAfter = retryAfter(headers.get("Retry-After"), clock);
    if (limit < 0 && remaining < 0 && reset == null && retryAfter == null) {
      return RateLimit.NONE;
    }
    return new RateLimit(limit, remaining, reset, retryAfter);
  }

  /**
   * A reset given as epoch seconds, epoch milliseconds, or (small numbers) seconds from now; a
   * fractional value is accepted.
   */
  public static Instant parseReset(String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return null;
    }
    double v;
    try {
      v = Double.parseDouble(value.strip());
    } catch (NumberFormatException e) {
      try {
        return ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
    if (v < 0 || Double.isNaN(v) || Double.isInfinite(v)) {
      return null;
    }
    if (v >= EPOCH_MILLIS_THRESHOLD) {
      return Instant.ofEpochMilli((long) v);
    }
    if (v >= EPOCH_SECONDS_THRESHOLD) {
      return Instant.ofEpochMilli((long) (v * 1000));
    }
    return clock.instant().plusMillis((long) (v * 1000));
  }

  /** {@code Retry-After} as delta-seconds or an HTTP date; {@code null} when absent or unreadable. */
  public static Duration retryAfter(String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    try {
      double seconds = Double.parseDouble(v);
      if (seconds < 0 || Double.isNaN(seconds) || Double.isInfinite(seconds)) {
        return null;
      }
      return Duration.ofMillis((long) (seconds * 1000));
    } catch (NumberFormatException e) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(clock.instant(), at);
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  /** The first request-id header present, or {@code null}. */
  public static String requestId(Headers headers) {
    for (String name : REQUEST_ID_HEADERS) {
      String v = headers.get(name);
      if (v != null && !v.isBlank()) {
        return v.strip();
      }
    }
    return null;
  }

  private static long parseLong(String value) {
    if (value == null || value.isBlank()) {
      return -1;
    }
    try {
      return (long) Double.parseDouble(value.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
