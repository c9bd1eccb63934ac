package dev.aigw.examples;

import static dev.aigw.examples.Media.assertMp4;
import static dev.aigw.examples.Media.assertPng;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aigw.testkit.FakeCheapSub;
import dev.aigw.testkit.FakeCloudGpt;
import dev.aigw.testkit.FakeGateway;
import dev.aigw.testkit.FakeGptImage2;
import dev.aigw.testkit.FakeGptImageHub;
import dev.aigw.testkit.FakeICodeEasy;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tour's live path: every client built from the environment, with the vendors' own polling. */
class TourLiveTest {
  @TempDir
  Path output;

  @Test
  void withEveryKeySetTheTourCallsTheServicesTheEnvironmentNames() throws Exception {
    List<FakeGateway> services = List.of(FakeCheapSub.start(), FakeCloudGpt.start(), FakeGptImageHub.start(),
        FakeICodeEasy.start(), FakeGptImage2.start());
    try {
      Map<String, String> env = new HashMap<>();
      for (FakeGateway service : services) {
        String prefix = service.vendor().toUpperCase(java.util.Locale.ROOT);
        env.put(prefix + "_API_KEY", service.apiKey());
        env.put(prefix + "_BASE_URL", service.baseUrl());
      }
      Console console = new Console();

      Tour.run(env, output, console.out());

      List<String> lines = console.lines();
      for (FakeGateway service : services) {
        assertThat(lines).anyMatch(l -> l.startsWith("== " + service.vendor() + ": live, ")
            && l.contains(service.baseUrl()));
        assertThat(lines).anyMatch(l -> l.startsWith(service.vendor() + ": ok ("));
        assertThat(service.journal().requests()).as("requests %s received", service.vendor()).isNotEmpty();
        assertThat(console.text()).doesNotContain(service.apiKey());
        assertPng(output.resolve(service.vendor() + "-image.png"));
      }
      assertMp4(output.resolve("cheapsub-video.mp4"));
      assertMp4(output.resolve("cloudgpt-video.mp4"));
      assertThat(lines).noneMatch(l -> l.contains("offline"));
    } finally {
      services.forEach(FakeGateway::close);
    }
  }
}
