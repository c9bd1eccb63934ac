package dev.aigw.core.error;

/** 504: the gateway's upstream did not answer in time. Paid work may still have been done. */
public class UpstreamTimeoutException extends ServerException {
  /**
   * Creates the exception from what the server said.
   *
   * @param details what the server said
   */
  public UpstreamTimeoutException(ErrorDetails details) {
    super(details);
  }
}
