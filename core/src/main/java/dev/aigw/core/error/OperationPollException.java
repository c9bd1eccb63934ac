package dev.aigw.core.error;

import dev.aigw.core.operation.OperationStatus;

/**
 * Polling a long-running task failed too many times in a row (the connection, 5xx or 429
 * answers, answers that could not be read), so local polling stopped. The task itself was not
 * seen to fail: it may still finish on the server, and {@code resume(operationId())} follows it
 * again. {@link #getCause()} is the last poll's failure.
 */
public class OperationPollException extends AigwException {
  /** The task id. */
  private final String operationId;
  /** The last status a poll saw. */
  private final OperationStatus lastStatus;
  /** How many polls failed in a row. */
  private final int failures;

  /**
   * Polling that gave up after too many failed polls in a row.
   *
   * @param vendor vendor name
   * @param operationId the task id
   * @param lastStatus the last status a poll saw, {@code UNKNOWN} when none answered
   * @param failures how many polls failed in a row
   * @param lastFailure the last poll's failure
   */
  public OperationPollException(String vendor, String operationId, OperationStatus lastStatus, int failures,
      Throwable lastFailure) {
    super(vendor, "[" + vendor + "] operation " + operationId + ": " + failures + " polls in a row failed, so polling"
        + " stopped; the last: " + describe(vendor, lastFailure) + ". The task may still finish on the server (last"
        + " status seen: " + lastStatus + "): resume(\"" + operationId + "\") to follow it again", lastFailure);
    this.operationId = operationId;
    this.lastStatus = lastStatus;
    this.failures = failures;
  }

  /** The cause's message without its leading {@code [vendor] }, which this message already has. */
  private static String describe(String vendor, Throwable failure) {
    String m = failure == null ? null : failure.getMessage();
    if (m == null) {
      return failure == null ? "unknown" : failure.getClass().getSimpleName();
    }
    String prefix = "[" + vendor + "] ";
    return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
  }

  /** {@return the task id: resume it with the same client's {@code resume(id)}} */
  public String operationId() {
    return operationId;
  }

  /** {@return the last status a poll saw before polling stopped ({@code UNKNOWN} when none answered)} */
  public OperationStatus lastStatus() {
    return lastStatus;
  }

  /** {@return how many polls failed in a row} */
  public int failures() {
    return failures;
  }
}
