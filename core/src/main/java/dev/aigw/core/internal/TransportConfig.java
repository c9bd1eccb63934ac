package dev.aigw.core.internal;

import dev.aigw.core.Secret;
import dev.aigw.core.http.RetryPolicy;
import dev.aigw.core.spi.ErrorMapping;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Everything a {@link Transport} needs.
 *
 * @param vendor vendor name, used in messages, logs and the {@code User-Agent}
 * @param baseUrl the gateway's base URL (it may carry a path prefix)
 * @param apiKey the key, or {@code null} for anonymous calls
 * @param retryPolicy how many retries and how long between them
 * @param errorMapping how error answers become exceptions
 * @param idempotencyHeader the header the vendor honours for idempotency keys, or {@code null}
 *     when it honours none (the key is then only logged)
 * @param requestTimeout default time allowed for a whole call
 * @param streamIdleTimeout longest silence tolerated inside a stream
 * @param maxConcurrentRequests the most calls in flight at once (0: no limit)
 * @param httpClient the OkHttp client to derive from (its pool and dispatcher are shared)
 * @param clock the clock for {@code Retry-After} dates and rate-limit resets
 * @param callTimeout the most one logical call may take, every attempt, backoff, {@code
 *     Retry-After} wait and wait for a request slot included, or {@code null} for no such bound
 */
public record TransportConfig(
    String vendor,
    HttpUrl baseUrl,
    Secret apiKey,
    RetryPolicy retryPolicy,
    ErrorMapping errorMapping,
    String idempotencyHeader,
    Duration requestTimeout,
    Duration streamIdleTimeout,
    int maxConcurrentRequests,
    OkHttpClient httpClient,
    Clock clock,
    Duration callTimeout) {

  /** Checks required values. */
  public TransportConfig {
    Objects.requireNonNull(vendor, "vendor");
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(retryPolicy, "retryPolicy");
    Objects.requireNonNull(errorMapping, "errorMapping");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(streamIdleTimeout, "streamIdleTimeout");
    if (httpClient == null) {
      httpClient = SharedResources.httpClient();
    }
    if (clock == null) {
      clock = Clock.systemUTC();
    }
    if (callTimeout != null && (callTimeout.isNegative() || callTimeout.isZero())) {
      throw new IllegalArgumentException("callTimeout must be positive, was " + callTimeout);
    }
  }

  /** A config without a call timeout. */
  public TransportConfig(String vendor, HttpUrl baseUrl, Secret apiKey, RetryPolicy retryPolicy,
      ErrorMapping errorMapping, String idempotencyHeader, Duration requestTimeout, Duration streamIdleTimeout,
      int maxConcurrentRequests, OkHttpClient httpClient, Clock clock) {
    this(vendor, baseUrl, apiKey, retryPolicy, errorMapping, idempotencyHeader, requestTimeout, streamIdleTimeout,
        maxConcurrentRequests, httpClient, clock, null);
  }

  /** A config with defaults for everything but the vendor, URL and key (for tests and tools). */
  public static TransportConfig of(String vendor, HttpUrl baseUrl, Secret apiKey) {
    return new TransportConfig(vendor, baseUrl, apiKey, RetryPolicy.DEFAULT, ErrorMapping.STANDARD, null,
        Duration.ofMinutes(2), Duration.ofMinutes(2), 0, null, null, null);
  }

  /** The same config with another retry policy. */
  public TransportConfig withRetryPolicy(RetryPolicy policy) {
    return new TransportConfig(vendor, baseUrl, apiKey, policy, errorMapping, idempotencyHeader, requestTimeout,
        streamIdleTimeout, maxConcurrentRequests, httpClient, clock, callTimeout);
  }

  /** The same config with another error mapping and idempotency header. */
  public TransportConfig withErrors(ErrorMapping mapping, String idempotencyHeaderName) {
    return new TransportConfig(vendor, baseUrl, apiKey, retryPolicy, mapping, idempotencyHeaderName, requestTimeout,
        streamIdleTimeout, maxConcurrentRequests, httpClient, clock, callTimeout);
  }

  /** The same config with another concurrency limit. */
  public TransportConfig withMaxConcurrentRequests(int max) {
    return new TransportConfig(vendor, baseUrl, apiKey, retryPolicy, errorMapping, idempotencyHeader, requestTimeout,
        streamIdleTimeout, max, httpClient, clock, callTimeout);
  }

  /** The same config with another OkHttp client. */
  public TransportConfig withHttpClient(OkHttpClient client) {
    return new TransportConfig(vendor, baseUrl, apiKey, retryPolicy, errorMapping, idempotencyHeader, requestTimeout,
        streamIdleTimeout, maxConcurrentRequests, client, clock, callTimeout);
  }

  /** The same config with other timeouts. */
  public TransportConfig withTimeouts(Duration request, Duration streamIdle) {
    return new TransportConfig(vendor, baseUrl, apiKey, retryPolicy, errorMapping, idempotencyHeader, request,
        streamIdle, maxConcurrentRequests, httpClient, clock, callTimeout);
  }

  /** The same config with another call timeout ({@code null}: none). */
  public TransportConfig withCallTimeout(Duration timeout) {
    return new TransportConfig(vendor, baseUrl, apiKey, retryPolicy, errorMapping, idempotencyHeader, requestTimeout,
        streamIdleTimeout, maxConcurrentRequests, httpClient, clock, timeout);
  }

  /** Never shows the key. */
  @Override
  public String toString() {
    return "TransportConfig[vendor=" + vendor + ", baseUrl=" + baseUrl + ", apiKey="
        + (apiKey == null ? "none" : apiKey) + ", retryPolicy=" + retryPolicy + "]";
  }
}
