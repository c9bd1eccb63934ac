package dev.aigw.core.http;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An answer with its HTTP details, from a service's {@code withRawResponse()} view.
 *
 * @param <T> the parsed body
 * @param status HTTP status
 * @param headers response headers (names in lower case), never containing credentials we sent
 * @param requestId the server's request id, or {@code null}
 * @param rateLimit the rate-limit headers (maybe {@link RateLimit#NONE})
 * @param attempts how many attempts the call took (1 when it was not retried)
 * @param elapsed time from the first attempt to the parsed answer
 * @param body the parsed body
 */
public record RawResponse<T>(
    int status,
    Map<String, List<String>> headers,
    String requestId,
    RateLimit rateLimit,
    int attempts,
    Duration elapsed,
    T body) {

  /**
   * Copies the header map.
   *
   * @param status HTTP status
   * @param headers response headers (names in lower case)
   * @param requestId the server's request id, or {@code null}
   * @param rateLimit the rate-limit headers
   * @param attempts how many attempts the call took
   * @param elapsed time from the first attempt to the parsed answer
   * @param body the parsed body
   */
  public RawResponse {
    headers = Map.copyOf(headers);
  }

  /**
   * The first value of header {@code name} (any case), or {@code null}.
   *
   * @param name the header name, in any case
   * @return its first value, or {@code null} when absent
   */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /**
   * The same metadata with another body.
   *
   * @param <R> the new body's type
   * @param newBody the body to carry
   * @return a response with this one's status, headers and timings
   */
  public <R> RawResponse<R> withBody(R newBody) {
    return new RawResponse<>(status, headers, requestId, rateLimit, attempts, elapsed, newBody);
  }
}
