package dev.aigw.core.operation;

import dev.aigw.core.cost.Billed;
import dev.aigw.core.cost.Cost;
import dev.aigw.core.error.AigwException;
import dev.aigw.core.error.ApiException;
import dev.aigw.core.error.ConnectionException;
import dev.aigw.core.error.MalformedResponseException;
import dev.aigw.core.error.OperationFailedException;
import dev.aigw.core.error.OperationPollException;
import dev.aigw.core.error.OperationTimeoutException;
import dev.aigw.core.error.RateLimitException;
import dev.aigw.core.error.ServerException;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.listener.OperationFinished;
import dev.aigw.core.listener.OperationInfo;
import dev.aigw.core.spi.Listeners;
import dev.aigw.core.spi.OperationDriver;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task running on a gateway (an image or video generation), polled until it ends.
 *
 * <pre>{@code
 * Operation<ImageResult> op = client.images().submit(request);
 * ImageResult result = op.onUpdate(s -> log.info("{}", s.status()))
 *                        .waitForCompletion(Duration.ofMinutes(5));
 * Operation<ImageResult> later = client.images().resume(op.id());   // after a restart
 * }</pre>
 *
 * <p>Polling runs on one scheduler shared by every operation, so a thousand operations waited on
 * through {@link #resultAsync()} hold no thread each. The interval starts small, grows to a cap,
 * and yields to a server's {@code Retry-After}; a poll that fails transiently (I/O, 429, 5xx, an
 * answer that cannot be read) is retried instead of ending the operation, up to the strategy's
 * {@linkplain PollingStrategy#maxConsecutiveFailures() failures in a row}, after which {@link
 * OperationPollException} names the operation and says it can be resumed. Every wait has a
 * timeout, after which {@link OperationTimeoutException} names the last status seen; the task
 * itself goes on on the server and can be resumed by id. {@link #cancel()} stops local polling only; it never claims to cancel
 * the server's task. Thread-safe.
 *
 * @param <T> the result type
 */
public final class Operation<T> {
  private static final Logger LOG = LoggerFactory.getLogger(Operation.class);

  private final String vendor;
  private final String id;
  private final OperationDriver<?, T> driver;
  private final PollingStrategy strategy;
  private final ScheduledExecutorService scheduler;
  private final List<Consumer<OperationSnapshot<T>>> listeners = new CopyOnWriteArrayList<>();
  private final boolean resumed;
  private final Listeners events;
  /** What listeners know this operation by; {@code null} without listeners. */
  private final OperationInfo info;
  private final AtomicBoolean finishTold = new AtomicBoolean();
  /** The idempotency key the submission was sent with, or {@code null}. */
  private final String idempotencyKey;

  private volatile OperationSnapshot<T> snapshot;
  private volatile boolean cancelled;
  private int polls; // guarded by listeners
  private PollRun run; // guarded by this

  private Operation(String vendor, String id, OperationDriver<?, T> driver, PollingStrategy strategy,
      ScheduledExecutorService scheduler, OperationSnapshot<T> initial, boolean resumed, Listeners events,
      String idempotencyKey) {
    this.vendor = Objects.requireNonNull(vendor, "vendor");
    this.id = Objects.requireNonNull(id, "id");
    this.driver = driver;
    this.strategy = Objects.requireNonNull(strategy, "strategy");
    this.scheduler = scheduler;
    this.snapshot = initial;
    this.resumed = resumed;
    this.idempotencyKey = idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey;
    this.events = Objects.requireNonNull(events, "events");
    this.info = events.operationStarted(vendor, id, resumed, initial.status());
    if (initial.isTerminal()) {
      finished(initial, 0);
    }
  }

  /**
   * An operation that polls through {@code driver} (providers create these).
   *
   * @param vendor vendor name
   * @param id the task id
   * @param driver how to fetch and read the task's status
   * @param strategy polling intervals and timeouts
   * @param scheduler the shared scheduler
   * @param initial what the submission said, or {@code null} when resuming from an id
   * @param <T> the result type
   * @return an operation that polls when waited on
   */
  public static <T> Operation<T> polling(String vendor, String id, OperationDriver<?, T> driver,
      PollingStrategy strategy, ScheduledExecutorService scheduler, OperationSnapshot<T> initial) {
    return polling(vendor, id, driver, strategy, scheduler, initial, Listeners.NONE);
  }

  /**
   * An operation that polls through {@code driver} and tells {@code listeners} what it does: its
   * start, its status changes, its end and, when its result says, its cost; its polls run inside
   * the listeners' {@link dev.aigw.core.listener.AigwListener#aroundPolling context}.
   *
   * @param <T> the result type
   * @param vendor vendor name
   * @param id the task id
   * @param driver how to fetch and read the task's status
   * @param strategy polling intervals and timeouts
   * @param scheduler the shared scheduler
   * @param initial what the submission said, or {@code null} when resuming from an id
   * @param listeners the client's listeners
   * @return the operation
   */
  public static <T> Operation<T> polling(String vendor, String id, OperationDriver<?, T> driver,
      PollingStrategy strategy, ScheduledExecutorService scheduler, OperationSnapshot<T> initial,
      Listeners listeners) {
    Objects.requireNonNull(driver, "driver");
    Objects.requireNonNull(scheduler, "scheduler");
    boolean resumed = initial == null;
    OperationSnapshot<T> first =
        initial != null ? initial : OperationSnapshot.of(id, OperationStatus.UNKNOWN, null, null);
    return polling(vendor, id, driver, strategy, scheduler, initial, listeners, null);
  }

  /**
   * An operation that polls through {@code driver}, tells {@code listeners} what it does, and
   * remembers the idempotency key its submission was sent with ({@link #idempotencyKey()}).
   *
   * @param <T> the result type
   * @param vendor vendor name
   * @param id the task id
   * @param driver how to fetch and read the task's status
   * @param strategy polling intervals and timeouts
   * @param scheduler the shared scheduler
   * @param initial what the submission said, or {@code null} when resuming from an id
   * @param listeners the client's listeners
   * @param idempotencyKey the idempotency key the submission was sent with, or {@code null}
   * @return the operation; nothing is sent yet
   */
  public static <T> Operation<T> polling(String vendor, String id, OperationDriver<?, T> driver,
      PollingStrategy strategy, ScheduledExecutorService scheduler, OperationSnapshot<T> initial,
      Listeners listeners, String idempotencyKey) {
    Objects.requireNonNull(driver, "driver");
    Objects.requireNonNull(scheduler, "scheduler");
    boolean resumed = initial == null;
    OperationSnapshot<T> first =
        initial != null ? initial : OperationSnapshot.of(id, OperationStatus.UNKNOWN, null, null);
    return new Operation<>(vendor, id, driver, strategy, scheduler, first, resumed, listeners, idempotencyKey);
  }

  /**
   * An operation that is already finished (for gateways that answer synchronously).
   *
   * @param <T> the result type
   * @param vendor vendor name
   * @param finished the final snapshot
   * @return a finished operation that never polls
   * @throws IllegalArgumentException if the snapshot is not terminal
   */
  public static <T> Operation<T> completed(String vendor, OperationSnapshot<T> finished) {
    return completed(vendor, finished, Listeners.NONE);
  }

  /**
   * An operation that is already finished, told to {@code listeners} as started and finished at
   * once (with its cost, when its result says).
   *
   * @param <T> the result type
   * @param vendor vendor name
   * @param finished the final snapshot
   * @param listeners the client's listeners
   * @return the operation
   */
  public static <T> Operation<T> completed(String vendor, OperationSnapshot<T> finished, Listeners listeners) {
    return completed(vendor, finished, listeners, null);
  }

  /**
   * An operation that is already finished, told to {@code listeners}, started by a submission sent
   * with {@code idempotencyKey} ({@link #idempotencyKey()}).
   *
   * @param <T> the result type
   * @param vendor vendor name
   * @param finished the final snapshot
   * @param listeners the client's listeners
   * @param idempotencyKey the idempotency key the submission was sent with, or {@code null}
   * @return the operation
   * @throws IllegalArgumentException if the snapshot is not terminal
   */
  public static <T> Operation<T> completed(String vendor, OperationSnapshot<T> finished, Listeners listeners,
      String idempotencyKey) {
    if (!finished.isTerminal()) {
      throw new IllegalArgumentException("a completed operation needs a terminal snapshot");
    }
    return new Operation<>(vendor, finished.id(), null, PollingStrategy.DEFAULT, null, finished, false, listeners,
        idempotencyKey);
  }

  /**
   * An operation that has already succeeded with {@code result}, for gateways that answer with the
   * result in the same call. Its id is {@code id}, or, when the gateway gives none, a local one
   * ({@code local-<uuid>}) that no gateway knows: such an operation cannot be resumed elsewhere.
   *
   * @param vendor vendor name
   * @param id the gateway's id for the work, or {@code null}
   * @param result the result
   * @param <T> the result type
   * @return a succeeded operation that never polls
   */
  public static <T> Operation<T> succeeded(String vendor, String id, T result) {
    return succeeded(vendor, id, result, Listeners.NONE);
  }

  /**
   * The same task known by another id — a failover router's id, which names the gateway as well —
   * as a new operation that starts from this one's last snapshot (its snapshots and failures carry
   * {@code newId}). Polls still ask the gateway for the task's own id; this operation's listeners
   * and waits are not carried over.
   *
   * @param newId the id the new operation reports
   * @return the new operation
   */
  public Operation<T> withId(String newId) {
    Objects.requireNonNull(newId, "newId");
    OperationSnapshot<T> current = relabel(snapshot, newId);
    if (driver == null) {
      return new Operation<>(vendor, newId, null, strategy, scheduler, current, false, Listeners.NONE,
          idempotencyKey);
    }
    return new Operation<>(vendor, newId, renamed(driver, id, newId), strategy, scheduler, current, resumed,
        Listeners.NONE, idempotencyKey);
  }

  private static <S, T> OperationDriver<S, T> renamed(OperationDriver<S, T> inner, String innerId, String newId) {
    return OperationDriver.of(ignored -> inner.fetch(innerId), (ignored, status) -> relabel(inner.read(innerId, status), newId));
  }

  private static <T> OperationSnapshot<T> relabel(OperationSnapshot<T> s, String newId) {
    return new OperationSnapshot<>(newId, s.status(), s.vendorStatus(), s.progress(), s.result(), s.errorCode(),
        s.errorMessage(), s.raw());
  }

  /**
   * As {@link #succeeded(String, String, Object)}, told to {@code listeners}.
   *
   * @param <T> the result type
   * @param vendor vendor name
   * @param id the gateway's id for the work, or {@code null}
   * @param result the result
   * @param listeners the client's listeners
   * @return the operation
   */
  public static <T> Operation<T> succeeded(String vendor, String id, T result, Listeners listeners) {
    Objects.requireNonNull(result, "result");
    String operationId = id != null && !id.isBlank() ? id : "local-" + java.util.UUID.randomUUID();
    return completed(vendor, OperationSnapshot.succeeded(operationId, null, result, null), listeners);
  }

  /** {@return the gateway's task id: keep it to {@code resume} the operation later} */
  public String id() {
    return id;
  }

  /** {@return the vendor name} */
  public String vendor() {
    return vendor;
  }

  /**
   * The idempotency key the submission was sent with, where the vendor honours one (gptimage2.plus):
   * submitting the same request again with it returns this task rather than starting (and
   * charging) another. Empty for a resumed operation and for vendors without idempotency keys.
   *
   * @return the key, or empty
   */
  public Optional<String> idempotencyKey() {
    return Optional.ofNullable(idempotencyKey);
  }

  /**
   * {@return the last status seen, without any I/O ({@code UNKNOWN} before the first poll of a resumed one)}
   */
  public OperationStatus status() {
    return snapshot.status();
  }

  /** {@return the last poll's full answer, without any I/O} */
  public OperationSnapshot<T> snapshot() {
    return snapshot;
  }

  /** {@return whether the task has ended} */
  public boolean isDone() {
    return snapshot.isTerminal();
  }

  /** {@return whether {@link #cancel()} was called} */
  public boolean isCancelled() {
    return cancelled;
  }

  /**
   * Calls {@code listener} with every poll's answer (and at once if the task already ended).
   * Listeners run on the polling thread: keep them short. A listener's exception is logged and
   * does not stop polling.
   *
   * @param listener called with each snapshot
   * @return this operation
   */
  public Operation<T> onUpdate(Consumer<OperationSnapshot<T>> listener) {
    Objects.requireNonNull(listener, "listener");
    OperationSnapshot<T> current;
    synchronized (listeners) {
      listeners.add(listener);
      current = snapshot;
    }
    if (current.isTerminal()) {
      notify(listener, current);
    }
    return this;
  }

  /**
   * Polls once, on the caller's thread, and returns what the gateway said. A finished operation is
   * not polled again.
   *
   * @return the new snapshot, or the last one when the operation had finished
   * @throws ApiException or {@link ConnectionException} when the poll fails
   */
  public OperationSnapshot<T> poll() {
    if (isDone() || driver == null) {
      return snapshot;
    }
    return accept(driver.fetch(id).execute(id, info));
  }

  /**
   * The result of a finished operation.
   *
   * @return the result
   * @throws OperationFailedException if it failed or was blocked
   * @throws IllegalStateException if it has not finished
   */
  public T result() {
    OperationSnapshot<T> s = snapshot;
    return switch (s.status()) {
      case SUCCEEDED -> s.result();
      case FAILED, BLOCKED -> throw failure(s);
      default -> throw new IllegalStateException(
          "[" + vendor + "] operation " + id + " has not finished; status " + s.status());
    };
  }

  /**
   * Blocks until the task ends or the strategy's default timeout passes.
   *
   * @return the result
   * @throws OperationFailedException if it failed or was blocked
   * @throws OperationTimeoutException if time ran out (the task may still finish; wait again or
   *     resume later)
   * @throws CancellationException if {@link #cancel()} was called
   */
  public T waitForCompletion() {
    return waitForCompletion(strategy.defaultTimeout());
  }

  /**
   * Blocks until the task ends or {@code timeout} passes.
   *
   * @param timeout the longest wait
   * @return the result
   * @throws OperationFailedException if it failed or was blocked
   * @throws OperationTimeoutException if time ran out (the task may still finish; wait again or
   *     resume later)
   * @throws CancellationException if {@link #cancel()} was called
   */
  public T waitForCompletion(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (isDone()) {
      return result();
    }
    CompletableFuture<T> waiter = resultAsync(timeout);
    try {
      return waiter.get();
    } catch (InterruptedException e) {
      waiter.cancel(false);
      Thread.currentThread().interrupt();
      throw new AigwException(vendor, "interrupted while waiting for operation " + id, e);
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    }
  }

  /** {@return the result, delivered when the task ends, within the strategy's default timeout} */
  public CompletableFuture<T> resultAsync() {
    return resultAsync(strategy.defaultTimeout());
  }

  /**
   * The result, delivered on the polling thread when the task ends. The future fails with {@link
   * OperationTimeoutException} after {@code timeout}; cancelling it stops this waiter (and polling,
   * when nobody else waits).
   *
   * <p>Polls of every operation in the process share a few threads (two unless the system property
   * {@code aigw.asyncThreads} says otherwise), and stages added with {@code thenApply}/{@code
   * thenAccept} run on them: do not block there — use the {@code …Async} variants with an executor
   * of your own for slow work.
   *
   * @param timeout the longest wait
   * @return a future of the result; it never completes on the caller's thread unless the task had
   *     ended
   */
  public CompletableFuture<T> resultAsync(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (isDone()) {
      CompletableFuture<T> done = new CompletableFuture<>();
      try {
        done.complete(result());
      } catch (RuntimeException e) {
        done.completeExceptionally(e);
      }
      return done;
    }
    if (cancelled) {
      return CompletableFuture.failedFuture(new CancellationException("operation " + id + " was cancelled"));
    }
    PollRun current;
    synchronized (this) {
      if (run == null || run.future.isDone() || run.stopped) {
        run = new PollRun();
        run.start(resumed && snapshot.status() == OperationStatus.UNKNOWN
            ? Duration.ZERO : strategy.initialInterval());
      }
      current = run;
      current.waiters.incrementAndGet();
    }
    CompletableFuture<T> waiter = new CompletableFuture<>();
    ScheduledFuture<?> timer = scheduler.schedule(() -> {
      waiter.completeExceptionally(new OperationTimeoutException(vendor, id, timeout, snapshot.status()));
    }, timeout.toNanos(), TimeUnit.NANOSECONDS);
    current.future.whenComplete((value, error) -> {
      if (error == null) {
        waiter.complete(value);
      } else {
        waiter.completeExceptionally(unwrap(error));
      }
    });
    waiter.whenComplete((value, error) -> {
      timer.cancel(false);
      boolean lastWaiter;
      synchronized (Operation.this) { // atomic with a new waiter joining the run
        lastWaiter = current.waiters.decrementAndGet() == 0 && !current.future.isDone();
        if (lastWaiter && run == current) {
          run = null;
        }
      }
      if (lastWaiter) {
        current.stop();
        if (unwrap(error) instanceof OperationTimeoutException timedOut) {
          tellFinished(OperationFinished.End.TIMED_OUT, null, timedOut);
        }
      }
    });
    return waiter;
  }

  /**
   * Stops local polling; waiters fail with {@link CancellationException}. The task on the server
   * is not cancelled (no gateway here offers that).
   */
  public void cancel() {
    cancelled = true;
    PollRun current;
    synchronized (this) {
      current = run;
    }
    CancellationException cancellation = new CancellationException("operation " + id + " was cancelled locally");
    if (current != null) {
      current.stop();
      current.future.completeExceptionally(cancellation);
    }
    if (!isDone()) {
      tellFinished(OperationFinished.End.CANCELLED, null, cancellation);
    }
  }

  /**
   * Reads a poll's answer and publishes it. A driver that fails on an answer of a shape it did not
   * expect (a {@code RuntimeException} other than aigw's) saw a malformed answer.
   *
   * @throws MalformedResponseException when the driver could not read the answer
   */
  private <S> OperationSnapshot<T> accept(RawResponse<?> response) {
    @SuppressWarnings("unchecked")
    OperationDriver<S, T> d = (OperationDriver<S, T>) driver;
    @SuppressWarnings("unchecked")
    S body = (S) response.body();
    OperationSnapshot<T> next;
    try {
      next = d.read(id, body);
    } catch (AigwException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new MalformedResponseException(vendor, "[" + vendor + "] the answer to a poll of operation " + id
          + " could not be read: " + e, e);
    }
    update(next);
    return next;
  }

  private void update(OperationSnapshot<T> next) {
    OperationSnapshot<T> previous;
    List<Consumer<OperationSnapshot<T>>> toCall;
    int answered;
    synchronized (listeners) { // a listener added meanwhile gets this snapshot exactly once
      previous = snapshot;
      snapshot = next;
      answered = ++polls;
      toCall = List.copyOf(listeners);
    }
    if (previous.status() != next.status()) {
      if (LOG.isDebugEnabled()) {
        LOG.debug("[{}] operation {}: {} -> {} ({})", vendor, id, previous.status(), next.status(), next.vendorStatus());
      }
      events.operationStatus(info, previous.status(), next.status(), next.vendorStatus(), answered);
    }
    if (next.isTerminal() && !previous.isTerminal()) {
      finished(next, answered);
    }
    for (Consumer<OperationSnapshot<T>> listener : toCall) {
      notify(listener, next);
    }
  }

  /** Tells the listeners (once) how a terminal snapshot ended the operation, and its cost. */
  private void finished(OperationSnapshot<T> last, int answered) {
    if (info == null) {
      return;
    }
    switch (last.status()) {
      case SUCCEEDED -> {
        Cost cost = last.result() instanceof Billed billed ? billed.cost() : null;
        if (finishTold.compareAndSet(false, true)) {
          events.costRecorded(vendor, cost, id, info.submitCall(), false);
          events.operationFinished(info, OperationFinished.End.SUCCEEDED, answered, cost, null);
        }
      }
      case BLOCKED -> tellFinished(OperationFinished.End.BLOCKED, answered, failure(last));
      default -> tellFinished(OperationFinished.End.FAILED, answered, failure(last));
    }
  }

  /** Tells the listeners, once, that the operation ended. */
  private void tellFinished(OperationFinished.End end, Integer answered, RuntimeException error) {
    if (info != null && finishTold.compareAndSet(false, true)) {
      int n;
      if (answered != null) {
        n = answered;
      } else {
        synchronized (listeners) {
          n = polls;
        }
      }
      events.operationFinished(info, end, n, null, error);
    }
  }

  private void notify(Consumer<OperationSnapshot<T>> listener, OperationSnapshot<T> s) {
    try {
      listener.accept(s);
    } catch (RuntimeException e) {
      LOG.warn("[{}] an onUpdate listener of operation {} threw; polling goes on", vendor, id, e);
    }
  }

  private OperationFailedException failure(OperationSnapshot<T> s) {
    return new OperationFailedException(vendor, id, s.status(), s.errorCode(), s.errorMessage());
  }

  private static boolean isTransient(Throwable error) {
    if (error instanceof ConnectionException || error instanceof RateLimitException
        || error instanceof ServerException || error instanceof MalformedResponseException) {
      return true;
    }
    return error instanceof ApiException api && api.status() == 408;
  }

  private static Throwable unwrap(Throwable error) {
    Throwable e = error;
    while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  private RuntimeException rethrow(Throwable cause) {
    Throwable e = unwrap(cause);
    if (e instanceof RuntimeException re) {
      return re;
    }
    return new AigwException(vendor, "operation " + id + " failed: " + e, e);
  }

  /** One chain of scheduled polls, shared by every waiter. */
  private final class PollRun {
    final CompletableFuture<T> future = new CompletableFuture<>();
    final AtomicInteger waiters = new AtomicInteger();
    private volatile ScheduledFuture<?> next;
    private volatile CompletableFuture<?> inFlight;
    /** Set by {@link #stop()}: an answer that arrives afterwards must not schedule another poll. */
    private volatile boolean stopped;
    private Duration interval = strategy.initialInterval();
    private int failures;

    void start(Duration delay) {
      schedule(delay);
    }

    void stop() {
      stopped = true;
      ScheduledFuture<?> n = next;
      if (n != null) {
        n.cancel(false);
      }
      CompletableFuture<?> f = inFlight;
      if (f != null) {
        f.cancel(true);
      }
      synchronized (Operation.this) {
        if (run == this) {
          run = null;
        }
      }
    }

    private void schedule(Duration delay) {
      if (future.isDone() || stopped) {
        return;
      }
      ScheduledFuture<?> scheduled = scheduler.schedule(events.aroundPolling(info, this::tick),
          Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
      next = scheduled;
      if (stopped) { // stop() ran while this was being scheduled and may have missed it
        scheduled.cancel(false);
      }
    }

    private void tick() {
      if (future.isDone() || cancelled || stopped) {
        return;
      }
      CompletableFuture<? extends RawResponse<?>> call;
      try {
        call = driver.fetch(id).executeAsync(id, info);
      } catch (RuntimeException e) {
        future.completeExceptionally(e);
        tellFinished(OperationFinished.End.POLLING_FAILED, null, e);
        return;
      }
      inFlight = call;
      call.whenComplete((response, error) -> events.aroundPolling(info, () -> {
        inFlight = null;
        if (future.isDone()) {
          return;
        }
        if (error != null) {
          onFailure(unwrap(error));
        } else {
          onAnswer(response);
        }
      }).run());
    }

    private void onAnswer(RawResponse<?> response) {
      OperationSnapshot<T> s;
      try {
        s = accept(response);
      } catch (AigwException e) {
        onFailure(e); // a bad answer (MalformedResponseException) is tolerated like a failed poll
        return;
      } catch (RuntimeException e) {
        future.completeExceptionally(e);
        tellFinished(OperationFinished.End.POLLING_FAILED, null, e);
        return;
      }
      failures = 0;
      switch (s.status()) {
        case SUCCEEDED -> future.complete(s.result());
        case FAILED, BLOCKED -> future.completeExceptionally(failure(s));
        default -> {
          Duration wait = response.rateLimit().retryAfter() != null
              ? response.rateLimit().retryAfter() : interval;
          interval = strategy.next(interval);
          schedule(wait);
        }
      }
    }

    private void onFailure(Throwable error) {
      if (error instanceof CancellationException) {
        return;
      }
      if (isTransient(error) && failures < strategy.maxConsecutiveFailures()) {
        failures++;
        Duration wait = interval;
        if (error instanceof ApiException api && api.retryAfter().isPresent()) {
          wait = api.retryAfter().get();
        }
        LOG.info("[{}] poll of operation {} failed ({}); polling again in {} ms ({} of {} tolerated)",
            vendor, id, error.getMessage(), wait.toMillis(), failures, strategy.maxConsecutiveFailures());
        interval = strategy.next(interval);
        schedule(wait);
      } else if (isTransient(error)) {
        OperationPollException gaveUp =
            new OperationPollException(vendor, id, snapshot.status(), failures + 1, error);
        LOG.warn("{}", gaveUp.getMessage());
        future.completeExceptionally(gaveUp);
        tellFinished(OperationFinished.End.POLLING_FAILED, null, gaveUp);
      } else {
        future.completeExceptionally(error);
        tellFinished(OperationFinished.End.POLLING_FAILED, null,
            error instanceof RuntimeException re ? re : new AigwException(vendor, String.valueOf(error), error));
      }
    }
  }
}
