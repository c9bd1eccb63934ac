package dev.aigw.gptimagehub;

import dev.aigw.core.cost.Billed;
import dev.aigw.core.cost.Cost;
import dev.aigw.core.cost.CostUnit;
import dev.aigw.core.image.GeneratedImage;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.json.RawJson;
import dev.aigw.core.operation.OperationStatus;
import dev.aigw.gptimagehub.internal.GptImageHubWire;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A GPTImageHub generation log ({@code object: "image_generation"}): what a synchronous generation
 * answers, what an asynchronous one answers at once (status {@code queued}, with {@code poll_url}
 * and the credits requested), and what {@code GET /api/v1/generations/:id} answers.
 *
 * @param id the generation id (keep it to {@code retrieve} or {@code resume} the generation)
 * @param status the status word GPTImageHub used ({@code queued}, {@code succeeded} …), or {@code
 *     null}
 * @param model the model id
 * @param aspectRatio the aspect ratio GPTImageHub reports ({@code 1:1} …), or {@code null}
 * @param quality the quality GPTImageHub reports (its answers say {@code 1K}), or {@code null}
 * @param createdAt when the generation was created, or {@code null} when absent or unreadable
 * @param images the images, in order (empty until the generation succeeded)
 * @param credits the credits charged ({@code usage.credits}), exactly as written, or {@code null}
 * @param creditsRequested the credits the generation will cost ({@code usage.credits_requested},
 *     sent with a queued generation), or {@code null}
 * @param balance the balance after a synchronous generation, or {@code null} when not sent
 * @param pollUrl the {@code poll_url} of a queued generation, or {@code null}
 * @param errorCode the vendor's error code for a failed generation, or {@code null}
 * @param errorMessage the vendor's explanation for a failed generation, or {@code null}
 * @param raw the whole answer's JSON as received
 */
public record GptImageHubGeneration(
    String id,
    String status,
    String model,
    String aspectRatio,
    String quality,
    Instant createdAt,
    List<GeneratedImage> images,
    BigDecimal credits,
    BigDecimal creditsRequested,
    GptImageHubBalance balance,
    String pollUrl,
    String errorCode,
    String errorMessage,
    RawJson raw) implements Billed {

  /**
   * Copies the list and fills defaults.
   *
   * @param id the generation id
   * @param status the status word, or {@code null}
   * @param model the model id
   * @param aspectRatio the aspect ratio, or {@code null}
   * @param quality the quality, or {@code null}
   * @param createdAt when it was created, or {@code null}
   * @param images the images; {@code null} becomes empty
   * @param credits the credits charged, or {@code null}
   * @param creditsRequested the credits it will cost, or {@code null}
   * @param balance the balance after it, or {@code null}
   * @param pollUrl the poll URL, or {@code null}
   * @param errorCode the error code, or {@code null}
   * @param errorMessage the explanation, or {@code null}
   * @param raw the answer's JSON; {@code null} becomes an empty document
   */
  public GptImageHubGeneration {
    images = images == null ? List.of() : List.copyOf(images);
    if (raw == null) {
      raw = RawJson.empty();
    }
  }

  /** {@return the status in common words ({@code UNKNOWN} for a word this SDK does not know)} */
  public OperationStatus operationStatus() {
    return GptImageHubWire.status(status);
  }

  /**
   * {@return the first image}
   *
   * @throws IllegalStateException if the generation holds no image
   */
  public GeneratedImage first() {
    if (images.isEmpty()) {
      throw new IllegalStateException("generation " + id + " holds no image (status " + status + ")");
    }
    return images.get(0);
  }

  /**
   * The credits charged, as a cost.
   *
   * @return {@link #credits()} in {@link CostUnit#CREDITS}, or {@code null} when not reported
   */
  @Override
  public Cost cost() {
    return Cost.ofNullable(credits, CostUnit.CREDITS);
  }

  /** {@return the neutral view: id, images, and the credits charged as the cost} */
  public ImageResult toImageResult() {
    return new ImageResult(id, images, cost(), raw);
  }

  /** Id, status, model, image count and credits; never a URL. */
  @Override
  public String toString() {
    return "GptImageHubGeneration[id=" + id + ", status=" + status + ", model=" + model + ", images=" + images.size()
        + ", credits=" + (credits == null ? "?" : credits.toPlainString())
        + (creditsRequested == null ? "" : ", creditsRequested=" + creditsRequested.toPlainString())
        + (errorCode == null ? "" : ", error=" + errorCode) + "]";
  }
}
