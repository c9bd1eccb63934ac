package dev.aigw.examples;

import static dev.aigw.examples.Media.assertPng;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageProgressTest {
  @TempDir
  Path output;

  @ParameterizedTest
  @ValueSource(strings = {"cheapsub", "gptimagehub", "icodeeasy", "gptimage2"})
  void withoutATerminalEveryPollIsALineOfItsOwn(String vendor) throws Exception {
    Console console = new Console();

    ImageProgress.run(List.of(vendor), Map.of(), output, console.out(), false);

    assertThat(console.text()).doesNotContain("\r");
    List<String> progress = console.lines().stream().filter(l -> l.startsWith("  [")).toList();
    assertThat(progress).hasSize(ImageProgress.OFFLINE_POLLS);
    assertThat(progress.get(0)).matches("  \\[#\\.{9}] (QUEUED|RUNNING)  poll 1, [0-9.]+ s");
    assertThat(progress.get(progress.size() - 1))
        .matches("  \\[#{10}] SUCCEEDED( 100%)?  poll " + ImageProgress.OFFLINE_POLLS + ", [0-9.]+ s");
    Path saved = output.resolve(vendor + "-progress.png");
    assertThat(console.lines()).last().isEqualTo("saved " + saved + " (" + OutputFiles.size(saved) + ")");
    assertPng(saved);
  }

  @Test
  void onATerminalOneLineIsRewrittenInPlace() throws Exception {
    Console console = new Console();

    ImageProgress.run(List.of(), Map.of(), output, console.out(), true);

    List<String> lines = console.lines();
    assertThat(lines.get(1)).startsWith("submitted image ").endsWith(" to cheapsub");
    String rewritten = lines.get(2);
    assertThat(rewritten.split("\r", -1)).hasSize(ImageProgress.OFFLINE_POLLS + 1);
    assertThat(rewritten).startsWith("\r  [#.........] RUNNING  poll 1, ");
    assertThat(rewritten.substring(rewritten.lastIndexOf('\r') + 1).strip())
        .matches("\\[#{10}] SUCCEEDED 100%  poll " + ImageProgress.OFFLINE_POLLS + ", [0-9.]+ s");
    assertThat(lines.get(3)).startsWith("saved " + output.resolve("cheapsub-progress.png"));
    assertPng(output.resolve("cheapsub-progress.png"));
  }

  @Test
  void aLineThatGetsShorterIsPaddedSoNothingOfTheLongerOneIsLeft() {
    Console console = new Console();
    ImageProgress.ProgressLine line = new ImageProgress.ProgressLine(console.out(), true, System.nanoTime());

    line.show(new dev.aigw.core.operation.OperationSnapshot<>("t", dev.aigw.core.operation.OperationStatus.RUNNING,
        "processing", 45, null, null, null, null));
    line.show(dev.aigw.core.operation.OperationSnapshot.of("t", dev.aigw.core.operation.OperationStatus.QUEUED,
        null, null));
    line.end();

    String[] shown = console.text().split("\r");
    assertThat(shown[1]).startsWith("  [####......] RUNNING 45%  poll 1, ");
    assertThat(shown[2]).startsWith("  [##........] QUEUED  poll 2, ");
    assertThat(shown[2]).hasSize(shown[1].length() + 1); // padded to the longer line, then the newline
    assertThat(shown[2]).endsWith(" \n");
  }
}
