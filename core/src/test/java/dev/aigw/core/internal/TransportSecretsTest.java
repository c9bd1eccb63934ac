package dev.aigw.core.internal;

import static dev.aigw.core.internal.TransportTestSupport.FAST;
import static dev.aigw.core.internal.TransportTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import dev.aigw.core.Secret;
import dev.aigw.core.chat.ChatChunk;
import dev.aigw.core.chat.ChatStream;
import dev.aigw.core.error.AigwException;
import dev.aigw.core.error.MalformedResponseException;
import dev.aigw.core.error.ApiException;
import dev.aigw.core.error.AuthenticationException;
import dev.aigw.core.error.ConnectionException;
import dev.aigw.core.error.StreamException;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.http.RetrySafety;
import dev.aigw.core.spi.ErrorMapping;
import dev.aigw.core.spi.OpenAiChat;import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.ResponseReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The API key reaches the server and nothing else: no log line at any level, no exception
 * message or {@code toString()}, even when the server echoes the key back.
 */
class TransportSecretsTest {
  @StartStop final MockWebServer server = new MockWebServer();

  private static final String KEY = "tk_SECRETSECRETSECRET";
  /** Any part of the key past its four-character masked prefix gives it away. */
  private static final String KEY_TAIL = "ECRET";

  private TransportTestSupport.LogCapture logs;
  /** Every text a user or an operator could see. */
  private final List<String> seen = new ArrayList<>();

  @BeforeEach
  void captureLogs() {
    logs = new TransportTestSupport.LogCapture();
  }

  @AfterEach
  void stopCapturing() {
    logs.close();
  }

  private TransportConfig config(HttpUrl url) {
    return TransportConfig.of("acme", url, Secret.of(KEY)).withRetryPolicy(FAST)
        .withErrors(ErrorMapping.STANDARD, "Idempotency-Key");
  }

  private Transport transport() {
    return new Transport(config(server.url("/")));
  }

  private static ApiRequest paidPost(RetrySafety safety) {
    return ApiRequest.post("/v1/images", safety).json(Map.of("prompt", "a cat")).build();
  }

  /** Runs a call that must fail and records everything its exception shows. */
  private Throwable failing(Transport t, ApiRequest request) {
    return failing(t, request, ResponseReader.text());
  }

  private Throwable failing(Transport t, ApiRequest request, ResponseReader<?> reader) {
    Throwable e = catchThrowable(() -> t.execute(request, reader));
    assertThat(e).isInstanceOf(AigwException.class);
    see(e);
    return e;
  }

  private void see(Throwable e) {
    for (Throwable x = e; x != null; x = x.getCause()) {
      seen.add(x.getClass().getName());
      seen.add(String.valueOf(x.getMessage()));
      seen.add(x.toString());
      if (x instanceof ApiException api) {
        seen.add(api.details().toString());
        seen.add(api.vendorMessage());
        seen.add(String.valueOf(api.code()));
        seen.add(String.valueOf(api.type()));
        seen.add(api.details().body());
      }
    }
  }

  private void assertNoKeyAnywhere() {
    List<String> all = new ArrayList<>(seen);
    for (ILoggingEvent event : logs.events()) {
      all.add(event.getFormattedMessage());
      for (IThrowableProxy p = event.getThrowableProxy(); p != null; p = p.getCause()) {
        all.add(p.getMessage());
      }
    }
    assertThat(all).isNotEmpty().noneMatch(text -> text != null && (text.contains(KEY) || text.contains(KEY_TAIL)));
  }

