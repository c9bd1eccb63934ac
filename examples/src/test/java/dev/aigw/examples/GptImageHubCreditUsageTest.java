package dev.aigw.examples;

import static dev.aigw.examples.Media.assertPng;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GptImageHubCreditUsageTest {
  @TempDir
  Path output;

  @Test
  void showsTheBalanceTheChargeAndTheBalanceAfter() throws Exception {
    Console console = new Console();

    GptImageHubCreditUsage.run(Map.of(), output, console.out());

    List<String> lines = console.lines();
    Path saved = output.resolve("gptimagehub-credits.png");
    assertThat(lines.subList(1, lines.size())).containsExactly(
        "balance: 120 credits (PRO account)",
        lines.get(2),
        "balance: 112 credits (8 spent since the first reading)");
    assertThat(lines.get(2)).matches("generation [0-9a-f-]{36}: succeeded, charged 8 credits; saved .*")
        .endsWith("saved " + saved + " (" + OutputFiles.size(saved) + ")");
    assertPng(saved);
  }
}
