package dev.aigw.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aigw.core.http.RateLimit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

/** Reading {@code Retry-After}, rate-limit and request-id headers as servers really send them. */
class HttpHeadersEdgeCaseTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @Test
  void readsRetryAfterAsSecondsOrHttpDate() {
    assertThat(HttpHeaders.retryAfter("7", CLOCK)).isEqualTo(Duration.ofSeconds(7));
    assertThat(HttpHeaders.retryAfter(" 1.5 ", CLOCK)).isEqualTo(Duration.ofMillis(1500));
    assertThat(HttpHeaders.retryAfter("Thu, 01 Jan 2026 00:00:30 GMT", CLOCK)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void aRetryAfterDateInThePastMeansNow() {
    assertThat(HttpHeaders.retryAfter("Wed, 31 Dec 2025 23:59:00 GMT", CLOCK)).isEqualTo(Duration.ZERO);
  }

  @Test
  void ignoresAnUnreadableOrNegativeRetryAfter() {
    assertThat(HttpHeaders.retryAfter(null, CLOCK)).isNull();
    assertThat(HttpHeaders.retryAfter("", CLOCK)).isNull();
    assertThat(HttpHeaders.retryAfter("soon", CLOCK)).isNull();
    assertThat(HttpHeaders.retryAfter("-3", CLOCK)).isNull();
    assertThat(HttpHeaders.retryAfter("NaN", CLOCK)).isNull();
  }

  @Test
  void readsAResetAsEpochSecondsEpochMillisSecondsFromNowOrDate() {
    assertThat(HttpHeaders.parseReset("1767225660", CLOCK)).isEqualTo(NOW.plusSeconds(60));
    assertThat(HttpHeaders.parseReset("1767225660.5", CLOCK)).isEqualTo(NOW.plusMillis(60_500));
    assertThat(HttpHeaders.parseReset("1767225660123", CLOCK)).isEqualTo(NOW.plusMillis(60_123));
    assertThat(HttpHeaders.parseReset("42", CLOCK)).isEqualTo(NOW.plusSeconds(42));
    assertThat(HttpHeaders.parseReset("0.25", CLOCK)).isEqualTo(NOW.plusMillis(250));
    assertThat(HttpHeaders.parseReset("Thu, 01 Jan 2026 00:01:00 GMT", CLOCK)).isEqualTo(NOW.plusSeconds(60));
    assertThat(HttpHeaders.parseReset("-1", CLOCK)).isNull();
    assertThat(HttpHeaders.parseReset("later", CLOCK)).isNull();
  }

  @Test
  void collectsTheRateLimitHeadersInAnyCase() {
    Headers headers = Headers.of("x-ratelimit-limit", "100", "X-RATELIMIT-REMAINING", "99",
        "X-RateLimit-Reset", "1767225600", "retry-after", "2");

    assertThat(HttpHeaders.rateLimit(headers, CLOCK)).isEqualTo(new RateLimit(100, 99, NOW, Duration.ofSeconds(2)));
  }

  @Test
  void noRateLimitHeadersIsNone() {
    assertThat(HttpHeaders.rateLimit(Headers.of("Content-Type", "application/json"), CLOCK)).isSameAs(RateLimit.NONE);
  }

  @Test
  void findsTheRequestIdUnderItsCommonNames() {
    assertThat(HttpHeaders.requestId(Headers.of("X-Request-Id", " r-1 "))).isEqualTo("r-1");
    assertThat(HttpHeaders.requestId(Headers.of("Request-Id", "r-2"))).isEqualTo("r-2");
    assertThat(HttpHeaders.requestId(Headers.of("x-amzn-RequestId", "r-3"))).isEqualTo("r-3");
    assertThat(HttpHeaders.requestId(Headers.of("CF-Ray", "r-4", "X-Request-Id", "r-5"))).isEqualTo("r-5");
    assertThat(HttpHeaders.requestId(Headers.of("X-Request-Id", " "))).isNull();
    assertThat(HttpHeaders.requestId(Headers.of())).isNull();
  }
}
