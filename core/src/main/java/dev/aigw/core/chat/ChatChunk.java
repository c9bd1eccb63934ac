package dev.aigw.core.chat;

import dev.aigw.core.json.RawJson;

/**
 * One piece of a streamed reply.
 *
 * @param id the completion id, or {@code null}
 * @param model the model, or {@code null}
 * @param text the new text in this piece (empty, never null, when it carries none)
 * @param finishReason why the model stopped, on the last piece; otherwise {@code null}
 * @param usage token counts, when the server sends them (usually on the last piece)
 * @param raw this event's JSON as received
 */
public record ChatChunk(
    String id, String model, String text, String finishReason, Usage usage, RawJson raw) {
  /**
   * Replaces a null text with an empty one.
   *
   * @param id the completion id, or {@code null}
   * @param model the model, or {@code null}
   * @param text the new text, or {@code null} for none
   * @param finishReason why the model stopped, or {@code null}
   * @param usage token counts, or {@code null}
   * @param raw the event's JSON
   */
  public ChatChunk {
    if (text == null) {
      text = "";
    }
  }
}
