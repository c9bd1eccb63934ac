package dev.aigw.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aigw.testkit.FakeCheapSub;
import dev.aigw.testkit.FakeGptImageHub;
import dev.aigw.testkit.FakeICodeEasy;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** image, video, resume, failover and Ctrl-C, against the fakes. */
class CliOperationsTest {
  private static final Pattern SUBMITTED = Pattern.compile("operation (\\S+) submitted to");

  @TempDir
  Path dir;

  private static String id(Run run) {
    Matcher m = SUBMITTED.matcher(run.err());
    assertThat(m.find()).as(run.toString()).isTrue();
    return m.group(1);
  }

  private static Map<String, String> env(FakeCheapSub fake) {
    return Map.of("CHEAPSUB_API_KEY", fake.apiKey(), "CHEAPSUB_BASE_URL", fake.baseUrl());
  }

  @Test
  void imageOfflineIsSavedAsAPngWithOneProgressLinePerChange() throws Exception {
    Path cat = dir.resolve("cat.png");
    Run run = Run.fake("image", "cheapsub", "a cat", "--fake", "-o", cat.toString());
    assertThat(run.code()).as(run.toString()).isZero();
    Media.assertPng(cat);
    String id = id(run);
    assertThat(run.out()).isEqualTo("saved " + cat + " (" + Generation.bytes(Files.size(cat)) + ")\ncost 0.500000 KRW\n");
    assertThat(run.err().lines().toList()).containsExactly(
        run.err().lines().findFirst().orElseThrow(),
        "aigw: image operation " + id + " submitted to cheapsub (to follow it later: aigw resume cheapsub " + id + ")",
        "cheapsub " + id + ": RUNNING",
        "cheapsub " + id + ": SUCCEEDED 100%",
        "cheapsub " + id + ": downloading 1/1");
    assertThat(run.err()).startsWith("aigw: cheapsub: the offline fake at http://");
  }

  @Test
  void twoImagesAsJsonAreNumberedAndAReferenceFileIsSent() throws Exception {
    Path sketch = dir.resolve("sketch.png");
    Run first = Run.fake("image", "icodeeasy", "a sketch", "--fake", "-o", sketch.toString());
    assertThat(first.code()).as(first.toString()).isZero();

    Run run = Run.fake("--json", "image", "icodeeasy", "the same in colour", "--fake", "-n", "2", "--ratio", "16:9",
        "--ref", sketch.toString(), "-o", dir.resolve("colour.png").toString());
    assertThat(run.code()).as(run.toString()).isZero();
    Map<String, Object> json = Json.single(run.out());
    assertThat(json).containsEntry("gateway", "icodeeasy").containsEntry("kind", "image")
        .containsEntry("status", "SUCCEEDED").containsEntry("operation", id(run)).containsEntry("cost", "0.4 CNY");
    assertThat(json.get("files")).isEqualTo(List.of(dir.resolve("colour-1.png").toString(),
        dir.resolve("colour-2.png").toString()));
    Media.assertPng(dir.resolve("colour-1.png"));
    Media.assertPng(dir.resolve("colour-2.png"));
  }

  @Test
  void withoutAFileNameTheFileIsNamedAfterTheOperationInTheDirectoryGiven() throws Exception {
    Run run = Run.fake("image", "gptimage2", "a cat", "--fake", "--size", "1024x1024", "-o", dir.toString());
    assertThat(run.code()).as(run.toString()).isZero();
    Path file = dir.resolve("gptimage2-" + id(run) + ".png");
    Media.assertPng(file);
    assertThat(run.out()).startsWith("saved " + file + " (");
  }

  @Test
  void videoOfflineIsAnMp4() throws Exception {
    Path clip = dir.resolve("clip.mp4");
    Run run = Run.fake("video", "cheapsub", "waves", "--fake", "--size", "1280x720", "--duration", "10", "-o", clip.toString());
    assertThat(run.code()).as(run.toString()).isZero();
    Media.assertMp4(clip);
    String id = id(run);
    assertThat(run.err()).contains("aigw resume cheapsub " + id + " --video)", "cheapsub " + id + ": RUNNING\n");

    Run json = Run.fake("video", "cloudgpt", "waves", "--fake", "--json", "-o", dir.toString());
    assertThat(json.code()).as(json.toString()).isZero();
    @SuppressWarnings("unchecked")
    List<String> files = (List<String>) Json.single(json.out()).get("files");
    assertThat(files).singleElement().asString().endsWith(".mp4");
    Media.assertMp4(Path.of(files.get(0)));
  }

