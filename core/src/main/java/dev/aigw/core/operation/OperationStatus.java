package dev.aigw.core.operation;

/** Where a long-running task stands, in words common to every gateway. */
public enum OperationStatus {
  /** Accepted, not started. */
  QUEUED,
  /** Being worked on. */
  RUNNING,
  /** Finished with a result. */
  SUCCEEDED,
  /** Finished without a result. */
  FAILED,
  /** Refused by content moderation (gateways usually refund it). */
  BLOCKED,
  /** Not known yet (not polled), or a status word this SDK does not know. */
  UNKNOWN;

  /** {@return whether the task will not change any more} */
  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == BLOCKED;
  }
}
