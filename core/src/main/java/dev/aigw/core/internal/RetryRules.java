package dev.aigw.core.internal;

import dev.aigw.core.error.ApiException;
import dev.aigw.core.error.ConnectionException;
import dev.aigw.core.http.RateLimit;
import dev.aigw.core.http.RetryPolicy;
import dev.aigw.core.http.RetrySafety;
import dev.aigw.core.spi.ApiRequest;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a failed attempt is tried again, and after how long: the endpoint's {@link RetrySafety}
 * says which failures may be retried (the "never charge twice" rule), the {@link RetryPolicy} how
 * many times and with what backoff, and the server's {@code Retry-After} (or, for a 429 without
 * one, its rate-limit reset) how long to wait. Knows nothing of HTTP calls, so every case can be
 * tested with values. Logs why it does not retry when that is not obvious; the caller logs the
 * retries it schedules. Thread-safe; one per transport.
 */
final class RetryRules {
  private static final Logger LOG = LoggerFactory.getLogger("dev.aigw.http");

  private final String vendor;
  private final RetryPolicy policy;
  private final Clock clock;

  /** @param clock the clock a rate-limit reset time is compared with */
  RetryRules(String vendor, RetryPolicy policy, Clock clock) {
    this.vendor = vendor;
    this.policy = policy;
    this.clock = clock;
  }

  /** The most retries after the first attempt. */
  int maxRetries() {
    return policy.maxRetries();
  }

  /**
   * After attempt number {@code attempt} (1 for the first) was answered with {@code status}: the
   * wait before the next attempt, or throws {@code error}.
   *
   * @param rateLimit the answer's rate-limit headers ({@code Retry-After}, reset time)
   * @param error the exception for the answer, thrown when it is not retried
   */
  Duration afterStatus(ApiRequest request, int attempt, int status, RateLimit rateLimit, ApiException error) {
    if (attempt <= policy.maxRetries() && request.retrySafety().retriesStatus(status)) {
      Duration retryAfter = rateLimit.retryAfter();
      if (retryAfter == null && status == 429 && rateLimit.reset() != null) {
        // no Retry-After, but the window's reset time says when a retry can succeed
        Duration untilReset = Duration.between(clock.instant(), rateLimit.reset());
        retryAfter = untilReset.isNegative() ? Duration.ZERO : untilReset;
      }
      if (retryAfter != null && retryAfter.compareTo(policy.maxRetryAfter()) > 0) {
        LOG.info("[{}] not retrying {} after HTTP {}: the server asks to wait {} s, longer than the {} s allowed",
            vendor, request.describe(), status, retryAfter.toSeconds(), policy.maxRetryAfter().toSeconds());
        throw error;
      }
      return policy.delayBefore(attempt, retryAfter);
    }
    throw error;
  }

  /**
   * After attempt number {@code attempt} (1 for the first) failed with {@code e}: the wait before
   * the next attempt, or throws a {@link ConnectionException} that says whether the request was
   * sent. A call canceled by its caller is never retried; one canceled by its own timeout is
   * treated as any other I/O failure.
   *
   * @param what the failure in words ({@link #describe})
   * @param sent whether any byte of the request had been written
   * @param callCanceled whether the call was canceled (by the caller, or by its timeout)
   */
  Duration afterIoFailure(ApiRequest request, int attempt, IOException e, String what, boolean sent,
      boolean callCanceled) {
    boolean mayCharge = sent && !request.retrySafety().retriesIoFailure(true);
    if (callCanceled && !(e instanceof InterruptedIOException && e.getMessage() != null
        && e.getMessage().contains("timeout"))) {
      throw connectionError(request, e, what, sent, mayCharge);
    }
    if (attempt <= policy.maxRetries() && request.retrySafety().retriesIoFailure(sent)) {
      return policy.delayBefore(attempt, null);
    }
    if (mayCharge && LOG.isInfoEnabled()) {
      LOG.info("[{}] not retrying {} after {}: the request may have reached the server and a retry could charge twice",
          vendor, request.describe(), what);
    }
    throw connectionError(request, e, what, sent, mayCharge);
  }

  private ConnectionException connectionError(ApiRequest request, IOException e, String what, boolean sent,
      boolean mayCharge) {
    return new ConnectionException(vendor,
        "[" + vendor + "] " + request.describe() + " failed: " + what
            + (!sent ? " (the request was not sent)"
                : mayCharge ? " (the request may have reached the server; not retried, since a retry could charge twice)"
                : ""), sent, e);
  }

  /** An I/O failure in words: "timed out" for a timeout, else the exception's class and message. */
  static String describe(IOException e, boolean callCanceled) {
    if (e instanceof InterruptedIOException && ("timeout".equals(e.getMessage()) || callCanceled)) {
      return "timed out";
    }
    String name = e.getClass().getSimpleName();
    return e.getMessage() == null ? name : name + ": " + e.getMessage();
  }
}
