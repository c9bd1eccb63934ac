/**
 * Long-running tasks: {@link dev.aigw.core.operation.Operation} polls a gateway's task until it
 * ends, on one shared scheduler (no thread waits per operation), and can be resumed from its id.
 */
package dev.aigw.core.operation;
