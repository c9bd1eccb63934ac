package dev.aigw.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.aigw.core.chat.ChatMessage;
import dev.aigw.core.chat.ChatResponse;
import dev.aigw.core.chat.Role;
import dev.aigw.core.chat.Usage;
import dev.aigw.core.cost.Cost;
import dev.aigw.core.cost.CostUnit;
import dev.aigw.core.http.RateLimit;
import dev.aigw.core.http.RetrySafety;
import dev.aigw.core.json.RawJson;
import dev.aigw.core.listener.AigwListener;
import dev.aigw.core.listener.CallFinished;
import dev.aigw.core.listener.CallInfo;
import dev.aigw.core.listener.CallStarted;
import dev.aigw.core.listener.OperationFinished;
import dev.aigw.core.listener.OperationInfo;
import dev.aigw.core.listener.RecordingListener;
import dev.aigw.core.operation.OperationStatus;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ListenersTest {
  private static final ApiRequest CHAT = ApiRequest.post("/api/v1/chat", RetrySafety.UNPROTECTED)
      .json(java.util.Map.of()).purpose(ApiRequest.Purpose.chat("gemini-3-flash")).build();

  @Test
  void aThrowingListenerIsLoggedOnceAtWarnAndTheOthersStillHearEverything() {
    AigwListener thrower = new AigwListener() {
      @Override
      public void onCallStarted(CallStarted event) {
        throw new IllegalStateException("listener bug");
      }

      @Override
      public void onCallFinished(CallFinished event) {
        throw new AssertionError("listener assertion");
      }
    };
    RecordingListener after = new RecordingListener();
    Listeners listeners = Listeners.of(List.of(thrower, after));
    Logger logger = (Logger) LoggerFactory.getLogger("dev.aigw.listener");
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try {
      for (int i = 0; i < 3; i++) {
        CallInfo call = listeners.describe("cheapsub", CHAT, "api.cheapsub.im", 443, null);
        listeners.callStarted(call);
        listeners.callSucceeded(call, 200, 1, "r-1", null);
      }
    } finally {
      logger.detachAppender(appender);
    }
    assertThat(after.names()).containsExactly("CallStarted", "CallFinished", "CallStarted", "CallFinished",
        "CallStarted", "CallFinished");
    List<ILoggingEvent> warnings = appender.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
    assertThat(warnings).singleElement().satisfies(w -> {
      assertThat(w.getFormattedMessage()).contains(thrower.getClass().getName(), "CallStarted", "ignored");
      assertThat(w.getThrowableProxy().getMessage()).isEqualTo("listener bug");
    });
    assertThat(appender.list).filteredOn(e -> e.getLevel() == Level.DEBUG).hasSize(5);
  }

  @Test
  void theSameListenerTwiceIsCalledOnce() {
    RecordingListener once = new RecordingListener();
    Listeners listeners = Listeners.of(List.of(once, once));
    assertThat(listeners.all()).containsExactly(once);
    listeners.callStarted(listeners.describe("acme", CHAT, "h", 1, null));
    assertThat(once.names()).containsExactly("CallStarted");
    assertThat(Listeners.of(List.of())).isSameAs(Listeners.NONE);
    assertThat(listeners).hasToString("Listeners[RecordingListener]");
  }

  @Test
  void aCallIsDescribedByItsTemplateAndPurposeNeverItsIdsOrQuery() {
    ApiRequest poll = ApiRequest.get("/v1/images/tasks/{task_id}").pathParam("task_id", "task-secret-123")
        .query("download", "1").build();
    Listeners listeners = Listeners.of(List.of(new RecordingListener()));
    CallInfo call = listeners.describe("icodeeasy", poll, "jp.icodeeasy.cc", 443, null);
    assertThat(call.endpoint()).isEqualTo("/v1/images/tasks/{task_id}");
    assertThat(call.method()).isEqualTo("GET");
    assertThat(call.isPaid()).isFalse();
    assertThat(call.operationName()).isNull();
    assertThat(call.toString()).doesNotContain("task-secret-123").isEqualTo("[icodeeasy] GET /v1/images/tasks/{task_id}");

    CallInfo chat = listeners.describe("cheapsub", CHAT, "api.cheapsub.im", 443, null);
    assertThat(chat.isPaid()).isTrue();
    assertThat(chat.operationName()).isEqualTo("chat");
    assertThat(chat.outputType()).isEqualTo("text");
    assertThat(chat.requestModel()).isEqualTo("gemini-3-flash");

    ApiRequest upload = ApiRequest.external(HttpMethod.PUT, "https://bucket.example/up/key-1?X-Amz-Signature=s3cr3t",
        RetrySafety.IDEMPOTENT).build();
    CallInfo put = listeners.describe("gptimage2", upload, "bucket.example", 443, null);
    assertThat(put.endpoint()).isEqualTo("https://bucket.example/…").doesNotContain("s3cr3t", "key-1");
  }

  @Test
  void aChatAnswersModelIdAndUsageReachTheListenersButNothingElseOfTheBody() {
    RecordingListener recorder = new RecordingListener();
    Listeners listeners = Listeners.of(List.of(recorder));
    CallInfo call = listeners.describe("cheapsub", CHAT, "h", 1, null);
    listeners.callSucceeded(call, 200, 1, "req-7", new ChatResponse("chatcmpl-1", "gemini-3-flash-001",
        new ChatMessage(Role.ASSISTANT, "hi"), "stop", new Usage(12, 3, 15), RawJson.empty()));
    CallFinished finished = recorder.events(CallFinished.class).get(0);
    assertThat(finished.succeeded()).isTrue();
    assertThat(finished.errorType()).isNull();
    assertThat(finished.responseModel()).isEqualTo("gemini-3-flash-001");
    assertThat(finished.responseId()).isEqualTo("chatcmpl-1");
    assertThat(finished.usage()).isEqualTo(new Usage(12, 3, 15));
    assertThat(finished.requestId()).isEqualTo("req-7");
  }

  @Test
  void withoutListenersNothingIsBuiltAndNothingIsAllocated() {
    Listeners none = Listeners.NONE;
    assertThat(none.isEmpty()).isTrue();
    Runnable work = () -> { };
    RateLimit rateLimit = new RateLimit(600, 599, null, null);
    Cost cost = Cost.of("1", CostUnit.CREDITS);
    RuntimeException error = new IllegalStateException("x");
    assertThat(none.describe("acme", CHAT, "h", 1, null)).isNull();
    assertThat(none.operationStarted("acme", "t-1", false, OperationStatus.QUEUED)).isNull();
    assertThat(none.takeLastPaidCall("acme")).isNull();
    assertThat(none.aroundPolling(null, work)).isSameAs(work);

    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    long sink = 0;
    long fewest = Long.MAX_VALUE;
    // warm up, then measure several rounds: a JIT compilation on this thread can allocate a few
    // hundred bytes once under load, but code that allocated per lifecycle would do so in every
    // round (10,000 lifecycles), so the quietest round must be zero
    for (int round = 0; round < 10; round++) {
      long before = threads.getThreadAllocatedBytes(id);
      for (int i = 0; i < 10_000; i++) {
        CallInfo call = none.describe("acme", CHAT, "h", 1, null);
        none.callStarted(call);
        none.attemptEnded(call, 1, 429, 1_000, true, "HTTP 429", null);
        none.rateLimitSeen(call, rateLimit);
        none.callSucceeded(call, 200, 2, "r", CHAT);
        none.callFailed(call, 500, 3, "r", error);
        none.firstChunk(call);
        none.streamEnded(call, 10, true, null, "m", "stop", null);
        OperationInfo op = none.operationStarted("acme", "t-1", false, OperationStatus.QUEUED);
        none.operationStatus(op, OperationStatus.QUEUED, OperationStatus.RUNNING, "running", 1);
        none.operationFinished(op, OperationFinished.End.SUCCEEDED, 3, cost, null);
        none.costRecorded("acme", cost, "t-1", call, false);
        sink += none.aroundPolling(op, work) == work ? 1 : 0;
      }
      long allocated = threads.getThreadAllocatedBytes(id) - before;
      if (round >= 2) {
        fewest = Math.min(fewest, allocated);
      }
    }
    assertThat(fewest).as("bytes allocated by 10,000 call and operation lifecycles without listeners")
        .isZero();
    assertThat(sink).isEqualTo(100_000);
  }

  @Test
  void anOperationCreatedRightAfterItsSubmissionNamesTheCallAndStartsWithIt() throws Exception {
    RecordingListener recorder = new RecordingListener();
    Listeners listeners = Listeners.of(List.of(recorder));
    ApiRequest submit = ApiRequest.post("/v1/images", RetrySafety.UNPROTECTED)
        .purpose(ApiRequest.Purpose.image("flux")).build();
    CallInfo call = listeners.describe("acme", submit, "h", 1, null);
    listeners.callSucceeded(call, 202, 1, null, null);
    Thread.sleep(5);

    OperationInfo op = listeners.operationStarted("acme", "t-1", false, OperationStatus.QUEUED);
    assertThat(op.submitCall()).isSameAs(call);
    assertThat(op.startedAt()).isEqualTo(call.startedAt());
    assertThat(op.outputType()).isEqualTo("image");
    assertThat(listeners.operationStarted("acme", "t-2", false, OperationStatus.QUEUED).submitCall())
        .as("a submission is claimed once").isNull();

    listeners.callSucceeded(listeners.describe("acme", submit, "h", 1, null), 202, 1, null, null);
    assertThat(listeners.operationStarted("other", "t-3", false, OperationStatus.QUEUED).submitCall())
        .as("another gateway's call").isNull();
    listeners.callSucceeded(listeners.describe("acme", submit, "h", 1, null), 202, 1, null, null);
    assertThat(listeners.operationStarted("acme", "t-4", true, OperationStatus.UNKNOWN).submitCall())
        .as("a resumed operation").isNull();
    listeners.callSucceeded(listeners.describe("acme", CHAT, "h", 1, null), 200, 1, null, null);
    assertThat(listeners.operationStarted("acme", "t-5", false, OperationStatus.QUEUED).submitCall())
        .as("a chat call submits nothing").isNull();
  }

  @Test
  void aroundPollingWrapsInListenerOrderAndSurvivesAThrowingWrapper() {
    List<String> order = new ArrayList<>();
    AigwListener outer = new AigwListener() {
      @Override
      public Runnable aroundPolling(OperationInfo operation, Runnable work) {
        return () -> {
          order.add("outer in");
          work.run();
          order.add("outer out");
        };
      }
    };
    AigwListener broken = new AigwListener() {
      @Override
      public Runnable aroundPolling(OperationInfo operation, Runnable work) {
        throw new IllegalStateException("no context today");
      }
    };
    AigwListener inner = new AigwListener() {
      @Override
      public Runnable aroundPolling(OperationInfo operation, Runnable work) {
        return () -> {
          order.add("inner in");
          work.run();
          order.add("inner out");
        };
      }
    };
    Listeners listeners = Listeners.of(List.of(outer, broken, inner));
    OperationInfo op = listeners.operationStarted("acme", "t-1", true, OperationStatus.UNKNOWN);
    listeners.aroundPolling(op, () -> order.add("poll")).run();
    assertThat(order).containsExactly("outer in", "inner in", "poll", "inner out", "outer out");
  }

  @Test
  void eventsCarryDurations() {
    RecordingListener recorder = new RecordingListener();
    Listeners listeners = Listeners.of(List.of(recorder));
    CallInfo call = listeners.describe("acme", CHAT, "h", 1, null);
    listeners.attemptEnded(call, 1, 429, 4_000_000, true, "HTTP 429", Duration.ofMillis(500));
    var attempt = recorder.events(dev.aigw.core.listener.AttemptEnded.class).get(0);
    assertThat(attempt.duration()).isEqualTo(Duration.ofMillis(4));
    assertThat(attempt.willRetry()).isTrue();
    assertThat(attempt.retryIn()).isEqualTo(Duration.ofMillis(500));
  }
}
