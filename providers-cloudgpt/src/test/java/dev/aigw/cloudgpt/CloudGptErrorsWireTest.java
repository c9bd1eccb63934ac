package dev.aigw.cloudgpt;

import static dev.aigw.cloudgpt.CloudGptWire.fixture;
import static dev.aigw.cloudgpt.CloudGptWire.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.aigw.core.error.ApiException;
import dev.aigw.core.error.AuthenticationException;
import dev.aigw.core.error.BadRequestException;
import dev.aigw.core.error.ContentPolicyException;
import dev.aigw.core.error.RateLimitException;
import dev.aigw.core.error.ServerException;
import java.time.Instant;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Errors (doc section "Error Handling"): the documented {@code {error:{message, type, code}}} with
 * 400, 401, 429 and 500, and the plain {@code {error:"…", details:"…"}} some deployments send.
 */
class CloudGptErrorsWireTest {
  @StartStop final MockWebServer server = new MockWebServer();

  private static String documented(String message, String type, String code) {
    return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"code\":\"" + code + "\"}}";
  }

  private Throwable chatFails() {
    try (CloudGptClient client = CloudGptWire.client(server)) {
      return catchThrowable(() -> client.chat().create(CloudGptChatWireTest.curlExample()));
    }
  }

  /** Error Handling — the doc's own error, with the status its code names (401). */
  @Test
  void theDocumentedErrorBecomesAnAuthenticationExceptionWithTheServersWords() {
    server.enqueue(json(401, fixture("error-response.json")));
    Throwable thrown = chatFails();

    assertThat(thrown).isInstanceOf(AuthenticationException.class)
        .hasMessage("[cloudgpt] 401 invalid_api_key: Error description");
    ApiException e = (ApiException) thrown;
    assertThat(e.status()).isEqualTo(401);
    assertThat(e.vendor()).isEqualTo("cloudgpt");
    assertThat(e.code()).isEqualTo("invalid_api_key");
    assertThat(e.type()).isEqualTo("invalid_request_error");
    assertThat(e.vendorMessage()).isEqualTo("Error description");
    assertThat(server.getRequestCount()).as("a 401 is never retried").isEqualTo(1);
  }

