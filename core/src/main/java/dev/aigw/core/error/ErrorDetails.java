package dev.aigw.core.error;

import dev.aigw.core.http.RateLimit;
import java.time.Duration;

/**
 * What a gateway said when it refused a request.
 *
 * @param vendor vendor name
 * @param status HTTP status
 * @param code the vendor's own error code ({@code insufficientCredits}, {@code invalid_api_key}…),
 *     or {@code null}
 * @param type the vendor's error type ({@code invalid_request_error}…), or {@code null}
 * @param message the vendor's message, or a description of the answer when it gave none
 * @param requestId the request id the server returned, or {@code null}
 * @param retryAfter how long the server asked us to wait, or {@code null}
 * @param rateLimit rate-limit headers of the answer (never null, maybe empty)
 * @param body the start of the response body (at most 4 KiB), for diagnosis; may be empty
 */
public record ErrorDetails(
    String vendor,
    int status,
    String code,
    String type,
    String message,
    String requestId,
    Duration retryAfter,
    RateLimit rateLimit,
    String body) {

  /**
   * Compact constructor: fills defaults for absent values.
   *
   * @param vendor vendor name
   * @param status HTTP status
   * @param code the vendor's error code, or {@code null}
   * @param type the vendor's error type, or {@code null}
   * @param message the vendor's message; {@code null} or blank becomes {@code HTTP <status>}
   * @param requestId the request id, or {@code null}
   * @param retryAfter the wait the server asked for, or {@code null}
   * @param rateLimit rate-limit headers; {@code null} becomes {@link RateLimit#NONE}
   * @param body the start of the body; {@code null} becomes empty
   */
  public ErrorDetails {
    if (rateLimit == null) {
      rateLimit = RateLimit.NONE;
    }
    if (body == null) {
      body = "";
    }
    if (message == null || message.isBlank()) {
      message = "HTTP " + status;
    }
  }

  /**
   * {@return one line for exception messages: {@code [vendor] 402 insufficientCredits: message (request id r)}}
   */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    sb.append('[').append(vendor).append("] ").append(status);
    if (code != null) {
      sb.append(' ').append(code);
    } else if (type != null) {
      sb.append(' ').append(type);
    }
    sb.append(": ").append(message);
    if (requestId != null) {
      sb.append(" (request id ").append(requestId).append(')');
    }
    return sb.toString();
  }
}
