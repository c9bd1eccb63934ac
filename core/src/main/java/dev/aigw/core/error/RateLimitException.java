package dev.aigw.core.error;

/** 429: too many requests. {@link #retryAfter()} says how long to wait, when the server said so. */
public class RateLimitException extends ApiException {
  /**
   * Creates the exception from what the server said.
   *
   * @param details what the server said
   */
  public RateLimitException(ErrorDetails details) {
    super(details);
  }
}
