package dev.aigw.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aigw.core.http.RetryPolicy;
import dev.aigw.core.http.RetrySafety;
import java.io.IOException;
import java.io.InterruptedIOException;
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

/** The retry decision, and the words of why not, as a table of values: no HTTP, no waiting. */
class RetryRulesTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  /** Two retries, backoff between 50 and 100 ms, Retry-After honoured up to 10 s. */
  private static final RetryPolicy POLICY =
      new RetryPolicy(2, Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofSeconds(10));
  private static final RetrySafety GET = RetrySafety.IDEMPOTENT;
  private static final String CHARGE_TWICE = "the request may have reached the server, so a retry could charge twice";

  /** A call deadline of 30 s; without a {@code remaining} time, no deadline applies. */
  private final RetryRules rules = new RetryRules("acme", POLICY, Clock.fixed(NOW, ZoneOffset.UTC),
      Duration.ofSeconds(30));

  private static void assertBackoff(RetryRules.Decision decision) {
    assertThat(decision.retries()).as("retried").isTrue();
    assertThat(decision.retryIn()).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
    assertThat(decision.why()).isNull();
  }

  private static void assertNotRetried(RetryRules.Decision decision, String why, boolean workMayExist) {
    assertThat(decision.retries()).as("retried").isFalse();
    assertThat(decision.why()).isEqualTo(why);
    assertThat(decision.workMayExist()).as("work may exist").isEqualTo(workMayExist);
  }

  @ParameterizedTest
  @ValueSource(ints = {408, 429, 500, 502, 503, 504, 599})
  void aGetIsRetriedAfterEveryRetryableStatus(int status) {
    assertBackoff(rules.afterStatus(GET, 1, status, null, null, null));
  }

  @Test
  void aGetIsRetriedAfterAnIoFailureBeforeAndAfterSending() {
    assertBackoff(rules.afterIoFailure(GET, 1, false, null));
    assertBackoff(rules.afterIoFailure(GET, 1, true, null));
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 409, 422})
  void aClientErrorIsNeverRetriedAndNeedsNoNote(int status) {
    for (RetrySafety safety : RetrySafety.values()) {
      assertThat(rules.afterStatus(safety, 1, status, null, null, null)).isSameAs(RetryRules.Decision.NOT_RETRYABLE);
    }
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
    RetryRules.Decision decision = rules.afterStatus(safety, 1, status, null, null, null);
    if (retried) {
      assertBackoff(decision);
    } else {
      assertNotRetried(decision, safety.whyNotRetried(status), safety.mayHaveDoneWork(status));
      assertThat(decision.why()).as("%s after HTTP %s", safety, status).isNotNull();
    }
  }

  private void assertIo(RetrySafety safety, boolean sent, boolean retried) {
    RetryRules.Decision decision = rules.afterIoFailure(safety, 1, sent, null);
    if (retried) {
      assertBackoff(decision);
    } else {
      assertNotRetried(decision, CHARGE_TWICE, true);
    }
  }

  @Test
  void aPaidServerErrorNotRetriedSaysWhyAndThatWorkMayExist() {
    assertNotRetried(rules.afterStatus(RetrySafety.UNPROTECTED, 1, 502, null, null, null),
        "nothing documented says a failed call is free, so a retry could charge twice", true);
    assertNotRetried(rules.afterStatus(RetrySafety.NOT_CHARGED_ON_ERROR, 1, 504, null, null, null),
        "a timeout may hide work done upstream, so a retry could charge twice", true);
  }

  @Test
  void attemptsExhaustedSaySo() {
    assertBackoff(rules.afterStatus(GET, 2, 503, null, null, null));
    assertNotRetried(rules.afterStatus(GET, 3, 503, null, null, null), "the 2 retries allowed were used", false);
    assertNotRetried(rules.afterStatus(RetrySafety.DEDUPLICATED_BY_KEY, 3, 503, null, null, null),
        "the 2 retries allowed were used", true);
    assertBackoff(rules.afterIoFailure(GET, 2, false, null));
    assertNotRetried(rules.afterIoFailure(GET, 3, false, null), "the 2 retries allowed were used", false);
    assertNotRetried(rules.afterIoFailure(RetrySafety.UNPROTECTED, 3, false, null),
        "the 2 retries allowed were used", false);
    assertNotRetried(rules.afterIoFailure(RetrySafety.DEDUPLICATED_BY_KEY, 3, true, null),
        "the 2 retries allowed were used", true);
  }

  @ParameterizedTest
  @EnumSource(RetrySafety.class)
  void noRetriesMeansNone(RetrySafety safety) {
    RetryRules none = new RetryRules("acme", RetryPolicy.NONE, Clock.fixed(NOW, ZoneOffset.UTC), null);

    assertThat(none.maxRetries()).isZero();
    assertNotRetried(none.afterStatus(safety, 1, 429, null, null, null), "retries are off (maxRetries 0)", false);
    assertNotRetried(none.afterIoFailure(safety, 1, false, null), "retries are off (maxRetries 0)", false);
  }

  @Test
  void theRetriesUsedInWords() {
    assertThat(new RetryRules("acme", RetryPolicy.NONE, Clock.systemUTC(), null).retriesUsed())
        .isEqualTo("retries are off (maxRetries 0)");
    assertThat(new RetryRules("acme", new RetryPolicy(1, Duration.ofMillis(100), Duration.ofMillis(100),
        Duration.ofSeconds(10)), Clock.systemUTC(), null).retriesUsed()).isEqualTo("the one retry allowed was used");
    assertThat(rules.retriesUsed()).isEqualTo("the 2 retries allowed were used");
  }

  @Test
  void aRetryAfterSetsTheWait() {
    assertThat(rules.afterStatus(RetrySafety.UNPROTECTED, 1, 429, Duration.ofSeconds(3), null, null).retryIn())
        .isEqualTo(Duration.ofSeconds(3));
    assertThat(rules.afterStatus(GET, 1, 503, Duration.ofSeconds(3), null, null).retryIn())
        .isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void aRetryAfterLongerThanAllowedIsNotWaitedForAndSaysWhy() {
    assertNotRetried(rules.afterStatus(RetrySafety.UNPROTECTED, 1, 429, Duration.ofHours(24), null, null),
        "the server asks to wait 1440 min, longer than the longest rate-limit wait allowed (maxRetryWait 10 s)",
        false);
  }

  @Test
  void a429WithoutRetryAfterWaitsForTheRateLimitReset() {
    assertThat(rules.afterStatus(GET, 1, 429, null, NOW.plusSeconds(4), null).retryIn())
        .isEqualTo(Duration.ofSeconds(4));
    assertThat(rules.afterStatus(GET, 1, 429, null, NOW.minusSeconds(4), null).retryIn()).isZero();
    assertNotRetried(rules.afterStatus(GET, 1, 429, null, NOW.plusSeconds(61), null),
        "the rate-limit window resets in 61 s, later than the longest rate-limit wait allowed (maxRetryWait 10 s)",
        false);
    // only a 429 waits for the window: a 503 with the same headers backs off as usual
    assertBackoff(rules.afterStatus(GET, 1, 503, null, NOW.plusSeconds(600), null));
  }

  @Test
  void aRetryThatWouldPassTheDeadlineIsNotMade() {
    RetryRules.Decision tooLate = rules.afterStatus(GET, 1, 503, null, null, Duration.ofMillis(10));
    assertThat(tooLate.retries()).isFalse();
    assertThat(tooLate.why()).startsWith("a retry in ").endsWith(" ms would pass the call's 30 s deadline (callTimeout)");
    assertNotRetried(rules.afterIoFailure(GET, 1, false, Duration.ZERO),
        "the call's 30 s deadline (callTimeout) has passed", false);
    assertNotRetried(rules.afterStatus(RetrySafety.DEDUPLICATED_BY_KEY, 1, 504, null, null, Duration.ofMillis(-5)),
        "the call's 30 s deadline (callTimeout) has passed", true);
    assertBackoff(rules.afterStatus(GET, 1, 503, null, null, Duration.ofSeconds(5)));
    assertThat(rules.pastDeadline(Duration.ofSeconds(3), Duration.ofSeconds(3)))
        .isEqualTo("a retry in 3 s would pass the call's 30 s deadline (callTimeout)");
    assertThat(rules.pastDeadline(Duration.ofSeconds(3), null)).isNull();
  }

  @Test
  void aCallCanceledByItsCallerIsNeverRetriedButOneThatTimedOutIs() {
    assertThat(RetryRules.canceledByCaller(new IOException("Canceled"), true)).isTrue();
    assertThat(RetryRules.canceledByCaller(new InterruptedIOException("timeout"), true)).isFalse();
    assertThat(RetryRules.canceledByCaller(new SocketException("reset"), false)).isFalse();
  }

  @Test
  void recoveryAndUnreadableAnswersInWords() {
    assertThat(rules.recovery("k-1")).isEqualTo("the work may have been done and charged: resubmit with idempotency"
        + " key k-1 to get it without a second charge");
    assertThat(rules.recovery(null)).isEqualTo("acme documents no idempotency key for this call: the work may exist"
        + " and be charged, and aigw cannot find it");
    assertThat(RetryRules.unreadable(RetrySafety.UNPROTECTED, 200))
        .isEqualTo("the server accepted the request (HTTP 200) but its answer could not be read, so a retry could"
            + " charge twice");
    assertThat(RetryRules.unreadable(RetrySafety.DEDUPLICATED_BY_KEY, 202))
        .isEqualTo("the server accepted the request (HTTP 202) but its answer could not be read");
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
