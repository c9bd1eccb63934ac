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

  /**
   * Checks required values and fills the defaults of the others.
   *
   * @param name vendor name
   * @param envPrefix prefix of the environment variables
   * @param defaultBaseUrl the documented base URL, or {@code null}
   * @param keyPrefix what every key starts with
   * @param allowsAnonymous whether calls without a key are possible
   * @param errorMapping how errors map to exceptions; {@code null} for {@link ErrorMapping#STANDARD}
   * @param idempotencyHeader the idempotency header, or {@code null} for none
   * @param requestTimeout default time for an ordinary call; {@code null} for 2 minutes
   * @param streamIdleTimeout longest silence inside a stream; {@code null} for 2 minutes
   * @param polling default polling of operations; {@code null} for {@link PollingStrategy#DEFAULT}
   * @param maxConcurrentRequests the most calls in flight per key by default (0: no limit)
   * @param failedTasksRefunded whether the vendor documents that a failed task is refunded
   * @throws NullPointerException when {@code name}, {@code envPrefix} or {@code keyPrefix} is null
   */
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

  /**
   * A spec with defaults; refine it with the {@code with…} methods.
   *
   * @param name vendor name ({@code cheapsub})
   * @param envPrefix prefix of the environment variables ({@code CHEAPSUB})
   * @param defaultBaseUrl the documented base URL, or {@code null} when the vendor has none
   * @param keyPrefix what every key starts with ({@code csk_})
   * @return a spec with no anonymous calls, the standard error mapping, no idempotency header,
   *     2-minute timeouts, the default polling and no concurrency limit
   */
  public static VendorSpec of(String name, String envPrefix, String defaultBaseUrl, String keyPrefix) {
    return new VendorSpec(name, envPrefix, defaultBaseUrl, keyPrefix, false, null, null, null, null, null, 0, false);
  }

  /**
   * With an error mapping.
   *
   * @param mapping the vendor's error table; {@code null} for {@link ErrorMapping#STANDARD}
   * @return a copy of this spec with that mapping
   */
  public VendorSpec withErrorMapping(ErrorMapping mapping) {
    return new VendorSpec(name, envPrefix, defaultBaseUrl, keyPrefix, allowsAnonymous, mapping, idempotencyHeader,
        requestTimeout, streamIdleTimeout, polling, maxConcurrentRequests, failedTasksRefunded);
  }

  /**
   * With the header the vendor honours for idempotency keys.
   *
   * @param header the header's name ({@code Idempotency-Key}), or {@code null} for none
   * @return a copy of this spec with that header
   */
  public VendorSpec withIdempotencyHeader(String header) {
    return new VendorSpec(name, envPrefix, defaultBaseUrl, keyPrefix, allowsAnonymous, errorMapping, header,
        requestTimeout, streamIdleTimeout, polling, maxConcurrentRequests, failedTasksRefunded);
  }

  /**
   * With anonymous calls allowed (on explicit request only).
   *
   * @return a copy of this spec that allows calls without a key
   */
  public VendorSpec withAnonymousAllowed() {
    return new VendorSpec(name, envPrefix, defaultBaseUrl, keyPrefix, true, errorMapping, idempotencyHeader,
        requestTimeout, streamIdleTimeout, polling, maxConcurrentRequests, failedTasksRefunded);
  }

  /**
   * With a default polling strategy.
   *
   * @param strategy how operations are polled; {@code null} for {@link PollingStrategy#DEFAULT}
   * @return a copy of this spec with that strategy
   */
  public VendorSpec withPolling(PollingStrategy strategy) {
    return new VendorSpec(name, envPrefix, defaultBaseUrl, keyPrefix, allowsAnonymous, errorMapping, idempotencyHeader,
        requestTimeout, streamIdleTimeout, strategy, maxConcurrentRequests, failedTasksRefunded);
  }

  /**
   * With a default concurrency limit per key.
   *
   * @param max the most calls in flight per key (0: no limit)
   * @return a copy of this spec with that limit
   */
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

  /**
   * The API key variable, {@code <PREFIX>_API_KEY}.
   *
   * @return the variable's name ({@code CHEAPSUB_API_KEY})
   */
  public String apiKeyVariable() {
    return envPrefix + "_API_KEY";
  }

  /**
   * The base URL variable, {@code <PREFIX>_BASE_URL}.
   *
   * @return the variable's name ({@code CHEAPSUB_BASE_URL})
   */
  public String baseUrlVariable() {
    return envPrefix + "_BASE_URL";
  }
}
