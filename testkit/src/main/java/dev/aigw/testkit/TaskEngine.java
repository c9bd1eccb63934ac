package dev.aigw.testkit;

import dev.aigw.core.operation.OperationStatus;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The fakes' task store. New tasks finish after {@link #pollsToFinish(int)} polls (2 by default)
 * with the outcome planned for them: success unless {@link #failNext(String)} or {@link
 * #blockNext(String)} said otherwise. Thread-safe.
 */
public final class TaskEngine {
  private final Map<String, FakeTask> tasks = new ConcurrentHashMap<>();
  private final Deque<String[]> plannedOutcomes = new ArrayDeque<>();
  private final Clock clock;
  private volatile int pollsToFinish = 2;
  private volatile Consumer<FakeTask> onFinish = t -> {};

  TaskEngine(Clock clock) {
    this.clock = clock;
  }

  /**
   * How many polls a new task needs before it ends (1 ends on the first poll).
   *
   * @param polls 1 or more
   * @return this engine
   * @throws IllegalArgumentException if {@code polls} is below 1
   */
  public TaskEngine pollsToFinish(int polls) {
    if (polls < 1) {
      throw new IllegalArgumentException("polls must be 1 or more");
    }
    this.pollsToFinish = polls;
    return this;
  }

  /**
   * The next task created will fail with {@code reason}.
   *
   * @param reason the failure reason the task reports
   * @return this engine
   */
  public synchronized TaskEngine failNext(String reason) {
    plannedOutcomes.add(new String[] {"FAILED", reason});
    return this;
  }

  /**
   * The next task created will be blocked by moderation with {@code reason}.
   *
   * @param reason the reason the task reports
   * @return this engine
   */
  public synchronized TaskEngine blockNext(String reason) {
    plannedOutcomes.add(new String[] {"BLOCKED", reason});
    return this;
  }

  void onFinish(Consumer<FakeTask> listener) {
    this.onFinish = listener;
  }

  /**
   * Creates a task of {@code kind} for the given request body.
   *
   * @param kind what it makes ({@code image}, {@code video} …)
   * @param request the request body
   * @return the new task
   */
  public FakeTask create(String kind, Map<String, Object> request) {
    String[] planned;
    synchronized (this) {
      planned = plannedOutcomes.poll();
    }
    OperationStatus outcome = planned == null ? OperationStatus.SUCCEEDED : OperationStatus.valueOf(planned[0]);
    FakeTask task = new FakeTask(UUID.randomUUID().toString(), kind, clock.instant(), pollsToFinish, outcome,
        planned == null ? null : planned[1], request);
    tasks.put(task.id(), task);
    return task;
  }

  /**
   * The task with this id, counting a poll.
   *
   * @param id the task id, or {@code null}
   * @return the task, or empty when there is none
   */
  public Optional<FakeTask> poll(String id) {
    FakeTask task = id == null ? null : tasks.get(id);
    if (task == null) {
      return Optional.empty();
    }
    if (task.poll(clock.instant())) {
      onFinish.accept(task);
    }
    return Optional.of(task);
  }

  /**
   * The task with this id, without counting a poll.
   *
   * @param id the task id, or {@code null}
   * @return the task, or empty when there is none
   */
  public Optional<FakeTask> get(String id) {
    return Optional.ofNullable(id == null ? null : tasks.get(id));
  }

  /**
   * Ends a task now (as if time passed), running the finish hooks.
   *
   * @param id the task id; an unknown or ended task is left as it is
   */
  public void finish(String id) {
    FakeTask task = tasks.get(id);
    if (task != null && task.finishNow(clock.instant())) {
      onFinish.accept(task);
    }
  }

  /** {@return how many tasks exist} */
  public int size() {
    return tasks.size();
  }
}
