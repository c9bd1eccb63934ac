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
}
