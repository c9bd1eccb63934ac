package dev.aigw.cheapsub.legacy;

import dev.aigw.core.error.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Gemini-native {@code generateContent} request.
 *
 * @param model the model, e.g. {@code gemini-3-flash} (it goes in the path)
 * @param contents the turns, oldest first
 * @param systemInstruction a system instruction, or {@code null}
 * @param extra further top-level fields ({@code generationConfig} …), sent as given
 */
public record GeminiRequest(String model, List<Content> contents, String systemInstruction, Map<String, Object> extra) {

  /**
   * One turn.
   *
   * @param role {@code user} or {@code model}
   * @param text its text
   */
  public record Content(String role, String text) {}

  /**
   * Checks the model and that there is something to say.
   *
   * @param model the model; not blank
   * @param contents at least one turn
   * @param systemInstruction a system instruction, or {@code null}
   * @param extra further top-level fields, or {@code null}
   * @throws ValidationException if the model is blank or there is no turn
   */
  public GeminiRequest {
    if (model == null || model.isBlank()) {
      throw new ValidationException("cheapsub", "model", "a Gemini model id is required");
    }
    if (contents == null || contents.isEmpty()) {
      throw new ValidationException("cheapsub", "contents", "at least one content turn is required");
    }
    contents = List.copyOf(contents);
    extra = extra == null ? Map.of() : Map.copyOf(extra);
  }

  /**
   * A one-turn request.
   *
   * @param model the model
   * @param userText the user's turn
   * @return the request
   */
  public static GeminiRequest of(String model, String userText) {
    return new GeminiRequest(model, List.of(new Content("user", userText)), null, null);
  }

  /** The wire body. */
  Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    List<Map<String, Object>> turns = new ArrayList<>();
    for (Content c : contents) {
      Map<String, Object> turn = new LinkedHashMap<>();
      turn.put("role", c.role());
      turn.put("parts", List.of(Map.of("text", c.text())));
      turns.add(turn);
    }
    body.put("contents", turns);
    if (systemInstruction != null) {
      body.put("systemInstruction", Map.of("parts", List.of(Map.of("text", systemInstruction))));
    }
    body.putAll(extra);
    return body;
  }
}
