package dev.aigw.examples;

import static dev.aigw.examples.Media.assertMp4;
import static dev.aigw.examples.Media.assertPng;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TourTest {
  @TempDir
  Path output;

  @Test
  void visitsAllFiveGatewaysOfflineAndLeavesImagesThatDecodeAndMp4s() throws Exception {
    Console console = new Console();

    Tour.run(Map.of(), output, console.out());

    List<String> lines = console.lines();
    for (String vendor : List.of("cheapsub", "cloudgpt", "gptimagehub", "icodeeasy", "gptimage2")) {
      assertThat(lines).as("the line saying how %s is reached", vendor)
          .contains("== " + vendor + ": offline: the embedded fake at " + fakeUrl(lines, vendor) + " (set "
              + vendor.toUpperCase(java.util.Locale.ROOT) + "_API_KEY to call the real service)");
      assertPng(output.resolve(vendor + "-image.png"));
    }
    assertThat(lines).filteredOn(l -> l.contains(": ok (") || l.contains(": FAILED")).containsExactly(
        "cheapsub: ok (models, chat, stream, image, video)",
        "cloudgpt: ok (chat, stream, image, video)",
        "gptimagehub: ok (models, image, credits)",
        "icodeeasy: ok (image)",
        "gptimage2: ok (idempotent image)");
    assertThat(lines.get(lines.size() - 1))
        .isEqualTo("All 5 gateways answered; images and videos are in " + output);
    assertThat(lines.get(lines.size() - 2)).as("what the gateways charged, the resubmission once")
        .isEqualTo("Total cost: cheapsub 0.500000 KRW, gptimage2 1 credits, gptimagehub 8 credits, icodeeasy 0.1 CNY");
    assertMp4(output.resolve("cheapsub-video.mp4"));
    assertMp4(output.resolve("cloudgpt-video.mp4"));

    // what each gateway said, as the user reads it
    assertThat(lines).contains(
        "  models: 5 listed, e.g. google/gemini-3-flash",
        "  chat: " + "서울은 대한민국의 수도입니다. (Seoul is the capital of South Korea.)",
        "  stream: " + "서울은 대한민국의 수도입니다. (Seoul is the capital of South Korea.)",
        "  credits: 120 before, 112 after (PRO account)");
    assertThat(lines).anyMatch(l -> l.equals("  image: saved " + output.resolve("cheapsub-image.png")
        + " (" + OutputFiles.size(output.resolve("cheapsub-image.png")) + ", cost 0.500000 KRW)"));
    assertThat(lines).anyMatch(l -> l.matches("  resubmitted with the same Idempotency-Key: the same generation "
        + "[0-9a-f-]{36}, status SUCCEEDED, not charged again"));
    assertThat(console.text()).doesNotContain("csk_", "cgpt_", "gih_live_", "sk_", "gimg_");
  }

  @Test
  void aGatewayThatFailsIsReportedAndTheTourStillVisitsTheOthersThenFails() {
    Console console = new Console();
    // a live CloudGPT key without the deployment's base URL: refused before anything is sent
    Map<String, String> env = Map.of("CLOUDGPT_API_KEY", "cgpt_not_a_real_key_0123456789");

    IllegalStateException failure = catchThrowableOfType(IllegalStateException.class,
        () -> Tour.run(env, output, console.out()));

    assertThat(failure).hasMessage("1 of 5 gateways failed: cloudgpt");
    List<String> lines = console.lines();
    assertThat(lines).contains("cloudgpt: FAILED: cloudgpt: baseUrl: cloudgpt has no fixed host: set baseUrl(…) or"
        + " CLOUDGPT_BASE_URL to your deployment's URL");
    assertThat(lines).contains("cheapsub: ok (models, chat, stream, image, video)", "gptimagehub: ok (models, image, credits)",
        "icodeeasy: ok (image)", "gptimage2: ok (idempotent image)");
    assertThat(lines).noneMatch(l -> l.startsWith("All 5 gateways"));
    assertThat(lines).contains("Total cost: cheapsub 0.500000 KRW, gptimage2 1 credits, gptimagehub 8 credits,"
        + " icodeeasy 0.1 CNY");
    assertThat(console.text()).doesNotContain("cgpt_not_a_real_key_0123456789");
    assertThat(output.resolve("cloudgpt-image.png")).doesNotExist();
  }

  /** The fake's URL from the gateway's line (its port is chosen at start). */
  private static String fakeUrl(List<String> lines, String vendor) {
    String start = "== " + vendor + ": offline: the embedded fake at ";
    String line = lines.stream().filter(l -> l.startsWith(start)).findFirst().orElseThrow();
    String url = line.substring(start.length(), line.indexOf(' ', start.length()));
    assertThat(url).matches("http://(localhost|127\\.0\\.0\\.1):[0-9]+");
    return url;
  }
}
