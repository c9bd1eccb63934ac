package dev.aigw.examples;

import static dev.aigw.examples.Media.assertPng;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SwitchVendorTest {
  @TempDir
  Path output;

  @Test
  void theSameCodeUsesWhatEachOfTheFiveOffers() throws Exception {
    Console console = new Console();

    SwitchVendor.run(List.of(), Map.of(), output, console.out());

    List<String> lines = console.lines();
    assertThat(lines).filteredOn(l -> l.startsWith("  capabilities: ")).containsExactly(
        "  capabilities: CHAT, CHAT_STREAMING, IMAGES, IMAGE_REFERENCES, VIDEOS, MODELS",
        "  capabilities: CHAT, CHAT_STREAMING, IMAGES, VIDEOS, MODELS",
        "  capabilities: IMAGES, IMAGE_REFERENCES, MODELS",
        "  capabilities: IMAGES, IMAGE_REFERENCES",
        "  capabilities: IMAGES, IMAGE_REFERENCES");
    assertThat(lines).filteredOn(l -> l.startsWith("  chat: ")).containsExactly(
        "  chat: You said: Say hello in Korean.",
        "  chat: You said: Say hello in Korean.",
        "  chat: not offered (gptimagehub does not offer chat completions)",
        "  chat: not offered (icodeeasy does not offer chat completions)",
        "  chat: not offered (gptimage2 does not offer chat completions)");
    assertThat(lines).filteredOn(l -> l.startsWith("  models: ")).hasSize(3);
    assertThat(lines).filteredOn(l -> l.startsWith("  videos: ")).hasSize(2);
    for (String vendor : Gateway.VENDORS) {
      assertPng(output.resolve(vendor + "-switch.png"));
    }
  }

  @Test
  void runsOnlyTheGatewaysNamed() {
    Console console = new Console();

    SwitchVendor.run(List.of("icodeeasy"), Map.of(), output, console.out());

    assertThat(console.lines()).hasSize(5).last().isEqualTo("icodeeasy: done with 2 capabilities");
    assertThat(output.resolve("cheapsub-switch.png")).doesNotExist();
  }
}
