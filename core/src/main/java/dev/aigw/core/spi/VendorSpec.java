package dev.aigw.core.spi;

import dev.aigw.core.operation.PollingStrategy;
import java.time.Duration;
import java.util.Objects;

/**
 * The facts a provider declares about its vendor: name, documented base URL, key prefix, env
 * names, error mapping, idempotency header, timeouts, and concurrency limit.
 *
 * @param name vendor name ({@code cheapsub})
 * @param envPrefix prefix of the environment variables ({@code CHEAPSUB})
 * @param defaultBaseUrl the documented base URL, or {@code null} when the vendor has none
 * @param keyPrefix what every key starts with ({@code csk_})
 * @param allowsAnonymous whether calls without a key are possible
 * @param errorMapping how the vendor's errors map to exceptions
 * @param idempotencyHeader the header the vendor honours for idempotency, or {@code null}
 * @param requestTimeout default time for an ordinary call
 * @param streamIdleTimeout longest silence inside a stream
 * @param polling default polling of operations
 * @param maxConcurrentRequests the most calls in flight per key by default (0: no limit)
 * @param failedTasksRefunded whether the vendor documents that a task (an image or video
 *     generation) that fails is not charged or is refunded; a failover router moves a task that
 *     failed to the next gateway only then
 */
public record VendorSpec(
    String name,
    String envPrefix,
    String defaultBaseUrl,
    String keyPrefix,
    boolean allowsAnonymous,
    ErrorMapping errorMapping,
    String idempotencyHeader,
    Duration requestTimeout,
    Duration streamIdleTimeout,
    PollingStrategy polling,
    int maxConcurrentRequests,
    boolean failedTasksRefunded) {

  /** Checks required values. */
  public VendorSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(envPrefix, "envPrefix");
    Objects.requireNonNull(keyPrefix, "keyPrefix");
    if (errorMapping == null) {
      errorMapping = ErrorMapping.STANDARD;
    }
    if (requestTimeout == null) {
      requestTimeout = Duration.ofMinutes(2);
    }
    if (streamIdleTimeout == null) {
      streamIdleTimeout = Duration.ofMinutes(2);
    }
    if (polling == null) {
      polling = PollingStrategy.DEFAULT;
    }
  }

  /** A spec with defaults; refine it with the {@code with…} methods. */
  public static VendorSpec of(String name, String envPrefix, String defaultBaseUrl, String keyPrefix) {
    return new VendorSpec(name, envPrefix, defaultBaseUrl, keyPrefix, false, null, null, null, null, null, 0, false);
  }

  /** With an error mapping. */
  public VendorSpec withErrorMapping(ErrorMapping mapping) {
    return new VendorSpec(name, envPrefix, defaultBaseUrl, keyPrefix, allowsAnonymous, mapping, idempotencyHeader,
        requestTimeout, streamIdleTimeout, polling, maxConcurrentRequests, failedTasksRefunded);
  }

  /** With the header the vendor honours for idempotency keys. */
  public VendorSpec withIdempotencyHeader(String header) {
    return new VendorSpec(name, envPrefix, defaultBaseUrl, keyPrefix, allowsAnonymous, errorMapping, header,
        requestTimeout, streamIdleTimeout, polling, maxConcurrentRequests, failedTasksRefunded);
  }

  /** With anonymous calls allowed (on explicit request only). */
  public VendorSpec withAnonymousAllowed() {
    return new VendorSpec(name, envPrefix, defaultBaseUrl, keyPrefix, true, errorMapping, idempotencyHeader,
        requestTimeout, streamIdleTimeout, polling, maxConcurrentRequests, failedTasksRefunded);
  }

  /** With a default polling strategy. */
  public VendorSpec withPolling(PollingStrategy strategy) {
    return new VendorSpec(name, envPrefix, defaultBaseUrl, keyPrefix, allowsAnonymous, errorMapping, idempotencyHeader,
        requestTimeout, streamIdleTimeout, strategy, maxConcurrentRequests, failedTasksRefunded);
  }

  /** With a default concurrency limit per key. */
  public VendorSpec withMaxConcurrentRequests(int max) {
    return new VendorSpec(name, envPrefix, defaultBaseUrl, keyPrefix, allowsAnonymous, errorMapping, idempotencyHeader,
        requestTimeout, streamIdleTimeout, polling, max, failedTasksRefunded);
  }

  /**
   * With failed tasks documented as not charged (or refunded).
   *
   * @return the spec
   */
  public VendorSpec withFailedTasksRefunded() {
    return new VendorSpec(name, envPrefix, defaultBaseUrl, keyPrefix, allowsAnonymous, errorMapping, idempotencyHeader,
        requestTimeout, streamIdleTimeout, polling, maxConcurrentRequests, true);
  }

  /**
   * Pre-send checks that name this vendor.
   *
   * @return the checks
   */
  public Checks checks() {
    return Checks.of(name);
  }

  /** The API key variable, {@code <PREFIX>_API_KEY}. */
  public String apiKeyVariable() {
    return envPrefix + "_API_KEY";
  }

  /** The base URL variable, {@code <PREFIX>_BASE_URL}. */
  public String baseUrlVariable() {
    return envPrefix + "_BASE_URL";
  }
}
