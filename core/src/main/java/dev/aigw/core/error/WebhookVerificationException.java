package dev.aigw.core.error;

/** A webhook delivery failed verification: missing or wrong signature, or an unreadable body. */
public class WebhookVerificationException extends AigwException {
  /**
   * Creates the exception.
   *
   * @param vendor vendor name, or {@code null}
   * @param message why the delivery was rejected (never includes the secret)
   */
  public WebhookVerificationException(String vendor, String message) {
    super(vendor, message, null);
  }
}
