package dev.aigw.core.error;

/** Root of every exception aigw throws. Unchecked; never carries an API key. */
public class AigwException extends RuntimeException {
  /** The vendor name, or {@code null}. */
  private final String vendor;

  /**
   * Creates the exception.
   *
   * @param vendor the vendor name ({@code cheapsub} …), or {@code null} when none is involved
   * @param message what went wrong
   * @param cause the underlying cause, or {@code null}
   */
  public AigwException(String vendor, String message, Throwable cause) {
    super(message, cause);
    this.vendor = vendor;
  }

  /** {@return the vendor this failure concerns, or {@code null} for vendor-neutral failures} */
  public String vendor() {
    return vendor;
  }
}
