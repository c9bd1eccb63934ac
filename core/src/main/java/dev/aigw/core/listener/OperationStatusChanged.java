package dev.aigw.core.listener;

import dev.aigw.core.operation.OperationStatus;

/**
 * A poll saw the operation's status change.
 *
 * @param operation the operation
 * @param previous the status before
 * @param status the status now
 * @param vendorStatus the gateway's own word for it, or {@code null}
 * @param polls how many polls have been answered so far, this one included
 */
public record OperationStatusChanged(OperationInfo operation, OperationStatus previous, OperationStatus status,
    String vendorStatus, int polls) {}