  @Test
  void successfulCallsAndRetriesLogNoKeyAndRetriesAreLoggedAtInfo() throws Exception {
    server.enqueue(json(200, "{\"data\":[]}"));
    server.enqueue(json(503, "{\"error\":{\"message\":\"busy\"}}"));
    server.enqueue(json(200, "{\"id\":\"img-1\"}"));
    Transport t = transport();

    t.execute(ApiRequest.get("/v1/models").build(), ResponseReader.text());
    RawResponse<String> r = t.execute(paidPost(RetrySafety.DEDUPLICATED_BY_KEY), ResponseReader.text());

    assertThat(r.attempts()).isEqualTo(2);
    assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
    String idempotencyKey = server.takeRequest().getHeaders().get("Idempotency-Key");
    assertThat(logs.lines(Level.INFO)).containsExactly("[acme] retrying POST /v1/images in 1 ms after HTTP 503"
        + " (retry 1 of 2, idempotency key " + idempotencyKey + ")");
    assertThat(logs.lines(Level.DEBUG)).anyMatch(l -> l.startsWith("[acme] --> GET /v1/models (attempt 1"))
        .anyMatch(l -> l.startsWith("[acme] <-- 200 GET /v1/models ("))
        .anyMatch(l -> l.startsWith("[acme] --> POST /v1/images (attempt 2, idempotency key " + idempotencyKey))
        .anyMatch(l -> l.startsWith("[acme] <-- 503 POST /v1/images ("));
    seen.add(r.toString());
    seen.add(r.headers().toString());
    assertNoKeyAnywhere();
  }

  @Test
  void anErrorMessageEchoingTheKeyIsRedacted() {
    server.enqueue(new MockResponse.Builder(json(401,
        "{\"error\":{\"message\":\"Invalid API key: " + KEY + "\",\"type\":\"auth\",\"code\":\"invalid_api_key\"}}"))
        .setHeader("X-Request-Id", "r-1").build());

    Throwable e = failing(transport(), paidPost(RetrySafety.UNPROTECTED));

    assertThat(e).isExactlyInstanceOf(AuthenticationException.class)
        .hasMessage("[acme] 401 invalid_api_key: Invalid API key: tk_S**** (request id r-1)");
    assertNoKeyAnywhere();
  }

  @Test
  void everyErrorShapeEchoingTheKeyIsRedacted() {
    server.enqueue(json(400, "{\"error\":\"bad key " + KEY + "\",\"details\":\"key " + KEY + " was revoked\"}"));
    server.enqueue(json(403, "{\"code\":\"" + KEY + "\",\"message\":\"forbidden for " + KEY + "\",\"request_id\":\"" + KEY + "\"}"));
    server.enqueue(new MockResponse.Builder().code(502).setHeader("Content-Type", "text/html")
        .body("<html><head><title>Bad key " + KEY + "</title></head><body>" + KEY + "</body></html>").build());
    server.enqueue(new MockResponse.Builder().code(400).setHeader("Content-Type", "text/plain")
        .body("rejected " + KEY).build());
    // a long plain-text body whose cut at 300 characters falls inside the echoed key
    server.enqueue(new MockResponse.Builder().code(400).setHeader("Content-Type", "text/plain")
        .body("y".repeat(290) + KEY + " and more").build());
    Transport t = transport();

    for (int i = 0; i < 5; i++) {
      failing(t, paidPost(RetrySafety.UNPROTECTED));
    }

    assertThat(server.getRequestCount()).isEqualTo(5);
    assertNoKeyAnywhere();
  }

