package dev.aigw.gptimagehub;

import static dev.aigw.gptimagehub.HubWire.error;
import static dev.aigw.gptimagehub.HubWire.fixture;
import static dev.aigw.gptimagehub.HubWire.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.aigw.core.error.ApiException;
import dev.aigw.core.error.AuthenticationException;
import dev.aigw.core.error.BadRequestException;
import dev.aigw.core.error.PermissionDeniedException;
import dev.aigw.core.error.ServerException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Doc section 오류: {@code {error:{message, code}}} and its table — each code to its exception, with
 * the code kept. The doc's own example body is the {@code invalid_request} fixture; the others use
 * the same shape.
 */
class GptImageHubErrorsWireTest {
  @StartStop final MockWebServer server = new MockWebServer();

  /** 오류: the doc's example body, exactly. */
  @Test
  void theDocumentedErrorBodyIsABadRequestWithItsCode() {
    server.enqueue(json(400, fixture("error-response.json")));
    Throwable thrown;
    try (GptImageHubClient client = HubWire.client(server)) {
      thrown = catchThrowable(() -> client.images().generateSync(GptImageHubImagesWireTest.perfume()));
    }
    assertThat(thrown).isInstanceOfSatisfying(BadRequestException.class, e -> {
      assertThat(e.code()).isEqualTo("invalid_request");
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.vendor()).isEqualTo("gptimagehub");
      assertThat(e.vendorMessage()).isEqualTo("Invalid request body");
      assertThat(e.details().body()).isEqualTo(fixture("error-response.json"));
    }).hasMessage("[gptimagehub] 400 invalid_request: Invalid request body");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "400 | invalid_request     | BadRequestException      | The request body or parameters are invalid",
      "401 | missingApiKey       | AuthenticationException  | Missing Authorization header",
      "401 | invalidApiKey       | AuthenticationException  | API key does not exist or was revoked",
      "401 | expiredApiKey       | AuthenticationException  | API key has expired",
      "402 | insufficientCredits | PaymentRequiredException | Insufficient credits",
      "404 | notFound            | NotFoundException        | Generation not found",
      "500 | generationFailed    | ServerException          | Image generation failed"})
  void eachDocumentedCodeBecomesItsExceptionWithTheCode(int status, String code, String type, String message) {
    server.enqueue(error(status, code, message));
    server.enqueue(error(status, code, message));
    Throwable onPost;
    Throwable onGet;
    try (GptImageHubClient client = HubWire.builder(server).maxRetries(0).build()) {
      onPost = catchThrowable(() -> client.images().generateSync(GptImageHubImagesWireTest.perfume()));
      onGet = catchThrowable(() -> client.images().retrieve(HubWire.DOC_ID));
    }
    for (Throwable thrown : new Throwable[] {onPost, onGet}) {
      assertThat(thrown.getClass().getSimpleName()).isEqualTo(type);
      ApiException e = (ApiException) thrown;
      assertThat(e.code()).isEqualTo(code);
      assertThat(e.status()).isEqualTo(status);
      assertThat(e.vendorMessage()).isEqualTo(message);
      // with retries off, a failure a retry might have fixed says it was not retried
      assertThat(e.getMessage()).isEqualTo("[gptimagehub] " + status + " " + code + ": " + message
          + (status >= 500 ? " — not retried: retries are off (maxRetries 0)" : ""));
      assertThat(e.getMessage()).doesNotContain(HubWire.KEY);
    }
  }

  /** The code decides, whatever the status a proxy or a server change puts on it. */
  @ParameterizedTest(name = "{1} with HTTP {0}")
  @CsvSource(delimiter = '|', value = {
      "403 | expiredApiKey       | AuthenticationException",
      "400 | insufficientCredits | PaymentRequiredException",
      "400 | notFound            | NotFoundException",
      "502 | invalid_request     | BadRequestException",
      "422 | generationFailed    | ServerException"})
  void theCodeWinsOverTheStatus(int status, String code, String type) {
    server.enqueue(error(status, code, "x"));
    Throwable thrown;
    try (GptImageHubClient client = HubWire.builder(server).maxRetries(0).build()) {
      thrown = catchThrowable(() -> client.credits().balance());
    }
    assertThat(thrown.getClass().getSimpleName()).isEqualTo(type);
    assertThat(((ApiException) thrown).code()).isEqualTo(code);
    assertThat(thrown).isNotInstanceOf(PermissionDeniedException.class);
  }

  @Test
  void anHtmlPageFromAProxyIsStillAClearError() {
    server.enqueue(new MockResponse.Builder().code(502).setHeader("Content-Type", "text/html")
        .body("<html><head><title>502 Bad Gateway</title></head></html>").build());
    Throwable thrown;
    try (GptImageHubClient client = HubWire.builder(server).maxRetries(0).build()) {
      thrown = catchThrowable(() -> client.credits().balance());
    }
    assertThat(thrown).isInstanceOf(ServerException.class)
        .hasMessageContaining("HTML page").hasMessageContaining("502 Bad Gateway");
  }

  @Test
  void aPlainStringErrorKeepsItsMessage() {
    server.enqueue(json(401, "{\"error\":\"Unauthorized\"}"));
    Throwable thrown;
    try (GptImageHubClient client = HubWire.builder(server).maxRetries(0).build()) {
      thrown = catchThrowable(() -> client.credits().balance());
    }
    assertThat(thrown).isInstanceOfSatisfying(AuthenticationException.class, e -> {
      assertThat(e.code()).isNull();
      assertThat(e.vendorMessage()).isEqualTo("Unauthorized");
    });
  }
}
