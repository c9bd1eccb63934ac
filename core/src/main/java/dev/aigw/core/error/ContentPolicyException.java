package dev.aigw.core.error;

/** 422 or a moderation refusal: the content was blocked. */
public class ContentPolicyException extends ApiException {
  /**
   * Creates the exception from what the server said.
   *
   * @param details what the server said
   */
  public ContentPolicyException(ErrorDetails details) {
    super(details);
  }
}
