package dev.aigw.core.error;

/** A stream failed after it had started: an error event, or a connection cut mid-stream. */
public class StreamException extends AigwException {
  /** The vendor's error code, or {@code null}. */
  private final String code;

  /**
   * Creates the exception.
   *
   * @param vendor vendor name
   * @param message what happened
   * @param code the vendor's error code from an error event, or {@code null}
   * @param cause the I/O failure, or {@code null}
   */
  public StreamException(String vendor, String message, String code, Throwable cause) {
    super(vendor, message, cause);
    this.code = code;
  }

  /** {@return the vendor's error code from an error event, or {@code null}} */
  public String code() {
    return code;
  }
}
