package dev.aigw.core.error;

import dev.aigw.core.http.RateLimit;
import java.time.Duration;
import java.util.Optional;

/** A gateway answered with an error status. Subclasses name the common statuses. */
public class ApiException extends AigwException {
  /** What the server said. */
  private final ErrorDetails details;

  /**
   * Creates the exception from what the server said.
   *
   * @param details what the server said
   */
  public ApiException(ErrorDetails details) {
    this(details, null);
  }

  /**
   * Creates the exception from what the server said, with a cause.
   *
   * @param details what the server said
   * @param cause the underlying failure, or {@code null}
   */
  public ApiException(ErrorDetails details, Throwable cause) {
    super(details.vendor(), details.summary(), cause);
    this.details = details;
  }

  /**
   * Creates the exception from what the server said and what the runtime adds to it: the message
   * is the server's {@linkplain ErrorDetails#summary() summary}, then {@code " — "} and the note.
   *
   * @param details what the server said
   * @param note why the call was not retried and what recovery is possible, or {@code null}
   * @param idempotencyKey the idempotency key the call was sent with, or {@code null}
   */
  public ApiException(ErrorDetails details, String note, String idempotencyKey) {
    super(details.vendor(), note == null || note.isBlank() ? details.summary() : details.summary() + " — " + note,
        null, idempotencyKey);
    this.details = details;
  }

  /** {@return everything the server said} */
  public ErrorDetails details() {
    return details;
  }

  /** {@return HTTP status} */
  public int status() {
    return details.status();
  }

  /** {@return the vendor's error code, or {@code null}} */
  public String code() {
    return details.code();
  }

  /** {@return the vendor's error type, or {@code null}} */
  public String type() {
    return details.type();
  }

  /** {@return the vendor's own message} */
  public String vendorMessage() {
    return details.message();
  }

  /** {@return the request id, or {@code null}} */
  public String requestId() {
    return details.requestId();
  }

  /** {@return rate-limit headers that came with the answer} */
  public RateLimit rateLimit() {
    return details.rateLimit();
  }

  /** {@return how long the server asked callers to wait before trying again, when it said so} */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(details.retryAfter());
  }
}
