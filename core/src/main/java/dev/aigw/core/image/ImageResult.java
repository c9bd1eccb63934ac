package dev.aigw.core.image;

import dev.aigw.core.cost.Billed;
import dev.aigw.core.cost.Cost;
import dev.aigw.core.json.RawJson;
import java.math.BigDecimal;
import java.util.List;

/**
 * A finished image generation.
 *
 * @param id the gateway's task or generation id, or {@code null}
 * @param images the images, in the gateway's order
 * @param cost what the gateway charged, with its unit (KRW at CheapSub, CNY at icodeeasy, credits
 *     at GPTImageHub and gptimage2.plus), exactly as it said, or {@code null} when it did not say
 * @param raw the final answer's JSON as received (empty for binary answers), except that a large
 *     {@code data:} URL the SDK decoded to a temporary file while reading the answer (CheapSub's
 *     images above 64 KiB) reads as the placeholder {@code "aigw-spooled:<n>"} instead of its
 *     megabytes of base64; the image itself is in {@link #images()}
 */
public record ImageResult(String id, List<GeneratedImage> images, Cost cost, RawJson raw) implements Billed {
  /**
   * Copies the list.
   *
   * @param id the task or generation id, or {@code null}
   * @param images the images; copied
   * @param cost what the gateway charged, with its unit, or {@code null}
   * @param raw the final answer's JSON; {@code null} becomes an empty document
   */
  public ImageResult {
    images = List.copyOf(images);
    if (raw == null) {
      raw = RawJson.empty();
    }
  }

  /**
   * The id, the images (whose URLs {@link GeneratedImage#toString()} hides), the cost and the size
   * of the raw answer — never the raw text, which may hold result URLs that are credentials.
   */
  @Override
  public String toString() {
    return "ImageResult[id=" + id + ", images=" + images + ", cost=" + cost
        + ", raw=" + raw.text().length() + " chars]";
  }

  /**
   * The amount of {@link #cost()}, without its unit.
   *
   * @return the amount exactly as the gateway wrote it ({@code 0.500000}), or {@code null} when it
   *     did not say
   */
  public BigDecimal costAmount() {
    return cost == null ? null : cost.amount();
  }

  /**
   * {@return the first image}
   *
   * @throws IllegalStateException if the result holds no image
   */
  public GeneratedImage first() {
    if (images.isEmpty()) {
      throw new IllegalStateException("the result holds no image");
    }
    return images.get(0);
  }
}
