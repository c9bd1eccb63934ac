package dev.aigw.core.operation;

import dev.aigw.core.json.RawJson;

/**
 * What one poll of a task said.
 *
 * @param <T> the result type
 * @param id the task id
 * @param status the status in common words
 * @param vendorStatus the status word the gateway used ({@code processing}, {@code success} …), or
 *     {@code null}
 * @param progress a percentage when the gateway reports one, else {@code null}
 * @param result the result, when {@code status} is {@link OperationStatus#SUCCEEDED}
 * @param errorCode the vendor's error code when the task failed, or {@code null}
 * @param errorMessage the vendor's explanation when the task failed, or {@code null}
 * @param raw the poll answer's JSON as received
 */
public record OperationSnapshot<T>(
    String id,
    OperationStatus status,
    String vendorStatus,
    Integer progress,
    T result,
    String errorCode,
    String errorMessage,
    RawJson raw) {

  /**
   * Fills defaults.
   *
   * @param id the task id; not null
   * @param status the status; {@code null} becomes {@code UNKNOWN}
   * @param vendorStatus the gateway's status word, or {@code null}
   * @param progress a percentage, or {@code null}
   * @param result the result, or {@code null}
   * @param errorCode the vendor's error code, or {@code null}
   * @param errorMessage the vendor's explanation, or {@code null}
   * @param raw the poll answer; {@code null} becomes an empty document
   */
  public OperationSnapshot {
    java.util.Objects.requireNonNull(id, "id");
    if (status == null) {
      status = OperationStatus.UNKNOWN;
    }
    if (raw == null) {
      raw = RawJson.empty();
    }
  }

  /**
   * A snapshot that says only the status.
   *
   * @param <T> the result type
   * @param id the task id
   * @param status the status
   * @param vendorStatus the gateway's status word, or {@code null}
   * @param raw the poll answer, or {@code null}
   * @return the snapshot
   */
  public static <T> OperationSnapshot<T> of(String id, OperationStatus status, String vendorStatus, RawJson raw) {
    return new OperationSnapshot<>(id, status, vendorStatus, null, null, null, null, raw);
  }

  /**
   * A successful snapshot.
   *
   * @param <T> the result type
   * @param id the task id
   * @param vendorStatus the gateway's status word, or {@code null}
   * @param result the result
   * @param raw the poll answer, or {@code null}
   * @return a {@code SUCCEEDED} snapshot at 100% progress
   */
  public static <T> OperationSnapshot<T> succeeded(String id, String vendorStatus, T result, RawJson raw) {
    return new OperationSnapshot<>(id, OperationStatus.SUCCEEDED, vendorStatus, 100, result, null, null, raw);
  }

  /**
   * A failed (or blocked) snapshot.
   *
   * @param <T> the result type
   * @param id the task id
   * @param status {@code FAILED} or {@code BLOCKED}
   * @param vendorStatus the gateway's status word, or {@code null}
   * @param errorCode the vendor's error code, or {@code null}
   * @param errorMessage the vendor's explanation, or {@code null}
   * @param raw the poll answer, or {@code null}
   * @return the snapshot
   */
  public static <T> OperationSnapshot<T> failed(String id, OperationStatus status, String vendorStatus,
      String errorCode, String errorMessage, RawJson raw) {
    return new OperationSnapshot<>(id, status, vendorStatus, null, null, errorCode, errorMessage, raw);
  }

  /**
   * Everything but the raw answer's text, which may hold result URLs that are credentials (its size
   * is shown instead).
   */
  @Override
  public String toString() {
    return "OperationSnapshot[id=" + id + ", status=" + status + ", vendorStatus=" + vendorStatus + ", progress="
        + progress + ", result=" + result + ", errorCode=" + errorCode + ", errorMessage=" + errorMessage
        + ", raw=" + raw.text().length() + " chars]";
  }

  /** {@return whether the task will not change any more} */
  public boolean isTerminal() {
    return status.isTerminal();
  }
}
