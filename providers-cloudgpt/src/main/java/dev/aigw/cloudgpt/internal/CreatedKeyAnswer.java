package dev.aigw.cloudgpt.internal;

/**
 * The answer to {@code POST /api/keys}, in both shapes: the documented {@code {id, key, name,
 * created}} and the deployed server's {@code {id:<uuid>, key, name, createdAt:<ISO string>,
 * message}}. Read straight from the body, so that its text (which holds the new key) is never kept.
 *
 * @param id the key's id
 * @param key the new key, in full
 * @param name its name
 * @param created when it was created, as documented (Unix seconds; read with {@link CloudGptJson#time})
 * @param createdAt when it was created, as deployed (an ISO-8601 string; read the same way)
 * @param message the deployed server's note ("save it now…"), or {@code null}
 */
public record CreatedKeyAnswer(String id, String key, String name, Object created, Object createdAt, String message) {
  /** Never shows the key. */
  @Override
  public String toString() {
    return "CreatedKeyAnswer[id=" + id + ", name=" + name + "]";
  }

  /** When the key was created, from whichever field the server sent. */
  public Object creationTime() {
    return created != null ? created : createdAt;
  }
}
