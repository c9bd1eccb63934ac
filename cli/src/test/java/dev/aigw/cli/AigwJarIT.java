package dev.aigw.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executable jar as a user runs it, in a process of its own with {@code java -jar}: the merged
 * service files, the manifest (multi-release: Moshi's records) and what the shading kept.
 */
class AigwJarIT {
  private static final Path JAR = Path.of(System.getProperty("aigw.jar", "target/missing.jar"));

  @TempDir
  Path dir;

  private record Result(int code, String out, String err) {}

  private Result aigw(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", JAR.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
    // no key of the machine's environment reaches the tool: the run must not depend on it
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.endsWith("_API_KEY") || name.endsWith("_BASE_URL") || name.endsWith("_KEYS_TOKEN"));
    Process process = builder.start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("aigw finished").isTrue();
    return new Result(process.exitValue(), Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
        Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
  }

  @Test
  void theJarMakesAnImageOffline() throws Exception {
    Result run = aigw("image", "cheapsub", "a cat", "--fake", "-o", "cat.png");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("saved cat.png (");
    Media.assertPng(dir.resolve("cat.png"));
  }

  @Test
  void theJarStreamsAChatAndReadsEveryGatewaysJson() throws Exception {
    Result chat = aigw("chat", "cheapsub", "--fake", "hello");
    assertThat(chat.code()).as(chat.err()).isZero();
    assertThat(chat.out()).isEqualTo("You said: hello\n");
    for (String gateway : List.of("cheapsub", "cloudgpt", "gptimagehub")) {
      Result models = aigw("--json", "models", gateway, "--fake");
      assertThat(models.code()).as(gateway + ": " + models.err()).isZero();
      assertThat(Json.lines(models.out())).isNotEmpty();
    }
    Result video = aigw("video", "cloudgpt", "waves", "--fake", "-o", "waves.mp4");
    assertThat(video.code()).as(video.err()).isZero();
    Media.assertMp4(dir.resolve("waves.mp4"));
  }

  @Test
  void theJarFindsAllFiveGatewaysAndItsVersion() throws Exception {
    Result gateways = aigw("gateways");
    assertThat(gateways.code()).as(gateways.err()).isZero();
    assertThat(gateways.out().lines()).hasSize(6);
    assertThat(aigw("--version").out()).startsWith("aigw 0.");
    Result usage = aigw("image");
    assertThat(usage.code()).isEqualTo(2);
    Result verbose = aigw("--verbose", "models", "cheapsub", "--fake");
    assertThat(verbose.code()).as(verbose.err()).isZero();
    assertThat(verbose.err()).contains("DEBUG").doesNotContain("SLF4J");
    assertThat(aigw("models", "cheapsub", "--fake").err()).doesNotContain("DEBUG").doesNotContain("SLF4J");
  }
}
