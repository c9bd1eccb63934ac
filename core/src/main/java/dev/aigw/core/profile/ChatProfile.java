package dev.aigw.core.profile;

import java.util.Objects;

/**
 * What a gateway's chat takes.
 *
 * @param models the chat models, and the default
 * @param minTemperature the lowest temperature taken
 * @param maxTemperature the highest temperature taken
 * @param streaming whether replies can be streamed
 */
public record ChatProfile(ModelCatalog models, double minTemperature, double maxTemperature, boolean streaming) {

  /**
   * Checks the values.
   *
   * @param models the chat models, and the default
   * @param minTemperature the lowest temperature taken
   * @param maxTemperature the highest temperature taken
   * @param streaming whether replies can be streamed
   */
  public ChatProfile {
    Objects.requireNonNull(models, "models");
    if (!(minTemperature <= maxTemperature)) {
      throw new IllegalArgumentException("minTemperature must not exceed maxTemperature");
    }
  }

  /**
   * This profile with other models.
   *
   * @param catalog the models
   * @return the profile
   */
  public ChatProfile withModels(ModelCatalog catalog) {
    return new ChatProfile(catalog, minTemperature, maxTemperature, streaming);
  }
}
