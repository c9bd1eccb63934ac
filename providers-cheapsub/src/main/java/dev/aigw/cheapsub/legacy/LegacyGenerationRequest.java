package dev.aigw.cheapsub.legacy;

import dev.aigw.core.error.ValidationException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request to one of CheapSub's legacy generation endpoints, whose bodies CheapSub does not
 * document: {@code model} and {@code prompt}, plus anything in {@code extra}, sent as given.
 *
 * @param model the model id
 * @param prompt the prompt
 * @param extra further fields
 */
public record LegacyGenerationRequest(String model, String prompt, Map<String, Object> extra) {
  /**
   * Checks the values.
   *
   * @param model the model id; not blank
   * @param prompt the prompt; not blank
   * @param extra further fields, or {@code null}
   * @throws ValidationException if the model or the prompt is blank
   */
  public LegacyGenerationRequest {
    if (model == null || model.isBlank()) {
      throw new ValidationException("cheapsub", "model", "is required");
    }
    if (prompt == null || prompt.isBlank()) {
      throw new ValidationException("cheapsub", "prompt", "a non-blank prompt is required");
    }
    extra = extra == null ? Map.of() : Map.copyOf(extra);
  }

  /**
   * A request with no extra fields.
   *
   * @param model the model id
   * @param prompt the prompt
   * @return the request
   */
  public static LegacyGenerationRequest of(String model, String prompt) {
    return new LegacyGenerationRequest(model, prompt, null);
  }

  Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", model);
    body.put("prompt", prompt);
    body.putAll(extra);
    return body;
  }
}
