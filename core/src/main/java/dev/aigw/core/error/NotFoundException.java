package dev.aigw.core.error;

/** 404: no such endpoint or resource. */
public class NotFoundException extends ApiException {
  /**
   * Creates the exception from what the server said.
   *
   * @param details what the server said
   */
  public NotFoundException(ErrorDetails details) {
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
  public NotFoundException(ErrorDetails details, String note, String idempotencyKey) {
    super(details, note, idempotencyKey);
  }
}
