package dev.aigw.core.error;

/** 401 (or the vendor's equivalent): the key is missing, wrong, expired or inactive. */
public class AuthenticationException extends ApiException {
  /**
   * Creates the exception from what the server said.
   *
   * @param details what the server said
   */
  public AuthenticationException(ErrorDetails details) {
    super(details);
  }
}
