package dev.aigw.core.error;

/** 400 Bad Request: the vendor refused the request's content. */
public class BadRequestException extends ApiException {
  /**
   * Creates the exception from what the server said.
   *
   * @param details what the server said
   */
  public BadRequestException(ErrorDetails details) {
    super(details);
  }
}
