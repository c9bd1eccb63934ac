package dev.aigw.core.internal;

import dev.aigw.core.http.RetryPolicy;
import dev.aigw.core.http.RetrySafety;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Whether a failed attempt is tried again, and after how long, and if not, why: the endpoint's
 * {@link RetrySafety} says which failures may be retried (the "never charge twice" rule), the
 * {@link RetryPolicy} how many times and with what backoff and how long a rate-limit wait may be,
 * the server's {@code Retry-After} (or, for a 429 without one, its rate-limit reset) how long to
 * wait, and the call's deadline ({@code callTimeout}) whether a wait still fits. Knows nothing of
 * HTTP calls and logs nothing, so every case can be tested with values; the exchange logs and
 * throws. Also words what can be done when paid work may exist. Thread-safe; one per transport.
 */
final class RetryRules {
  private final String vendor;
  private final RetryPolicy policy;
  private final Clock clock;
  private final Duration callTimeout;

  /**
   * @param clock the clock a rate-limit reset time is compared with
   * @param callTimeout the most one logical call may take, or {@code null} for no deadline
   */
  RetryRules(String vendor, RetryPolicy policy, Clock clock, Duration callTimeout) {
    this.vendor = vendor;
    this.policy = policy;
    this.clock = clock;
    this.callTimeout = callTimeout;
  }

  /** The most retries after the first attempt. */
  int maxRetries() {
    return policy.maxRetries();
  }

  /**
   * What follows a failed attempt: a retry after {@link #retryIn}, or none, then {@link #why} not
   * ({@code null} for a failure no call retries, which needs no note), and whether paid work may
   * exist although the attempt failed.
   */
  record Decision(Duration retryIn, String why, boolean workMayExist) {
    /** A failure no call retries (a 400, say): nothing to explain. */
    static final Decision NOT_RETRYABLE = new Decision(null, null, false);

    /** Whether the call is tried again (after {@link #retryIn}). */
    boolean retries() {
      return retryIn != null;
    }
  }

  /**
   * After attempt number {@code attempt} (1 for the first) was answered with {@code status}.
   *
   * @param retryAfter the server's {@code Retry-After}, or {@code null}
   * @param reset when the rate-limit window resets, or {@code null}
   * @param remaining the time left before the call's deadline, or {@code null} without one
   */
  Decision afterStatus(RetrySafety safety, int attempt, int status, Duration retryAfter, Instant reset,
      Duration remaining) {
    String why;
    if (safety.retriesStatus(status)) {
      boolean untilReset = false;
      if (retryAfter == null && status == 429 && reset != null) {
        // no Retry-After, but the window's reset time (rateLimit().resetTime()) says when a retry can succeed
        Duration left = Duration.between(clock.instant(), reset);
        retryAfter = left.isNegative() ? Duration.ZERO : left;
        untilReset = true;
      }
      Duration maxWait = policy.maxRetryAfter();
      if (attempt > policy.maxRetries()) {
        why = retriesUsed();
      } else if (retryAfter != null && retryAfter.compareTo(maxWait) > 0) {
        why = (untilReset ? "the rate-limit window resets in " + human(retryAfter) + ", later than"
            : "the server asks to wait " + human(retryAfter) + ", longer than")
            + " the longest rate-limit wait allowed (maxRetryWait " + human(maxWait) + ")";
      } else {
        Duration wait = policy.delayBefore(attempt, retryAfter);
        why = pastDeadline(wait, remaining);
        if (why == null) {
          return new Decision(wait, null, false);
        }
      }
    } else if (RetrySafety.IDEMPOTENT.retriesStatus(status)) {
      // a failure a read would retry, which this paid call may not: say why
      why = safety.whyNotRetried(status);
    } else {
      return Decision.NOT_RETRYABLE;
    }
    return new Decision(null, why, safety.mayHaveDoneWork(status));
  }

  /**
   * After attempt number {@code attempt} (1 for the first) failed with an I/O error that was not
   * a cancellation by the caller ({@link #canceledByCaller}).
   *
   * @param sent whether any byte of the request had been written
   * @param remaining the time left before the call's deadline, or {@code null} without one
   */
  Decision afterIoFailure(RetrySafety safety, int attempt, boolean sent, Duration remaining) {
    String why;
    if (safety.retriesIoFailure(sent)) {
      if (attempt > policy.maxRetries()) {
        why = retriesUsed();
      } else {
        Duration wait = policy.delayBefore(attempt, null);
        why = pastDeadline(wait, remaining);
        if (why == null) {
          return new Decision(wait, null, false);
        }
      }
    } else {
      why = safety.whyNotRetriedAfterIoFailure(sent);
    }
    return new Decision(null, why, safety.mayHaveDoneWorkAfterIoFailure(sent));
  }

  /**
   * Whether a call failed because its caller canceled it (never retried, and nothing to explain);
   * one canceled by its own timeout failed like any other I/O failure.
   */
  static boolean canceledByCaller(IOException e, boolean callCanceled) {
    return callCanceled && !(e instanceof InterruptedIOException && e.getMessage() != null
        && e.getMessage().contains("timeout"));
  }

  /** Why the retries stopped when none is left. */
  String retriesUsed() {
    int max = policy.maxRetries();
    return max == 0 ? "retries are off (maxRetries 0)"
        : max == 1 ? "the one retry allowed was used" : "the " + max + " retries allowed were used";
  }

  /**
   * Why a retry after {@code wait} is not made because of the deadline, or {@code null} when it may be.
   *
   * @param remaining the time left before the call's deadline, or {@code null} without one
   */
  String pastDeadline(Duration wait, Duration remaining) {
    if (remaining == null) {
      return null;
    }
    if (remaining.isNegative() || remaining.isZero()) {
      return "the call's " + human(callTimeout) + " deadline (callTimeout) has passed";
    }
    if (wait.compareTo(remaining) >= 0) {
      return "a retry in " + human(wait) + " would pass the call's " + human(callTimeout) + " deadline (callTimeout)";
    }
    return null;
  }

  /**
   * What can be done when paid work may exist although the call failed.
   *
   * @param recoveryKey the idempotency key the server deduplicates the call by, or {@code null}
   */
  String recovery(String recoveryKey) {
    if (recoveryKey != null) {
      return "the work may have been done and charged: resubmit with idempotency key " + recoveryKey
          + " to get it without a second charge";
    }
    return vendor + " documents no idempotency key for this call: the work may exist and be charged,"
        + " and aigw cannot find it";
  }

  /** Why a paid call whose successful answer (with {@code status}) could not be read is not retried. */
  static String unreadable(RetrySafety safety, int status) {
    return "the server accepted the request (HTTP " + status + ") but its answer could not be read"
        + (safety == RetrySafety.DEDUPLICATED_BY_KEY ? "" : ", so a retry could charge twice");
  }

  /** An I/O failure in words: "timed out" for a timeout, else the exception's class and message. */
  static String describe(IOException e, boolean callCanceled) {
    if (e instanceof InterruptedIOException && ("timeout".equals(e.getMessage()) || callCanceled)) {
      return "timed out";
    }
    String name = e.getClass().getSimpleName();
    return e.getMessage() == null ? name : name + ": " + e.getMessage();
  }

  /** {@code 250 ms}, {@code 60 s}, {@code 60.3 s}, {@code 2 min}: a duration as people read it. */
  static String human(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return Math.max(0, ms) + " ms";
    }
    if (ms % 60_000 == 0 && ms >= 120_000) {
      return ms / 60_000 + " min";
    }
    return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
  }
}
