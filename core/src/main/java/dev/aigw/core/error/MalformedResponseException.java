package dev.aigw.core.error;

/**
 * A successful answer (2xx) that could not be read: not the JSON documented, an empty body, an
 * HTML page from a proxy, JSON where bytes were expected. The server did answer, so a submission
 * that fails this way was accepted: its work may exist and be charged (the message says what
 * recovery is possible). A task poll that fails this way is tolerated like any transient poll
 * failure.
 */
public class MalformedResponseException extends AigwException {

  /**
   * An answer that could not be read.
   *
   * @param vendor vendor name
   * @param message what was wrong with the answer
   * @param cause the parsing failure, or {@code null}
   */
  public MalformedResponseException(String vendor, String message, Throwable cause) {
    super(vendor, message, cause);
  }

  /**
   * An answer that could not be read, with the idempotency key its call was sent with.
   *
   * @param vendor vendor name
   * @param message what was wrong with the answer, and what recovery is possible
   * @param cause the parsing failure, or {@code null}
   * @param idempotencyKey the idempotency key the call was sent with, or {@code null}
   */
  public MalformedResponseException(String vendor, String message, Throwable cause, String idempotencyKey) {
    super(vendor, message, cause, idempotencyKey);
  }
}
