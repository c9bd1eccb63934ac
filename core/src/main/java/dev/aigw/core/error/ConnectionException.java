package dev.aigw.core.error;

/**
 * The request failed on the way: connection refused, reset, cut or timed out. {@link #requestSent()}
 * says whether the request may have reached the server (and so may have started paid work).
 */
public class ConnectionException extends AigwException {
  /** Whether the request may have reached the server. */
  private final boolean requestSent;

  /**
   * Creates the exception.
   *
   * @param vendor vendor name
   * @param message what failed
   * @param requestSent whether the request may have reached the server
   * @param cause the I/O failure
   */
  public ConnectionException(String vendor, String message, boolean requestSent, Throwable cause) {
    this(vendor, message, requestSent, cause, null);
  }

  /**
   * A connection failure, saying whether the request may have reached the server.
   *
   * @param vendor vendor name
   * @param message what failed
   * @param requestSent whether the request may have reached the server
   * @param cause the I/O failure
   * @param idempotencyKey the idempotency key the call was sent with, or {@code null}
   */
  public ConnectionException(String vendor, String message, boolean requestSent, Throwable cause,
      String idempotencyKey) {
    super(vendor, message, cause, idempotencyKey);
    this.requestSent = requestSent;
  }

  /** {@return whether any part of the request was written before the failure} */
  public boolean requestSent() {
    return requestSent;
  }
}
