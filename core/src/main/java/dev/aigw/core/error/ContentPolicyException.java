package dev.aigw.core.error;

/** 422 or a moderation refusal: the content was blocked. */
public class ContentPolicyException extends ApiException {
  /**
   * Creates the exception from what the server said.
   *
   * @param details what the server said
   */
  public ContentPolicyException(ErrorDetails details) {
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
  public ContentPolicyException(ErrorDetails details, String note, String idempotencyKey) {
    super(details, note, idempotencyKey);
  }
}
