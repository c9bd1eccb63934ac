package dev.aigw.gptimage2;

import static dev.aigw.gptimage2.GptImage2TestWire.body;
import static dev.aigw.gptimage2.GptImage2TestWire.fixture;
import static dev.aigw.gptimage2.GptImage2TestWire.json;
import static dev.aigw.gptimage2.GptImage2TestWire.ok;
import static dev.aigw.gptimage2.GptImage2TestWire.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aigw.core.Secret;
import dev.aigw.core.error.AigwException;
import dev.aigw.core.error.AuthenticationException;
import dev.aigw.core.error.ServerException;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.error.WebhookVerificationException;
import dev.aigw.core.webhook.DeliveryDeduplicator;
import dev.aigw.core.webhook.WebhookReceiver;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks (doc section "아웃바운드 웹훅"): registration with the session cookie and the documented
 * body and answer; deliveries verified with a signature computed here as the doc's Node example
 * does, parsed into typed events, repeats dropped by delivery id.
 */
class GptImage2WebhooksWireTest {
  @StartStop final MockWebServer server = new MockWebServer();

  static final String COOKIE = "__Secure-next-auth.session-token=eyJhbGciOiJkaXIi.SESSIONSECRET";
  static final Secret SECRET = Secret.of("whsec_5f2b8c1e9a7d4f3b");
  static final List<String> BOTH = List.of("generation.succeeded", "generation.failed");

  private GptImage2TestWire.LogCapture logs;

  @BeforeEach
  void captureLogs() {
    logs = new GptImage2TestWire.LogCapture();
  }

  @AfterEach
  void stopCapturing() {
    logs.close();
  }

