package dev.aigw.core.video;

import dev.aigw.core.json.RawJson;
import java.math.BigDecimal;

/**
 * A finished video generation.
 *
 * @param id the gateway's task id, or {@code null}
 * @param video the video
 * @param cost what the gateway charged, exactly as it said, or {@code null}
 * @param raw the final answer's JSON as received (empty for binary answers)
 */
public record VideoResult(String id, GeneratedVideo video, BigDecimal cost, RawJson raw) {
  /**
   * Fills an empty raw document.
   *
   * @param id the task id, or {@code null}
   * @param video the video
   * @param cost what the gateway charged, or {@code null}
   * @param raw the final answer's JSON; {@code null} becomes an empty document
   */
  public VideoResult {
    if (raw == null) {
      raw = RawJson.empty();
    }
  }
}
