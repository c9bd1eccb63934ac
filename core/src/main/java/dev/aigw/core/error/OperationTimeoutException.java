package dev.aigw.core.error;

import dev.aigw.core.operation.OperationStatus;
import java.time.Duration;

/**
 * Waiting for a long-running task took longer than allowed. The task itself may still finish on
 * the server; resume it by id to keep waiting.
 */
public class OperationTimeoutException extends AigwException {
  /** The task id. */
  private final String operationId;
  /** The last status seen. */
  private final OperationStatus lastStatus;

  /**
   * Creates the exception; its message names the task, the wait and the last status.
   *
   * @param vendor vendor name
   * @param operationId the task id
   * @param waited how long the caller waited
   * @param lastStatus the last status seen, {@code UNKNOWN} when no poll answered
   */
  public OperationTimeoutException(
      String vendor, String operationId, Duration waited, OperationStatus lastStatus) {
    super(
        vendor,
        "[" + vendor + "] operation " + operationId + " did not finish within " + human(waited)
            + "; last status seen: " + lastStatus,
        null);
    this.operationId = operationId;
    this.lastStatus = lastStatus;
  }

  /** {@code 250 ms}, {@code 90 s}, {@code 10 min}: what a person reads more easily than {@code PT10M}. */
  static String human(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms % 60_000 == 0) {
      return ms / 60_000 + " min";
    }
    return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
  }

  /** {@return the task id} */
  public String operationId() {
    return operationId;
  }

  /** {@return the last status seen before the time ran out} */
  public OperationStatus lastStatus() {
    return lastStatus;
  }
}
