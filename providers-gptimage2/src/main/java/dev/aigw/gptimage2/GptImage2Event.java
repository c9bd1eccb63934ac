package dev.aigw.gptimage2;

/**
 * A webhook event: {@code generation.succeeded} or {@code generation.failed}, with the generation
 * it concerns.
 *
 * @param event the event name
 * @param generation the generation as it was when the event fired
 */
public record GptImage2Event(String event, GptImage2Generation generation) {
  /** The event name for a generation that succeeded. */
  public static final String SUCCEEDED = "generation.succeeded";
  /** The event name for a generation that failed. */
  public static final String FAILED = "generation.failed";

  /** {@return whether this is {@code generation.succeeded}} */
  public boolean succeeded() {
    return SUCCEEDED.equals(event);
  }

  /** {@return whether this is {@code generation.failed} (the generation failed or was blocked)} */
  public boolean failed() {
    return FAILED.equals(event);
  }
}
