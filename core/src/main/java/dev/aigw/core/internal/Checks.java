package dev.aigw.core.internal;

import dev.aigw.core.VendorOption;
import dev.aigw.core.error.ValidationException;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** Pre-send checks that name the vendor, the field and what is accepted. */
public final class Checks {
  private Checks() {}

  /** {@code value}, when present, lies in [{@code min}, {@code max}]. */
  public static void range(String vendor, String field, Double value, double min, double max) {
    if (value != null && (value.isNaN() || value < min || value > max)) {
      throw new ValidationException(vendor, field, "must be between " + min + " and " + max + ", was " + value);
    }
  }

  /** {@code value}, when present, lies in [{@code min}, {@code max}]. */
  public static void range(String vendor, String field, Integer value, int min, int max) {
    if (value != null && (value < min || value > max)) {
      throw new ValidationException(vendor, field, "must be between " + min + " and " + max + ", was " + value);
    }
  }

  /** {@code value}, when present, is one of {@code accepted}. */
  public static <T> void oneOf(String vendor, String field, T value, Collection<T> accepted) {
    if (value != null && !accepted.contains(value)) {
      throw new ValidationException(vendor, field, "accepts " + list(accepted) + "; was " + value);
    }
  }

  /** {@code count} is at most {@code max}. */
  public static void atMost(String vendor, String field, int count, int max) {
    if (count > max) {
      throw new ValidationException(vendor, field, "accepts at most " + max + ", was given " + count);
    }
  }

  /**
   * A duration setting is present and positive.
   *
   * @return {@code value}
   */
  public static java.time.Duration positive(String vendor, String field, java.time.Duration value) {
    if (value == null) {
      throw new ValidationException(vendor, field, "is required");
    }
    if (value.isZero() || value.isNegative()) {
      throw new ValidationException(vendor, field, "must be positive, was " + value);
    }
    return value;
  }

  /** {@code value} is present and not blank. */
  public static void required(String vendor, String field, String value) {
    if (value == null || value.isBlank()) {
      throw new ValidationException(vendor, field, "is required (a non-blank value)");
    }
  }

  /** {@code value} is at most {@code max} characters. */
  public static void maxLength(String vendor, String field, String value, int max) {
    if (value != null && value.length() > max) {
      throw new ValidationException(vendor, field, "accepts at most " + max + " characters, was " + value.length());
    }
  }

  /**
   * {@code url} is an absolute https URL a vendor can call back (plain http only for {@code
   * localhost}, {@code 127.0.0.1} and {@code ::1}, for local development).
   *
   * @return the URL, stripped of surrounding blanks
   */
  public static String httpsUrl(String vendor, String field, String url) {
    okhttp3.HttpUrl parsed = url == null ? null : okhttp3.HttpUrl.parse(url.strip());
    if (parsed == null || !(parsed.isHttps() || isLoopback(parsed.host()))) {
      throw new ValidationException(vendor, field,
          "must be an absolute https URL (plain http only for localhost, for local development)");
    }
    return url.strip();
  }

  private static boolean isLoopback(String host) {
    return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("::1");
  }

  /** A neutral field the vendor cannot express is absent. */
  public static void unsupported(String vendor, String field, Object value, String instead) {
    if (value != null && !(value instanceof Collection<?> c && c.isEmpty())
        && !(value instanceof java.util.Map<?, ?> m && m.isEmpty())) {
      throw new ValidationException(vendor, field, "is not supported by " + vendor + (instead == null ? "" : "; " + instead));
    }
  }

  /** Every vendor option belongs to {@code vendor}. */
  public static void ownOptions(String vendor, List<VendorOption> options) {
    for (VendorOption option : options) {
      if (!vendor.equals(option.vendor())) {
        throw new ValidationException(vendor, "vendorOption",
            option.getClass().getSimpleName() + " is a " + option.vendor() + " option; " + vendor
                + " cannot honour it (only " + vendor + " options are accepted)");
      }
    }
  }

  /**
   * An immutable copy of extra body fields that keeps their order; a null name or value is refused
   * (leave the field out instead).
   */
  public static java.util.Map<String, Object> extraBody(java.util.Map<String, Object> extra) {
    if (extra == null || extra.isEmpty()) {
      return java.util.Map.of();
    }
    java.util.Map<String, Object> copy = new java.util.LinkedHashMap<>();
    for (java.util.Map.Entry<String, Object> e : extra.entrySet()) {
      if (e.getKey() == null || e.getKey().isBlank()) {
        throw new ValidationException(null, "extraBody", "field names must not be blank");
      }
      if (e.getValue() == null) {
        throw new ValidationException(null, "extraBody",
            "the value of '" + e.getKey() + "' is null; leave the field out instead");
      }
      copy.put(e.getKey(), e.getValue());
    }
    return java.util.Collections.unmodifiableMap(copy);
  }

  private static String list(Collection<?> values) {
    return values.stream().map(String::valueOf).collect(Collectors.joining(", "));
  }
}