  /** The doc's example pairs invalid_request_error with invalid_api_key: the code says it is about the key. */
  @Test
  void anInvalidApiKeyCodeIsAnAuthenticationProblemWhateverTheStatus() {
    server.enqueue(json(400, fixture("error-response.json")));
    assertThat(chatFails()).isInstanceOf(AuthenticationException.class)
        .hasMessage("[cloudgpt] 400 invalid_api_key: Error description");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "400 | BadRequestException    | invalid_request_error | invalid_parameter   | temperature must be between 0 and 2",
      "401 | AuthenticationException | invalid_request_error | missing_api_key     | API key is required",
      "429 | RateLimitException     | rate_limit_error      | rate_limit_exceeded | Rate limit exceeded",
      "500 | ServerException        | server_error          | internal_error      | Upstream provider failed"})
  void eachDocumentedStatusBecomesItsException(int status, String exception, String type, String code, String message) {
    server.enqueue(json(status, documented(message, type, code)));
    server.enqueue(json(status, documented(message, type, code)));
    server.enqueue(json(status, documented(message, type, code)));
    Throwable thrown = chatFails();

    assertThat(thrown.getClass().getSimpleName()).isEqualTo(exception);
    // the vendor's words, then, for a failure a retry might have fixed, why the paid call was not retried
    assertThat(thrown).hasMessageStartingWith("[cloudgpt] " + status + " " + code + ": " + message
        + (status >= 429 ? " — not retried: " : ""));
    assertThat(((ApiException) thrown).type()).isEqualTo(type);
  }

  @Test
  void aPlainStringErrorIsReadToo() {
    server.enqueue(json(400, "{\"error\":\"Invalid model: gpt-9\"}"));
    Throwable thrown = chatFails();

    assertThat(thrown).isInstanceOf(BadRequestException.class).hasMessage("[cloudgpt] 400: Invalid model: gpt-9");
    assertThat(((ApiException) thrown).vendorMessage()).isEqualTo("Invalid model: gpt-9");
    assertThat(((ApiException) thrown).code()).isNull();
  }

  @Test
  void aPlainStringErrorWithDetailsKeepsBoth() {
    server.enqueue(json(500, "{\"error\":\"Failed to generate image\",\"details\":\"Pollinations returned 502\"}"));
    try (CloudGptClient client = CloudGptWire.client(server)) {
      assertThatThrownBy(() -> client.images().submit(CloudGptImagesWireTest.requestBodyExample()))
          .isInstanceOf(ServerException.class)
          .hasMessageStartingWith("[cloudgpt] 500: Failed to generate image (Pollinations returned 502) — not retried: ");
    }
    assertThat(server.getRequestCount()).as("a paid call is not retried after a 500").isEqualTo(1);
  }

  @Test
  void aRateLimitErrorCarriesTheResetAsAUnixTimestamp() {
    MockResponse limited = json(429, documented("Rate limit exceeded", "rate_limit_error", "rate_limit_exceeded"))
        .newBuilder().setHeader("X-RateLimit-Remaining", "0").setHeader("X-RateLimit-Reset", "1767225660").build();
    server.enqueue(limited);
    Throwable thrown;
    try (CloudGptClient client = CloudGptWire.builder(server).maxRetries(0).build()) {
      thrown = catchThrowable(() -> client.videos().submit(CloudGptVideosWireTest.requestBodyExample()));
    }
    assertThat(thrown).isInstanceOfSatisfying(RateLimitException.class, e -> {
      assertThat(e.rateLimit().remaining()).isZero();
      assertThat(e.rateLimit().reset()).isEqualTo(Instant.ofEpochSecond(1_767_225_660L));
      assertThat(e.retryAfter()).as("CloudGPT sends no Retry-After").isEmpty();
    });
  }

  @Test
  void anHtmlPageFromAProxyIsReadable() {
    server.enqueue(new MockResponse.Builder().code(500).setHeader("Content-Type", "text/html")
        .body("<!DOCTYPE html><html><head><title>500: INTERNAL_SERVER_ERROR</title></head><body>FUNCTION_INVOCATION_FAILED</body></html>")
        .build());
    assertThat(chatFails()).isInstanceOf(ServerException.class)
        .hasMessageContaining("HTML page")
        .hasMessageContaining("500: INTERNAL_SERVER_ERROR");
  }

  @Test
  void theKeyIsNeverEchoedInAnException() {
    server.enqueue(json(401, documented("Invalid API key: " + CloudGptWire.KEY, "invalid_request_error", "invalid_api_key")));
    Throwable thrown = chatFails();

    assertThat(thrown).isInstanceOf(AuthenticationException.class);
    assertThat(thrown.getMessage()).doesNotContain(CloudGptWire.KEY).contains("Invalid API key");
    assertThat(((ApiException) thrown).details().body()).doesNotContain(CloudGptWire.KEY);
  }

  // ---- an error in a 200, as the deployed server answers an upstream refusal of an image or video ----

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "{\"error\":\"Content blocked by safety filter\"}                    | ContentPolicyException   | Content blocked by safety filter",
      "{\"error\":\"Your prompt was flagged by the moderation system.\"}   | ContentPolicyException   | Your prompt was flagged by the moderation system.",
      "{\"error\":\"Upstream provider timed out after 300s\"}              | UpstreamTimeoutException | Upstream provider timed out after 300s",
      "{\"error\":\"Rate limit exceeded upstream, try later\"}             | RateLimitException       | Rate limit exceeded upstream, try later",
      "{\"error\":\"Invalid aspectRatio: 7:3\"}                            | BadRequestException      | Invalid aspectRatio: 7:3",
      "{\"error\":\"Failed to generate image\"}                           | ServerException          | Failed to generate image",
      "{\"error\":\"Failed to generate\",\"details\":\"Pollinations 502\"} | ServerException          | Failed to generate (Pollinations 502)"})
  void anErrorInA200OnAMediaEndpointIsTheApiExceptionItsWordsName(String body, String exception, String words) {
    server.enqueue(json(200, body));
    server.enqueue(json(200, body));
    Throwable image;
    Throwable video;
    try (CloudGptClient client = CloudGptWire.client(server)) {
      image = catchThrowable(() -> client.images().generate(CloudGptImagesWireTest.requestBodyExample()));
      video = catchThrowable(() -> client.videos().generate(CloudGptVideosWireTest.requestBodyExample()));
    }
    for (Throwable thrown : java.util.List.of(image, video)) {
      assertThat(thrown.getClass().getSimpleName()).isEqualTo(exception);
      ApiException e = (ApiException) thrown;
      assertThat(e.status()).isEqualTo(200);
      assertThat(e.vendor()).isEqualTo("cloudgpt");
      assertThat(e.vendorMessage()).as("the server's words as sent").isEqualTo(words);
      assertThat(e.code()).isNull();
      assertThat(e).hasMessage("[cloudgpt] 200: " + words);
      assertThat(e.details().body()).isEqualTo(body);
    }
    assertThat(server.getRequestCount()).as("a refused paid call is not retried").isEqualTo(2);
  }

  @Test
  void anErrorObjectInA200KeepsItsCodeAndTypeAndAKnownCodeDecides() {
    server.enqueue(json(200, documented("Request rejected", "invalid_request_error", "content_policy_violation"))
        .newBuilder().setHeader("X-Request-Id", "req_77").build());
    server.enqueue(json(200, documented("Something odd", "upstream_error", "pollinations_failed")));
    try (CloudGptClient client = CloudGptWire.client(server)) {
      assertThatThrownBy(() -> client.images().generate(CloudGptImagesWireTest.requestBodyExample()))
          .isInstanceOfSatisfying(ContentPolicyException.class, e -> {
            assertThat(e.code()).isEqualTo("content_policy_violation");
            assertThat(e.type()).isEqualTo("invalid_request_error");
            assertThat(e.requestId()).isEqualTo("req_77");
          })
          .hasMessage("[cloudgpt] 200 content_policy_violation: Request rejected (request id req_77)");
      assertThatThrownBy(() -> client.videos().generate(CloudGptVideosWireTest.requestBodyExample()))
          .isInstanceOf(ServerException.class)
          .hasMessage("[cloudgpt] 200 pollinations_failed: Something odd");
    }
  }

  @Test
  void aContentPolicyCodeWithAnErrorStatusIsAContentPolicyExceptionToo() {
    server.enqueue(json(400, documented("Content blocked by safety filter", "invalid_request_error",
        "content_policy_violation")));
    try (CloudGptClient client = CloudGptWire.client(server)) {
      assertThatThrownBy(() -> client.images().generate(CloudGptImagesWireTest.requestBodyExample()))
          .isInstanceOf(ContentPolicyException.class)
          .hasMessage("[cloudgpt] 400 content_policy_violation: Content blocked by safety filter");
    }
  }

  @Test
  void errorsOnStreamsAreMappedBeforeTheStreamStarts() {
    server.enqueue(json(401, fixture("error-response.json")));
    try (CloudGptClient client = CloudGptWire.client(server)) {
      assertThatThrownBy(() -> client.chat().stream(CloudGptChatWireTest.curlExample()))
          .isInstanceOf(AuthenticationException.class)
          .hasMessage("[cloudgpt] 401 invalid_api_key: Error description");
    }
  }
}
