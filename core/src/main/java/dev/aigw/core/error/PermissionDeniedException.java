package dev.aigw.core.error;

/** 403: the key is valid but not allowed to do this (plan, scope). */
public class PermissionDeniedException extends ApiException {
  /**
   * Creates the exception from what the server said.
   *
   * @param details what the server said
   */
  public PermissionDeniedException(ErrorDetails details) {
    super(details);
  }
}
