package dev.aigw.examples;

import static dev.aigw.examples.Media.assertMp4;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoTest {
  @TempDir
  Path output;

  @Test
  void cheapSubPollsTheTaskAndSavesAnMp4() throws Exception {
    Console console = new Console();

    Video.run(List.of(), Map.of(), output, console.out());

    List<String> lines = console.lines();
    assertThat(lines.get(1)).matches("submitted video [0-9a-f-]{36} \\(10 s\\)");
    String id = lines.get(1).split(" ")[2];
    assertThat(lines.subList(2, 4)).containsExactly("video " + id + ": RUNNING", "video " + id + ": SUCCEEDED");
    Path saved = output.resolve("cheapsub-video.mp4");
    assertThat(lines.get(4)).startsWith("saved " + saved + " (" + OutputFiles.size(saved) + ", ");
    assertMp4(saved);
  }

  @Test
  void cloudGptAnswersWithTheMp4Itself() throws Exception {
    Console console = new Console();

    Video.run(List.of("cloudgpt"), Map.of(), output, console.out());

    List<String> lines = console.lines();
    assertThat(lines.get(1)).matches("submitted video local-[0-9a-f-]{36} \\(4 s\\)");
    assertThat(lines.get(2)).endsWith(": SUCCEEDED");
    assertMp4(output.resolve("cloudgpt-video.mp4"));
  }

  @Test
  void aGatewayWithoutVideosIsRefusedBeforeAnythingStarts() {
    Console console = new Console();

    IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class,
        () -> Video.run(List.of("icodeeasy"), Map.of(), output, console.out()));

    assertThat(e).hasMessage("icodeeasy makes no videos here; choose cheapsub or cloudgpt");
    assertThat(console.text()).isEmpty();
  }
}
