package dev.aigw.cheapsub.legacy;

import dev.aigw.core.json.RawJson;
import java.util.List;
import java.util.Map;

/**
 * A Gemini-native answer (or one streamed piece of it).
 *
 * @param text the text of the first candidate's parts, joined
 * @param finishReason the first candidate's finish reason, or {@code null}
 * @param raw the JSON as received
 */
public record GeminiResponse(String text, String finishReason, RawJson raw) {

  static GeminiResponse from(RawJson raw) {
    StringBuilder text = new StringBuilder();
    if (raw.get("candidates", 0, "content", "parts") instanceof List<?> parts) {
      for (Object p : parts) {
        if (p instanceof Map<?, ?> m && m.get("text") instanceof String s) {
          text.append(s);
        }
      }
    }
    return new GeminiResponse(text.toString(), raw.getString("candidates", 0, "finishReason"), raw);
  }
}
