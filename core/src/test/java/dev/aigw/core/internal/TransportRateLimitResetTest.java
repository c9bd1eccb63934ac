package dev.aigw.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.Secret;
import dev.aigw.core.error.RateLimitException;
import dev.aigw.core.http.RetryPolicy;
import dev.aigw.core.http.RetrySafety;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.ResponseReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** A 429 with no Retry-After but an X-RateLimit-Reset waits for the reset, within the policy's cap. */
class TransportRateLimitResetTest {
  @StartStop final MockWebServer server = new MockWebServer();
  private final Instant now = Instant.parse("2026-11-21T10:00:00Z");

  private Transport transport(Duration maxWait) {
    TransportConfig base = TransportConfig.of("acme", server.url("/"), Secret.of("tk_0123456789"))
        .withRetryPolicy(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5), maxWait));
    return new Transport(new TransportConfig(base.vendor(), base.baseUrl(), base.apiKey(), base.retryPolicy(),
        base.errorMapping(), null, base.requestTimeout(), base.streamIdleTimeout(), 0, null,
        Clock.fixed(now, ZoneOffset.UTC)));
  }

  @Test
  void waitsUntilTheResetWhenItIsSoonEnough() {
    long reset = now.plusMillis(300).toEpochMilli();
    server.enqueue(new MockResponse.Builder().code(429).setHeader("X-RateLimit-Remaining", "0")
        .setHeader("X-RateLimit-Reset", String.valueOf(reset)).body("{\"error\":\"slow down\"}").build());
    server.enqueue(new MockResponse.Builder().body("{}").build());
    long start = System.nanoTime();
    var answer = transport(Duration.ofSeconds(5)).execute(
        ApiRequest.post("/x", RetrySafety.UNPROTECTED).json(java.util.Map.of()).build(), ResponseReader.text());
    assertThat(answer.attempts()).isEqualTo(2);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(280));
  }

  @Test
  void doesNotRetryInTheSameWindowWhenTheResetIsBeyondTheCap() {
    long reset = now.plusSeconds(60).getEpochSecond();
    server.enqueue(new MockResponse.Builder().code(429).setHeader("X-RateLimit-Reset", String.valueOf(reset))
        .body("{\"error\":\"slow down\"}").build());
    assertThatThrownBy(() -> transport(Duration.ofSeconds(5)).execute(ApiRequest.get("/x").build(), ResponseReader.text()))
        .isInstanceOfSatisfying(RateLimitException.class,
            e -> assertThat(e.rateLimit().reset()).isEqualTo(Instant.ofEpochSecond(reset)));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }
}
