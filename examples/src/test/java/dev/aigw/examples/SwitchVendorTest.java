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
    assertThat(lines).filteredOn(l -> l.startsWith("  default models: ")).containsExactly(
        "  default models: chat gemini-3-flash, image nano-banana-2, video sora-2",
        "  default models: chat openai, image flux, video veo",
        "  default models: image gpt-image-2",
        "  default models: image gpt-image-2",
        "  default models: image gpt-image-2");
    assertThat(lines).filteredOn(l -> l.startsWith("  models: ")).hasSize(3);
    assertThat(lines).filteredOn(l -> l.startsWith("  videos: ")).hasSize(2);
    // one neutral request, sent unchanged: four gateways make it, CloudGPT refuses it before sending
    assertThat(lines).filteredOn(l -> l.startsWith("  image: ")).hasSize(5)
        .filteredOn(l -> l.startsWith("  image: refused")).containsExactly("  image: refused before sending:"
            + " cloudgpt: references: is not supported by cloudgpt; it takes no reference images");
    for (String vendor : List.of("cheapsub", "gptimagehub", "icodeeasy", "gptimage2")) {
      assertPng(output.resolve(vendor + "-switch.png"));
    }
    assertThat(output.resolve("cloudgpt-switch.png")).doesNotExist();
  }

  @Test
  void runsOnlyTheGatewaysNamed() throws Exception {
    Console console = new Console();

    SwitchVendor.run(List.of("icodeeasy"), Map.of(), output, console.out());

    assertThat(console.lines()).hasSize(6).last().isEqualTo("icodeeasy: done with 2 capabilities");
    assertThat(output.resolve("cheapsub-switch.png")).doesNotExist();
  }
}
