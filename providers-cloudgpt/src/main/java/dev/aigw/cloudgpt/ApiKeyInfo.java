package dev.aigw.cloudgpt;

import dev.aigw.core.json.RawJson;
import java.time.Instant;

/**
 * One API key as {@link CloudGptKeys#list} shows it: never the key itself, only its start.
 *
 * @param id the key's id ({@code key_abc123})
 * @param name its name
 * @param prefix the start of the key as CloudGPT shows it ({@code cgpt_xyz...})
 * @param created when it was created, or {@code null}
 * @param lastUsed when it was last used, or {@code null} when never (or not said)
 * @param raw the entry's JSON as received
 */
public record ApiKeyInfo(String id, String name, String prefix, Instant created, Instant lastUsed, RawJson raw) {
  /**
   * Checks the id and fills an empty raw document.
   *
   * @param id the key's id; not null
   * @param name its name
   * @param prefix the start of the key
   * @param created when it was created, or {@code null}
   * @param lastUsed when it was last used, or {@code null}
   * @param raw the entry's JSON; {@code null} becomes an empty document
   */
  public ApiKeyInfo {
    java.util.Objects.requireNonNull(id, "id");
    if (raw == null) {
      raw = RawJson.empty();
    }
  }
}
