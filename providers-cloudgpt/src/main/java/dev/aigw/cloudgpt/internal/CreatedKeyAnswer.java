package dev.aigw.cloudgpt.internal;

/**
 * The answer to {@code POST /api/keys} as documented: {@code {id, key, name, created}}. Read
 * straight from the body, so that its text (which holds the new key) is never kept.
 *
 * @param id the key's id
 * @param key the new key, in full
 * @param name its name
 * @param created when it was created (Unix seconds as documented; read with {@link CloudGptJson#time})
 */
public record CreatedKeyAnswer(String id, String key, String name, Object created) {
  /** Never shows the key. */
  @Override
  public String toString() {
    return "CreatedKeyAnswer[id=" + id + ", name=" + name + "]";
  }
}