  @Test
  void retriedServerErrorsEchoingTheKeyAreRedacted() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(json(500, "{\"error\":{\"message\":\"upstream rejected Authorization: Bearer " + KEY + "\"}}"));
    }

    Throwable e = failing(transport(), ApiRequest.get("/v1/models").build());

    assertThat(e).hasMessage("[acme] 500: upstream rejected Authorization: Bearer tk_S**** — not retried: the 2"
        + " retries allowed were used");
    assertThat(logs.lines(Level.INFO)).hasSize(3).element(2)
        .isEqualTo("[acme] not retrying GET /v1/models after HTTP 500: the 2 retries allowed were used");
    assertThat(logs.lines(Level.INFO).subList(0, 2)).allMatch(l -> l.startsWith("[acme] retrying GET /v1/models in "));
    assertNoKeyAnywhere();
  }

  @Test
  void connectionFailuresAndTimeoutsShowNoKey() throws Exception {
    Throwable refused = failing(new Transport(config(TransportTestSupport.deadUrl())), ApiRequest.get("/v1/models").build());
    assertThat(refused).isExactlyInstanceOf(ConnectionException.class);

    server.enqueue(new MockResponse.Builder(json(200, "{}")).headersDelay(1, TimeUnit.SECONDS).build());
    Throwable timedOut = failing(transport(), ApiRequest.post("/v1/images", RetrySafety.UNPROTECTED)
        .timeout(Duration.ofMillis(100)).build());
    assertThat(timedOut).isExactlyInstanceOf(ConnectionException.class).hasMessageContaining("failed: timed out");

    assertThat(logs.lines(Level.INFO)).anyMatch(l -> l.contains("not retrying POST /v1/images after timed out"));
    assertNoKeyAnywhere();
  }

  @Test
  void aResponseReaderQuotingAnAnswerEchoingTheKeyShowsNoKey() {
    server.enqueue(json(200, "{\"error\":\"token " + KEY + " cannot download this file\"}"));

    Throwable e = failing(transport(), ApiRequest.get("/v1/files/f1/content").build(),
        ResponseReader.spool("image bytes"));

    assertThat(e).isExactlyInstanceOf(MalformedResponseException.class).hasMessage("[acme] expected image bytes but"
        + " the server answered"
        + " 200 with application/json: {\"error\":\"token tk_S**** cannot download this file\"}");
    assertNoKeyAnywhere();
  }

  @Test
  void aStreamErrorEchoingTheKeyShowsNoKey() {
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/event-stream")
        .body("data: {\"error\":{\"message\":\"key " + KEY + " is out of credits\",\"code\":\"insufficient_quota\"}}\n\n")
        .build());
    Transport t = transport();

    Throwable e = catchThrowable(() -> {
      try (ChatStream s = new ChatStream(t.openStream(ApiRequest.post("/v1/chat", RetrySafety.UNPROTECTED)
          .json(Map.of("model", "m")).streaming(true).build(), OpenAiChat.chunkDecoder()))) {
        for (ChatChunk c : s) {
          seen.add(c.text());
        }
      }
    });

    assertThat(e).isInstanceOf(StreamException.class);
    see(e);
    assertNoKeyAnywhere();
  }

  @Test
  void aSessionCookieTheServerEchoesIsMaskedInTheException() {
    String cookie = "session=COOKIESECRETCOOKIE";
    server.enqueue(json(401, "{\"error\":\"no session for " + cookie + "\"}"));

    Throwable e = failing(transport(), ApiRequest.post("/account/webhooks", RetrySafety.UNPROTECTED)
        .authenticated(false).header("Cookie", cookie).json(Map.of("url", "u")).build());

    assertThat(e).isInstanceOf(AuthenticationException.class).hasMessage("[acme] 401: no session for sess****");
    assertThat(((ApiException) e).details().body()).doesNotContain("COOKIESECRET");
    assertThat(seen).noneMatch(text -> text != null && text.contains("COOKIESECRET"));
    assertThat(logs.lines()).noneMatch(text -> text.contains("COOKIESECRET"));
  }

  @Test
  void configAndSecretNeverPrintTheKey() {
    Secret secret = Secret.of(KEY);
    TransportConfig config = config(server.url("/"));

    assertThat(secret.toString()).isEqualTo("Secret[tk_S****]");
    assertThat(secret.masked()).isEqualTo("tk_S****");
    assertThat(config.toString()).contains("apiKey=Secret[tk_S****]");
    seen.add(secret.toString());
    seen.add(config.toString());
    seen.add(String.valueOf(new Transport(config).config()));
    assertNoKeyAnywhere();
  }
}
