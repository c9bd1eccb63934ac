package dev.aigw.core.routing;

import dev.aigw.core.error.ApiException;
import dev.aigw.core.error.AuthenticationException;
import dev.aigw.core.error.ConnectionException;
import dev.aigw.core.error.ContentPolicyException;
import dev.aigw.core.error.OperationFailedException;
import dev.aigw.core.error.PaymentRequiredException;
import dev.aigw.core.error.PermissionDeniedException;
import dev.aigw.core.error.RateLimitException;
import dev.aigw.core.error.UnsupportedCapabilityException;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.http.RetrySafety;
import dev.aigw.core.operation.OperationStatus;
import dev.aigw.core.profile.GatewayProfile;
import dev.aigw.core.spi.FailedCalls;

/**
 * Whether a failed attempt lets the router try the next gateway: only when the attempt certainly
 * did no paid work. The "may it have been charged" facts are the transport's own: the {@link
 * RetrySafety} the failed call was declared with ({@link RetrySafety#mayHaveDoneWork(int)}, {@link
 * RetrySafety#mayHaveDoneWorkAfterIoFailure(boolean)}, with {@link ConnectionException#requestSent()}),
 * and the vendor's documented refund of failed tasks ({@link GatewayProfile#failedTasksRefunded()}).
 */
final class MoveOn {
  private MoveOn() {}

  /**
   * A decision.
   *
   * @param moveOn whether to try the next gateway
   * @param gatewayFault whether the failure counts against the gateway (its circuit breaker)
   * @param reason why, in words
   */
  record Decision(boolean moveOn, boolean gatewayFault, String reason) {}

  /**
   * Decides on {@code failure}.
   *
   * @param failure what the attempt threw
   * @param taskAccepted whether the gateway had accepted the work as a task before it failed (the
   *     failure came while waiting for it)
   * @param profile the gateway's profile
   * @param whenChargeUncertain whether the application opted in to moving on after an outcome that
   *     may have been charged
   * @param afterContentPolicy whether the application opted in to moving on after a content-policy
   *     refusal
   * @return the decision
   */
  static Decision decide(Throwable failure, boolean taskAccepted, GatewayProfile profile, boolean whenChargeUncertain,
      boolean afterContentPolicy) {
    String vendor = profile.vendor();
    if (failure instanceof ValidationException) {
      return new Decision(true, false, "refused before sending: " + failure.getMessage());
    }
    if (failure instanceof UnsupportedCapabilityException) {
      return new Decision(true, false, failure.getMessage());
    }
    if (taskAccepted) {
      return task(failure, profile, whenChargeUncertain, afterContentPolicy);
    }
    if (failure instanceof ContentPolicyException) {
      return afterContentPolicy
          ? new Decision(true, false, "refused by content policy (not charged); moving on as the router was told")
          : new Decision(false, false, "refused by " + vendor + "'s content policy; a content-policy refusal does not"
              + " move on unless the router is built with moveOnAfterContentPolicy(true)");
    }
    if (failure instanceof AuthenticationException || failure instanceof PermissionDeniedException
        || failure instanceof PaymentRequiredException) {
      return new Decision(true, true, "refused with HTTP " + ((ApiException) failure).status() + " (no work was done): "
          + failure.getMessage());
    }
    if (failure instanceof RateLimitException) {
      return new Decision(true, true, "rate limited (HTTP 429) after the retries: " + failure.getMessage());
    }
    if (failure instanceof ApiException api) {
      int status = api.status();
      if (status == 408) {
        return new Decision(true, true, "HTTP 408: the gateway timed out receiving the request (no work was done)");
      }
      if (status < 500) {
        return new Decision(false, false, "refused with HTTP " + status + ", an answer about the request itself: "
            + failure.getMessage());
      }
      RetrySafety safety = safety(failure);
      if (!safety.mayHaveDoneWork(status)) {
        return new Decision(true, true, "HTTP " + status + ", and " + vendor + " does not charge a call that fails so"
            + " (" + safety + "): " + failure.getMessage());
      }
      return uncertain(whenChargeUncertain, "HTTP " + status + " from " + vendor + ", where a failed call may still"
          + " have been charged (" + safety + "): " + failure.getMessage());
    }
    if (failure instanceof ConnectionException connection) {
      RetrySafety safety = safety(failure);
      if (!safety.mayHaveDoneWorkAfterIoFailure(connection.requestSent())) {
        return new Decision(true, true, (connection.requestSent() ? "a free call failed on the way: "
            : "the connection failed before the request was sent: ") + failure.getMessage());
      }
      return uncertain(whenChargeUncertain, "the request may have reached " + vendor + " and been charged before the"
          + " connection failed (a timeout or a cut after sending): " + failure.getMessage());
    }
    return uncertain(whenChargeUncertain, "an outcome the router cannot judge: " + failure);
  }

  private static Decision task(Throwable failure, GatewayProfile profile, boolean whenChargeUncertain,
      boolean afterContentPolicy) {
    String vendor = profile.vendor();
    if (failure instanceof OperationFailedException failed) {
      if (failed.status() == OperationStatus.BLOCKED) {
        if (afterContentPolicy && profile.failedTasksRefunded()) {
          return new Decision(true, false, "blocked by content moderation, and " + vendor + " refunds it; moving on"
              + " as the router was told: " + failure.getMessage());
        }
        return new Decision(false, false, "blocked by " + vendor + "'s content moderation; a content-policy refusal"
            + " does not move on unless the router is built with moveOnAfterContentPolicy(true) (and the vendor"
            + " refunds it): " + failure.getMessage());
      }
      if (profile.failedTasksRefunded()) {
        return new Decision(true, true, "the task failed, and " + vendor + " does not charge (or refunds) a failed"
            + " task: " + failure.getMessage());
      }
      return uncertain(whenChargeUncertain, "the task failed, and " + vendor + " documents no refund of a failed"
          + " task, so it may have been charged: " + failure.getMessage());
    }
    return uncertain(whenChargeUncertain, "the task was accepted (and may be charged) before this failure: "
        + failure.getMessage());
  }

  private static Decision uncertain(boolean whenChargeUncertain, String what) {
    return whenChargeUncertain
        ? new Decision(true, true, what + "; moving on anyway, as the router was told (moveOnWhenChargeUncertain)")
        : new Decision(false, true, what + "; not moved on, since another gateway would charge again");
  }

  /** The retry safety the failed call was declared with; unknown is judged as unprotected. */
  private static RetrySafety safety(Throwable failure) {
    return FailedCalls.safetyOf(failure).orElse(RetrySafety.UNPROTECTED);
  }
}
