package dev.aigw.examples;

import dev.aigw.cloudgpt.ApiKeyInfo;
import dev.aigw.cloudgpt.CloudGptClient;
import dev.aigw.cloudgpt.CreatedApiKey;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * CloudGPT key management: create a key, list the account's keys, delete the new key, and list
 * again. CloudGPT shows a new key in full only in the answer that creates it; the SDK holds it as
 * a {@link dev.aigw.core.Secret}, and this program prints only its masked start, as you should:
 * store {@code created.key().reveal()} in your secret store instead. The list shows only each
 * key's start, as CloudGPT sends it.
 *
 * <p>With {@code CLOUDGPT_API_KEY} and {@code CLOUDGPT_BASE_URL} set it manages the keys of your
 * real account (the key it creates is deleted again); a deployed CloudGPT also needs {@code
 * CLOUDGPT_KEYS_TOKEN}, the dashboard's session token, since its key management does not take
 * {@code cgpt_} keys. Otherwise the embedded fake answers. Run it with:
 *
 * <pre>
 * mvn -B -q -DskipTests -Drun-examples -Dexample=dev.aigw.examples.CloudGptKeyManagement package
 * </pre>
 */
public final class CloudGptKeyManagement {
  private CloudGptKeyManagement() {}

  /** Creates, lists and deletes a key. */
  public static void main(String[] args) {
    Program.run("CloudGptKeyManagement", (env, output, out) -> run(env, out));
  }

  /**
   * Creates a key, lists the keys, deletes the new one and lists again.
   *
   * @throws IllegalStateException when the new key is not listed, or is still listed after deletion
   */
  static void run(Map<String, String> env, PrintStream out) {
    try (Gateway gateway = Gateway.open("cloudgpt", env, out)) {
      CloudGptClient cloudgpt = gateway.client(CloudGptClient.class);

      CreatedApiKey created = cloudgpt.keys().create("aigw-example-" + Instant.now().getEpochSecond());
      out.println("created " + created.id() + " \"" + created.name() + "\": " + created.key().masked()
          + " (the full key is shown only now; keep it in a secret store, never in logs)");

      List<ApiKeyInfo> keys = list(cloudgpt, out);
      if (keys.stream().noneMatch(k -> k.id().equals(created.id()))) {
        throw new IllegalStateException("the new key " + created.id() + " is not listed");
      }

      boolean deleted = cloudgpt.keys().delete(created.id());
      out.println("deleted " + created.id() + ": " + deleted);
      List<ApiKeyInfo> after = list(cloudgpt, out);
      if (after.stream().anyMatch(k -> k.id().equals(created.id()))) {
        throw new IllegalStateException("the key " + created.id() + " is still listed after it was deleted");
      }
    }
  }

  private static List<ApiKeyInfo> list(CloudGptClient cloudgpt, PrintStream out) {
    List<ApiKeyInfo> keys = cloudgpt.keys().list();
    out.println(keys.size() + (keys.size() == 1 ? " key:" : " keys:"));
    for (ApiKeyInfo key : keys) {
      out.println("  " + key.id() + "  " + key.name() + "  " + key.prefix() + "  created " + key.created()
          + ", last used " + (key.lastUsed() == null ? "never" : key.lastUsed()));
    }
    return keys;
  }
}
