package dev.aigw.core.error;

import java.util.Optional;

/** Root of every exception aigw throws. Unchecked; never carries an API key. */
public class AigwException extends RuntimeException {
  /** The vendor name, or {@code null}. */
  private final String vendor;
  /** The idempotency key the failed call was sent with, or {@code null}. */
  private final String idempotencyKey;

  /**
   * Creates the exception.
   *
   * @param vendor the vendor name ({@code cheapsub} …), or {@code null} when none is involved
   * @param message what went wrong
   * @param cause the underlying cause, or {@code null}
   */
  public AigwException(String vendor, String message, Throwable cause) {
    this(vendor, message, cause, null);
  }

  /**
   * A failure with the idempotency key its call was sent with.
   *
   * @param vendor the vendor name ({@code cheapsub} …), or {@code null} when none is involved
   * @param message what went wrong
   * @param cause the underlying cause, or {@code null}
   * @param idempotencyKey the idempotency key the failed call was sent with, or {@code null}
   */
  public AigwException(String vendor, String message, Throwable cause, String idempotencyKey) {
    super(message, cause);
    this.vendor = vendor;
    this.idempotencyKey = idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey;
  }

  /** {@return the vendor this failure concerns, or {@code null} for vendor-neutral failures} */
  public String vendor() {
    return vendor;
  }

  /**
   * The idempotency key the failed call was sent with, when the vendor honours one (gptimage2.plus's
   * {@code Idempotency-Key}): submitting the same request again with this key returns the work the
   * failed call may have started, instead of doing (and charging) it twice. An idempotency key is
   * not a secret.
   *
   * @return the key, or empty when the call carried none (no vendor header, or not a submission)
   */
  public Optional<String> idempotencyKey() {
    return Optional.ofNullable(idempotencyKey);
  }
}
