package dev.aigw.examples;

import static dev.aigw.examples.Media.assertPng;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aigw.gptimage2.GptImage2Client;
import dev.aigw.gptimage2.GptImage2Webhooks;
import dev.aigw.gptimage2.WebhookRegistration;
import dev.aigw.testkit.FakeGptImage2;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookEndpointTest {
  private static final String VERIFIED = "verified: generation.succeeded for generation [0-9a-f-]{36} \\(succeeded,"
      + " 1 image\\), delivery [0-9a-f-]{36}";
  private static final String REPEAT = "repeat: delivery [0-9a-f-]{36} was handled already; answered 200 and ignored";
  private static final String REJECTED = "rejected: [gptimage2] webhook signature does not match the body (tampered,"
      + " or signed with another secret)";

  @TempDir
  Path output;

  @Test
  void offlineTheFakeDeliversASignedCallbackThatIsVerifiedARetryIgnoredAndATamperedCopyRejected() throws Exception {
    Console console = new Console();

    WebhookEndpoint.run(Map.of(), output, console.out(), Duration.ofSeconds(30));

    List<String> lines = console.lines();
    assertThat(lines.get(1)).matches("registered webhook wh_[0-9a-f]{8} for http://127\\.0\\.0\\.1:[0-9]+"
        + "/webhooks/gptimage2 \\(signing secret whse\\*\\*\\*\\*, shown only once\\)");
    assertOutcomesInOrder(lines);
    assertThat(lines).contains("the sender retries the same delivery:", "the tampered delivery was answered 400");
    assertThat(lines).last().isEqualTo("done: 1 delivery verified, 1 repeat ignored, 1 tampered delivery rejected");
    assertThat(console.text()).doesNotContainPattern("whsec_[0-9a-f]");
    assertPng(output.resolve("gptimage2-webhook.png"));
  }

  @Test
  void liveItVerifiesWithTheSecretFromTheEnvironmentAndReplaysTheDeliveryItself() throws Exception {
    Console console = new Console();
    try (FakeGptImage2 service = FakeGptImage2.start()) {
      // the "real" gptimage2.plus is a fake the test runs; its webhook points at the port the example will use
      int port;
      try (ServerSocket free = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
        port = free.getLocalPort();
      }
      String url = "http://127.0.0.1:" + port + WebhookEndpoint.PATH;
      WebhookRegistration registration;
      try (GptImage2Client admin = GptImage2Client.builder().apiKey(service.apiKey()).baseUrl(service.baseUrl()).build()) {
        registration = admin.webhooks().register(service.sessionCookie(), url, GptImage2Webhooks.EVENTS, "test");
      }
      Map<String, String> env = Map.of("GPTIMAGE2_API_KEY", service.apiKey(), "GPTIMAGE2_BASE_URL", service.baseUrl(),
          "GPTIMAGE2_WEBHOOK_SECRET", registration.secret().reveal(), "WEBHOOK_PORT", String.valueOf(port));

      WebhookEndpoint.run(env, output, console.out(), Duration.ofSeconds(30));

      List<String> lines = console.lines();
      assertThat(lines.get(0)).startsWith("== gptimage2: live, GptImage2Client[" + service.baseUrl());
      assertThat(lines.get(1)).isEqualTo("listening on " + url + "; gptimage2.plus reaches it through the https URL"
          + " you registered (signing secret from GPTIMAGE2_WEBHOOK_SECRET, whse****)");
      assertOutcomesInOrder(lines);
      assertThat(lines).contains("sending the same delivery again, as a sender's retry would:",
          "the tampered delivery was answered 400");
      assertThat(console.text()).doesNotContain(registration.secret().reveal()).doesNotContain(service.apiKey());
      // the gateway delivered once; the repeat and the tampered copy came from the example itself
      assertThat(service.journal().callbacks()).singleElement().satisfies(c -> {
        assertThat(c.url()).isEqualTo(url);
        assertThat(c.status()).isEqualTo(200);
      });
    }
  }

  @Test
  void liveWithoutTheSigningSecretItSaysWhichVariableToSet() {
    try (FakeGptImage2 service = FakeGptImage2.start()) {
      Map<String, String> env = Map.of("GPTIMAGE2_API_KEY", service.apiKey(), "GPTIMAGE2_BASE_URL", service.baseUrl(),
          "WEBHOOK_PORT", "0");

      IllegalStateException e = catchThrowableOfType(IllegalStateException.class,
          () -> WebhookEndpoint.run(env, output, new Console().out(), Duration.ofSeconds(5)));

      assertThat(e).hasMessage("set GPTIMAGE2_WEBHOOK_SECRET to the signing secret (whsec_…) of a webhook registered"
          + " for a public https URL that forwards to this endpoint");
      assertThat(service.journal().requests("POST", "/api/v1/generate")).isEmpty();
    }
  }

  @Test
  void aTamperedBodyDiffersFromTheOriginal() {
    byte[] body = "{\"event\":\"generation.succeeded\"}".getBytes(StandardCharsets.UTF_8);
    byte[] other = "{\"event\":\"x\"}".getBytes(StandardCharsets.UTF_8);

    assertThat(new String(WebhookEndpoint.tamper(body), StandardCharsets.UTF_8)).isEqualTo("{\"event\":\"generation.failed\"}");
    assertThat(new String(WebhookEndpoint.tamper(other), StandardCharsets.UTF_8)).isEqualTo("{\"event\":\"x\"} ");
  }

  private static void assertOutcomesInOrder(List<String> lines) {
    List<String> outcomes = lines.stream()
        .filter(l -> l.startsWith("verified: ") || l.startsWith("repeat: ") || l.startsWith("rejected: "))
        .toList();
    assertThat(outcomes).hasSize(3);
    assertThat(outcomes.get(0)).matches(VERIFIED);
    assertThat(outcomes.get(1)).matches(REPEAT);
    assertThat(outcomes.get(2)).isEqualTo(REJECTED);
    // the repeat names the delivery that was verified first
    String delivery = outcomes.get(0).substring(outcomes.get(0).lastIndexOf(' ') + 1);
    assertThat(outcomes.get(1)).contains(delivery);
  }
}
