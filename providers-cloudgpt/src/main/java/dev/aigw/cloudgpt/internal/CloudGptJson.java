package dev.aigw.cloudgpt.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reads the values of CloudGPT's JSON answers, tolerating what servers do. */
public final class CloudGptJson {
  private CloudGptJson() {}

  /** A value above this is milliseconds since the epoch, not seconds. */
  private static final double EPOCH_MILLIS_THRESHOLD = 100_000_000_000d;

  /**
   * A time given as Unix seconds (as documented: {@code 1234567890}), Unix milliseconds, or an
   * ISO-8601 string; {@code null} when absent or unreadable.
   */
  public static Instant time(Object value) {
    if (value instanceof Number n) {
      double v = n.doubleValue();
      if (Double.isNaN(v) || Double.isInfinite(v) || v < 0) {
        return null;
      }
      return v >= EPOCH_MILLIS_THRESHOLD ? Instant.ofEpochMilli((long) v) : Instant.ofEpochMilli((long) (v * 1000));
    }
    if (value instanceof String s && !s.isBlank()) {
      try {
        return time(Double.parseDouble(s.strip()));
      } catch (NumberFormatException e) {
        try {
          return Instant.parse(s.strip());
        } catch (DateTimeParseException e2) {
          return null;
        }
      }
    }
    return null;
  }

  /** A string value, or {@code null} (numbers become text without a trailing {@code .0}). */
  public static String text(Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
      return String.valueOf(d.longValue());
    }
    return value == null ? null : String.valueOf(value);
  }
}
