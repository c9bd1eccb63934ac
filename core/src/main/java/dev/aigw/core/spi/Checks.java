package dev.aigw.core.spi;

import dev.aigw.core.VendorOption;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.media.ImageFormat;
import dev.aigw.core.media.MediaInput;
import dev.aigw.core.profile.CheckResult;
import dev.aigw.core.profile.ModelCatalog;
import dev.aigw.core.profile.Refusal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Pre-send checks bound to one vendor: each failure is a {@link ValidationException} that names
 * the vendor, the field and what is accepted, thrown before anything is sent. A provider makes one
 * per vendor ({@code Checks.of("acme")}, or {@link VendorSpec#checks()}) and keeps it in a
 * constant; such checks are immutable and thread-safe.
 *
 * <p>The same checks also run in a <em>collecting</em> mode ({@link #collecting()}), which is how
 * {@link dev.aigw.core.AiClient#check AiClient.check(request)} shares the client's own code path:
 * a failure is recorded instead of thrown ({@link #reject}) and the provider's validation goes on,
 * so that every reason is found; a rule that needs I/O is recorded as {@link #defer deferred}
 * instead of run. A provider writes its validation once against a {@code Checks} parameter and
 * never throws a validation failure itself. A collecting instance belongs to one check on one
 * thread.
 */
public final class Checks {
  private final String vendor;
  private final List<Refusal> refusals;
  private final List<String> deferred;

  private Checks(String vendor, boolean collecting) {
    this.vendor = Objects.requireNonNull(vendor, "vendor");
    this.refusals = collecting ? new ArrayList<>() : null;
    this.deferred = collecting ? new ArrayList<>() : null;
  }

  /**
   * Checks that name {@code vendor} in their failures.
   *
   * @param vendor the vendor name ({@code icodeeasy})
   * @return the checks
   */
  public static Checks of(String vendor) {
    return new Checks(vendor, false);
  }

  /**
   * Checks for the same vendor that record failures instead of throwing them.
   *
   * @return a new collecting instance (for one check, on one thread)
   */
  public Checks collecting() {
    return new Checks(vendor, true);
  }

  /**
   * Whether failures are recorded rather than thrown.
   *
   * @return {@code true} for a {@link #collecting()} instance
   */
  public boolean isCollecting() {
    return refusals != null;
  }

  /**
   * A failure of {@code field}: thrown at once, or recorded when collecting (the caller then goes on
   * with the rest of its checks).
   *
   * @param field the request field, as the user knows it
   * @param message what is accepted, and what was given
   * @throws ValidationException unless collecting
   */
  public void reject(String field, String message) {
    if (refusals == null) {
      throw invalid(field, message);
    }
    refusals.add(new Refusal(vendor, field, message));
  }

  /**
   * Records a rule that needs I/O and is applied only when the request is sent (a no-op unless
   * collecting).
   *
   * @param rule the rule, in words ({@code "the reference count is checked against the model's
   *     reference_image_limit, read from GET /api/v1/models"})
   */
  public void defer(String rule) {
    if (deferred != null && !deferred.contains(rule)) {
      deferred.add(rule);
    }
  }

  /**
   * Runs {@code check}, which may throw a {@link ValidationException} of its own (a check in
   * another class): thrown on, or recorded when collecting.
   *
   * @param check the check
   * @return whether it passed
   */
  public boolean attempt(Runnable check) {
    try {
      check.run();
      return true;
    } catch (ValidationException e) {
      if (refusals == null) {
        throw e;
      }
      refusals.add(Refusal.of(e));
      return false;
    }
  }

  /**
   * What a collecting check found.
   *
   * @return every refusal and deferred rule, in order
   * @throws IllegalStateException unless collecting
   */
  public CheckResult result() {
    if (refusals == null) {
      throw new IllegalStateException("only collecting checks have a result");
    }
    return new CheckResult(vendor, refusals, deferred);
  }

  /**
   * Whether a collecting check has recorded a refusal (always {@code false} otherwise).
   *
   * @return {@code true} after a recorded refusal
   */
  public boolean refusedAny() {
    return refusals != null && !refusals.isEmpty();
  }

  /**
   * A local image ({@link MediaInput#requireImage}) is one of {@code accepted} and at most {@code
   * maxBytes}; a remote URL passes.
   *
   * @param field the field
   * @param image the image
   * @param accepted the accepted formats
   * @param maxBytes the largest accepted size
   * @return the format, or {@code null} for a URL or when a collecting check recorded a refusal
   * @throws ValidationException unless collecting
   */
  public ImageFormat image(String field, MediaInput image, Set<ImageFormat> accepted, long maxBytes) {
    ImageFormat[] format = new ImageFormat[1];
    attempt(() -> format[0] = image.requireImage(vendor, field, accepted, maxBytes));
    return format[0];
  }

  /**
   * The model a request gets: the catalogue's default when it names none, else the listed form of
   * the one it names. A model the catalogue does not list is refused, naming the ones it does —
   * unless the catalogue is incomplete, when it is returned as given for the caller to look up.
   *
   * @param catalog the models offered for the request's modality
   * @param requested the request's model, or {@code null}
   * @return the model to send; {@code requested} when it is unknown to an incomplete catalogue or a
   *     collecting check refused it
   * @throws ValidationException unless collecting
   */
  public String model(ModelCatalog catalog, String requested) {
    if (requested == null) {
      return catalog.defaultModel();
    }
    String listed = catalog.find(requested).orElse(null);
    if (listed != null) {
      return listed;
    }
    if (catalog.complete()) {
      reject("model", vendor + " offers these " + catalog.modality().name().toLowerCase(java.util.Locale.ROOT)
          + " models: " + catalog.listed() + "; was " + requested);
    }
    return requested;
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
      reject(field, "must be between " + min + " and " + max + ", was " + value);
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
      reject(field, "must be between " + min + " and " + max + ", was " + value);
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
      reject(field, "accepts " + list(accepted) + "; was " + value);
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
      reject(field, "accepts at most " + max + ", was given " + count);
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
      reject(field, "is required (a non-blank value)");
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
      reject(field, "accepts at most " + max + " characters, was " + value.length());
    }
  }

  /**
   * {@code url} is an absolute https URL a vendor can call back (plain http only for {@code
   * localhost}, {@code 127.0.0.1} and {@code ::1}, for local development).
   *
   * @param field the field
   * @param url the URL
   * @return the URL, stripped of surrounding blanks ({@code null} when a collecting check refused it)
   * @throws ValidationException when it is not such a URL (unless collecting)
   */
  public String httpsUrl(String field, String url) {
    okhttp3.HttpUrl parsed = url == null ? null : okhttp3.HttpUrl.parse(url.strip());
    if (parsed == null || !(parsed.isHttps() || isLoopback(parsed.host()))) {
      reject(field, "must be an absolute https URL (plain http only for localhost, for local development)");
      return null;
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
      reject(field, "is not supported by " + vendor + (instead == null ? "" : "; " + instead));
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
        reject("vendorOption", option.getClass().getSimpleName() + " is a " + option.vendor() + " option; "
            + vendor + " cannot honour it (only " + vendor + " options are accepted)");
      }
    }
  }

  /** The vendor name (and the mode, when collecting). */
  @Override
  public String toString() {
    return "Checks[" + vendor + (isCollecting() ? ", collecting" : "") + "]";
  }

  private static String list(Collection<?> values) {
    return values.stream().map(String::valueOf).collect(Collectors.joining(", "));
  }
}
