package dev.aigw.testkit;

import dev.aigw.core.operation.OperationStatus;
import java.time.Instant;
import java.util.Map;

/**
 * A task inside a fake: it starts {@code QUEUED}, is {@code RUNNING} on the first poll, and ends
 * with its planned outcome once it has been polled {@code pollsToFinish} times.
 */
public final class FakeTask {
  private final String id;
  private final String kind;
  private final Instant createdAt;
  private final int pollsToFinish;
  private final OperationStatus outcome;
  private final String failure;
  private final Map<String, Object> request;
  private OperationStatus status = OperationStatus.QUEUED;
  private int polls;
  private Object result;
  private Instant completedAt;

  FakeTask(String id, String kind, Instant createdAt, int pollsToFinish, OperationStatus outcome, String failure,
      Map<String, Object> request) {
    this.id = id;
    this.kind = kind;
    this.createdAt = createdAt;
    this.pollsToFinish = pollsToFinish;
    this.outcome = outcome;
    this.failure = failure;
    this.request = request;
  }

  /** {@return the id} */
  public String id() {
    return id;
  }

  /** {@return what it makes ({@code image}, {@code video} …)} */
  public String kind() {
    return kind;
  }

  /** {@return when it was created} */
  public Instant createdAt() {
    return createdAt;
  }

  /** {@return when it ended, or {@code null}} */
  public synchronized Instant completedAt() {
    return completedAt;
  }

  /** {@return the request body that created it} */
  public Map<String, Object> request() {
    return request;
  }

  /** {@return its status now} */
  public synchronized OperationStatus status() {
    return status;
  }

  /** {@return how often it was polled} */
  public synchronized int polls() {
    return polls;
  }

  /** {@return why it failed, for failed and blocked tasks} */
  public String failure() {
    return failure;
  }

  /** {@return what the fake stored as its result (URLs …), once it succeeded} */
  public synchronized Object result() {
    return result;
  }

  synchronized void result(Object value) {
    this.result = value;
  }

  /** Counts a poll and advances; returns whether the task ended with this poll. */
  synchronized boolean poll(Instant now) {
    if (status.isTerminal()) {
      polls++;
      return false;
    }
    polls++;
    if (polls >= pollsToFinish) {
      status = outcome;
      completedAt = now;
      return true;
    }
    status = OperationStatus.RUNNING;
    return false;
  }

  /** Ends the task now with its planned outcome; returns whether it changed. */
  synchronized boolean finishNow(Instant now) {
    if (status.isTerminal()) {
      return false;
    }
    status = outcome;
    completedAt = now;
    return true;
  }
}
