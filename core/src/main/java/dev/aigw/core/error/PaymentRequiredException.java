package dev.aigw.core.error;

/** 402: not enough credits, or a spending limit was reached. */
public class PaymentRequiredException extends ApiException {
  /**
   * Creates the exception from what the server said.
   *
   * @param details what the server said
   */
  public PaymentRequiredException(ErrorDetails details) {
    super(details);
  }
}
