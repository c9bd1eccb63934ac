package dev.aigw.core.error;

import dev.aigw.core.operation.OperationStatus;

/** A long-running task ended {@code FAILED} or {@code BLOCKED} on the server. */
public class OperationFailedException extends AigwException {
  /** The task id. */
  private final String operationId;
  /** {@code FAILED} or {@code BLOCKED}. */
  private final OperationStatus status;
  /** The vendor's error code, or {@code null}. */
  private final String code;
  /** The vendor's explanation, or {@code null}. */
  private final String reason;

  /**
   * Creates the exception; its message names the task, the status, the code and the reason.
   *
   * @param vendor vendor name
   * @param operationId the task id
   * @param status {@code FAILED} or {@code BLOCKED}
   * @param code the vendor's error code, or {@code null}
   * @param reason the vendor's explanation, or {@code null}
   */
  public OperationFailedException(
      String vendor, String operationId, OperationStatus status, String code, String reason) {
    super(vendor, message(vendor, operationId, status, code, reason), null);
    this.operationId = operationId;
    this.status = status;
    this.code = code;
    this.reason = reason;
  }

  private static String message(
      String vendor, String id, OperationStatus status, String code, String reason) {
    StringBuilder sb = new StringBuilder();
    sb.append('[').append(vendor).append("] operation ").append(id).append(' ');
    sb.append(status == OperationStatus.BLOCKED ? "was blocked by content moderation" : "failed");
    if (code != null) {
      sb.append(" (").append(code).append(')');
    }
    if (reason != null && !reason.isBlank()) {
      sb.append(": ").append(reason);
    }
    return sb.toString();
  }

  /** {@return the task id} */
  public String operationId() {
    return operationId;
  }

  /** {@return {@code FAILED} or {@code BLOCKED}} */
  public OperationStatus status() {
    return status;
  }

  /** {@return the vendor's error code, or {@code null}} */
  public String code() {
    return code;
  }

  /** {@return the vendor's explanation, or {@code null}} */
  public String reason() {
    return reason;
  }
}
