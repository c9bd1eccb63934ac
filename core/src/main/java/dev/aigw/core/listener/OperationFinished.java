package dev.aigw.core.listener;

import dev.aigw.core.cost.Cost;
import java.time.Duration;

/**
 * An operation ended, as far as this process can tell; sent at most once per operation.
 *
 * @param operation the operation
 * @param end how it ended
 * @param polls how many polls were answered
 * @param duration from its start ({@link OperationInfo#startedAt()}) to now
 * @param cost what its result says it cost, or {@code null}
 * @param error the failure, for every end but {@link End#SUCCEEDED}, or {@code null}
 */
public record OperationFinished(OperationInfo operation, End end, int polls, Duration duration, Cost cost,
    RuntimeException error) {

  /** How an operation ended. */
  public enum End {
    /** The task succeeded. */
    SUCCEEDED,
    /** The task failed on the gateway. */
    FAILED,
    /** The gateway refused the task (content policy). */
    BLOCKED,
    /** Polling failed for good (an error that is not transient, or too many in a row). */
    POLLING_FAILED,
    /** A wait timed out and nothing else waits; the task may still finish on the gateway. */
    TIMED_OUT,
    /** {@code cancel()} stopped local polling. */
    CANCELLED
  }
}
