package dev.aigw.cheapsub.legacy;

import dev.aigw.core.json.RawJson;
import dev.aigw.core.operation.OperationStatus;

/**
 * A legacy endpoint's answer: the task id when there is one, the status, and the raw JSON.
 *
 * @param taskId the task id ({@code task_id} or {@code data.task_id}), or {@code null}
 * @param status the status in common words ({@code UNKNOWN} when none was given)
 * @param vendorStatus the status word as sent, or {@code null}
 * @param raw the JSON as received
 */
public record LegacyTask(String taskId, OperationStatus status, String vendorStatus, RawJson raw) {}
