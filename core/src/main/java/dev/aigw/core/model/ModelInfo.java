package dev.aigw.core.model;

import dev.aigw.core.json.RawJson;

/**
 * One model a gateway offers. Fields a gateway does not report are {@code null}.
 *
 * @param id the id to put in requests
 * @param name a display name, or {@code null}
 * @param modality what it produces
 * @param provider who makes or serves it ({@code google}, {@code openai} …), or {@code null}
 * @param description a description, or {@code null}
 * @param maxDurationSeconds the longest video it makes, or {@code null}
 * @param contextWindow its context window in tokens, or {@code null}
 * @param raw the entry's JSON as received
 */
public record ModelInfo(
    String id,
    String name,
    Modality modality,
    String provider,
    String description,
    Integer maxDurationSeconds,
    Integer contextWindow,
    RawJson raw) {

  /**
   * Fills defaults.
   *
   * @param id the id; not null
   * @param name a display name, or {@code null}
   * @param modality what it produces; {@code null} becomes {@code UNKNOWN}
   * @param provider who makes or serves it, or {@code null}
   * @param description a description, or {@code null}
   * @param maxDurationSeconds the longest video, or {@code null}
   * @param contextWindow the context window in tokens, or {@code null}
   * @param raw the entry's JSON; {@code null} becomes an empty document
   */
  public ModelInfo {
    java.util.Objects.requireNonNull(id, "id");
    if (modality == null) {
      modality = Modality.UNKNOWN;
    }
    if (raw == null) {
      raw = RawJson.empty();
    }
  }

  /**
   * {@return the id without a vendor prefix: {@code gemini-3-flash} for {@code google/gemini-3-flash}}
   */
  public String shortId() {
    int slash = id.lastIndexOf('/');
    return slash < 0 ? id : id.substring(slash + 1);
  }
}
