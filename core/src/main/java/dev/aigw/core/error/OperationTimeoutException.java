package dev.aigw.core.error;

import dev.aigw.core.operation.OperationStatus;
import java.time.Duration;

/**
 * Waiting for a long-running task took longer than allowed. The task itself may still finish on
 * the server; resume it by id to keep waiting.
 */
public class OperationTimeoutException extends AigwException {
  private final String operationId;
  private final OperationStatus lastStatus;

  /**
   * @param vendor vendor name
   * @param operationId the task id
   * @param waited how long the caller waited
   * @param lastStatus the last status seen, {@code UNKNOWN} when no poll answered
   */
  public OperationTimeoutException(
      String vendor, String operationId, Duration waited, OperationStatus lastStatus) {
    super(
        vendor,
        "[" + vendor + "] operation " + operationId + " did not finish within " + waited
            + "; last status seen: " + lastStatus,
        null);
    this.operationId = operationId;
    this.lastStatus = lastStatus;
  }

  /** The task id. */
  public String operationId() {
    return operationId;
  }

  /** The last status seen before the time ran out. */
  public OperationStatus lastStatus() {
    return lastStatus;
  }
}
