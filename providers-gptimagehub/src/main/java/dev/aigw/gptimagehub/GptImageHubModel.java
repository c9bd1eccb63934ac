package dev.aigw.gptimagehub;

import dev.aigw.core.json.RawJson;
import dev.aigw.core.model.Modality;
import dev.aigw.core.model.ModelInfo;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One image model from GPTImageHub's {@code GET /api/v1/models}: its id, who serves it, the aspect
 * ratios and qualities it supports, how many reference images it takes and what an image costs.
 *
 * @param id the model id to put in requests ({@link #GPT_IMAGE_2} …)
 * @param provider who serves it ({@code openai} …), or {@code null}
 * @param aspectRatios the aspect ratios it supports, as the server wrote them
 * @param qualities the qualities it supports, as the server wrote them
 * @param referenceImageLimit the most {@code reference_image} files a request may carry, or {@code
 *     null} when the server did not say
 * @param creditsPerImage the credits one image costs, exactly as written, or {@code null}
 * @param raw the entry's JSON as received
 */
public record GptImageHubModel(
    String id,
    String provider,
    List<String> aspectRatios,
    List<String> qualities,
    Integer referenceImageLimit,
    BigDecimal creditsPerImage,
    RawJson raw) {

  /** {@code gpt-image-2}, the model GPTImageHub's documentation describes. */
  public static final String GPT_IMAGE_2 = "gpt-image-2";

  /**
   * Checks the id and copies the lists.
   *
   * @param id the model id; not null
   * @param provider who serves it, or {@code null}
   * @param aspectRatios the aspect ratios; {@code null} becomes empty
   * @param qualities the qualities; {@code null} becomes empty
   * @param referenceImageLimit the most reference images, or {@code null}
   * @param creditsPerImage the price of one image, or {@code null}
   * @param raw the entry's JSON; {@code null} becomes an empty document
   */
  public GptImageHubModel {
    Objects.requireNonNull(id, "id");
    aspectRatios = aspectRatios == null ? List.of() : List.copyOf(aspectRatios);
    qualities = qualities == null ? List.of() : List.copyOf(qualities);
    if (raw == null) {
      raw = RawJson.empty();
    }
  }

  /** {@return the neutral view: an image model with its provider} */
  public ModelInfo toModelInfo() {
    return new ModelInfo(id, null, Modality.IMAGE, provider, null, null, null, raw);
  }
}
