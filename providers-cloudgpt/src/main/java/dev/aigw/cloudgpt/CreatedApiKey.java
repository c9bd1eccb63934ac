package dev.aigw.cloudgpt;

import dev.aigw.core.Secret;
import java.time.Instant;

/**
 * A key just created with {@link CloudGptKeys#create}. CloudGPT shows the full key this once:
 * store {@link #key()} safely now. The key is a {@link Secret}, so printing or logging this record
 * shows only its first characters.
 *
 * @param id the key's id ({@code key_abc123}), for {@link CloudGptKeys#delete}
 * @param name the name it was given
 * @param key the key itself; {@code key().reveal()} gives the value
 * @param created when it was created, or {@code null} when the server did not say
 */
public record CreatedApiKey(String id, String name, Secret key, Instant created) {
  /**
   * Checks that the id and the key are present.
   *
   * @param id the key's id; not null
   * @param name its name
   * @param key the key itself; not null
   * @param created when it was created, or {@code null}
   */
  public CreatedApiKey {
    java.util.Objects.requireNonNull(id, "id");
    java.util.Objects.requireNonNull(key, "key");
  }
}
