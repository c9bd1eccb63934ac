package dev.aigw.core.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aigw.core.Secret;
import dev.aigw.core.cost.Cost;
import dev.aigw.core.cost.CostUnit;
import dev.aigw.core.error.OperationFailedException;
import dev.aigw.core.error.OperationTimeoutException;
import dev.aigw.core.http.RetryPolicy;
import dev.aigw.core.http.RetrySafety;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.internal.SharedResources;
import dev.aigw.core.internal.Transport;
import dev.aigw.core.internal.TransportConfig;
import dev.aigw.core.json.RawJson;
import dev.aigw.core.listener.AigwListener;
import dev.aigw.core.listener.CallInfo;
import dev.aigw.core.listener.CallStarted;
import dev.aigw.core.listener.CostRecorded;
import dev.aigw.core.listener.OperationFinished;
import dev.aigw.core.listener.OperationInfo;
import dev.aigw.core.listener.OperationStarted;
import dev.aigw.core.listener.OperationStatusChanged;
import dev.aigw.core.listener.RecordingListener;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.Listeners;
import dev.aigw.core.spi.OperationDriver;
import dev.aigw.core.spi.PreparedCall;
import dev.aigw.core.spi.ResponseReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What an operation tells the client's listeners: its start, each status change, its end and its cost. */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OperationListenerTest {
  private static final PollingStrategy FAST =
      new PollingStrategy(Duration.ofMillis(5), 1.0, Duration.ofMillis(5), 3, Duration.ofSeconds(5));

  @StartStop final MockWebServer server = new MockWebServer();
  private final RecordingListener recorder = new RecordingListener();
  private final AtomicInteger polls = new AtomicInteger();
  private volatile List<String> script = List.of("running", "completed");
  private Transport transport;
  private Listeners listeners;

  @BeforeEach
  void start() {
    listeners = Listeners.of(List.of(recorder));
    transport = new Transport(TransportConfig.of("acme", server.url("/"), Secret.of("tk_123456789"))
        .withRetryPolicy(RetryPolicy.NONE), listeners, null);
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (request.getMethod().equals("POST")) {
          return json("{\"task_id\":\"t-1\",\"status\":\"queued\"}");
        }
        int n = polls.getAndIncrement();
        List<String> steps = script;
        String status = steps.get(Math.min(n, steps.size() - 1));
        return json("{\"status\":\"" + status + "\",\"cost\":0.2}");
      }
    });
  }

  @AfterEach
  void close() {
    transport.close();
  }

  private static MockResponse json(String body) {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
  }

  private PreparedCall<RawJson> fetch(String id) {
    return transport.prepare(ApiRequest.get("/task").query("task_id", id).build(), ResponseReader.rawJson());
  }

  private static OperationSnapshot<ImageResult> read(String id, RawJson body) {
    String word = body.getString("status");
    return switch (word) {
      case "completed" -> OperationSnapshot.succeeded(id, word,
          new ImageResult(id, List.of(), Cost.of("0.2", CostUnit.CNY), body), body);
      case "failed" -> OperationSnapshot.failed(id, OperationStatus.FAILED, word, "boom", "it broke", body);
      case "running" -> OperationSnapshot.of(id, OperationStatus.RUNNING, word, body);
      default -> OperationSnapshot.of(id, OperationStatus.QUEUED, word, body);
    };
  }

  /** Submits on the transport (a paid call), then starts the operation as a provider would. */
  private Operation<ImageResult> submit() {
    transport.execute(ApiRequest.post("/images", RetrySafety.UNPROTECTED).json(Map.of("prompt", "cat"))
        .purpose(ApiRequest.Purpose.image("flux")).build(), ResponseReader.rawJson());
    return Operation.polling("acme", "t-1", OperationDriver.of(this::fetch, OperationListenerTest::read), FAST,
        SharedResources.scheduler(), OperationSnapshot.of("t-1", OperationStatus.QUEUED, "queued", null), listeners);
  }

  @Test
  void anOperationIsStartedByItsSubmitCallPolledAndFinishedWithItsCost() {
    script = List.of("queued", "running", "completed");
    Operation<ImageResult> op = submit();
    ImageResult result = op.waitForCompletion(Duration.ofSeconds(5));

    assertThat(result.cost()).isEqualTo(Cost.of("0.2", CostUnit.CNY));
    CallInfo submit = recorder.events(CallStarted.class).get(0).call();
    OperationStarted started = recorder.events(OperationStarted.class).get(0);
    OperationInfo info = started.operation();
    assertThat(info.id()).isEqualTo("t-1");
    assertThat(info.resumed()).isFalse();
    assertThat(info.submitCall()).isSameAs(submit);
    assertThat(info.startedAt()).isEqualTo(submit.startedAt());
    assertThat(started.status()).isEqualTo(OperationStatus.QUEUED);

    List<CallInfo> pollCalls = recorder.events(CallStarted.class).stream().skip(1).map(CallStarted::call).toList();
    assertThat(pollCalls).hasSize(3).allSatisfy(c -> {
      assertThat(c.operation()).isSameAs(info);
      assertThat(c.endpoint()).isEqualTo("/task");
    });
    assertThat(recorder.events(OperationStatusChanged.class))
        .extracting(OperationStatusChanged::previous, OperationStatusChanged::status, OperationStatusChanged::polls)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(OperationStatus.QUEUED, OperationStatus.RUNNING, 2),
            org.assertj.core.groups.Tuple.tuple(OperationStatus.RUNNING, OperationStatus.SUCCEEDED, 3));
    CostRecorded cost = recorder.events(CostRecorded.class).get(0);
    assertThat(cost.cost()).isEqualTo(Cost.of("0.2", CostUnit.CNY));
    assertThat(cost.operationId()).isEqualTo("t-1");
    assertThat(cost.call()).isSameAs(submit);
    assertThat(cost.fromPriceList()).isFalse();
    OperationFinished finished = recorder.events(OperationFinished.class).get(0);
    assertThat(finished.end()).isEqualTo(OperationFinished.End.SUCCEEDED);
    assertThat(finished.polls()).isEqualTo(3);
    assertThat(finished.cost()).isEqualTo(Cost.of("0.2", CostUnit.CNY));
    assertThat(finished.error()).isNull();
    assertThat(finished.duration()).isPositive();
    assertThat(recorder.names()).endsWith("CostRecorded", "OperationFinished");

    op.poll();
    op.waitForCompletion();
    assertThat(recorder.events(OperationFinished.class)).as("told once").hasSize(1);
  }

  @Test
  void aFailedTaskEndsTheOperationWithItsError() {
    script = List.of("failed");
    Operation<ImageResult> op = submit();
    catchThrowableOfType(OperationFailedException.class, () -> op.waitForCompletion(Duration.ofSeconds(5)));

    OperationFinished finished = recorder.events(OperationFinished.class).get(0);
    assertThat(finished.end()).isEqualTo(OperationFinished.End.FAILED);
    assertThat(finished.error()).isInstanceOf(OperationFailedException.class).hasMessageContaining("it broke");
    assertThat(recorder.events(CostRecorded.class)).isEmpty();
  }

  @Test
  void cancellingOrGivingUpEndsItOnce() {
    script = List.of("running");
    Operation<ImageResult> cancelled = submit();
    cancelled.resultAsync();
    cancelled.cancel();
    cancelled.cancel();
    assertThat(recorder.events(OperationFinished.class)).singleElement()
        .satisfies(f -> {
          assertThat(f.end()).isEqualTo(OperationFinished.End.CANCELLED);
          assertThat(f.error()).isInstanceOf(CancellationException.class);
        });

    Operation<ImageResult> slow = submit();
    catchThrowableOfType(OperationTimeoutException.class, () -> slow.waitForCompletion(Duration.ofMillis(500)));
    // the end is told on the timer's thread just after the waiter fails: give it a moment
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (recorder.events(OperationFinished.class).size() < 2 && System.nanoTime() < deadline) {
      LockSupport.parkNanos(5_000_000);
    }
    List<OperationFinished> ends = recorder.events(OperationFinished.class);
    assertThat(ends).hasSize(2);
    assertThat(ends.get(1).end()).isEqualTo(OperationFinished.End.TIMED_OUT);
    assertThat(ends.get(1).operation().id()).isEqualTo("t-1");
    assertThat(ends.get(1).polls()).isPositive();
  }

  @Test
  void pollsAndTheirAnswersRunInsideEachListenersContext() throws Exception {
    ThreadLocal<String> context = new ThreadLocal<>();
    List<String> seen = new CopyOnWriteArrayList<>();
    AigwListener tracer = new AigwListener() {
      @Override
      public Runnable aroundPolling(OperationInfo operation, Runnable work) {
        return () -> {
          context.set("op " + operation.id());
          try {
            work.run();
          } finally {
            context.remove();
          }
        };
      }

      @Override
      public void onCallStarted(CallStarted event) {
        if (event.call().operation() != null) {
          seen.add("poll started in " + context.get());
        }
      }
    };
    listeners = Listeners.of(List.of(tracer));
    transport.close();
    transport = new Transport(TransportConfig.of("acme", server.url("/"), Secret.of("tk_123456789"))
        .withRetryPolicy(RetryPolicy.NONE), listeners, null);
    script = List.of("running", "completed");
    Operation<ImageResult> op = submit();
    op.onUpdate(s -> seen.add(s.status() + " seen in " + context.get()));

    op.resultAsync().get(5, TimeUnit.SECONDS);

    assertThat(seen).containsExactly("poll started in op t-1", "RUNNING seen in op t-1", "poll started in op t-1",
        "SUCCEEDED seen in op t-1");
    assertThat(context.get()).as("nothing left behind on the test thread").isNull();
  }

  @Test
  void anOperationThatIsAlreadyCompleteStartsAndFinishesAtOnce() {
    ImageResult done = new ImageResult("g-1", List.of(), Cost.of("8", CostUnit.CREDITS), null);
    Operation<ImageResult> op = Operation.succeeded("acme", "g-1", done, listeners);
    assertThat(op.isDone()).isTrue();
    assertThat(recorder.names()).containsExactly("OperationStarted", "CostRecorded", "OperationFinished");
    assertThat(recorder.events(OperationFinished.class).get(0).polls()).isZero();

    Operation<ImageResult> quiet = Operation.succeeded("acme", null, done);
    assertThat(quiet.id()).startsWith("local-");
    assertThat(recorder.events()).hasSize(3);
  }

  @Test
  void aResumedOperationHasNoSubmitCall() {
    Operation<ImageResult> op = Operation.polling("acme", "t-1", OperationDriver.of(this::fetch,
        OperationListenerTest::read), FAST, SharedResources.scheduler(), null, listeners);
    op.waitForCompletion(Duration.ofSeconds(5));
    OperationInfo info = recorder.events(OperationStarted.class).get(0).operation();
    assertThat(info.resumed()).isTrue();
    assertThat(info.submitCall()).isNull();
    assertThat(info.outputType()).isNull();
    assertThat(recorder.events(OperationStarted.class).get(0).status()).isEqualTo(OperationStatus.UNKNOWN);
  }
}
