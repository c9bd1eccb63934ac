package dev.aigw.core.listener;

import dev.aigw.core.operation.OperationStatus;

/**
 * An operation was created: just submitted (right after its submit call), resumed from an id, or
 * answered complete at once.
 *
 * @param operation the operation
 * @param status its first known status ({@code UNKNOWN} when resumed)
 */
public record OperationStarted(OperationInfo operation, OperationStatus status) {}
