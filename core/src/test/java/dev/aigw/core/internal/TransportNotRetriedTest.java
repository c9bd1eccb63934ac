package dev.aigw.core.internal;

import static dev.aigw.core.internal.TransportTestSupport.config;
import static dev.aigw.core.internal.TransportTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import dev.aigw.core.error.AigwException;
import dev.aigw.core.error.BadRequestException;
import dev.aigw.core.error.ConnectionException;
import dev.aigw.core.error.MalformedResponseException;
import dev.aigw.core.error.RateLimitException;
import dev.aigw.core.error.ServerException;
import dev.aigw.core.error.UpstreamTimeoutException;
import dev.aigw.core.http.RetrySafety;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.ErrorMapping;
import dev.aigw.core.spi.ResponseReader;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A paid call that is not retried says so, says why (the endpoint's {@link RetrySafety}), and says
 * what recovery is possible — in its exception's message and in one INFO line — and a submission
 * the server deduplicates carries the idempotency key it was sent with.
 */
class TransportNotRetriedTest {
  @StartStop final MockWebServer server = new MockWebServer();
  private final TransportTestSupport.LogCapture logs = new TransportTestSupport.LogCapture();

  private static final String NO_RECOVERY =
      "acme documents no idempotency key for this call: the work may exist and be charged, and aigw cannot find it";

  @AfterEach
  void stopCapturing() {
    logs.close();
  }

  private Transport transport() {
    return new Transport(config(server).withErrors(ErrorMapping.STANDARD, "Idempotency-Key"));
  }

  private static ApiRequest submission(RetrySafety safety) {
    return ApiRequest.post("/v1/images", safety).json(Map.of("prompt", "a cat")).build();
  }

  private Throwable failing(ApiRequest request) {
    return catchThrowable(() -> transport().execute(request, ResponseReader.rawJson()));
  }

  private static MockResponse cut() {
    return new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build();
  }

  @Test
  void anUnprotectedGatewayTimeoutSaysItWasNotRetriedWhyAndThatTheWorkCannotBeFound() {
    server.enqueue(json(504, "{\"error\":{\"message\":\"Upstream timeout\"}}"));

    Throwable e = failing(submission(RetrySafety.UNPROTECTED));

    assertThat(e).isExactlyInstanceOf(UpstreamTimeoutException.class).hasMessage("[acme] 504: Upstream timeout"
        + " — not retried: a timeout may hide work done upstream, so a retry could charge twice; " + NO_RECOVERY);
    assertThat(((UpstreamTimeoutException) e).vendorMessage()).as("the vendor's words untouched")
        .isEqualTo("Upstream timeout");
    assertThat(((AigwException) e).idempotencyKey()).as("no key the vendor would honour").isEmpty();
    assertThat(logs.lines(Level.INFO)).containsExactly("[acme] not retrying POST /v1/images after HTTP 504: a timeout"
        + " may hide work done upstream, so a retry could charge twice; " + NO_RECOVERY);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void anUnprotectedServerErrorSaysNothingDocumentedMakesAFailedCallFree() {
    server.enqueue(json(502, "{\"error\":{\"message\":\"Upstream error\"}}"));

    Throwable e = failing(submission(RetrySafety.UNPROTECTED));

    assertThat(e).isExactlyInstanceOf(ServerException.class).hasMessage("[acme] 502: Upstream error — not retried:"
        + " nothing documented says a failed call is free, so a retry could charge twice; " + NO_RECOVERY);
    assertThat(logs.lines(Level.INFO)).hasSize(1).first().asString()
        .startsWith("[acme] not retrying POST /v1/images after HTTP 502: nothing documented");
  }

  @Test
  void aServerErrorOfWorkThatIsNotChargedWhenItFailsNeedsNoRecovery() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(json(500, "{\"error\":{\"message\":\"generationFailed\"}}"));
    }

    Throwable e = failing(submission(RetrySafety.NOT_CHARGED_ON_ERROR));

    assertThat(e).isExactlyInstanceOf(ServerException.class)
        .hasMessage("[acme] 500: generationFailed — not retried: the 2 retries allowed were used");
    assertThat(logs.lines(Level.INFO)).hasSize(3).last()
        .isEqualTo("[acme] not retrying POST /v1/images after HTTP 500: the 2 retries allowed were used");
  }

  @Test
  void aDeduplicatedSubmissionCutOnEveryAttemptCarriesTheKeyItWasSentWith() throws Exception {
    for (int i = 0; i < 3; i++) {
      server.enqueue(cut());
    }

    Throwable e = failing(submission(RetrySafety.DEDUPLICATED_BY_KEY));

    String key = server.takeRequest().getHeaders().get("Idempotency-Key");
    assertThat(key).isNotBlank();
    assertThat(e).isExactlyInstanceOf(ConnectionException.class);
    assertThat(((ConnectionException) e).idempotencyKey()).contains(key);
    assertThat(((ConnectionException) e).requestSent()).isTrue();
    assertThat(e.getMessage()).startsWith("[acme] POST /v1/images failed: ")
        .endsWith(" — not retried: the 2 retries allowed were used; the work may have been done and charged: resubmit"
            + " with idempotency key " + key + " to get it without a second charge");
    assertThat(logs.lines(Level.INFO)).hasSize(3).last().asString()
        .startsWith("[acme] not retrying POST /v1/images after ")
        .endsWith(": the 2 retries allowed were used; the work may have been done and charged: resubmit with"
            + " idempotency key " + key + " to get it without a second charge");
    for (int i = 0; i < 2; i++) {
      RecordedRequest retry = server.takeRequest();
      assertThat(retry.getHeaders().get("Idempotency-Key")).as("the same key on every attempt").isEqualTo(key);
    }
  }

  @Test
  void aDeduplicatedSubmissionGivesTheCallersOwnKeyBack() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(json(503, "{\"error\":{\"message\":\"busy\"}}"));
    }

    Throwable e = failing(ApiRequest.post("/v1/images", RetrySafety.DEDUPLICATED_BY_KEY).idempotencyKey("order-7")
        .json(Map.of("prompt", "a cat")).build());

    assertThat(e).isExactlyInstanceOf(ServerException.class).hasMessage("[acme] 503: busy — not retried: the 2"
        + " retries allowed were used; the work may have been done and charged: resubmit with idempotency key order-7"
        + " to get it without a second charge");
    assertThat(((ServerException) e).idempotencyKey()).contains("order-7");
  }

  @Test
  void aRefusedSubmissionCarriesItsKeyWithoutANote() {
    server.enqueue(json(400, "{\"error\":{\"message\":\"prompt: Required\"}}"));

    Throwable e = failing(ApiRequest.post("/v1/images", RetrySafety.DEDUPLICATED_BY_KEY).idempotencyKey("order-8")
        .json(Map.of()).build());

    assertThat(e).isExactlyInstanceOf(BadRequestException.class).hasMessage("[acme] 400: prompt: Required");
    assertThat(((BadRequestException) e).idempotencyKey()).contains("order-8");
    assertThat(logs.lines(Level.INFO)).isEmpty();
  }

  @Test
  void aRateLimitedSubmissionDoesNotClaimWorkWasDone() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse.Builder(json(429, "{\"error\":\"slow down\"}")).setHeader("Retry-After", "0")
          .build());
    }

    Throwable e = failing(submission(RetrySafety.UNPROTECTED));

    assertThat(e).isExactlyInstanceOf(RateLimitException.class)
        .hasMessage("[acme] 429: slow down — not retried: the 2 retries allowed were used");
  }

  @Test
  void aCutAfterSendingOfWorkNotChargedOnErrorStillMayHaveChargedIt() {
    server.enqueue(cut());

    Throwable e = failing(submission(RetrySafety.NOT_CHARGED_ON_ERROR));

    assertThat(e).isExactlyInstanceOf(ConnectionException.class);
    assertThat(e.getMessage()).endsWith(" — not retried: the request may have reached the server, so a retry could"
        + " charge twice; " + NO_RECOVERY);
    assertThat(logs.lines(Level.INFO)).hasSize(1);
  }

  @Test
  void anUnreadableAnswerToAPaidCallSaysTheServerAcceptedIt() {
    server.enqueue(new MockResponse.Builder().code(202).setHeader("Content-Type", "text/html")
        .body("<html>cached page</html>").build());

    Throwable e = failing(submission(RetrySafety.UNPROTECTED));

    assertThat(e).isExactlyInstanceOf(MalformedResponseException.class).hasMessage("[acme] expected a JSON answer but"
        + " got: <html>cached page</html> — not retried: the server accepted the request (HTTP 202) but its answer"
        + " could not be read, so a retry could charge twice; " + NO_RECOVERY);
    assertThat(e.getCause()).isExactlyInstanceOf(MalformedResponseException.class);
    assertThat(logs.lines(Level.INFO)).containsExactly("[acme] not retrying POST /v1/images after an unreadable"
        + " answer: the server accepted the request (HTTP 202) but its answer could not be read, so a retry could"
        + " charge twice; " + NO_RECOVERY);
  }

  @Test
  void anUnreadableAnswerToADeduplicatedSubmissionCarriesItsKey() {
    server.enqueue(new MockResponse.Builder().code(202).build());

    Throwable e = failing(ApiRequest.post("/v1/images", RetrySafety.DEDUPLICATED_BY_KEY).idempotencyKey("order-9")
        .json(Map.of("prompt", "a cat")).build());

    assertThat(e).isExactlyInstanceOf(MalformedResponseException.class).hasMessage("[acme] expected a JSON answer but"
        + " the body was empty — not retried: the server accepted the request (HTTP 202) but its answer could not be"
        + " read; the work may have been done and charged: resubmit with idempotency key order-9 to get it without a"
        + " second charge");
    assertThat(((AigwException) e).idempotencyKey()).contains("order-9");
  }

  @Test
  void aReaderThatBreaksOnAPaidAnswerIsAMalformedResponseToo() {
    server.enqueue(json(200, "{}"));

    Throwable e = catchThrowable(() -> transport().execute(submission(RetrySafety.UNPROTECTED), answer -> {
      throw new IllegalStateException("no field 'id'");
    }));

    assertThat(e).isExactlyInstanceOf(MalformedResponseException.class).hasMessage("[acme] the answer to POST"
        + " /v1/images could not be read: java.lang.IllegalStateException: no field 'id' — not retried: the server"
        + " accepted the request (HTTP 200) but its answer could not be read, so a retry could charge twice; "
        + NO_RECOVERY);
  }

  @Test
  void anUnreadableAnswerToAReadIsLeftAsItIs() {
    server.enqueue(json(200, "not json"));

    Throwable e = catchThrowable(() -> transport().execute(ApiRequest.get("/v1/models").build(), ResponseReader.rawJson()));

    assertThat(e).isExactlyInstanceOf(MalformedResponseException.class)
        .hasMessage("[acme] expected a JSON answer but got: not json");
    assertThat(logs.lines(Level.INFO)).isEmpty();
  }
}
