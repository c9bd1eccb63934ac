package dev.aigw.gptimage2;

import static dev.aigw.gptimage2.GptImage2TestWire.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aigw.core.error.RateLimitException;
import dev.aigw.core.http.RateLimit;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.operation.Operation;
import java.time.Duration;
import java.time.Instant;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * The rate limit (doc section "레이트 리밋"): {@code X-RateLimit-Limit}, {@code -Remaining}, {@code
 * -Reset} (epoch seconds) on every answer and {@code Retry-After} (seconds) on a 429 — read on
 * {@code withRawResponse()} and on {@link RateLimitException}; a 429 waits as long as it says.
 */
class GptImage2RateLimitsWireTest {
  @StartStop final MockWebServer server = new MockWebServer();

  static final ImageRequest REQUEST = ImageRequest.builder().prompt("a lighthouse").build();
  static final long RESET = 1_777_777_200L;

  private static MockResponse limited(int code, String body, String remaining, String retryAfter) {
    MockResponse.Builder b = new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json")
        .setHeader("X-RateLimit-Limit", "600").setHeader("X-RateLimit-Remaining", remaining)
        .setHeader("X-RateLimit-Reset", String.valueOf(RESET)).body(body);
    if (retryAfter != null) {
      b.setHeader("Retry-After", retryAfter);
    }
    return b.build();
  }

  @Test
  void theRateLimitHeadersAreOnTheRawResponse() {
    server.enqueue(limited(202, fixture("generate-202-accepted.json"), "599", null));
    RawResponse<Operation<ImageResult>> raw;
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      raw = client.images().withRawResponse().submit(REQUEST);
    }

    RateLimit limit = raw.rateLimit();
    assertThat(limit.limitValue()).hasValue(600);
    assertThat(limit.remainingValue()).hasValue(599);
    assertThat(limit.resetTime()).contains(Instant.ofEpochSecond(RESET));
    assertThat(limit.retryAfter()).isNull();
    assertThat(raw.header("x-ratelimit-limit")).isEqualTo("600");
    assertThat(raw.header("X-RateLimit-Reset")).isEqualTo(String.valueOf(RESET));
  }

  @Test
  void aRateLimitExceptionCarriesAllFourHeaders() {
    server.enqueue(limited(429, "{\"error\":\"Rate limit reached\"}", "0", "42"));
    RateLimitException e;
    try (GptImage2Client client = GptImage2TestWire.builder(server).maxRetries(0).build()) {
      e = catchThrowableOfType(RateLimitException.class, () -> client.images().submit(REQUEST));
    }

    assertThat(e.status()).isEqualTo(429);
    assertThat(e.getMessage()).isEqualTo("[gptimage2] 429: Rate limit reached — not retried: retries are off"
        + " (maxRetries 0)");
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(42));
    assertThat(e.rateLimit().limitValue()).hasValue(600);
    assertThat(e.rateLimit().remainingValue()).hasValue(0);
    assertThat(e.rateLimit().resetTime()).contains(Instant.ofEpochSecond(RESET));
    assertThat(e.rateLimit().retryAfter()).isEqualTo(Duration.ofSeconds(42));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void a429WaitsForRetryAfterThenRetriesWithTheSameKey() throws Exception {
    server.enqueue(limited(429, "{\"error\":\"Too many concurrent requests\"}", "598", "1"));
    server.enqueue(limited(202, fixture("generate-202-accepted.json"), "597", null));
    long start = System.nanoTime();
    RawResponse<Operation<ImageResult>> raw;
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      raw = client.images().withRawResponse().submit(REQUEST);
    }
    long waitedMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(waitedMillis).as("Retry-After: 1 is one second, not the millisecond backoff").isGreaterThanOrEqualTo(1000);
    assertThat(raw.attempts()).isEqualTo(2);
    assertThat(raw.rateLimit().remainingValue()).hasValue(597);
    String first = server.takeRequest().getHeaders().get("Idempotency-Key");
    assertThat(server.takeRequest().getHeaders().get("Idempotency-Key")).isEqualTo(first);
  }

  @Test
  void aRetryAfterLongerThanTheClientWaitsSurfacesAtOnce() {
    server.enqueue(limited(429, "{\"error\":\"Hourly limit reached\"}", "0", "3600"));
    long start = System.nanoTime();
    RateLimitException e;
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      e = catchThrowableOfType(RateLimitException.class, () -> client.images().submit(REQUEST));
    }

    assertThat(e.retryAfter()).contains(Duration.ofHours(1));
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1000);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aResetInMillisecondsOrMissingHeadersAreTolerated() {
    server.enqueue(new MockResponse.Builder().code(202).setHeader("X-RateLimit-Reset", String.valueOf(RESET * 1000))
        .body("{\"generationId\":\"g1\",\"status\":\"queued\"}").build());
    server.enqueue(new MockResponse.Builder().code(202).body("{\"generationId\":\"g2\",\"status\":\"queued\"}").build());
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      assertThat(client.images().withRawResponse().submit(REQUEST).rateLimit().resetTime())
          .contains(Instant.ofEpochSecond(RESET));
      RateLimit none = client.images().withRawResponse().submit(REQUEST).rateLimit();
      assertThat(none.isEmpty()).isTrue();
      assertThat(none.limitValue()).isEmpty();
    }
  }
}
