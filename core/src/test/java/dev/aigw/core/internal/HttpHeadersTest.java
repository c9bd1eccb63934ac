package dev.aigw.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aigw.core.http.RateLimit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class HttpHeadersTest {
  /** 2026-01-01T00:00:00Z, a Thursday. */
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @Test
  void resetAsEpochSeconds() {
    assertThat(HttpHeaders.parseReset("1767225660", CLOCK)).isEqualTo(Instant.parse("2026-01-01T00:01:00Z"));
  }

  @Test
  void resetAsEpochMillis() {
    assertThat(HttpHeaders.parseReset("1767225660123", CLOCK)).isEqualTo(Instant.parse("2026-01-01T00:01:00.123Z"));
  }

  @Test
  void resetAsFractionalEpochSeconds() {
    assertThat(HttpHeaders.parseReset("1767225660.25", CLOCK)).isEqualTo(Instant.parse("2026-01-01T00:01:00.250Z"));
  }

  @Test
  void resetAsSmallDeltaSeconds() {
    assertThat(HttpHeaders.parseReset("30", CLOCK)).isEqualTo(NOW.plusSeconds(30));
    assertThat(HttpHeaders.parseReset(" 0.5 ", CLOCK)).isEqualTo(NOW.plusMillis(500));
    assertThat(HttpHeaders.parseReset("0", CLOCK)).isEqualTo(NOW);
    assertThat(HttpHeaders.parseReset("86400", CLOCK)).isEqualTo(NOW.plus(Duration.ofDays(1)));
  }

  @Test
  void resetAsHttpDate() {
    assertThat(HttpHeaders.parseReset("Thu, 01 Jan 2026 00:05:00 GMT", CLOCK))
        .isEqualTo(Instant.parse("2026-01-01T00:05:00Z"));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  ", "soon", "-5", "NaN", "Infinity", "12abc", "2026-01-01", "Fri, 99 Jan 2026 00:00:00 GMT"})
  void unreadableResetIsNull(String value) {
    assertThat(HttpHeaders.parseReset(value, CLOCK)).isNull();
  }

  @Test
  void retryAfterInSeconds() {
    assertThat(HttpHeaders.retryAfter("120", CLOCK)).isEqualTo(Duration.ofSeconds(120));
    assertThat(HttpHeaders.retryAfter(" 1.5 ", CLOCK)).isEqualTo(Duration.ofMillis(1500));
    assertThat(HttpHeaders.retryAfter("0", CLOCK)).isEqualTo(Duration.ZERO);
  }

  @Test
  void retryAfterAsHttpDateIsMeasuredFromTheClock() {
    assertThat(HttpHeaders.retryAfter("Thu, 01 Jan 2026 00:01:30 GMT", CLOCK)).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void retryAfterDateInThePastIsZero() {
    assertThat(HttpHeaders.retryAfter("Wed, 31 Dec 2025 23:59:00 GMT", CLOCK)).isEqualTo(Duration.ZERO);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {" ", "later", "-1", "NaN", "Infinity", "1767225660 seconds", "2026-01-01T00:01:30Z"})
  void unreadableRetryAfterIsNull(String value) {
    assertThat(HttpHeaders.retryAfter(value, CLOCK)).isNull();
  }

  @Test
  void rateLimitWithEveryHeader() {
    Headers headers = Headers.of(
        "X-RateLimit-Limit", "100",
        "X-RateLimit-Remaining", "42",
        "X-RateLimit-Reset", "1767225660",
        "Retry-After", "3");
    RateLimit rl = HttpHeaders.rateLimit(headers, CLOCK);
    assertThat(rl).isEqualTo(new RateLimit(100, 42, Instant.parse("2026-01-01T00:01:00Z"), Duration.ofSeconds(3)));
    assertThat(rl.isEmpty()).isFalse();
    assertThat(rl.limitValue()).hasValue(100);
    assertThat(rl.remainingValue()).hasValue(42);
    assertThat(rl.resetTime()).contains(Instant.parse("2026-01-01T00:01:00Z"));
  }

  @Test
  void rateLimitHeaderNamesAreCaseInsensitive() {
    Headers headers = Headers.of("x-ratelimit-limit", "10", "x-ratelimit-remaining", "0");
    RateLimit rl = HttpHeaders.rateLimit(headers, CLOCK);
    assertThat(rl.limit()).isEqualTo(10);
    assertThat(rl.remaining()).isZero();
    assertThat(rl.remainingValue()).hasValue(0);
    assertThat(rl.reset()).isNull();
    assertThat(rl.retryAfter()).isNull();
  }

  /** CloudGPT as deployed: Remaining counted from 60 whatever the real limit, the reset in epoch ms, no Limit header. */
  @Test
  void remainingAloneGivesNoLimitAndAResetInMillisecondsIsTheSameInstantAsInSeconds() {
    RateLimit ms = HttpHeaders.rateLimit(Headers.of("X-RateLimit-Remaining", "59", "X-RateLimit-Reset", "1767225660000"), CLOCK);
    RateLimit s = HttpHeaders.rateLimit(Headers.of("X-RateLimit-Remaining", "59", "X-RateLimit-Reset", "1767225660"), CLOCK);

    assertThat(ms).isEqualTo(new RateLimit(-1, 59, Instant.parse("2026-01-01T00:01:00Z"), null));
    assertThat(ms.limitValue()).as("no limit is derived from Remaining").isEmpty();
    assertThat(ms.remainingValue()).hasValue(59);
    assertThat(s).isEqualTo(ms);
  }

  @Test
  void rateLimitWithNoHeadersIsNone() {
    RateLimit rl = HttpHeaders.rateLimit(Headers.of("Content-Type", "application/json"), CLOCK);
    assertThat(rl).isEqualTo(RateLimit.NONE);
    assertThat(rl.isEmpty()).isTrue();
    assertThat(rl.limitValue()).isEmpty();
    assertThat(rl.remainingValue()).isEmpty();
    assertThat(rl.resetTime()).isEmpty();
  }

  @Test
  void unreadableRateLimitHeadersAreLeftOut() {
    Headers headers = Headers.of("X-RateLimit-Limit", "lots", "X-RateLimit-Remaining", "", "Retry-After", "whenever");
    assertThat(HttpHeaders.rateLimit(headers, CLOCK)).isEqualTo(RateLimit.NONE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"x-request-id", "request-id", "x-amzn-requestid", "x-correlation-id", "cf-ray"})
  void requestIdFromEachSupportedHeader(String name) {
    assertThat(HttpHeaders.requestId(Headers.of(name, " req-123 "))).isEqualTo("req-123");
    assertThat(HttpHeaders.requestId(Headers.of(name.toUpperCase(java.util.Locale.ROOT), "R"))).isEqualTo("R");
  }

  @Test
  void requestIdPrefersTheMostCommonHeaderAndSkipsBlankOnes() {
    assertThat(HttpHeaders.requestId(Headers.of("cf-ray", "ray-1", "X-Request-Id", "req-1"))).isEqualTo("req-1");
    assertThat(HttpHeaders.requestId(Headers.of("X-Request-Id", " ", "request-id", "req-2"))).isEqualTo("req-2");
    assertThat(HttpHeaders.requestId(Headers.of("Content-Type", "text/plain"))).isNull();
  }
}
