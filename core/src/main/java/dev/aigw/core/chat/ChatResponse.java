package dev.aigw.core.chat;

import dev.aigw.core.json.RawJson;

/**
 * A chat completion.
 *
 * @param id the server's id for it, or {@code null}
 * @param model the model that answered, as the server named it
 * @param message the reply
 * @param finishReason why the model stopped ({@code stop}, {@code length} …), or {@code null}
 * @param usage token counts, or {@code null} when not reported
 * @param raw the response JSON as received
 */
public record ChatResponse(
    String id, String model, ChatMessage message, String finishReason, Usage usage, RawJson raw) {

  /** {@return the reply's text} */
  public String text() {
    return message == null ? "" : message.content();
  }
}
