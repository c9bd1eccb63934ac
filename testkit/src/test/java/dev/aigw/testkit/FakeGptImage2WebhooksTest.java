package dev.aigw.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aigw.core.Secret;
import dev.aigw.core.spi.Json;
import dev.aigw.core.webhook.WebhookVerifier;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link FakeGptImage2}'s webhooks over plain HTTP: registration with the session cookie, signed
 * deliveries when a generation ends, retries after a non-2xx answer with the same delivery id, a
 * redelivery on demand, and disabling after 8 failures in a row.
 */
@Timeout(30)
class FakeGptImage2WebhooksTest {
  private FakeGptImage2 fake;
  private GptImage2Http http;
  private final MockWebServer receiver = new MockWebServer();

  @BeforeEach
  void start() throws IOException {
    fake = FakeGptImage2.start().processingDelay(Duration.ZERO)
        .webhookBackoff(Duration.ofMillis(5), Duration.ofMillis(5), Duration.ofMillis(5));
    fake.tasks().pollsToFinish(1);
    http = new GptImage2Http(fake);
    receiver.start(InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void stop() {
    receiver.close();
    fake.close();
  }

  /** Registers the receiver for {@code events} and returns {@code {id, secret}}. */
  private RawHttp.Answer register(String... events) throws IOException {
    RawHttp.Answer answer = http.registerWebhook(fake.sessionCookie().reveal(), Json.toJson(Map.of(
        "url", receiver.url("/hooks/gptimg").toString(), "events", List.of(events), "label", "test")));
    assertThat(answer.code()).as(answer.body()).isEqualTo(200);
    return answer;
  }

  /** Runs one generation to its end. */
  private String generateToTheEnd() throws IOException {
    String id = http.submit("{\"prompt\":\"a lighthouse\"}");
    http.pollToEnd(id);
    return id;
  }

  private RecordedRequest nextDelivery() throws InterruptedException {
    RecordedRequest r = receiver.takeRequest(5, TimeUnit.SECONDS);
    assertThat(r).as("a delivery arrived").isNotNull();
    return r;
  }

  @Test
  void registrationNeedsTheSessionCookieAndAnswersAnIdAndAWhsecSecret() throws IOException {
    RawHttp.Answer none = http.registerWebhook(null, "{\"url\":\"https://a.example/h\",\"events\":[\"generation.failed\"]}");
    RawHttp.Answer wrong = http.registerWebhook("session=guess", "{\"url\":\"https://a.example/h\",\"events\":[\"generation.failed\"]}");
    RawHttp.Answer incomplete = http.registerWebhook(fake.sessionCookie().reveal(), "{\"url\":\"https://a.example/h\"}");
    RawHttp.Answer ok = register("generation.succeeded", "generation.failed");

    assertThat(none.code()).isEqualTo(401);
    assertThat(none.string("error")).isEqualTo("Sign in first");
    assertThat(wrong.code()).isEqualTo(401);
    assertThat(incomplete.code()).isEqualTo(400);
    assertThat(ok.json()).containsOnlyKeys("id", "secret");
    assertThat(ok.string("secret")).startsWith("whsec_");
    assertThat(fake.journal().requests("POST", "/api/account/webhooks")).allSatisfy(e -> {
      assertThat(e.headers().getOrDefault("cookie", "****")).isEqualTo("****");
    });
  }

  @Test
  void aFinishedGenerationIsDeliveredSignedWithTheDocumentedHeadersAndBody() throws Exception {
    RawHttp.Answer registration = register("generation.succeeded", "generation.failed");
    receiver.enqueue(new MockResponse.Builder().code(200).build());

    String id = generateToTheEnd();

    RecordedRequest delivery = nextDelivery();
    assertThat(delivery.getMethod()).isEqualTo("POST");
    assertThat(delivery.getUrl().encodedPath()).isEqualTo("/hooks/gptimg");
    assertThat(delivery.getHeaders().get("X-Gptimg-Event")).isEqualTo("generation.succeeded");
    assertThat(UUID.fromString(delivery.getHeaders().get("X-Gptimg-Delivery"))).isNotNull();
    assertThat(delivery.getHeaders().get("Content-Type")).startsWith("application/json");
    byte[] body = delivery.getBody().toByteArray();
    WebhookVerifier verifier = WebhookVerifier.hmacSha256("test", Secret.of(registration.string("secret")));
    assertThat(delivery.getHeaders().get("X-Gptimg-Signature")).isEqualTo(verifier.sign(body)).matches("[0-9a-f]{64}");
    RawHttp.Answer parsed = new RawHttp.Answer(200, delivery.getBody().utf8(), delivery.getHeaders(), 0);
    assertThat(parsed.json()).containsOnlyKeys("event", "data").containsEntry("event", "generation.succeeded");
    @SuppressWarnings("unchecked")
    Map<String, Object> data = (Map<String, Object>) parsed.at("data");
    assertThat(data).containsOnlyKeys("generationId", "type", "status", "outputs", "createdAt", "completedAt");
    assertThat(parsed.string("data", "generationId")).isEqualTo(id);
    assertThat(parsed.string("data", "status")).isEqualTo("succeeded");
    assertThat(parsed.string("data", "outputs", 0, "png")).endsWith(".png");
    assertThat(fake.journal().callbacks()).singleElement().satisfies(c -> assertThat(c.status()).isEqualTo(200));
  }

  @Test
  void aFailedOrBlockedGenerationIsDeliveredAsGenerationFailed() throws Exception {
    register("generation.failed");
    receiver.enqueue(new MockResponse.Builder().code(204).build());
    receiver.enqueue(new MockResponse.Builder().code(204).build());
    fake.tasks().failNext("boom").blockNext("flagged");

    generateToTheEnd();
    RecordedRequest failed = nextDelivery();
    generateToTheEnd();
    RecordedRequest blocked = nextDelivery();

    assertThat(failed.getHeaders().get("X-Gptimg-Event")).isEqualTo("generation.failed");
    assertThat(failed.getBody().utf8()).contains("\"status\":\"failed\"");
    assertThat(blocked.getHeaders().get("X-Gptimg-Event")).isEqualTo("generation.failed");
    assertThat(blocked.getBody().utf8()).contains("\"status\":\"blocked\"");
  }

  @Test
  void onlyTheRegisteredEventsAreDelivered() throws Exception {
    register("generation.failed");

    generateToTheEnd();

    assertThat(receiver.takeRequest(300, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void aNonSuccessAnswerIsRetriedWithTheSameDeliveryIdAndBody() throws Exception {
    register("generation.succeeded");
    receiver.enqueue(new MockResponse.Builder().code(500).build());
    receiver.enqueue(new MockResponse.Builder().code(404).build());
    receiver.enqueue(new MockResponse.Builder().code(200).build());

    generateToTheEnd();

    List<RecordedRequest> attempts = List.of(nextDelivery(), nextDelivery(), nextDelivery());
    assertThat(attempts).extracting(r -> r.getHeaders().get("X-Gptimg-Delivery")).containsOnly(
        attempts.get(0).getHeaders().get("X-Gptimg-Delivery"));
    assertThat(attempts).extracting(r -> r.getBody().utf8()).containsOnly(attempts.get(0).getBody().utf8());
    assertThat(receiver.takeRequest(200, TimeUnit.MILLISECONDS)).as("no retry after the 200").isNull();
  }

  @Test
  void atMostThreeRetriesFollowAFirstFailure() throws Exception {
    register("generation.succeeded");
    for (int i = 0; i < 6; i++) {
      receiver.enqueue(new MockResponse.Builder().code(503).build());
    }

    generateToTheEnd();

    for (int i = 0; i < 4; i++) {
      nextDelivery();
    }
    assertThat(receiver.takeRequest(300, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void redeliverLastSendsTheSameDeliveryAgain() throws Exception {
    register("generation.succeeded");
    receiver.enqueue(new MockResponse.Builder().code(200).build());
    receiver.enqueue(new MockResponse.Builder().code(200).build());
    generateToTheEnd();
    RecordedRequest first = nextDelivery();

    fake.redeliverLast();

    RecordedRequest again = nextDelivery();
    for (String h : List.of("X-Gptimg-Delivery", "X-Gptimg-Signature", "X-Gptimg-Event")) {
      assertThat(again.getHeaders().get(h)).isEqualTo(first.getHeaders().get(h));
    }
    assertThat(again.getBody().utf8()).isEqualTo(first.getBody().utf8());
  }

  @Test
  void redeliverLastBeforeAnyDeliveryDoesNothing() throws Exception {
    register("generation.succeeded");

    fake.redeliverLast();

    assertThat(receiver.takeRequest(200, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void eightFailuresInARowDisableTheWebhook() throws Exception {
    String id = register("generation.succeeded").string("id");
    for (int i = 0; i < 20; i++) {
      receiver.enqueue(new MockResponse.Builder().code(500).build());
    }

    generateToTheEnd();
    List<RecordedRequest> got = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      got.add(nextDelivery());
    }
    assertThat(fake.webhookDisabled(id)).as("4 failures so far").isFalse();
    generateToTheEnd();
    for (int i = 0; i < 4; i++) {
      got.add(nextDelivery());
    }
    RawHttp.await(() -> fake.webhookDisabled(id), Duration.ofSeconds(5));
    generateToTheEnd();

    assertThat(receiver.takeRequest(300, TimeUnit.MILLISECONDS)).as("a disabled webhook gets nothing").isNull();
    assertThat(got).hasSize(8);
    assertThat(fake.webhookDisabled("wh_unknown")).isFalse();
  }

  @Test
  void aSuccessResetsTheFailureCount() throws Exception {
    String id = register("generation.succeeded").string("id");
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 3; i++) {
        receiver.enqueue(new MockResponse.Builder().code(500).build());
      }
      receiver.enqueue(new MockResponse.Builder().code(200).build());
    }

    for (int round = 0; round < 3; round++) {
      generateToTheEnd();
      for (int i = 0; i < 4; i++) {
        nextDelivery();
      }
    }

    assertThat(fake.webhookDisabled(id)).as("9 failures, never 8 in a row").isFalse();
  }

  @Test
  void anUnreachableEndpointCountsAsAFailure() throws Exception {
    RawHttp.Answer answer = http.registerWebhook(fake.sessionCookie().reveal(),
        "{\"url\":\"not a url\",\"events\":[\"generation.succeeded\"]}");

    generateToTheEnd();

    RawHttp.await(() -> fake.journal().callbacks().size() == 4, Duration.ofSeconds(5));
    assertThat(fake.journal().callbacks()).allSatisfy(c -> assertThat(c.status()).isEqualTo(-1));
    assertThat(answer.code()).isEqualTo(200);
  }
}
