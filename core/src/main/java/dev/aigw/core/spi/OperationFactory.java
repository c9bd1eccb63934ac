package dev.aigw.core.spi;

import dev.aigw.core.error.AigwException;
import dev.aigw.core.error.MalformedResponseException;
import dev.aigw.core.internal.SharedResources;
import dev.aigw.core.json.RawJson;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.operation.OperationSnapshot;
import dev.aigw.core.operation.OperationStatus;
import dev.aigw.core.operation.PollingStrategy;
import java.util.Objects;
import java.util.function.Function;

/**
 * Makes a provider's operations of one kind: resumed from an id, or started from a submission's
 * answer. Holds the driver, the polling strategy and the shared scheduler, so a provider's service
 * only says how to submit.
 *
 * @param <T> the operation's result
 */
public final class OperationFactory<T> {
  private final String vendor;
  private final String idField;
  private final OperationDriver<?, T> driver;
  private final PollingStrategy polling;
  private final Listeners listeners;

  /**
   * A factory for one kind of operation of the gateway's vendor.
   *
   * @param gateway the client's gateway (the vendor name comes from it)
   * @param idField the id's name in the vendor's answers ({@code task_id}), for messages
   * @param driver how to fetch and read a task's status
   * @param polling how to poll
   * @throws NullPointerException when an argument is null
   */
  public OperationFactory(Gateway gateway, String idField, OperationDriver<?, T> driver, PollingStrategy polling) {
    this.vendor = Objects.requireNonNull(gateway, "gateway").vendor();
    this.listeners = gateway.listeners();
    this.idField = Objects.requireNonNull(idField, "idField");
    this.driver = Objects.requireNonNull(driver, "driver");
    this.polling = Objects.requireNonNull(polling, "polling");
  }

  /**
   * An operation for a task submitted earlier; nothing is sent until it is polled.
   *
   * @param operationId the task's id (surrounding blanks are removed)
   * @return the operation, status not known yet
   * @throws dev.aigw.core.error.ValidationException when the id is blank
   */
  public Operation<T> resume(String operationId) {
    Checks.of(vendor).required("operationId", operationId);
    return Operation.polling(vendor, operationId.strip(), driver, polling, SharedResources.scheduler(), null,
        listeners);
  }

  /**
   * An operation for a task a submission just created.
   *
   * @param what what was submitted ({@code image}), for messages
   * @param id the task id from the answer, or {@code null} when it had none
   * @param status the status the answer gave
   * @param vendorStatus the status word the answer gave, or {@code null}
   * @param answer the submission's answer
   * @return the operation, starting from the answer's status, polled from there
   * @throws AigwException when the answer carries no id (the task cannot be followed)
   */
  public Operation<T> started(String what, String id, OperationStatus status, String vendorStatus, RawJson answer) {
    return started(what, id, status, vendorStatus, answer, null);
  }

  /**
   * An operation for a task a submission sent with {@code idempotencyKey} just created; the
   * operation's {@link Operation#idempotencyKey()} gives the key back.
   *
   * @param what what was submitted ({@code image}), for messages
   * @param id the task id from the answer, or {@code null} when it had none
   * @param status the status the answer gave
   * @param vendorStatus the status word the answer gave, or {@code null}
   * @param answer the submission's answer
   * @param idempotencyKey the idempotency key the submission was sent with, or {@code null}
   * @return the operation, polled from there
   * @throws AigwException when the answer carries no id (the task cannot be followed)
   */
  public Operation<T> started(String what, String id, OperationStatus status, String vendorStatus, RawJson answer,
      String idempotencyKey) {
    requireId(what, id, answer, idempotencyKey);
    return Operation.polling(vendor, id, driver, polling, SharedResources.scheduler(),
        OperationSnapshot.of(id, status, vendorStatus, answer), listeners, idempotencyKey);
  }

  /**
   * An operation for a task a submission just created, when the answer says as much as a poll
   * would (some gateways answer with the whole task record): a task the answer shows already ended
   * is complete at once, with its result or its failure and without any poll; any other is polled
   * from there.
   *
   * @param what what was submitted ({@code image}), for messages
   * @param id the task id from the answer, or {@code null} when it had none
   * @param answer the submission's answer
   * @param read reads the answer as a poll's answer, given the id
   * @return the operation: complete when the answer shows the task ended, else polled
   * @throws AigwException when the answer carries no id (the task cannot be followed)
   */
  public Operation<T> startedFrom(String what, String id, RawJson answer, Function<String, OperationSnapshot<T>> read) {
    return startedFrom(what, id, answer, read, null);
  }

  /**
   * As {@link #startedFrom(String, String, RawJson, Function)}, for a submission sent with {@code
   * idempotencyKey}; the operation's {@link Operation#idempotencyKey()} gives the key back.
   *
   * @param what what was submitted ({@code image}), for messages
   * @param id the task id from the answer, or {@code null} when it had none
   * @param answer the submission's answer
   * @param read reads the answer as a poll's answer, given the id
   * @param idempotencyKey the idempotency key the submission was sent with, or {@code null}
   * @return the operation: complete when the answer shows the task ended, else polled from there
   * @throws AigwException when the answer carries no id (the task cannot be followed)
   */
  public Operation<T> startedFrom(String what, String id, RawJson answer, Function<String, OperationSnapshot<T>> read,
      String idempotencyKey) {
    requireId(what, id, answer, idempotencyKey);
    OperationSnapshot<T> first = read.apply(id);
    if (first.isTerminal()) {
      return Operation.completed(vendor, first, listeners, idempotencyKey);
    }
    return Operation.polling(vendor, id, driver, polling, SharedResources.scheduler(), first, listeners,
        idempotencyKey);
  }

  /**
   * An operation that is already over (a gateway that answered a submission with the finished
   * work).
   *
   * @param finished the final snapshot
   * @return the completed operation
   */
  public Operation<T> completed(OperationSnapshot<T> finished) {
    return Operation.completed(vendor, finished, listeners);
  }

  private void requireId(String what, String id, RawJson answer, String idempotencyKey) {
    if (id == null || id.isBlank()) {
      String recovery = idempotencyKey != null
          ? " The work may exist and be charged: resubmit with idempotency key " + idempotencyKey
              + " to get it without a second charge"
          : " The work may exist and be charged; without an idempotency key aigw cannot find it";
      throw new MalformedResponseException(vendor, "[" + vendor + "] the " + what + " submission was accepted but its"
          + " answer has no " + idField + ", so it cannot be followed: " + answer.text() + "." + recovery, null,
          idempotencyKey);
    }
  }
}
