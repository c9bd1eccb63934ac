package dev.aigw.core.spi;

import dev.aigw.core.VendorOption;
import dev.aigw.core.error.ValidationException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Pre-send checks bound to one vendor: each failure is a {@link ValidationException} that names
 * the vendor, the field and what is accepted, thrown before anything is sent. A provider makes one
 * per vendor ({@code Checks.of("acme")}, or {@link VendorSpec#checks()}) and keeps it in a
 * constant. Immutable and thread-safe.
 */
public final class Checks {
  private final String vendor;

  private Checks(String vendor) {
    this.vendor = Objects.requireNonNull(vendor, "vendor");
  }

  /**
   * Checks that name {@code vendor} in their failures.
   *
   * @param vendor the vendor name ({@code icodeeasy})
   * @return the checks
   */
  public static Checks of(String vendor) {
    return new Checks(vendor);
  }

  /**
   * The vendor these checks name.
   *
   * @return the vendor name
   */
  public String vendor() {
    return vendor;
  }

  /**
   * A validation failure of {@code field}, to throw.
   *
   * @param field the request field, as the user knows it ({@code references})
   * @param message what is accepted, and what was given
   * @return the exception (not thrown)
   */
  public ValidationException invalid(String field, String message) {
    return new ValidationException(vendor, field, message);
  }

  /**
   * {@code value}, when present, lies in [{@code min}, {@code max}].
   *
   * @param field the field
   * @param value the value, or {@code null} when not given
   * @param min the smallest accepted value
   * @param max the largest accepted value
   * @throws ValidationException when it does not (or is NaN)
   */
  public void range(String field, Double value, double min, double max) {
    if (value != null && (value.isNaN() || value < min || value > max)) {
      throw invalid(field, "must be between " + min + " and " + max + ", was " + value);
    }
  }

  /**
   * {@code value}, when present, lies in [{@code min}, {@code max}].
   *
   * @param field the field
   * @param value the value, or {@code null} when not given
   * @param min the smallest accepted value
   * @param max the largest accepted value
   * @throws ValidationException when it does not
   */
  public void range(String field, Integer value, int min, int max) {
    if (value != null && (value < min || value > max)) {
      throw invalid(field, "must be between " + min + " and " + max + ", was " + value);
    }
  }

  /**
   * {@code value}, when present, is one of {@code accepted}.
   *
   * @param <T> the value's type
   * @param field the field
   * @param value the value, or {@code null} when not given
   * @param accepted the accepted values, in the order the message lists them
   * @throws ValidationException when it is not
   */
  public <T> void oneOf(String field, T value, Collection<T> accepted) {
    if (value != null && !accepted.contains(value)) {
      throw invalid(field, "accepts " + list(accepted) + "; was " + value);
    }
  }

  /**
   * {@code count} is at most {@code max}.
   *
   * @param field the field
   * @param count how many were given
   * @param max the most accepted
   * @throws ValidationException when there are more
   */
  public void atMost(String field, int count, int max) {
    if (count > max) {
      throw invalid(field, "accepts at most " + max + ", was given " + count);
    }
  }

  /**
   * A duration setting is present and positive.
   *
   * @param field the setting
   * @param value the duration
   * @return {@code value}
   * @throws ValidationException when it is missing, zero or negative
   */
  public Duration positive(String field, Duration value) {
    if (value == null) {
      throw invalid(field, "is required");
    }
    if (value.isZero() || value.isNegative()) {
      throw invalid(field, "must be positive, was " + value);
    }
    return value;
  }

  /**
   * {@code value} is present and not blank.
   *
   * @param field the field
   * @param value the value
   * @throws ValidationException when it is missing or blank
   */
  public void required(String field, String value) {
    if (value == null || value.isBlank()) {
      throw invalid(field, "is required (a non-blank value)");
    }
  }

  /**
   * {@code value} is at most {@code max} characters.
   *
   * @param field the field
   * @param value the value, or {@code null}
   * @param max the most characters accepted
   * @throws ValidationException when it is longer
   */
  public void maxLength(String field, String value, int max) {
    if (value != null && value.length() > max) {
      throw invalid(field, "accepts at most " + max + " characters, was " + value.length());
    }
  }

  /**
   * {@code url} is an absolute https URL a vendor can call back (plain http only for {@code
   * localhost}, {@code 127.0.0.1} and {@code ::1}, for local development).
   *
   * @param field the field
   * @param url the URL
   * @return the URL, stripped of surrounding blanks
   * @throws ValidationException when it is not such a URL
   */
  public String httpsUrl(String field, String url) {
    okhttp3.HttpUrl parsed = url == null ? null : okhttp3.HttpUrl.parse(url.strip());
    if (parsed == null || !(parsed.isHttps() || isLoopback(parsed.host()))) {
      throw invalid(field, "must be an absolute https URL (plain http only for localhost, for local development)");
    }
    return url.strip();
  }

  private static boolean isLoopback(String host) {
    return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("::1");
  }

  /**
   * A neutral field the vendor cannot express is absent (null, or an empty collection or map).
   *
   * @param field the field
   * @param value its value
   * @param instead what to use instead, or {@code null}
   * @throws ValidationException when it is present
   */
  public void unsupported(String field, Object value, String instead) {
    if (value != null && !(value instanceof Collection<?> c && c.isEmpty()) && !(value instanceof Map<?, ?> m && m.isEmpty())) {
      throw invalid(field, "is not supported by " + vendor + (instead == null ? "" : "; " + instead));
    }
  }

  /**
   * Every vendor option belongs to this vendor.
   *
   * @param options the request's vendor options
   * @throws ValidationException when one is another vendor's
   */
  public void ownOptions(List<VendorOption> options) {
    for (VendorOption option : options) {
      if (!vendor.equals(option.vendor())) {
        throw invalid("vendorOption", option.getClass().getSimpleName() + " is a " + option.vendor() + " option; "
            + vendor + " cannot honour it (only " + vendor + " options are accepted)");
      }
    }
  }

  /** The vendor name. */
  @Override
  public String toString() {
    return "Checks[" + vendor + "]";
  }

  private static String list(Collection<?> values) {
    return values.stream().map(String::valueOf).collect(Collectors.joining(", "));
  }
}
