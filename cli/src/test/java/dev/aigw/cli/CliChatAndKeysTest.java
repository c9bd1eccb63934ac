package dev.aigw.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aigw.testkit.FakeCheapSub;
import dev.aigw.testkit.FakeCloudGpt;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** chat (streamed, stdin, JSON, routed, interrupted) and CloudGPT's keys. */
class CliChatAndKeysTest {

  @TempDir
  Path dir;

  @Test
  void chatStreamsTheReplyToStandardOutput() {
    Run run = Run.fake("chat", "cheapsub", "--fake", "-m", "gemini-3-flash", "--system", "Be brief.", "Hello there");
    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(run.out()).isEqualTo("You said: Hello there\n");
  }

  @Test
  void chatReadsThePromptFromStandardInputForADash() {
    Run run = Run.withInput(Map.of(), "What is on stdin?\n", "chat", "cloudgpt", "-", "--fake");
    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(run.out()).isEqualTo("You said: What is on stdin?\n");
  }

  @Test
  void chatAsJsonIsOneObject() {
    Run run = Run.fake("chat", "cloudgpt", "--fake", "--json", "Hello there");
    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(Json.single(run.out())).containsEntry("gateway", "cloudgpt").containsEntry("model", "openai")
        .containsEntry("text", "You said: Hello there").containsEntry("finishReason", "stop");
  }

  @Test
  void chatThroughSeveralGatewaysSaysWhichAnswered() {
    Run text = Run.fake("chat", "--gateways", "cheapsub,cloudgpt", "--fake", "Hello");
    assertThat(text.code()).as(text.toString()).isZero();
    assertThat(text.out()).isEqualTo("You said: Hello\n");
    assertThat(text.err()).contains("aigw: answered by cheapsub\n");

    Run json = Run.fake("chat", "cloudgpt,cheapsub", "--fake", "--json", "Hello");
    assertThat(Json.single(json.out())).containsEntry("gateway", "cloudgpt");
  }

  @Test
  void ctrlCCutsAStreamedReplyShort() throws Exception {
    try (FakeCheapSub fake = FakeCheapSub.start()) {
      fake.streamPause(Duration.ofMillis(300));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Aigw aigw = new Aigw(Map.of("CHEAPSUB_API_KEY", fake.apiKey(), "CHEAPSUB_BASE_URL", fake.baseUrl()),
          InputStream.nullInputStream(), new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8));
      AtomicInteger code = new AtomicInteger(-1);
      Thread running = new Thread(() -> code.set(aigw.execute("chat", "cheapsub",
          "one two three four five six seven eight nine ten eleven twelve")));
      running.start();
      Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
      while (out.size() == 0 && Instant.now().isBefore(deadline)) {
        Thread.sleep(10);
      }
      aigw.interrupt();
      running.join(60_000);
      assertThat(code.get()).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(130);
      assertThat(err.toString(StandardCharsets.UTF_8)).endsWith("aigw: interrupted: the reply was cut short\n");
      assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("You").doesNotContain("twelve");
    }
  }

  @Test
  void keysAreListedCreatedIntoAFileOnlyAndDeleted() throws Exception {
    try (FakeCloudGpt fake = FakeCloudGpt.start()) {
      Map<String, String> env = Map.of("CLOUDGPT_API_KEY", fake.apiKey(), "CLOUDGPT_BASE_URL", fake.baseUrl());
      Path keyFile = dir.resolve("ci.key");
      Run created = Run.of(env, "keys", "create", "ci", "--key-file", keyFile.toString());
      assertThat(created.code()).as(created.toString()).isZero();
      String key = Files.readString(keyFile).strip();
      assertThat(key).startsWith("cgpt_");
      String id = fake.keyIds().stream().filter(k -> !k.equals("key_default")).findFirst().orElseThrow();
      assertThat(created.out()).startsWith("created key " + id + " (ci): cgpt****").endsWith(", written to " + keyFile
          + " (CloudGPT shows it only this once)\n");
      assertThat(created.out() + created.err()).doesNotContain(key).doesNotContain(fake.apiKey());
      if (keyFile.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        assertThat(Files.getPosixFilePermissions(keyFile)).containsExactlyInAnyOrder(
            java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
      }

      Run again = Run.of(env, "keys", "create", "ci", "--key-file", keyFile.toString());
      assertThat(again.code()).isEqualTo(2);
      assertThat(again.err()).isEqualTo("aigw: " + keyFile + " exists already: give a new file for the key\n");

      Run list = Run.of(env, "keys", "list");
      assertThat(list.code()).as(list.toString()).isZero();
      assertThat(list.out()).contains("key_default", id, " ci ");
      assertThat(list.err()).isEqualTo("2 key(s)\n");
      assertThat(list.out()).doesNotContain(key);

      Run json = Run.of(env, "keys", "list", "--json");
      assertThat(Json.lines(json.out())).hasSize(2).anySatisfy(k -> assertThat(k).containsEntry("id", id)
          .containsEntry("name", "ci"));

      Run deleted = Run.of(env, "keys", "delete", id);
      assertThat(deleted.code()).as(deleted.toString()).isZero();
      assertThat(deleted.out()).isEqualTo("deleted key " + id + "\n");
      assertThat(fake.keyIds()).doesNotContain(id);

      Run gone = Run.of(env, "--json", "keys", "delete", id);
      assertThat(gone.code()).isEqualTo(5);
      assertThat(gone.out()).isEmpty();
      assertThat(gone.err()).isEqualTo("aigw: [cloudgpt] 404 key_not_found: API key not found: " + id + "\n");
    }
  }

  @Test
  void keysOfflineAsJsonShowOnlyTheMaskedKey() throws Exception {
    Path keyFile = dir.resolve("offline.key");
    Run created = Run.fake("keys", "create", "offline", "--key-file", keyFile.toString(), "--fake", "--json");
    assertThat(created.code()).as(created.toString()).isZero();
    String key = Files.readString(keyFile).strip();
    assertThat(Json.single(created.out())).containsEntry("name", "offline").containsEntry("keyFile", keyFile.toString());
    assertThat((String) Json.single(created.out()).get("key")).isEqualTo("cgpt****");
    assertThat(created.out() + created.err()).doesNotContain(key);
  }
}