  /** The doc's Node example: HMAC-SHA256 of the raw body with the secret, as hex. */
  static String nodeSignature(byte[] rawBody, String secret) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(rawBody));
  }

  static Map<String, String> headers(String event, String signature, String delivery) {
    return Map.of("X-Gptimg-Event", event, "X-Gptimg-Signature", signature, "X-Gptimg-Delivery", delivery,
        "Content-Type", "application/json");
  }

  /** Doc: the curl example's body, Cookie header and the answer {@code { "id": "...", "secret": "whsec_..." }}. */
  @Test
  void registrationSendsTheDocumentedBodyWithTheCookieAndNoKey() throws Exception {
    server.enqueue(ok(fixture("webhook-register-response.json")));
    WebhookRegistration registration;
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      registration = client.webhooks().register(Secret.of(COOKIE), "https://your-app.com/hooks/gptimg", BOTH,
          "Production app");
    }

    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/account/webhooks");
    assertThat(request.getHeaders().get("Cookie")).isEqualTo(COOKIE);
    assertThat(request.getHeaders().get("Authorization")).as("the session cookie alone authenticates").isNull();
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(body(request)).isEqualTo(parse(fixture("webhook-register-request.json")));
    assertThat(registration.id()).isEqualTo("...");
    assertThat(registration.secret().reveal()).isEqualTo("whsec_...");
    assertThat(registration.toString()).doesNotContain("whsec_...");
    assertThat(logs.lines()).isNotEmpty().noneMatch(l -> l.contains("SESSIONSECRET") || l.contains("whsec_"));
  }

  @Test
  void aLabelIsOptional() throws Exception {
    server.enqueue(ok("{\"id\":\"wh_1\",\"secret\":\"whsec_1\"}"));
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      client.webhooks().register(Secret.of(COOKIE), "http://localhost:8080/hooks", List.of("generation.failed"), null);
    }
    assertThat(body(server.takeRequest())).isEqualTo(Map.of("url", "http://localhost:8080/hooks",
        "events", List.of("generation.failed")));
  }

  @Test
  void aLoggedOutSessionIsAnAuthenticationErrorThatNeverShowsTheCookie() {
    server.enqueue(json(401, "{\"error\":\"Unauthorized: no session for " + COOKIE + "\"}"));
    AuthenticationException e;
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      e = catchThrowableOfType(AuthenticationException.class,
          () -> client.webhooks().register(Secret.of(COOKIE), "https://my.app/h", BOTH, null));
    }
    List<String> shown = new ArrayList<>(logs.lines());
    shown.add(e.getMessage());
    shown.add(e.details().body());
    shown.add(e.details().toString());
    assertThat(shown).noneMatch(t -> t.contains("SESSIONSECRET"));
    assertThat(e.getMessage()).startsWith("[gptimage2] 401: Unauthorized: no session for ");
  }

  @Test
  void aRegistrationIsNeverRetriedOnceSentSinceItWouldMakeTwoWebhooks() {
    server.enqueue(json(503, "{\"error\":\"busy\"}"));
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      assertThat(catchThrowable(() -> client.webhooks().register(Secret.of(COOKIE), "https://my.app/h", BOTH, null)))
          .isInstanceOf(ServerException.class);
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void anAnswerWithoutIdOrSecretIsAClearError() {
    server.enqueue(ok("{\"id\":\"wh_1\"}"));
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      assertThat(catchThrowable(() -> client.webhooks().register(Secret.of(COOKIE), "https://my.app/h", BOTH, null)))
          .isInstanceOf(AigwException.class).hasMessage("[gptimage2] the webhook registration answer has no id or secret");
    }
  }

  @Test
  void registrationChecksItsInputBeforeSending() {
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      var webhooks = client.webhooks();
      assertThat(catchThrowableOfType(ValidationException.class,
          () -> webhooks.register(null, "https://my.app/h", BOTH, null)))
          .hasMessage("gptimage2: sessionCookie: a logged-in session cookie is required");
      assertThat(catchThrowableOfType(ValidationException.class,
          () -> webhooks.register(Secret.of(COOKIE), "http://my.app/h", BOTH, null)))
          .hasMessage("gptimage2: url: must be an absolute https URL (plain http only for localhost, for local development)");
      assertThat(catchThrowableOfType(ValidationException.class,
          () -> webhooks.register(Secret.of(COOKIE), null, BOTH, null)).field()).isEqualTo("url");
      assertThat(catchThrowableOfType(ValidationException.class,
          () -> webhooks.register(Secret.of(COOKIE), "https://my.app/h", List.of(), null)))
          .hasMessage("gptimage2: events: accepts one or more of generation.succeeded, generation.failed");
      assertThat(catchThrowableOfType(ValidationException.class,
          () -> webhooks.register(Secret.of(COOKIE), "https://my.app/h", null, null)).field()).isEqualTo("events");
      assertThat(catchThrowableOfType(ValidationException.class,
          () -> webhooks.register(Secret.of(COOKIE), "https://my.app/h", List.of("generation.started"), null)))
          .hasMessage("gptimage2: events: accepts generation.succeeded, generation.failed; was generation.started");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  /** Doc: 이벤트 페이로드, signed as 서명 검증's Node example signs it. */
  @Test
  void theDocumentedEventPayloadVerifiesAndParsesIntoATypedEvent() throws Exception {
    byte[] raw = fixture("webhook-event-generation-succeeded.json").getBytes(StandardCharsets.UTF_8);
    WebhookReceiver<GptImage2Event> receiver;
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      receiver = client.webhooks().receiver(SECRET);
    }

    Optional<WebhookReceiver.Delivery<GptImage2Event>> delivery = receiver.receive(raw,
        headers("generation.succeeded", nodeSignature(raw, SECRET.reveal()), "3f1c9a52-7b1e-4c1d-9d7e-0a4b5c6d7e8f"));

    assertThat(delivery).isPresent();
    assertThat(delivery.get().id()).isEqualTo("3f1c9a52-7b1e-4c1d-9d7e-0a4b5c6d7e8f");
    assertThat(delivery.get().eventType()).isEqualTo("generation.succeeded");
    GptImage2Event event = delivery.get().event();
    assertThat(event.event()).isEqualTo(GptImage2Event.SUCCEEDED);
    assertThat(event.succeeded()).isTrue();
    assertThat(event.failed()).isFalse();
    GptImage2Generation g = event.generation();
    assertThat(g.id()).isEqualTo("...");
    assertThat(g.type()).isEqualTo("text2img");
    assertThat(g.status()).isEqualTo("succeeded");
    assertThat(g.outputs()).containsExactly(new GptImage2Generation.Output("...", "...", 1024, 1024));
    assertThat(g.createdAt()).isEqualTo("2026-04-26T01:23:45.000Z");
    assertThat(g.completedAt()).isEqualTo("2026-04-26T01:23:50.000Z");
    assertThat(g.raw().getString("generationId")).isEqualTo("...");
    assertThat(g.costCredits()).isNull();
    assertThat(server.getRequestCount()).as("verifying is local").isZero();
  }

  @Test
  void aTamperedPayloadIsRejected() throws Exception {
    byte[] raw = fixture("webhook-event-generation-succeeded.json").getBytes(StandardCharsets.UTF_8);
    String signature = nodeSignature(raw, SECRET.reveal());
    byte[] tampered = new String(raw, StandardCharsets.UTF_8).replace("\"width\": 1024", "\"width\": 4096")
        .getBytes(StandardCharsets.UTF_8);
    WebhookReceiver<GptImage2Event> receiver = GptImage2Webhooks.receiver(SECRET, new DeliveryDeduplicator());

    assertThat(catchThrowableOfType(WebhookVerificationException.class,
        () -> receiver.receive(tampered, headers("generation.succeeded", signature, "d-1"))))
        .hasMessage("[gptimage2] webhook signature does not match the body (tampered, or signed with another secret)");
    assertThat(catchThrowableOfType(WebhookVerificationException.class,
        () -> receiver.receive(raw, Map.of("X-Gptimg-Delivery", "d-1"))))
        .hasMessage("[gptimage2] webhook delivery has no signature");
    assertThat(receiver.receive(raw, headers("generation.succeeded", signature, "d-1")))
        .as("the genuine delivery still gets through").isPresent();
  }

  @Test
  void aRepeatedDeliveryIsDroppedByItsDeliveryId() throws Exception {
    byte[] raw = fixture("webhook-event-generation-succeeded.json").getBytes(StandardCharsets.UTF_8);
    String signature = nodeSignature(raw, SECRET.reveal());
    WebhookReceiver<GptImage2Event> receiver = GptImage2Webhooks.receiver(SECRET, new DeliveryDeduplicator());

    assertThat(receiver.receive(raw, headers("generation.succeeded", signature, "d-1"))).isPresent();
    assertThat(receiver.receive(raw, headers("generation.succeeded", signature, "d-1"))).isEmpty();
    assertThat(receiver.receive(raw, Map.of("x-gptimg-signature", signature, "x-gptimg-delivery", "d-1"))).isEmpty();
    assertThat(receiver.receive(raw, headers("generation.succeeded", signature, "d-2"))).isPresent();
  }

  @Test
  void aFailedEventIsTyped() throws Exception {
    byte[] raw = ("{\"event\":\"generation.failed\",\"data\":{\"generationId\":\"g9\",\"type\":\"edit\","
        + "\"status\":\"blocked\",\"outputs\":[],\"createdAt\":\"2026-04-26T01:23:45.000Z\"}}").getBytes(StandardCharsets.UTF_8);
    WebhookReceiver<GptImage2Event> receiver = GptImage2Webhooks.receiver(SECRET, new DeliveryDeduplicator());

    GptImage2Event event = receiver.receive(raw, headers("generation.failed", nodeSignature(raw, SECRET.reveal()), "d-9"))
        .orElseThrow().event();

    assertThat(event.failed()).isTrue();
    assertThat(event.succeeded()).isFalse();
    assertThat(event.generation().id()).isEqualTo("g9");
    assertThat(event.generation().status()).isEqualTo("blocked");
    assertThat(event.generation().completedAt()).isNull();
  }

  @Test
  void aSignedBodyThatIsNotAnEventIsRejectedAndItsRetryIsReadAgain() throws Exception {
    WebhookReceiver<GptImage2Event> receiver = GptImage2Webhooks.receiver(SECRET, new DeliveryDeduplicator());
    for (String body : List.of("{\"event\":\"generation.succeeded\"}", "[1,2]", "not json", "{\"data\":{}}",
        "{\"event\":\"generation.succeeded\",\"data\":{\"outputs\":\"none\"}}")) {
      byte[] raw = body.getBytes(StandardCharsets.UTF_8);
      String signature = nodeSignature(raw, SECRET.reveal());
      for (int attempt = 0; attempt < 2; attempt++) {
        assertThat(catchThrowableOfType(WebhookVerificationException.class,
            () -> receiver.receive(raw, headers("generation.succeeded", signature, "d-bad"))))
            .as(body).hasMessageStartingWith("[gptimage2] webhook body is signed but is not a readable event: ");
      }
    }
  }

  @Test
  void theSecretIsNeverShownByTheReceiver() {
    WebhookReceiver<GptImage2Event> receiver = GptImage2Webhooks.receiver(SECRET, new DeliveryDeduplicator());
    assertThat(receiver.toString()).isEqualTo("WebhookReceiver[gptimage2, signature header x-gptimg-signature]");
    assertThat(new WebhookRegistration("wh_1", SECRET).toString()).doesNotContain(SECRET.reveal());
  }
}
