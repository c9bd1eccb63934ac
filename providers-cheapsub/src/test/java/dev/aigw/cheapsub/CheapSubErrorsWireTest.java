package dev.aigw.cheapsub;

import static dev.aigw.cheapsub.CheapSubWire.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.error.ApiException;
import dev.aigw.core.error.AuthenticationException;
import dev.aigw.core.error.BadRequestException;
import dev.aigw.core.error.NotFoundException;
import dev.aigw.core.error.PermissionDeniedException;
import dev.aigw.core.error.RateLimitException;
import dev.aigw.core.error.ServerException;
import dev.aigw.core.error.UpstreamTimeoutException;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.video.VideoRequest;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Error statuses of doc section 7 ("에러 코드"): 401 missing key, 403 invalid or inactive key, 404
 * unknown endpoint, 405 method not allowed, 502 upstream error, 504 upstream timeout. The doc gives
 * no error body; these use {@code {"error":"…"}} and an HTML proxy page.
 */
class CheapSubErrorsWireTest {
  @StartStop final MockWebServer server = new MockWebServer();

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "401 | AuthenticationException   | API key is required",
      "403 | AuthenticationException   | Invalid or inactive API key",
      "404 | NotFoundException         | Unknown endpoint",
      "405 | BadRequestException       | Method not allowed",
      "502 | ServerException           | Upstream server error",
      "504 | UpstreamTimeoutException  | Upstream timeout"})
  void mapsEachDocumentedStatusToItsException(int status, String type, String message) {
    server.enqueue(json(status, "{\"error\":\"" + message + "\"}"));
    Throwable thrown;
    try (CheapSubClient client = CheapSubWire.client(server)) {
      thrown = org.assertj.core.api.Assertions.catchThrowable(
          () -> client.chat().create(CheapSubChatWireTest.curlExample()));
    }
    assertThat(thrown).isInstanceOf(ApiException.class);
    assertThat(thrown.getClass().getSimpleName()).isEqualTo(type);
    ApiException e = (ApiException) thrown;
    assertThat(e.status()).isEqualTo(status);
    assertThat(e.vendor()).isEqualTo("cheapsub");
    assertThat(e.vendorMessage()).isEqualTo(message);
    // a paid call that is not retried says so after the vendor's words
    assertThat(e.getMessage()).startsWith("[cheapsub] " + status + ": " + message);
    assertThat(e.getMessage().substring(("[cheapsub] " + status + ": " + message).length()))
        .isEqualTo(status >= 500 ? " — not retried: " + (status == 504 ? "a timeout may hide work done upstream"
            : "nothing documented says a failed call is free") + ", so a retry could charge twice; cheapsub documents"
            + " no idempotency key for this call: the work may exist and be charged, and aigw cannot find it" : "");
    assertThat(e.details().body()).isEqualTo("{\"error\":\"" + message + "\"}");
    // none of these is retried on a paid POST: exactly one request reached the server
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void forbiddenIsAnAuthenticationProblemNotAPermissionOne() {
    server.enqueue(json(403, "{\"error\":\"Invalid or inactive API key\"}"));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      assertThatThrownBy(() -> client.models().list())
          .isInstanceOf(AuthenticationException.class)
          .isNotInstanceOf(PermissionDeniedException.class);
    }
  }

  @Test
  void errorWithDetailsKeepsBoth() {
    server.enqueue(json(502, "{\"error\":\"Upstream server error\",\"details\":\"gemini returned 503\"}"));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      assertThatThrownBy(() -> client.videos().submit(
          VideoRequest.builder().model("sora-2").prompt("waves").build()))
          .isInstanceOf(ServerException.class)
          .hasMessageStartingWith("[cheapsub] 502: Upstream server error (gemini returned 503) — not retried: ");
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void anHtmlProxyPageBecomesAReadableServerException() {
    server.enqueue(new MockResponse.Builder().code(502).setHeader("Content-Type", "text/html")
        .body("<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1>"
            + "</center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n").build());
    try (CheapSubClient client = CheapSubWire.client(server)) {
      assertThatThrownBy(() -> client.images().submit(CheapSubImagesWireTest.curlExample()))
          .isInstanceOfSatisfying(ServerException.class, e -> {
            assertThat(e.status()).isEqualTo(502);
            assertThat(e.vendorMessage()).contains("HTML page").contains("502 Bad Gateway");
          })
          .hasMessageContaining("[cheapsub] 502")
          .hasMessageContaining("502 Bad Gateway");
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void anHtmlGatewayTimeoutIsAnUpstreamTimeout() {
    server.enqueue(new MockResponse.Builder().code(504)
        .body("<!DOCTYPE html><html><head><title>504 Gateway Time-out</title></head><body></body></html>").build());
    try (CheapSubClient client = CheapSubWire.client(server)) {
      assertThatThrownBy(() -> client.chat().create(CheapSubChatWireTest.curlExample()))
          .isInstanceOf(UpstreamTimeoutException.class)
          .hasMessageContaining("504 Gateway Time-out");
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void anEmptyErrorBodyStillNamesTheStatus() {
    server.enqueue(new MockResponse.Builder().code(405).build());
    try (CheapSubClient client = CheapSubWire.client(server)) {
      assertThatThrownBy(() -> client.chat().create(CheapSubChatWireTest.curlExample()))
          .isInstanceOf(BadRequestException.class)
          .hasMessage("[cheapsub] 405: HTTP 405 with an empty body");
    }
  }

  @Test
  void aPlainTextErrorIsKept() {
    server.enqueue(new MockResponse.Builder().code(404).setHeader("Content-Type", "text/plain").body("Not Found").build());
    try (CheapSubClient client = CheapSubWire.client(server)) {
      assertThatThrownBy(() -> client.models().list())
          .isInstanceOf(NotFoundException.class)
          .hasMessage("[cheapsub] 404: Not Found");
    }
  }

  @Test
  void errorsOnStreamsAreMappedBeforeTheStreamStarts() {
    server.enqueue(json(401, "{\"error\":\"API key is required\"}"));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      assertThatThrownBy(() -> client.chat().stream(CheapSubChatWireTest.storyRequest()))
          .isInstanceOf(AuthenticationException.class)
          .hasMessage("[cheapsub] 401: API key is required");
    }
  }

  @Test
  void theKeyIsNeverEchoedInAnException() {
    server.enqueue(json(403, "{\"error\":\"Invalid or inactive API key: " + CheapSubWire.KEY + "\"}"));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> client.models().list());
      assertThat(thrown).isInstanceOf(AuthenticationException.class);
      assertThat(thrown.getMessage()).doesNotContain(CheapSubWire.KEY).contains("Invalid or inactive API key");
      assertThat(((ApiException) thrown).details().body()).doesNotContain(CheapSubWire.KEY);
    }
  }

  @Test
  void aRateLimitCarriesRetryAfterWhenRetriesRunOut() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "0")
          .setHeader("Content-Type", "application/json").body("{\"error\":\"Too many requests\"}").build());
    }
    try (CheapSubClient client = CheapSubWire.client(server)) {
      assertThatThrownBy(() -> client.images().submit(
          ImageRequest.builder().model("nano-banana").prompt("x").build()))
          .isInstanceOfSatisfying(RateLimitException.class, e -> {
            assertThat(e.retryAfter()).contains(Duration.ZERO);
            assertThat(e.vendorMessage()).isEqualTo("Too many requests");
          });
    }
    // the first attempt and the two retries of the policy
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  /** A proxy or captive portal answering 200 with a page is not an API answer. */
  @Test
  void a200AnswerThatIsNotJsonIsAClearError() {
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/html")
        .body("<html><head><title>Sign in</title></head><body>portal</body></html>").build());
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/plain").body("OK").build());
    try (CheapSubClient client = CheapSubWire.client(server)) {
      assertThatThrownBy(() -> client.models().list())
          .isInstanceOf(dev.aigw.core.error.AigwException.class)
          .hasMessageContaining("expected a JSON answer")
          .satisfies(e -> assertThat(((dev.aigw.core.error.AigwException) e).vendor()).isEqualTo("cheapsub"));
      assertThatThrownBy(() -> client.images().submit(CheapSubImagesWireTest.curlExample()))
          .isInstanceOf(dev.aigw.core.error.AigwException.class)
          .hasMessageContaining("expected a JSON answer");
    }
    // the image POST was answered (200): it is not retried either
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aChatStreamEventThatIsNotAChunkIsAStreamExceptionOfCheapSub() {
    server.enqueue(CheapSubWire.sse("data: {\"id\":\"c9\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"A\"}}]}\n\n"
        + "data: <html>gateway hiccup</html>\n\n"));
    java.util.List<String> seen = new java.util.ArrayList<>();
    try (CheapSubClient client = CheapSubWire.client(server);
        dev.aigw.core.chat.ChatStream stream = client.chat().stream(CheapSubChatWireTest.storyRequest())) {
      assertThatThrownBy(() -> stream.forEach(c -> seen.add(c.text())))
          .isInstanceOfSatisfying(dev.aigw.core.error.StreamException.class,
              e -> assertThat(e.vendor()).isEqualTo("cheapsub"))
          .hasMessageStartingWith("[cheapsub]")
          .hasMessageContaining("not a chat chunk");
    }
    assertThat(seen).containsExactly("A");
  }
}