  @Test
  void aTimedOutWaitSaysHowToResumeAndResumeSavesTheImage() throws Exception {
    try (FakeCheapSub fake = FakeCheapSub.start()) {
      fake.tasks().pollsToFinish(1_000_000);
      Run waited = Run.of(env(fake), "image", "cheapsub", "a cat", "--poll-interval", "20ms", "--timeout", "1s");
      assertThat(waited.code()).as(waited.toString()).isEqualTo(6);
      String id = id(waited);
      assertThat(waited.err()).contains("did not finish", "Resume with: aigw resume cheapsub " + id + "\n");

      fake.tasks().finish(id);
      Path out = dir.resolve("later.png");
      Run resumed = Run.of(env(fake), "resume", "cheapsub", id, "--poll-interval", "20ms", "-o", out.toString());
      assertThat(resumed.code()).as(resumed.toString()).isZero();
      Media.assertPng(out);
      assertThat(resumed.err()).contains("cheapsub " + id + ": SUCCEEDED");
      assertThat(resumed.out()).startsWith("saved " + out);
    }
  }

  @Test
  void ctrlCStopsTheWaitAndPrintsTheIdToResume() throws Exception {
    try (FakeCheapSub fake = FakeCheapSub.start()) {
      fake.tasks().pollsToFinish(1_000_000);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Aigw aigw = new Aigw(env(fake), InputStream.nullInputStream(), new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8));
      AtomicInteger code = new AtomicInteger(-1);
      Thread running = new Thread(() -> code.set(aigw.execute("video", "cheapsub", "waves", "--poll-interval", "20ms")));
      running.start();
      Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
      while (!err.toString(StandardCharsets.UTF_8).contains(": RUNNING") && Instant.now().isBefore(deadline)) {
        Thread.sleep(10);
      }
      aigw.interrupt();
      running.join(60_000);
      String stderr = err.toString(StandardCharsets.UTF_8);
      Matcher m = SUBMITTED.matcher(stderr);
      assertThat(m.find()).as(stderr).isTrue();
      String id = m.group(1);
      assertThat(code.get()).as(stderr).isEqualTo(130);
      assertThat(stderr).endsWith("aigw: interrupted: stopped waiting for video operation " + id
          + "; it goes on at cheapsub. Resume with: aigw resume cheapsub " + id + " --video\n");
      assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();

      fake.tasks().finish(id);
      Run resumed = Run.of(env(fake), "resume", "cheapsub", id, "--video", "--poll-interval", "20ms", "--json",
          "-o", dir.resolve("waves.mp4").toString());
      assertThat(resumed.code()).as(resumed.toString()).isZero();
      assertThat(Json.single(resumed.out())).containsEntry("kind", "video").containsEntry("operation", id);
      Media.assertMp4(dir.resolve("waves.mp4"));
    }
  }

  @Test
  void failoverMovesOnFromAGatewayThatFailsWithoutChargingAndTheRoutedIdResumes() throws Exception {
    try (FakeICodeEasy icodeeasy = FakeICodeEasy.start(); FakeGptImageHub hub = FakeGptImageHub.start()) {
      icodeeasy.faults().failNext(5, 503);
      Map<String, String> env = Map.of("ICODEEASY_API_KEY", icodeeasy.apiKey(), "ICODEEASY_BASE_URL", icodeeasy.baseUrl(),
          "GPTIMAGEHUB_API_KEY", hub.apiKey(), "GPTIMAGEHUB_BASE_URL", hub.baseUrl());
      Run run = Run.of(env, "image", "--gateways", "icodeeasy,gptimagehub", "a lighthouse", "--poll-interval", "20ms",
          "--json", "-o", dir.resolve("lighthouse.png").toString());
      assertThat(run.code()).as(run.toString()).isZero();
      Map<String, Object> json = Json.single(run.out());
      assertThat(json).containsEntry("gateway", "gptimagehub");
      assertThat((String) json.get("operation")).startsWith("gptimagehub:");
      Media.assertPng(dir.resolve("lighthouse.png"));
      assertThat(run.err()).contains("(to follow it later: aigw resume icodeeasy,gptimagehub gptimagehub:");

      Run resumed = Run.of(env, "resume", "icodeeasy,gptimagehub", (String) json.get("operation"),
          "--poll-interval", "20ms", "-o", dir.resolve("again.png").toString());
      assertThat(resumed.code()).as(resumed.toString()).isZero();
      Media.assertPng(dir.resolve("again.png"));
    }
  }
}
