package dev.aigw.core.internal;

import static dev.aigw.core.internal.TransportTestSupport.config;
import static dev.aigw.core.internal.TransportTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aigw.core.error.ApiException;
import dev.aigw.core.error.AuthenticationException;
import dev.aigw.core.error.BadRequestException;
import dev.aigw.core.error.ContentPolicyException;
import dev.aigw.core.error.NotFoundException;
import dev.aigw.core.error.PaymentRequiredException;
import dev.aigw.core.error.PermissionDeniedException;
import dev.aigw.core.error.RateLimitException;
import dev.aigw.core.error.ServerException;
import dev.aigw.core.error.UpstreamTimeoutException;
import dev.aigw.core.http.RateLimit;
import dev.aigw.core.http.RetryPolicy;
import dev.aigw.core.http.RetrySafety;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.ErrorMapping;
import dev.aigw.core.spi.ResponseReader;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Error answers become the right exception, carrying the vendor's own message, code, type and request id. */
class TransportErrorTest {
  @StartStop final MockWebServer server = new MockWebServer();

  private ApiException fail(MockResponse answer) {
    return fail(answer, ErrorMapping.STANDARD);
  }

  private ApiException fail(MockResponse answer, ErrorMapping mapping) {
    server.enqueue(answer);
    Transport t = new Transport(config(server).withRetryPolicy(RetryPolicy.NONE).withErrors(mapping, null));
    return catchThrowableOfType(ApiException.class, () -> t.execute(
        ApiRequest.post("/v1/images", RetrySafety.UNPROTECTED).json(Map.of("prompt", "x")).build(),
        ResponseReader.text()));
  }

