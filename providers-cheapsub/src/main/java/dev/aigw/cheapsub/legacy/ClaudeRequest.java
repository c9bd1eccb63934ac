package dev.aigw.cheapsub.legacy;

import dev.aigw.core.chat.ChatMessage;
import dev.aigw.core.error.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Claude-native {@code messages} request.
 *
 * @param model the model, e.g. {@code claude-sonnet-4.6}
 * @param maxTokens the most tokens to write (Claude requires it)
 * @param system a system prompt, or {@code null}
 * @param messages the conversation ({@code user} and {@code assistant} turns)
 * @param extra further top-level fields, sent as given
 */
public record ClaudeRequest(String model, int maxTokens, String system, List<ChatMessage> messages, Map<String, Object> extra) {

  /**
   * Checks the values.
   *
   * @param model the model; not blank
   * @param maxTokens 1 or more
   * @param system a system prompt, or {@code null}
   * @param messages at least one {@code user} or {@code assistant} message
   * @param extra further top-level fields, or {@code null}
   * @throws ValidationException if a value is missing or out of range, or a message has another
   *     role
   */
  public ClaudeRequest {
    if (model == null || model.isBlank()) {
      throw new ValidationException("cheapsub", "model", "a Claude model id is required");
    }
    if (maxTokens < 1) {
      throw new ValidationException("cheapsub", "maxTokens", "Claude needs max_tokens of 1 or more, was " + maxTokens);
    }
    if (messages == null || messages.isEmpty()) {
      throw new ValidationException("cheapsub", "messages", "at least one message is required");
    }
    for (ChatMessage m : messages) {
      if (!m.role().value().equals("user") && !m.role().value().equals("assistant")) {
        throw new ValidationException("cheapsub", "messages[].role",
            "Claude messages accept user and assistant; put system text in 'system' (was " + m.role() + ")");
      }
    }
    messages = List.copyOf(messages);
    extra = extra == null ? Map.of() : Map.copyOf(extra);
  }

  /**
   * A one-message request.
   *
   * @param model the model
   * @param maxTokens the most tokens to write, 1 or more
   * @param userText the user's message
   * @return the request
   */
  public static ClaudeRequest of(String model, int maxTokens, String userText) {
    return new ClaudeRequest(model, maxTokens, null, List.of(ChatMessage.user(userText)), null);
  }

  /** The wire body. */
  Map<String, Object> body(boolean stream) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", model);
    body.put("max_tokens", maxTokens);
    if (system != null) {
      body.put("system", system);
    }
    List<Map<String, Object>> wire = new ArrayList<>();
    for (ChatMessage m : messages) {
      Map<String, Object> message = new LinkedHashMap<>();
      message.put("role", m.role().value());
      message.put("content", m.content());
      wire.add(message);
    }
    body.put("messages", wire);
    if (stream) {
      body.put("stream", true);
    }
    body.putAll(extra);
    return body;
  }
}
