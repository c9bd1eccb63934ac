package dev.aigw.core.video;

import dev.aigw.core.cost.Billed;
import dev.aigw.core.cost.Cost;
import dev.aigw.core.json.RawJson;
import java.math.BigDecimal;

/**
 * A finished video generation.
 *
 * @param id the gateway's task id, or {@code null}
 * @param video the video
 * @param cost what the gateway charged, with its unit, exactly as it said, or {@code null}
 * @param raw the final answer's JSON as received (empty for binary answers)
 */
public record VideoResult(String id, GeneratedVideo video, Cost cost, RawJson raw) implements Billed {
  /**
   * Fills an empty raw document.
   *
   * @param id the task id, or {@code null}
   * @param video the video
   * @param cost what the gateway charged, with its unit, or {@code null}
   * @param raw the final answer's JSON; {@code null} becomes an empty document
   */
  public VideoResult {
    if (raw == null) {
      raw = RawJson.empty();
    }
  }

  /**
   * The amount of {@link #cost()}, without its unit.
   *
   * @return the amount exactly as the gateway wrote it, or {@code null} when it did not say
   */
  public BigDecimal costAmount() {
    return cost == null ? null : cost.amount();
  }
}
