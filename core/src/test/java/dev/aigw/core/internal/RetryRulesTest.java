package dev.aigw.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import dev.aigw.core.error.ApiException;
import dev.aigw.core.error.ConnectionException;
import dev.aigw.core.error.ErrorDetails;
import dev.aigw.core.http.RateLimit;
import dev.aigw.core.http.RetryPolicy;
import dev.aigw.core.http.RetrySafety;
import dev.aigw.core.spi.ApiRequest;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The retry decision as a table of values: no HTTP, no waiting. */
class RetryRulesTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  /** Two retries, backoff between 50 and 100 ms, Retry-After honoured up to 10 s. */
  private static final RetryPolicy POLICY =
      new RetryPolicy(2, Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofSeconds(10));

  private final RetryRules rules = new RetryRules("acme", POLICY, Clock.fixed(NOW, ZoneOffset.UTC));

  private static ApiRequest get() {
    return ApiRequest.get("/v1/models").build();
  }

  private static ApiRequest post(RetrySafety safety) {
    return ApiRequest.post("/v1/images", safety).build();
  }

  private static ApiException error(int status) {
    return new ApiException(new ErrorDetails("acme", status, null, null, "refused", null, null, null, ""));
  }

  private static void assertBackoff(Duration wait) {
    assertThat(wait).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
  }

  @ParameterizedTest
  @ValueSource(ints = {408, 429, 500, 502, 503, 504, 599})
  void aGetIsRetriedAfterEveryRetryableStatus(int status) {
    assertBackoff(rules.afterStatus(get(), 1, status, RateLimit.NONE, error(status)));
  }

  @Test
  void aGetIsRetriedAfterAnIoFailureBeforeAndAfterSending() {
    IOException reset = new SocketException("Connection reset");

    assertBackoff(rules.afterIoFailure(get(), 1, reset, "SocketException: Connection reset", false, false));
    assertBackoff(rules.afterIoFailure(get(), 1, reset, "SocketException: Connection reset", true, false));
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 409, 422})
  void aClientErrorIsNeverRetried(int status) {
    ApiException refused = error(status);

    for (RetrySafety safety : RetrySafety.values()) {
      assertThatThrownBy(() -> rules.afterStatus(post(safety), 1, status, RateLimit.NONE, refused))
          .isSameAs(refused);
    }
    assertThatThrownBy(() -> rules.afterStatus(get(), 1, status, RateLimit.NONE, refused)).isSameAs(refused);
  }

  /** A POST of each safety class: is it retried after 429, 500, 504 and an I/O failure before and after sending? */
  @ParameterizedTest(name = "{0}: 429 {1}, 500 {2}, 504 {3}, unsent {4}, sent {5}")
  @CsvSource({
      "IDEMPOTENT,           true, true,  true,  true, true",
      "DEDUPLICATED_BY_KEY,  true, true,  true,  true, true",
      "NOT_CHARGED_ON_ERROR, true, true,  false, true, false",
      "UNPROTECTED,          true, false, false, true, false",
  })
  void aPostIsRetriedAsItsSafetyAllows(RetrySafety safety, boolean on429, boolean on500, boolean on504,
      boolean ioUnsent, boolean ioSent) {
    assertStatus(safety, 429, on429);
    assertStatus(safety, 500, on500);
    assertStatus(safety, 504, on504);
    assertIo(safety, false, ioUnsent);
    assertIo(safety, true, ioSent);
  }

  private void assertStatus(RetrySafety safety, int status, boolean retried) {
    ApiException refused = error(status);
    if (retried) {
      assertBackoff(rules.afterStatus(post(safety), 1, status, RateLimit.NONE, refused));
    } else {
      assertThatThrownBy(() -> rules.afterStatus(post(safety), 1, status, RateLimit.NONE, refused))
          .as("%s after HTTP %s", safety, status).isSameAs(refused);
    }
  }

  private void assertIo(RetrySafety safety, boolean sent, boolean retried) {
    IOException cut = new SocketException("Broken pipe");
    if (retried) {
      assertBackoff(rules.afterIoFailure(post(safety), 1, cut, "SocketException: Broken pipe", sent, false));
      return;
    }
    ConnectionException thrown = catchThrowableOfType(ConnectionException.class,
        () -> rules.afterIoFailure(post(safety), 1, cut, "SocketException: Broken pipe", sent, false));
    assertThat(thrown).as("%s after an I/O failure (sent: %s)", safety, sent).isNotNull();
    assertThat(thrown.requestSent()).isEqualTo(sent);
    assertThat(thrown.getCause()).isSameAs(cut);
    assertThat(thrown).hasMessage("[acme] POST /v1/images failed: SocketException: Broken pipe (the request may have"
        + " reached the server; not retried, since a retry could charge twice)");
  }

  @Test
  void anIoFailureNotRetriedSaysWhetherTheRequestWasSent() {
    IOException refused = new ConnectException("Connection refused");

    ConnectionException unsent = catchThrowableOfType(ConnectionException.class,
        () -> rules.afterIoFailure(post(RetrySafety.UNPROTECTED), 3, refused, "ConnectException: Connection refused",
            false, false));
    ConnectionException sent = catchThrowableOfType(ConnectionException.class,
        () -> rules.afterIoFailure(get(), 3, refused, "ConnectException: Connection refused", true, false));

    assertThat(unsent).hasMessage(
        "[acme] POST /v1/images failed: ConnectException: Connection refused (the request was not sent)");
    assertThat(unsent.requestSent()).isFalse();
    assertThat(sent).hasMessage("[acme] GET /v1/models failed: ConnectException: Connection refused");
    assertThat(sent.requestSent()).isTrue();
  }

  @Test
  void aPostThatMayHaveChargedIsNotRetriedAndSaysWhyInTheLog() {
    try (TransportTestSupport.LogCapture logs = new TransportTestSupport.LogCapture()) {
      assertThatThrownBy(() -> rules.afterIoFailure(post(RetrySafety.UNPROTECTED), 1,
          new InterruptedIOException("timeout"), "timed out", true, true))
          .isInstanceOf(ConnectionException.class);

      assertThat(logs.lines(Level.INFO)).containsExactly("[acme] not retrying POST /v1/images after timed out: "
          + "the request may have reached the server and a retry could charge twice");
    }
  }

  @Test
  void attemptsExhaustedAreThrown() {
    ApiException unavailable = error(503);

    assertBackoff(rules.afterStatus(get(), 2, 503, RateLimit.NONE, unavailable));
    assertThatThrownBy(() -> rules.afterStatus(get(), 3, 503, RateLimit.NONE, unavailable)).isSameAs(unavailable);
    assertBackoff(rules.afterIoFailure(get(), 2, new SocketException("reset"), "SocketException: reset", false, false));
    assertThatThrownBy(() -> rules.afterIoFailure(get(), 3, new SocketException("reset"), "SocketException: reset",
        false, false)).isInstanceOf(ConnectionException.class);
  }

  @ParameterizedTest
  @EnumSource(RetrySafety.class)
  void noRetriesMeansNone(RetrySafety safety) {
    RetryRules none = new RetryRules("acme", RetryPolicy.NONE, Clock.fixed(NOW, ZoneOffset.UTC));
    ApiException limited = error(429);

    assertThat(none.maxRetries()).isZero();
    assertThatThrownBy(() -> none.afterStatus(post(safety), 1, 429, RateLimit.NONE, limited)).isSameAs(limited);
    assertThatThrownBy(() -> none.afterIoFailure(post(safety), 1, new SocketException("reset"), "reset", false, false))
        .isInstanceOf(ConnectionException.class);
  }

  @Test
  void aRetryAfterSetsTheWait() {
    RateLimit later = new RateLimit(-1, -1, null, Duration.ofSeconds(3));

    assertThat(rules.afterStatus(post(RetrySafety.UNPROTECTED), 1, 429, later, error(429)))
        .isEqualTo(Duration.ofSeconds(3));
    assertThat(rules.afterStatus(get(), 1, 503, later, error(503))).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void aRetryAfterLongerThanAllowedIsThrownAtOnceAndSaysWhy() {
    ApiException limited = error(429);
    RateLimit tomorrow = new RateLimit(-1, -1, null, Duration.ofHours(24));

    try (TransportTestSupport.LogCapture logs = new TransportTestSupport.LogCapture()) {
      assertThatThrownBy(() -> rules.afterStatus(post(RetrySafety.UNPROTECTED), 1, 429, tomorrow, limited))
          .isSameAs(limited);

      assertThat(logs.lines(Level.INFO)).containsExactly("[acme] not retrying POST /v1/images after HTTP 429: "
          + "the server asks to wait 86400 s, longer than the 10 s allowed");
    }
  }

  @Test
  void a429WithoutRetryAfterWaitsForTheRateLimitReset() {
    RateLimit resetSoon = new RateLimit(60, 0, NOW.plusSeconds(4), null);
    RateLimit resetPast = new RateLimit(60, 0, NOW.minusSeconds(4), null);
    RateLimit resetLate = new RateLimit(60, 0, NOW.plusSeconds(600), null);
    ApiException limited = error(429);

    assertThat(rules.afterStatus(get(), 1, 429, resetSoon, limited)).isEqualTo(Duration.ofSeconds(4));
    assertThat(rules.afterStatus(get(), 1, 429, resetPast, limited)).isZero();
    assertThatThrownBy(() -> rules.afterStatus(get(), 1, 429, resetLate, limited)).isSameAs(limited);
    // only a 429 waits for the window: a 503 with the same headers backs off as usual
    assertBackoff(rules.afterStatus(get(), 1, 503, resetLate, error(503)));
  }

  @Test
  void aCallCanceledByItsCallerIsNeverRetriedButOneThatTimedOutIs() {
    IOException canceled = new IOException("Canceled");
    InterruptedIOException timedOut = new InterruptedIOException("timeout");

    ConnectionException thrown = catchThrowableOfType(ConnectionException.class,
        () -> rules.afterIoFailure(get(), 1, canceled, "IOException: Canceled", false, true));
    assertThat(thrown).hasMessage("[acme] GET /v1/models failed: IOException: Canceled (the request was not sent)");
    assertBackoff(rules.afterIoFailure(get(), 1, timedOut, "timed out", true, true));
  }

  @Test
  void anIoFailureInWords() {
    assertThat(RetryRules.describe(new InterruptedIOException("timeout"), false)).isEqualTo("timed out");
    assertThat(RetryRules.describe(new InterruptedIOException("interrupted"), true)).isEqualTo("timed out");
    assertThat(RetryRules.describe(new InterruptedIOException("interrupted"), false))
        .isEqualTo("InterruptedIOException: interrupted");
    assertThat(RetryRules.describe(new SocketException("Connection reset"), true))
        .isEqualTo("SocketException: Connection reset");
    assertThat(RetryRules.describe(new java.io.EOFException(), false)).isEqualTo("EOFException");
  }
}
