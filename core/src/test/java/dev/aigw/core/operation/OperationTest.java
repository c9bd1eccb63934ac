package dev.aigw.core.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.aigw.core.Secret;
import dev.aigw.core.error.AuthenticationException;
import dev.aigw.core.error.MalformedResponseException;
import dev.aigw.core.error.OperationPollException;
import dev.aigw.core.error.OperationFailedException;
import dev.aigw.core.error.OperationTimeoutException;
import dev.aigw.core.error.ServerException;
import dev.aigw.core.http.RateLimit;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.http.RetryPolicy;
import dev.aigw.core.internal.SharedResources;
import dev.aigw.core.internal.Transport;
import dev.aigw.core.internal.TransportConfig;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.Listeners;
import dev.aigw.core.spi.OperationDriver;
import dev.aigw.core.spi.PreparedCall;
import dev.aigw.core.spi.ResponseReader;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Operation} against a task endpoint on a {@link MockWebServer} ({@code GET /task?task_id=…}
 * answering {@code {"status":…}}), polled through the real {@link Transport}. The transport does
 * not retry here, so every failed poll reaches the operation.
 */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OperationTest {
  private static final String ID = "task-42";
  private static final String URL = "https://cdn.example/task-42.png";
  /** 5 ms doubling to 40 ms, 3 failures tolerated, waits of 5 s. */
  private static final PollingStrategy FAST =
      new PollingStrategy(Duration.ofMillis(5), 2.0, Duration.ofMillis(40), 3, Duration.ofSeconds(5));

  @StartStop final MockWebServer server = new MockWebServer();

  private Transport transport;
  private final List<CountDownLatch> toRelease = new CopyOnWriteArrayList<>();
  private final List<ScheduledExecutorService> toShutDown = new CopyOnWriteArrayList<>();

  @BeforeEach
  void newTransport() {
    transport = new Transport(
        TransportConfig.of("test", server.url("/"), Secret.of("tk_123456789")).withRetryPolicy(RetryPolicy.NONE));
  }

  @AfterEach
  void releaseServerThreads() {
    toRelease.forEach(CountDownLatch::countDown);
    toShutDown.forEach(ScheduledExecutorService::shutdownNow);
  }

  // ---- 1. status, poll ----

  @Test
  void statusIsKnownWithoutAnyRequest() {
    TaskEndpoint task = serve(n -> status("running"));
    Operation<String> op = newOperation(FAST);

    assertThat(op.id()).isEqualTo(ID);
    assertThat(op.vendor()).isEqualTo("test");
    assertThat(op.status()).isEqualTo(OperationStatus.QUEUED);
    assertThat(op.snapshot().vendorStatus()).isEqualTo("queued");
    assertThat(op.isDone()).isFalse();
    assertThat(task.polls()).isZero();
  }

  @Test
  void pollSendsOneRequestOnTheCallersThread() {
    TaskEndpoint task = serve(n -> running(30));
    List<Thread> readers = new CopyOnWriteArrayList<>();
    Operation<String> op = Operation.polling("test", ID, OperationDriver.of(this::fetch, (id, body) -> {
      readers.add(Thread.currentThread());
      return read(id, body);
    }), FAST, SharedResources.scheduler(), queued());

    OperationSnapshot<String> s = op.poll();

    assertThat(s.status()).isEqualTo(OperationStatus.RUNNING);
    assertThat(s.progress()).isEqualTo(30);
    assertThat(op.status()).isEqualTo(OperationStatus.RUNNING);
    assertThat(task.polls()).isEqualTo(1);
    assertThat(task.ids).containsExactly(ID);
    assertThat(readers).containsExactly(Thread.currentThread());
  }

  @Test
  void finishedOperationIsNotPolledAgain() throws Exception {
    TaskEndpoint task = serve(n -> succeeded());
    Operation<String> op = newOperation(FAST);

    assertThat(op.poll().status()).isEqualTo(OperationStatus.SUCCEEDED);
    assertThat(op.poll().result()).isEqualTo(URL);
    assertThat(op.waitForCompletion()).isEqualTo(URL);
    assertThat(op.resultAsync().get(1, TimeUnit.SECONDS)).isEqualTo(URL);
    assertThat(op.result()).isEqualTo(URL);

    assertThat(task.polls()).isEqualTo(1);
  }

  // ---- 2. waiting ----

  @Test
  void waitForCompletionReturnsTheResult() {
    TaskEndpoint task = serve(n -> n < 3 ? running(n * 30) : succeeded());
    Operation<String> op = newOperation(FAST);

    assertThat(op.waitForCompletion()).isEqualTo(URL);

    assertThat(op.status()).isEqualTo(OperationStatus.SUCCEEDED);
    assertThat(op.isDone()).isTrue();
    assertThat(task.polls()).isEqualTo(3);
    assertThat(task.ids).containsOnly(ID);
  }

  @Test
  void waitForCompletionWithATimeoutReturnsTheResult() {
    serve(n -> n < 2 ? status("queued") : succeeded());
    Operation<String> op = newOperation(FAST);

    assertThat(op.waitForCompletion(Duration.ofSeconds(2))).isEqualTo(URL);
    assertThat(op.result()).isEqualTo(URL);
  }

  @Test
  void failedTaskThrowsOperationFailedExceptionWithCodeAndReason() {
    serve(n -> n < 2 ? running(10) : json(200,
        "{\"status\":\"failed\",\"error\":{\"code\":\"E_UPSTREAM\",\"message\":\"the model crashed\"}}"));
    Operation<String> op = newOperation(FAST);

    Throwable thrown = catchThrowable(() -> op.waitForCompletion(Duration.ofSeconds(2)));

    assertThat(thrown).isInstanceOf(OperationFailedException.class)
        .hasMessageContaining(ID).hasMessageContaining("failed")
        .hasMessageContaining("E_UPSTREAM").hasMessageContaining("the model crashed");
    OperationFailedException failed = (OperationFailedException) thrown;
    assertThat(failed.status()).isEqualTo(OperationStatus.FAILED);
    assertThat(failed.code()).isEqualTo("E_UPSTREAM");
    assertThat(failed.reason()).isEqualTo("the model crashed");
    assertThat(failed.operationId()).isEqualTo(ID);
    assertThat(failed.vendor()).isEqualTo("test");
    assertThat(op.status()).isEqualTo(OperationStatus.FAILED);
    assertThatThrownBy(op::result).isInstanceOf(OperationFailedException.class);
    assertThatThrownBy(op::waitForCompletion).isInstanceOf(OperationFailedException.class);
  }

  @Test
  void blockedTaskSaysItWasBlockedByModeration() {
    serve(n -> json(200,
        "{\"status\":\"blocked\",\"error\":{\"code\":\"nsfw\",\"message\":\"the prompt was refused\"}}"));
    Operation<String> op = newOperation(FAST);

    Throwable thrown = catchThrowable(() -> op.waitForCompletion(Duration.ofSeconds(2)));

    assertThat(thrown).isInstanceOf(OperationFailedException.class)
        .hasMessageContaining("blocked by content moderation")
        .hasMessageContaining("the prompt was refused");
    assertThat(((OperationFailedException) thrown).status()).isEqualTo(OperationStatus.BLOCKED);
    assertThat(((OperationFailedException) thrown).code()).isEqualTo("nsfw");
  }

  @Test
  void timeoutNamesTheLastStatusSeen() {
    TaskEndpoint task = serve(n -> running(50));
    Operation<String> op = newOperation(FAST);
    long start = System.nanoTime();

    // long enough for a first poll on a cold JVM to answer
    Throwable thrown = catchThrowable(() -> op.waitForCompletion(Duration.ofMillis(800)));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(800));
    assertThat(thrown).isInstanceOf(OperationTimeoutException.class)
        .hasMessageContaining(ID).hasMessageContaining("last status seen: RUNNING");
    OperationTimeoutException timeout = (OperationTimeoutException) thrown;
    assertThat(timeout.lastStatus()).isEqualTo(OperationStatus.RUNNING);
    assertThat(timeout.operationId()).isEqualTo(ID);
    assertThat(op.isDone()).isFalse();

    // nobody waits any more: polling stops (one poll may have been on the wire already)
    int pollsAtTimeout = task.polls();
    sleep(250);
    assertThat(task.polls()).isLessThanOrEqualTo(pollsAtTimeout + 1);
  }

  @Test
  void defaultWaitTimesOutAfterTheStrategysTimeout() {
    serve(n -> status("queued"));
    Operation<String> op = newOperation(FAST.withDefaultTimeout(Duration.ofMillis(200)));

    assertThatThrownBy(op::waitForCompletion).isInstanceOf(OperationTimeoutException.class)
        .hasMessageContaining("QUEUED");
    assertThatThrownBy(() -> op.resultAsync().get(2, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(OperationTimeoutException.class);
  }

  @Test
  void waitingAgainAfterATimeoutContinuesAndSucceeds() {
    AtomicBoolean finished = new AtomicBoolean();
    TaskEndpoint task = serve(n -> finished.get() ? succeeded() : running(70));
    Operation<String> op = newOperation(FAST);

    assertThatThrownBy(() -> op.waitForCompletion(Duration.ofMillis(150)))
        .isInstanceOf(OperationTimeoutException.class);
    int pollsBefore = task.polls();
    finished.set(true);

    assertThat(op.waitForCompletion(Duration.ofSeconds(2))).isEqualTo(URL);
    assertThat(task.polls()).isGreaterThan(pollsBefore);
    assertThat(op.status()).isEqualTo(OperationStatus.SUCCEEDED);
  }

  @Test
  void waitingAgainWhileTheTimedOutWaitIsBeingTidiedUpSucceeds() throws Exception {
    // poll 1 stays on the wire until cancelled; cancelling it (which happens while the SDK stops
    // the timed-out wait's polling) holds the polling thread until the caller has waited again
    CountDownLatch stopping = new CountDownLatch(1);
    CountDownLatch waitedAgain = held(new CountDownLatch(1));
    AtomicInteger polls = new AtomicInteger();
    PreparedCall<Map<String, Object>> call = new PreparedCall<>() {
      @Override
      public RawResponse<Map<String, Object>> execute() {
        throw new UnsupportedOperationException();
      }

      @Override
      public CompletableFuture<RawResponse<Map<String, Object>>> executeAsync() {
        if (polls.incrementAndGet() > 1) {
          return CompletableFuture.completedFuture(ok(Map.of("status", "success", "url", URL)));
        }
        CompletableFuture<RawResponse<Map<String, Object>>> onTheWire = new CompletableFuture<>();
        onTheWire.whenComplete((r, e) -> {
          if (onTheWire.isCancelled()) {
            stopping.countDown();
            await(waitedAgain);
          }
        });
        return onTheWire;
      }
    };
    Operation<String> op = Operation.polling("test", ID, OperationDriver.of(x -> call, OperationTest::read),
        FAST, SharedResources.scheduler(), queued());

    CompletableFuture<String> first = op.resultAsync(Duration.ofMillis(30));
    assertThatThrownBy(() -> first.get(2, TimeUnit.SECONDS)).hasCauseInstanceOf(OperationTimeoutException.class);
    assertThat(stopping.await(2, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<String> second = op.resultAsync(Duration.ofSeconds(1));
    waitedAgain.countDown();

    assertThat(second.get(2, TimeUnit.SECONDS)).isEqualTo(URL);
    assertThat(polls).hasValue(2);
  }

  // ---- 3. resultAsync without a thread per operation ----

  @Test
  void resultAsyncCompletesTwoHundredOperationsWithoutAThreadEach() throws Exception {
    ScheduledExecutorService scheduler = SharedResources.scheduler(); // started before counting
    var threads = ManagementFactory.getThreadMXBean();
    int before = threads.getThreadCount();
    long aigwBefore = aigwThreads();
    AtomicBoolean finish = new AtomicBoolean();
    CountDownLatch everyonePolled = new CountDownLatch(200);
    List<CompletableFuture<String>> results = new ArrayList<>();

    for (int i = 0; i < 200; i++) {
      String id = "task-" + i;
      AtomicInteger polls = new AtomicInteger();
      PreparedCall<Map<String, Object>> call = inMemory(() -> {
        if (polls.incrementAndGet() == 1) {
          everyonePolled.countDown();
        }
        return finish.get() ? Map.of("status", "success", "url", "https://cdn.example/" + id + ".png")
            : Map.of("status", "running");
      });
      Operation<String> op = Operation.polling("test", id, OperationDriver.of(x -> call, OperationTest::read),
          PollingStrategy.fixed(Duration.ofMillis(10), Duration.ofSeconds(5)), scheduler,
          OperationSnapshot.of(id, OperationStatus.QUEUED, "queued", null));
      results.add(op.resultAsync());
    }

    assertThat(everyonePolled.await(3, TimeUnit.SECONDS)).as("all 200 operations polled").isTrue();
    int whileWaiting = threads.getThreadCount();
    long aigwWhileWaiting = aigwThreads();
    assertThat(results).noneMatch(CompletableFuture::isDone);

    finish.set(true);
    CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(3, TimeUnit.SECONDS);

    for (int i = 0; i < 200; i++) {
      assertThat(results.get(i).join()).isEqualTo("https://cdn.example/task-" + i + ".png");
    }
    assertThat(whileWaiting - before).as("threads added while 200 operations wait").isLessThanOrEqualTo(8);
    assertThat(aigwWhileWaiting - aigwBefore).as("aigw threads added").isLessThanOrEqualTo(1);
  }

  @Test
  void twoWaitersShareOnePollingChain() throws Exception {
    TaskEndpoint task = serve(n -> n < 4 ? running(n * 20) : succeeded());
    Operation<String> op = newOperation(FAST);

    CompletableFuture<String> first = op.resultAsync();
    CompletableFuture<String> second = op.resultAsync(Duration.ofSeconds(3));

    assertThat(first.get(2, TimeUnit.SECONDS)).isEqualTo(URL);
    assertThat(second.get(2, TimeUnit.SECONDS)).isEqualTo(URL);
    sleep(100);
    assertThat(task.polls()).isEqualTo(4);
  }

  // ---- 4. onUpdate ----

  @Test
  void onUpdateSeesEveryPollsSnapshotInOrder() {
    TaskEndpoint task = serve(n -> switch (n) {
      case 1 -> status("queued");
      case 2 -> running(30);
      case 3 -> running(60);
      default -> succeeded();
    });
    List<OperationSnapshot<String>> seen = new CopyOnWriteArrayList<>();
    Operation<String> op = newOperation(FAST).onUpdate(seen::add);

    op.waitForCompletion(Duration.ofSeconds(2));

    assertThat(seen).extracting(OperationSnapshot::status).containsExactly(OperationStatus.QUEUED,
        OperationStatus.RUNNING, OperationStatus.RUNNING, OperationStatus.SUCCEEDED);
    assertThat(seen).extracting(OperationSnapshot::progress).containsExactly(null, 30, 60, 100);
    assertThat(seen.get(3).result()).isEqualTo(URL);
    assertThat(seen).hasSize(task.polls());
  }

  @Test
  void aListenerThatThrowsDoesNotStopPolling() {
    serve(n -> n < 3 ? running(n * 10) : succeeded());
    AtomicInteger thrown = new AtomicInteger();
    List<OperationStatus> seen = new CopyOnWriteArrayList<>();
    Operation<String> op = newOperation(FAST)
        .onUpdate(s -> {
          thrown.incrementAndGet();
          throw new IllegalStateException("a broken listener");
        })
        .onUpdate(s -> seen.add(s.status()));

    assertThat(op.waitForCompletion(Duration.ofSeconds(2))).isEqualTo(URL);
    assertThat(thrown).hasValue(3);
    assertThat(seen).containsExactly(OperationStatus.RUNNING, OperationStatus.RUNNING, OperationStatus.SUCCEEDED);
  }

  @Test
  void onUpdateOfAFinishedOperationIsCalledAtOnce() {
    serve(n -> succeeded());
    Operation<String> op = newOperation(FAST);
    op.poll();
    List<OperationStatus> seen = new ArrayList<>();

    op.onUpdate(s -> seen.add(s.status()));

    assertThat(seen).containsExactly(OperationStatus.SUCCEEDED);
  }

  // ---- 5. cancel ----

  @Test
  void cancelFailsWaitersAndStopsPolling() throws Exception {
    TaskEndpoint task = serve(n -> running(n));
    CountDownLatch twoPolls = new CountDownLatch(2);
    Operation<String> op = newOperation(PollingStrategy.fixed(Duration.ofMillis(200), Duration.ofSeconds(5)))
        .onUpdate(s -> twoPolls.countDown());
    CompletableFuture<String> async = op.resultAsync();
    CompletableFuture<Throwable> blocking = new CompletableFuture<>();
    Thread waiter = new Thread(() -> blocking.complete(catchThrowable(op::waitForCompletion)), "test-waiter");
    waiter.setDaemon(true);
    waiter.start();
    assertThat(twoPolls.await(3, TimeUnit.SECONDS)).isTrue();

    op.cancel();
    int pollsAtCancel = task.polls();

    assertThatThrownBy(() -> async.get(1, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
    assertThat(blocking.get(1, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
    assertThat(op.isCancelled()).isTrue();
    assertThat(op.isDone()).isFalse();
    assertThatThrownBy(() -> op.waitForCompletion(Duration.ofSeconds(1))).isInstanceOf(CancellationException.class);
    assertThat(op.resultAsync()).isCompletedExceptionally();
    sleep(500); // more than two intervals
    assertThat(task.polls()).isEqualTo(pollsAtCancel);
  }

  @Test
  void cancelWhileAPollIsInFlightStopsPolling() throws Exception {
    CountDownLatch secondPollArrived = new CountDownLatch(1);
    CountDownLatch releaseSecondPoll = held(new CountDownLatch(1));
    TaskEndpoint task = serve(n -> {
      if (n == 2) {
        secondPollArrived.countDown();
        await(releaseSecondPoll);
        return succeeded();
      }
      return running(n);
    });
    List<OperationStatus> seen = new CopyOnWriteArrayList<>();
    Operation<String> op = newOperation(FAST).onUpdate(s -> seen.add(s.status()));
    CompletableFuture<String> async = op.resultAsync();
    assertThat(secondPollArrived.await(2, TimeUnit.SECONDS)).isTrue();

    op.cancel();
    releaseSecondPoll.countDown();

    assertThatThrownBy(() -> async.get(1, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
    sleep(200);
    assertThat(task.polls()).isEqualTo(2);
    assertThat(seen).containsExactly(OperationStatus.RUNNING);
    assertThat(op.status()).isEqualTo(OperationStatus.RUNNING);
  }

  @Test
  void cancellingAResultFutureStopsPollingWhenNobodyElseWaits() throws Exception {
    AtomicBoolean finished = new AtomicBoolean();
    TaskEndpoint task = serve(n -> finished.get() ? succeeded() : running(n));
    CountDownLatch firstPoll = new CountDownLatch(1);
    Operation<String> op = newOperation(PollingStrategy.fixed(Duration.ofMillis(20), Duration.ofSeconds(5)))
        .onUpdate(s -> firstPoll.countDown());
    CompletableFuture<String> async = op.resultAsync();
    assertThat(firstPoll.await(2, TimeUnit.SECONDS)).isTrue();

    async.cancel(true);
    int pollsAtCancel = task.polls();
    sleep(200); // ten intervals
    assertThat(task.polls()).isLessThanOrEqualTo(pollsAtCancel + 1);
    assertThat(op.isCancelled()).isFalse();

    finished.set(true);
    assertThat(op.resultAsync().get(2, TimeUnit.SECONDS)).isEqualTo(URL);
  }

  @Test
  void anInterruptedWaitThrowsKeepsTheInterruptAndStopsPolling() throws Exception {
    TaskEndpoint task = serve(n -> running(n));
    CountDownLatch firstPoll = new CountDownLatch(1);
    Operation<String> op = newOperation(PollingStrategy.fixed(Duration.ofMillis(20), Duration.ofSeconds(5)))
        .onUpdate(s -> firstPoll.countDown());
    CompletableFuture<Throwable> thrown = new CompletableFuture<>();
    CompletableFuture<Boolean> stillInterrupted = new CompletableFuture<>();
    Thread waiter = new Thread(() -> {
      thrown.complete(catchThrowable(op::waitForCompletion));
      stillInterrupted.complete(Thread.currentThread().isInterrupted());
    }, "test-waiter");
    waiter.setDaemon(true);
    waiter.start();
    assertThat(firstPoll.await(2, TimeUnit.SECONDS)).isTrue();

    waiter.interrupt();

    assertThat(thrown.get(2, TimeUnit.SECONDS)).isInstanceOf(dev.aigw.core.error.AigwException.class)
        .hasMessageContaining("interrupted").hasCauseInstanceOf(InterruptedException.class);
    assertThat(stillInterrupted.get(1, TimeUnit.SECONDS)).isTrue();
    int pollsAtInterrupt = task.polls();
    sleep(200); // ten intervals
    assertThat(task.polls()).isLessThanOrEqualTo(pollsAtInterrupt + 1);
    assertThat(op.isCancelled()).isFalse();
  }

  // ---- 6. resume ----

  @Test
  void resumedOperationStartsUnknownAndPollsAtOnce() {
    TaskEndpoint task = serve(n -> succeeded());
    // a first poll after the initial interval would miss the 2 s wait
    PollingStrategy slow = new PollingStrategy(Duration.ofSeconds(10), 1.0, Duration.ofSeconds(10), 3,
        Duration.ofMinutes(1));
    Operation<String> op = resumed(slow, SharedResources.scheduler());

    assertThat(op.status()).isEqualTo(OperationStatus.UNKNOWN);
    assertThat(op.snapshot().id()).isEqualTo(ID);
    assertThat(op.isDone()).isFalse();
    assertThat(task.polls()).isZero();

    assertThat(op.waitForCompletion(Duration.ofSeconds(2))).isEqualTo(URL);
    assertThat(task.ids).containsExactly(ID);
  }

  @Test
  void resumedOperationKeepsPollingUntilItCompletes() {
    TaskEndpoint task = serve(n -> n < 3 ? running(n * 10) : succeeded());
    RecordingScheduler scheduler = recordingScheduler();
    Operation<String> op = resumed(FAST, scheduler);

    assertThat(op.waitForCompletion(Duration.ofSeconds(2))).isEqualTo(URL);

    assertThat(scheduler.pollDelays(Duration.ofSeconds(2)))
        .containsExactly(Duration.ZERO, Duration.ofMillis(5), Duration.ofMillis(10));
    assertThat(task.polls()).isEqualTo(3);
  }

  // ---- 7. backoff ----

  @Test
  void pollingStrategyGrowsTheIntervalUpToTheCap() {
    Duration d = FAST.initialInterval();
    List<Duration> intervals = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      intervals.add(d);
      d = FAST.next(d);
    }
    assertThat(intervals).containsExactly(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(20),
        Duration.ofMillis(40), Duration.ofMillis(40), Duration.ofMillis(40));

    PollingStrategy def = PollingStrategy.DEFAULT;
    assertThat(def.initialInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(def.next(Duration.ofSeconds(1))).isEqualTo(Duration.ofMillis(1500));
    assertThat(def.next(Duration.ofSeconds(8))).isEqualTo(Duration.ofSeconds(10));
    assertThat(def.next(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(10));
    assertThat(PollingStrategy.fixed(Duration.ofMillis(7), Duration.ofSeconds(1)).next(Duration.ofMillis(7)))
        .isEqualTo(Duration.ofMillis(7));
    assertThatThrownBy(() -> new PollingStrategy(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(2), 1,
        Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pollsBackOffUpToMaxInterval() {
    TaskEndpoint task = serve(n -> n < 8 ? running(n * 10) : succeeded());
    RecordingScheduler scheduler = recordingScheduler();
    Operation<String> op = Operation.polling("test", ID, driver(), FAST, scheduler, queued());

    assertThat(op.waitForCompletion(Duration.ofSeconds(3))).isEqualTo(URL);

    List<Duration> expected = List.of(ms(5), ms(5), ms(10), ms(20), ms(40), ms(40), ms(40), ms(40));
    assertThat(scheduler.pollDelays(Duration.ofSeconds(3))).containsExactlyElementsOf(expected);
    assertThat(task.polls()).isEqualTo(8);
    List<Duration> gaps = task.gaps();
    for (int i = 0; i < gaps.size(); i++) {
      assertThat(gaps.get(i)).as("gap after poll %d", i + 1).isGreaterThanOrEqualTo(expected.get(i + 1));
    }
  }

  // ---- 8. Retry-After ----

  @Test
  void retryAfterOnAPollAnswerWinsOverTheInterval() {
    TaskEndpoint task = serve(n -> n == 1
        ? new MockResponse.Builder(running(10)).setHeader("Retry-After", "1").build()
        : succeeded());
    RecordingScheduler scheduler = recordingScheduler();
    Operation<String> op = Operation.polling("test", ID, driver(), FAST, scheduler, queued());

    assertThat(op.waitForCompletion(Duration.ofSeconds(3))).isEqualTo(URL);

    assertThat(task.gaps()).singleElement().satisfies(gap -> assertThat(gap).isGreaterThanOrEqualTo(ms(1000)));
    assertThat(scheduler.pollDelays(Duration.ofSeconds(3))).containsExactly(ms(5), ms(1000));
  }

  @Test
  void retryAfterOnARateLimitedPollWinsOverTheInterval() {
    TaskEndpoint task = serve(n -> n == 1
        ? new MockResponse.Builder(json(429, "{\"error\":{\"message\":\"slow down\"}}"))
            .setHeader("Retry-After", "1").build()
        : succeeded());
    Operation<String> op = newOperation(FAST);

    assertThat(op.waitForCompletion(Duration.ofSeconds(3))).isEqualTo(URL);

    assertThat(task.gaps()).singleElement().satisfies(gap -> assertThat(gap).isGreaterThanOrEqualTo(ms(1000)));
  }

  // ---- 9. failed polls ----

  @Test
  void aServerErrorWhilePollingIsTolerated() {
    TaskEndpoint task = serve(n -> switch (n) {
      case 1 -> running(10);
      case 2 -> json(500, "{\"error\":{\"message\":\"internal error\"}}");
      default -> succeeded();
    });
    Operation<String> op = newOperation(FAST);

    assertThat(op.waitForCompletion(Duration.ofSeconds(2))).isEqualTo(URL);
    assertThat(task.polls()).isEqualTo(3);
  }

  @Test
  void aDroppedConnectionWhilePollingIsTolerated() {
    TaskEndpoint task = serve(n -> n == 1
        ? new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build()
        : succeeded());
    Operation<String> op = newOperation(FAST);

    assertThat(op.waitForCompletion(Duration.ofSeconds(2))).isEqualTo(URL);
    assertThat(task.polls()).isEqualTo(2);
  }

  @Test
  void tooManyFailedPollsInARowStopPollingNamingTheOperationWithTheLastErrorAsCause() {
    TaskEndpoint task = serve(n -> json(500, "{\"error\":{\"message\":\"upstream exploded\",\"code\":\"boom\"}}"));
    Operation<String> op = newOperation(FAST); // tolerates 3 in a row

    Throwable thrown = catchThrowable(() -> op.waitForCompletion(Duration.ofSeconds(2)));

    assertThat(thrown).isExactlyInstanceOf(OperationPollException.class)
        .hasMessage("[test] operation task-42: 4 polls in a row failed, so polling stopped; the last: 500 boom:"
            + " upstream exploded — not retried: retries are off (maxRetries 0). The task may still finish on the server"
            + " (last status seen: QUEUED): resume(\"task-42\") to follow it again");
    OperationPollException e = (OperationPollException) thrown;
    assertThat(e.operationId()).isEqualTo(ID);
    assertThat(e.lastStatus()).isEqualTo(OperationStatus.QUEUED);
    assertThat(e.failures()).isEqualTo(4);
    assertThat(e.getCause()).isInstanceOf(ServerException.class);
    assertThat(((ServerException) e.getCause()).status()).isEqualTo(500);
    assertThat(((ServerException) e.getCause()).code()).isEqualTo("boom");
    assertThat(task.polls()).isEqualTo(4);
    sleep(150);
    assertThat(task.polls()).isEqualTo(4);
  }

  @Test
  void aPollAnsweredWithMalformedJsonIsToleratedAndPollingGoesOn() {
    TaskEndpoint task = serve(n -> switch (n) {
      case 1 -> json(200, "{\"status\":");
      case 2 -> new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html").body("<html>oops</html>").build();
      default -> succeeded();
    });
    Operation<String> op = newOperation(FAST);

    assertThat(op.waitForCompletion(Duration.ofSeconds(2))).isEqualTo(URL);
    assertThat(task.polls()).isEqualTo(3);
  }

  @Test
  void aPollAnsweredWithAnEmptyBodyIsTolerated() {
    TaskEndpoint task = serve(n -> n == 1 ? new MockResponse.Builder().code(200).build() : succeeded());
    Operation<String> op = newOperation(FAST);

    assertThat(op.waitForCompletion(Duration.ofSeconds(2))).isEqualTo(URL);
    assertThat(task.polls()).isEqualTo(2);
  }

  @Test
  void anAnswerTheDriverCannotReadIsToleratedAsMalformed() {
    TaskEndpoint task = serve(n -> n == 1 ? json(200, "{\"status\":\"failed\"}") : succeeded()); // no error object
    Operation<String> op = newOperation(FAST);

    assertThat(op.waitForCompletion(Duration.ofSeconds(2))).isEqualTo(URL);
    assertThat(task.polls()).isEqualTo(2);
  }

  @Test
  void aDriverFailureOnOnePollIsAMalformedResponseNamingTheOperation() {
    serve(n -> json(200, "{\"status\":\"failed\"}"));
    Operation<String> op = newOperation(FAST);

    assertThatThrownBy(op::poll).isExactlyInstanceOf(MalformedResponseException.class)
        .hasMessageStartingWith("[test] the answer to a poll of operation task-42 could not be read: "
            + "java.lang.NullPointerException");
  }

  @Test
  void tooManyMalformedAnswersInARowEndTheOperationSayingItMayStillFinish() {
    TaskEndpoint task = serve(n -> n == 1 ? running(10) : json(200, "not json at all"));
    Operation<String> op = newOperation(FAST);

    Throwable thrown = catchThrowable(() -> op.waitForCompletion(Duration.ofSeconds(2)));

    assertThat(thrown).isExactlyInstanceOf(OperationPollException.class)
        .hasMessage("[test] operation task-42: 4 polls in a row failed, so polling stopped; the last: the server's"
            + " answer is not the JSON documented: " + ((OperationPollException) thrown).getCause().getCause().getMessage()
            + ". The task may still finish on the server (last status seen: RUNNING): resume(\"task-42\") to follow"
            + " it again");
    assertThat(thrown.getCause()).isExactlyInstanceOf(MalformedResponseException.class);
    assertThat(((OperationPollException) thrown).lastStatus()).isEqualTo(OperationStatus.RUNNING);
    assertThat(task.polls()).isEqualTo(1 + 4);
  }

  @Test
  void anOperationKeepsTheIdempotencyKeyOfItsSubmission() {
    Operation<String> keyed = Operation.polling("test", ID, driver(), FAST, SharedResources.scheduler(), queued(),
        Listeners.NONE, "k-1");
    Operation<String> done = Operation.completed("test", OperationSnapshot.succeeded(ID, "success", URL, null),
        Listeners.NONE, "k-2");

    assertThat(keyed.idempotencyKey()).contains("k-1");
    assertThat(done.idempotencyKey()).contains("k-2");
    assertThat(newOperation(FAST).idempotencyKey()).isEmpty();
    assertThat(resumed(FAST, SharedResources.scheduler()).idempotencyKey()).isEmpty();
  }

  @Test
  void anAnswerResetsTheFailuresInARow() {
    TaskEndpoint task = serve(n -> switch (n) {
      case 1, 2, 3, 5, 6, 7 -> json(503, "{\"error\":{\"message\":\"busy\"}}");
      case 4 -> running(50);
      default -> succeeded();
    });
    Operation<String> op = newOperation(FAST); // tolerates 3 in a row

    assertThat(op.waitForCompletion(Duration.ofSeconds(3))).isEqualTo(URL);
    assertThat(task.polls()).isEqualTo(8);
  }

  @Test
  void unauthorizedPollFailsAtOnce() {
    TaskEndpoint task = serve(n -> n == 1 ? running(10)
        : json(401, "{\"error\":{\"message\":\"Invalid API key\",\"code\":\"invalid_api_key\"}}"));
    Operation<String> op = newOperation(FAST);

    Throwable thrown = catchThrowable(() -> op.waitForCompletion(Duration.ofSeconds(2)));

    assertThat(thrown).isInstanceOf(AuthenticationException.class).hasMessageContaining("Invalid API key")
        .hasMessageNotContaining("tk_123456789");
    assertThat(((AuthenticationException) thrown).status()).isEqualTo(401);
    assertThat(task.polls()).isEqualTo(2);
    sleep(100);
    assertThat(task.polls()).isEqualTo(2);
  }

  // ---- 10. completed ----

  @Test
  void completedOperationIsDoneAtOnceAndNeverPolls() throws Exception {
    Operation<String> op = Operation.completed("test",
        OperationSnapshot.succeeded("sync-1", "success", URL, null));
    List<OperationStatus> seen = new ArrayList<>();

    assertThat(op.isDone()).isTrue();
    assertThat(op.id()).isEqualTo("sync-1");
    assertThat(op.status()).isEqualTo(OperationStatus.SUCCEEDED);
    assertThat(op.poll().result()).isEqualTo(URL);
    assertThat(op.resultAsync()).isCompletedWithValue(URL);
    assertThat(op.waitForCompletion()).isEqualTo(URL);
    assertThat(op.waitForCompletion(Duration.ofMillis(1))).isEqualTo(URL);
    assertThat(op.result()).isEqualTo(URL);
    op.onUpdate(s -> seen.add(s.status()));
    assertThat(seen).containsExactly(OperationStatus.SUCCEEDED);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void completedFailedOperationFailsAtOnce() {
    Operation<String> op = Operation.completed("test", OperationSnapshot.failed("sync-2", OperationStatus.BLOCKED,
        "blocked", "nsfw", "refused", null));

    assertThat(op.isDone()).isTrue();
    assertThat(op.resultAsync()).isCompletedExceptionally();
    assertThatThrownBy(op::waitForCompletion).isInstanceOf(OperationFailedException.class)
        .hasMessageContaining("blocked by content moderation");
    assertThatThrownBy(() -> Operation.completed("test",
        OperationSnapshot.of("x", OperationStatus.RUNNING, "running", null)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---- helpers ----

  private Operation<String> newOperation(PollingStrategy strategy) {
    return Operation.polling("test", ID, driver(), strategy, SharedResources.scheduler(), queued());
  }

  private Operation<String> resumed(PollingStrategy strategy, ScheduledExecutorService scheduler) {
    return Operation.polling("test", ID, driver(), strategy, scheduler, null);
  }

  private OperationDriver<Map<String, Object>, String> driver() {
    return OperationDriver.of(this::fetch, OperationTest::read);
  }

  private PreparedCall<Map<String, Object>> fetch(String id) {
    return transport.prepare(ApiRequest.get("/task").query("task_id", id).build(),
        ResponseReader.<Map<String, Object>>json(Map.class));
  }

  private static OperationSnapshot<String> queued() {
    return OperationSnapshot.of(ID, OperationStatus.QUEUED, "queued", null);
  }

  /** Reads {@code {"status":…, "progress":…, "url":…, "error":{"code":…,"message":…}}}. */
  static OperationSnapshot<String> read(String id, Map<String, Object> body) {
    String word = String.valueOf(body.get("status"));
    Integer progress = body.get("progress") instanceof Number n ? n.intValue() : null;
    return switch (word) {
      case "queued" -> OperationSnapshot.of(id, OperationStatus.QUEUED, word, null);
      case "running" -> new OperationSnapshot<>(id, OperationStatus.RUNNING, word, progress, null, null, null, null);
      case "success" -> OperationSnapshot.succeeded(id, word, (String) body.get("url"), null);
      case "failed", "blocked" -> {
        Map<?, ?> error = (Map<?, ?>) body.get("error");
        yield OperationSnapshot.failed(id, word.equals("failed") ? OperationStatus.FAILED : OperationStatus.BLOCKED,
            word, (String) error.get("code"), (String) error.get("message"), null);
      }
      default -> OperationSnapshot.of(id, OperationStatus.UNKNOWN, word, null);
    };
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
  }

  private static MockResponse status(String word) {
    return json(200, "{\"status\":\"" + word + "\"}");
  }

  private static MockResponse running(int progress) {
    return json(200, "{\"status\":\"running\",\"progress\":" + progress + "}");
  }

  private static MockResponse succeeded() {
    return json(200, "{\"status\":\"success\",\"url\":\"" + URL + "\"}");
  }

  private static PreparedCall<Map<String, Object>> inMemory(Supplier<Map<String, Object>> answer) {
    return new PreparedCall<>() {
      @Override
      public RawResponse<Map<String, Object>> execute() {
        return ok(answer.get());
      }

      @Override
      public CompletableFuture<RawResponse<Map<String, Object>>> executeAsync() {
        return CompletableFuture.completedFuture(ok(answer.get()));
      }
    };
  }

  private static <T> RawResponse<T> ok(T body) {
    return new RawResponse<>(200, Map.of(), null, RateLimit.NONE, 1, Duration.ZERO, body);
  }

  private static long aigwThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("aigw-")).count();
  }

  private TaskEndpoint serve(IntFunction<MockResponse> script) {
    TaskEndpoint endpoint = new TaskEndpoint(script);
    server.setDispatcher(endpoint);
    return endpoint;
  }

  private RecordingScheduler recordingScheduler() {
    RecordingScheduler s = new RecordingScheduler();
    toShutDown.add(s);
    return s;
  }

  private CountDownLatch held(CountDownLatch latch) {
    toRelease.add(latch);
    return latch;
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }

  /** A lower-bound wait: lets anything that should not happen have time to happen. */
  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** {@code GET /task}: answers poll number n (from 1) with {@code script(n)}; records ids and times. */
  static final class TaskEndpoint extends Dispatcher {
    private final IntFunction<MockResponse> script;
    private final AtomicInteger polls = new AtomicInteger();
    final List<String> ids = new CopyOnWriteArrayList<>();
    final List<Long> times = new CopyOnWriteArrayList<>();

    TaskEndpoint(IntFunction<MockResponse> script) {
      this.script = script;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      if (!"/task".equals(request.getUrl().encodedPath()) || !"GET".equals(request.getMethod())) {
        return new MockResponse.Builder().code(404).build();
      }
      times.add(System.nanoTime());
      ids.add(request.getUrl().queryParameter("task_id"));
      return script.apply(polls.incrementAndGet());
    }

    int polls() {
      return polls.get();
    }

    /** Time between consecutive polls' arrival. */
    List<Duration> gaps() {
      List<Duration> gaps = new ArrayList<>();
      for (int i = 1; i < times.size(); i++) {
        gaps.add(Duration.ofNanos(times.get(i) - times.get(i - 1)));
      }
      return gaps;
    }
  }

  /** A one-thread scheduler that records every delay it is asked for. */
  static final class RecordingScheduler extends ScheduledThreadPoolExecutor {
    private final List<Duration> delays = new CopyOnWriteArrayList<>();

    RecordingScheduler() {
      super(1, SharedResources.daemon("test-scheduler"));
      setRemoveOnCancelPolicy(true);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
      delays.add(Duration.ofNanos(unit.toNanos(delay)));
      return super.schedule(command, delay, unit);
    }

    /** The delays asked for, without the waiter's timeout timer. */
    List<Duration> pollDelays(Duration waitTimeout) {
      return delays.stream().filter(d -> !d.equals(waitTimeout)).toList();
    }
  }
}
