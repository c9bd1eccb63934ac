package dev.aigw.core.error;

/** 5xx: the gateway or its upstream failed. */
public class ServerException extends ApiException {
  /**
   * Creates the exception from what the server said.
   *
   * @param details what the server said
   */
  public ServerException(ErrorDetails details) {
    super(details);
  }
}
