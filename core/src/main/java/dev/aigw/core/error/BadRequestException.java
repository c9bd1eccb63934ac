package dev.aigw.core.error;

/** 400 Bad Request: the vendor refused the request's content. */
public class BadRequestException extends ApiException {
  /**
   * Creates the exception from what the server said.
   *
   * @param details what the server said
   */
  public BadRequestException(ErrorDetails details) {
    super(details);
  }

  /**
   * Creates the exception from what the server said and what the runtime adds to it.
   *
   * @param details what the server said
   * @param note why the call was not retried and what recovery is possible, appended to the
   *     message, or {@code null}
   * @param idempotencyKey the idempotency key the call was sent with, or {@code null}
   */
  public BadRequestException(ErrorDetails details, String note, String idempotencyKey) {
    super(details, note, idempotencyKey);
  }
}
