package dev.aigw.core.listener;

import java.time.Duration;

/**
 * One attempt of a call ended: with an answer (any status) or an I/O failure, and with the
 * decision on a retry.
 *
 * @param call the call
 * @param attempt 1 for the first attempt, 2 for the first retry …
 * @param status the HTTP status, or -1 when no answer came (an I/O failure)
 * @param duration how long this attempt took, from sending to its answer's headers or failure
 *     (not counting any wait before it)
 * @param requestSent whether any byte of the request was written (a failure before that cannot
 *     have done paid work)
 * @param failure what went wrong ({@code HTTP 429}, {@code timed out}, {@code ConnectException:
 *     …}), or {@code null} when the attempt succeeded
 * @param retryIn how long until the next attempt, or {@code null} when there is none
 */
public record AttemptEnded(CallInfo call, int attempt, int status, Duration duration, boolean requestSent,
    String failure, Duration retryIn) {

  /**
   * Whether another attempt follows.
   *
   * @return {@code true} when the call is retried
   */
  public boolean willRetry() {
    return retryIn != null;
  }
}
