package dev.aigw.core.error;

/** 504: the gateway's upstream did not answer in time. Paid work may still have been done. */
public class UpstreamTimeoutException extends ServerException {
  /**
   * Creates the exception from what the server said.
   *
   * @param details what the server said
   */
  public UpstreamTimeoutException(ErrorDetails details) {
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
  public UpstreamTimeoutException(ErrorDetails details, String note, String idempotencyKey) {
    super(details, note, idempotencyKey);
  }
}