  static Stream<Arguments> statuses() {
    return Stream.of(
        Arguments.of(400, BadRequestException.class),
        Arguments.of(401, AuthenticationException.class),
        Arguments.of(402, PaymentRequiredException.class),
        Arguments.of(403, PermissionDeniedException.class),
        Arguments.of(404, NotFoundException.class),
        Arguments.of(422, ContentPolicyException.class),
        Arguments.of(429, RateLimitException.class),
        Arguments.of(500, ServerException.class),
        Arguments.of(502, ServerException.class),
        Arguments.of(503, ServerException.class),
        Arguments.of(504, UpstreamTimeoutException.class),
        Arguments.of(418, ApiException.class));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("statuses")
  void mapsEachStatusToItsExceptionWithTheVendorsDetails(int status, Class<? extends ApiException> type) {
    ApiException e = fail(new MockResponse.Builder(json(status,
        "{\"error\":{\"message\":\"It went wrong\",\"type\":\"some_error\",\"code\":\"E" + status + "\"}}"))
        .setHeader("X-Request-Id", "r-" + status).build());

    assertThat(e).isExactlyInstanceOf(type);
    assertThat(e.vendor()).isEqualTo("acme");
    assertThat(e.status()).isEqualTo(status);
    assertThat(e.code()).isEqualTo("E" + status);
    assertThat(e.type()).isEqualTo("some_error");
    assertThat(e.vendorMessage()).isEqualTo("It went wrong");
    assertThat(e.requestId()).isEqualTo("r-" + status);
    assertThat(e).hasMessageStartingWith("[acme] " + status + " E" + status + ": It went wrong (request id r-" + status + ")");
  }

  @Test
  void readsTheOpenAiErrorShape() {
    ApiException e = fail(new MockResponse.Builder(json(402,
        "{\"error\":{\"message\":\"Not enough credits\",\"type\":\"billing\",\"code\":\"insufficientCredits\"}}"))
        .setHeader("X-Request-Id", "r-1").build());

    assertThat(e).isExactlyInstanceOf(PaymentRequiredException.class)
        .hasMessage("[acme] 402 insufficientCredits: Not enough credits (request id r-1)");
    assertThat(e.details().body()).contains("insufficientCredits");
  }

  @Test
  void showsTheTypeWhenThereIsNoCode() {
    ApiException e = fail(json(400, "{\"error\":{\"message\":\"bad size\",\"type\":\"invalid_request_error\"}}"));

    assertThat(e).hasMessage("[acme] 400 invalid_request_error: bad size");
    assertThat(e.code()).isNull();
  }

  @Test
  void readsAStringErrorWithDetails() {
    ApiException e = fail(json(400, "{\"error\":\"Invalid model\",\"details\":\"model foo does not exist\"}"));

    assertThat(e).isExactlyInstanceOf(BadRequestException.class)
        .hasMessage("[acme] 400: Invalid model (model foo does not exist)");
    assertThat(e.vendorMessage()).isEqualTo("Invalid model (model foo does not exist)");
  }

  @Test
  void readsACodeAndMessageShapeWithANumericCode() {
    ApiException e = fail(json(403, "{\"code\":40301,\"message\":\"model not enabled for this key\",\"request_id\":\"body-7\"}"));

    assertThat(e).isExactlyInstanceOf(PermissionDeniedException.class)
        .hasMessage("[acme] 403 40301: model not enabled for this key (request id body-7)");
    assertThat(e.code()).isEqualTo("40301");
    assertThat(e.requestId()).as("request id from the body when no header has one").isEqualTo("body-7");
  }

  @Test
  void describesAProxysHtmlPageByItsTitle() {
    ApiException e = fail(new MockResponse.Builder().code(502).setHeader("Content-Type", "text/html")
        .body("<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>"
            + "<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>")
        .build());

    assertThat(e).isExactlyInstanceOf(ServerException.class)
        .hasMessageStartingWith("[acme] 502: HTTP 502 with an HTML page instead of an API answer (likely from a proxy): 502 Bad Gateway");
    assertThat(e.code()).isNull();
  }

  @Test
  void recognisesHtmlWithoutAContentType() {
    ApiException e = fail(new MockResponse.Builder().code(503)
        .body("<html><head><title>\n  Service\n  Unavailable </title></head></html>").build());

    assertThat(e.getMessage()).contains("HTML page").contains(": Service Unavailable — not retried: ");
  }

  @Test
  void describesAnEmptyBody() {
    ApiException e = fail(new MockResponse.Builder().code(500).build());

    assertThat(e).isExactlyInstanceOf(ServerException.class).hasMessageStartingWith("[acme] 500: HTTP 500 with an empty body");
  }

  @Test
  void quotesAPlainTextBody() {
    ApiException e = fail(new MockResponse.Builder().code(503).setHeader("Content-Type", "text/plain")
        .body("upstream connect error or disconnect/reset before headers\n").build());

    assertThat(e).hasMessageStartingWith("[acme] 503: upstream connect error or disconnect/reset before headers");
  }

  @Test
  void cutsALongPlainTextBody() {
    ApiException e = fail(new MockResponse.Builder().code(500).body("x".repeat(1000)).build());

    assertThat(e.vendorMessage()).isEqualTo("x".repeat(300) + "…");
  }

  @Test
  void rateLimitCarriesRetryAfterAndTheRateLimitHeaders() {
    ApiException e = fail(new MockResponse.Builder(json(429, "{\"error\":{\"message\":\"Too many requests\",\"code\":\"rate_limited\"}}"))
        .setHeader("Retry-After", "7")
        .setHeader("X-RateLimit-Limit", "60")
        .setHeader("X-RateLimit-Remaining", "0")
        .setHeader("X-RateLimit-Reset", "1767225600")
        .build());

    assertThat(e).isExactlyInstanceOf(RateLimitException.class)
        .hasMessageStartingWith("[acme] 429 rate_limited: Too many requests");
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
    assertThat(e.rateLimit()).isEqualTo(new RateLimit(60, 0, Instant.ofEpochSecond(1767225600L), Duration.ofSeconds(7)));
  }

  @Test
  void rateLimitWithoutHeadersHasNoRetryAfter() {
    ApiException e = fail(json(429, "{\"message\":\"slow down\"}"));

    assertThat(e).isExactlyInstanceOf(RateLimitException.class).hasMessageStartingWith("[acme] 429: slow down");
    assertThat(e.retryAfter()).isEmpty();
    assertThat(e.rateLimit()).isEqualTo(RateLimit.NONE);
  }

  @Test
  void vendorMappingOverridesAStatus() {
    ErrorMapping mapping = ErrorMapping.builder().status(403, ErrorMapping.Kind.AUTHENTICATION).build();

    ApiException e = fail(json(403, "{\"error\":{\"message\":\"invalid key\"}}"), mapping);

    assertThat(e).isExactlyInstanceOf(AuthenticationException.class).hasMessage("[acme] 403: invalid key");
  }

  @Test
  void vendorMappingByCodeWinsOverTheStatus() {
    ErrorMapping mapping = ErrorMapping.builder()
        .status(403, ErrorMapping.Kind.AUTHENTICATION)
        .code("insufficientCredits", ErrorMapping.Kind.PAYMENT_REQUIRED)
        .build();

    ApiException e = fail(new MockResponse.Builder(json(403,
        "{\"error\":{\"message\":\"Your balance is 0\",\"code\":\"insufficientCredits\"}}"))
        .setHeader("X-Request-Id", "r-1").build(), mapping);

    assertThat(e).isExactlyInstanceOf(PaymentRequiredException.class)
        .hasMessage("[acme] 403 insufficientCredits: Your balance is 0 (request id r-1)");
    assertThat(e.status()).isEqualTo(403);
  }

  @Test
  void vendorMappingByTypeApplies() {
    ErrorMapping mapping = ErrorMapping.builder().code("moderation_blocked", ErrorMapping.Kind.CONTENT_POLICY).build();

    ApiException e = fail(json(400, "{\"error\":{\"message\":\"blocked\",\"type\":\"moderation_blocked\"}}"), mapping);

    assertThat(e).isExactlyInstanceOf(ContentPolicyException.class);
  }

  @Test
  void otherStatusesKeepTheStandardMappingUnderAVendorMapping() {
    ErrorMapping mapping = ErrorMapping.builder().status(403, ErrorMapping.Kind.AUTHENTICATION).build();

    ApiException e = fail(json(404, "{\"error\":{\"message\":\"no such task\"}}"), mapping);

    assertThat(e).isExactlyInstanceOf(NotFoundException.class);
  }
}
