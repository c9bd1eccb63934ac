package dev.aigw.gptimage2;

import dev.aigw.core.cost.Billed;
import dev.aigw.core.cost.Cost;
import dev.aigw.core.cost.CostUnit;
import dev.aigw.core.json.RawJson;
import dev.aigw.core.operation.OperationStatus;
import dev.aigw.gptimage2.internal.GptImage2Wire;
import java.math.BigDecimal;
import java.util.List;

/**
 * A generation as gptimage2.plus reports it on {@code GET /api/v1/generations/:id} (and inside
 * webhook events).
 *
 * @param id the generation id
 * @param status {@code queued}, {@code running}, {@code succeeded}, {@code failed} or {@code
 *     blocked} (kept as sent; unknown words are kept too)
 * @param type {@code text2img}, {@code edit}, {@code upscale} …
 * @param outputs the images, when it succeeded
 * @param error why it failed or was blocked, exactly as the server sent it, or {@code null}
 * @param costCredits credits charged (refunded when failed or blocked), or {@code null}
 * @param createdAt when it was created (ISO 8601), or {@code null}
 * @param completedAt when it ended (ISO 8601), or {@code null}
 * @param raw the JSON as received
 */
public record GptImage2Generation(String id, String status, String type, List<Output> outputs, String error,
    BigDecimal costCredits, String createdAt, String completedAt, RawJson raw) implements Billed {

  /**
   * One output image: public, immutable URLs in two formats.
   *
   * @param png the PNG URL
   * @param webp the WebP URL
   * @param width pixels across
   * @param height pixels down
   */
  public record Output(String png, String webp, Integer width, Integer height) {}

  /**
   * The credits charged, as a cost.
   *
   * @return {@link #costCredits()} in {@link CostUnit#CREDITS}, or {@code null} when not reported
   */
  @Override
  public Cost cost() {
    return Cost.ofNullable(costCredits, CostUnit.CREDITS);
  }

  /**
   * Copies the list.
   *
   * @param id the generation id
   * @param status the status word as sent
   * @param type the generation type
   * @param outputs the images; {@code null} becomes empty
   * @param error why it failed, or {@code null}
   * @param costCredits credits charged, or {@code null}
   * @param createdAt when it was created, or {@code null}
   * @param completedAt when it ended, or {@code null}
   * @param raw the JSON; {@code null} becomes an empty document
   */
  public GptImage2Generation {
    outputs = outputs == null ? List.of() : List.copyOf(outputs);
    if (raw == null) {
      raw = RawJson.empty();
    }
  }

  /**
   * Whether the credits of this generation were given back: gptimage2.plus documents that a {@code
   * failed} or {@code blocked} generation is refunded. This is aigw's reading of the status, kept
   * apart from {@link #error()} (and from {@code OperationFailedException.reason()}), which are the
   * server's words exactly as sent.
   *
   * @return {@code true} when the status is {@code failed} or {@code blocked}
   */
  public boolean creditsRefunded() {
    OperationStatus s = GptImage2Wire.status(status);
    return s == OperationStatus.FAILED || s == OperationStatus.BLOCKED;
  }
}
