package dev.aigw.cheapsub.legacy;

import dev.aigw.core.json.RawJson;
import java.util.List;
import java.util.Map;

/**
 * A Claude-native answer.
 *
 * @param id the message id
 * @param model the model
 * @param text the text blocks, joined
 * @param stopReason why it stopped, or {@code null}
 * @param inputTokens tokens read, or -1
 * @param outputTokens tokens written, or -1
 * @param raw the JSON as received
 */
public record ClaudeMessage(String id, String model, String text, String stopReason, long inputTokens,
    long outputTokens, RawJson raw) {

  static ClaudeMessage from(RawJson raw) {
    StringBuilder text = new StringBuilder();
    if (raw.get("content") instanceof List<?> blocks) {
      for (Object b : blocks) {
        if (b instanceof Map<?, ?> m && "text".equals(m.get("type")) && m.get("text") instanceof String s) {
          text.append(s);
        }
      }
    }
    return new ClaudeMessage(raw.getString("id"), raw.getString("model"), text.toString(),
        raw.getString("stop_reason"), count(raw.get("usage", "input_tokens")), count(raw.get("usage", "output_tokens")), raw);
  }

  private static long count(Object v) {
    return v instanceof Number n ? n.longValue() : -1;
  }
}
