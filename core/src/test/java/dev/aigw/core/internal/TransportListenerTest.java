package dev.aigw.core.internal;

import static dev.aigw.core.internal.TransportTestSupport.config;
import static dev.aigw.core.internal.TransportTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aigw.core.chat.ChatChunk;
import dev.aigw.core.chat.ChatRequest;
import dev.aigw.core.chat.ChatStream;
import dev.aigw.core.chat.Usage;
import dev.aigw.core.cost.Budget;
import dev.aigw.core.cost.Cost;
import dev.aigw.core.cost.CostUnit;
import dev.aigw.core.cost.PriceEstimate;
import dev.aigw.core.error.BadRequestException;
import dev.aigw.core.error.BudgetExceededException;
import dev.aigw.core.error.StreamException;
import dev.aigw.core.http.RetrySafety;
import dev.aigw.core.listener.AttemptEnded;
import dev.aigw.core.listener.CallFinished;
import dev.aigw.core.listener.CallInfo;
import dev.aigw.core.listener.CallStarted;
import dev.aigw.core.listener.OperationInfo;
import dev.aigw.core.listener.RateLimitSeen;
import dev.aigw.core.listener.RecordingListener;
import dev.aigw.core.listener.StreamEnded;
import dev.aigw.core.listener.StreamFirstChunk;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.Listeners;
import dev.aigw.core.spi.OpenAiChat;
import dev.aigw.core.spi.ResponseReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** What a transport tells its listeners, attempt by attempt, and what a budget stops before sending. */
class TransportListenerTest {
  @StartStop final MockWebServer server = new MockWebServer();
  private final RecordingListener recorder = new RecordingListener();

  private Transport observed() {
    return new Transport(config(server), Listeners.of(List.of(recorder)), null);
  }

  private static ApiRequest image(String id) {
    return ApiRequest.post("/v1/images/{id}", RetrySafety.NOT_CHARGED_ON_ERROR).pathParam("id", id)
        .json(Map.of("prompt", "a cat")).purpose(ApiRequest.Purpose.image("flux")).build();
  }

  @Test
  void aRetried429IsOneCallWithTwoAttemptsTheRetryAndItsReason() {
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "0")
        .setHeader("X-RateLimit-Remaining", "0").setHeader("Content-Type", "application/json")
        .body("{\"error\":{\"message\":\"slow down\"}}").build());
    server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
        .setHeader("X-Request-Id", "req-2").setHeader("X-RateLimit-Remaining", "59").body("{\"ok\":true}").build());

    try (Transport transport = observed()) {
      transport.execute(image("img-secret-42"), ResponseReader.rawJson());
    }

    assertThat(recorder.names()).containsExactly("CallStarted", "RateLimitSeen", "AttemptEnded", "AttemptEnded",
        "RateLimitSeen", "CallFinished");
    CallInfo call = recorder.events(CallStarted.class).get(0).call();
    assertThat(call.vendor()).isEqualTo("acme");
    assertThat(call.method()).isEqualTo("POST");
    assertThat(call.endpoint()).isEqualTo("/v1/images/{id}");
    assertThat(call.serverAddress()).isEqualTo(server.getHostName());
    assertThat(call.serverPort()).isEqualTo(server.getPort());
    assertThat(call.operationName()).isEqualTo("generate_content");
    assertThat(call.requestModel()).isEqualTo("flux");
    assertThat(recorder.events()).allSatisfy(e -> assertThat(e.toString()).doesNotContain("img-secret-42"));

    List<AttemptEnded> attempts = recorder.events(AttemptEnded.class);
    assertThat(attempts).extracting(AttemptEnded::attempt, AttemptEnded::status, AttemptEnded::failure,
        AttemptEnded::willRetry, AttemptEnded::requestSent)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 429, "HTTP 429", true, true),
            org.assertj.core.groups.Tuple.tuple(2, 200, null, false, true));
    assertThat(attempts.get(0).retryIn()).isEqualTo(Duration.ZERO);
    assertThat(attempts).allSatisfy(a -> assertThat(a.call()).isSameAs(call));
    assertThat(recorder.events(RateLimitSeen.class)).extracting(r -> r.rateLimit().remaining()).containsExactly(0L, 59L);

    CallFinished finished = recorder.events(CallFinished.class).get(0);
    assertThat(finished.succeeded()).isTrue();
    assertThat(finished.status()).isEqualTo(200);
    assertThat(finished.attempts()).isEqualTo(2);
    assertThat(finished.requestId()).isEqualTo("req-2");
    assertThat(finished.duration()).isGreaterThanOrEqualTo(attempts.get(1).duration());
  }

  @Test
  void aCallThatFailsIsFinishedWithItsErrorAndStatus() {
    server.enqueue(json(400, "{\"error\":{\"message\":\"bad prompt\",\"code\":\"invalid\"},\"request_id\":\"body-9\"}"));

    try (Transport transport = observed()) {
      catchThrowableOfType(BadRequestException.class,
          () -> transport.execute(image("i-1"), ResponseReader.rawJson()));
    }

    assertThat(recorder.names()).containsExactly("CallStarted", "AttemptEnded", "CallFinished");
    AttemptEnded attempt = recorder.events(AttemptEnded.class).get(0);
    assertThat(attempt.failure()).isEqualTo("HTTP 400");
    assertThat(attempt.willRetry()).isFalse();
    CallFinished finished = recorder.events(CallFinished.class).get(0);
    assertThat(finished.succeeded()).isFalse();
    assertThat(finished.status()).isEqualTo(400);
    assertThat(finished.error()).isInstanceOf(BadRequestException.class);
    assertThat(finished.errorType()).isEqualTo("dev.aigw.core.error.BadRequestException");
    assertThat(finished.requestId()).isEqualTo("body-9");
  }

  @Test
  void aConnectionThatFailedBeforeSendingIsAnAttemptThatSentNothing() {
    server.enqueue(json(200, "{}"));
    TransportConfig c = config(TransportTestSupport.flakyUrl(server))
        .withHttpClient(TransportTestSupport.flakyDnsClient(server, 1));

    try (Transport transport = new Transport(c, Listeners.of(List.of(recorder)), null)) {
      transport.execute(ApiRequest.get("/v1/models").build(), ResponseReader.rawJson());
    }

    AttemptEnded first = recorder.events(AttemptEnded.class).get(0);
    assertThat(first.status()).isEqualTo(-1);
    assertThat(first.requestSent()).isFalse();
    assertThat(first.failure()).startsWith("UnknownHostException");
    assertThat(first.willRetry()).isTrue();
    assertThat(recorder.events(CallFinished.class).get(0).attempts()).isEqualTo(2);
    assertThat(recorder.events(CallStarted.class).get(0).call().serverAddress()).isEqualTo("flaky.test");
  }

  @Test
  void aPollNamesItsOperationAndAnAsyncFailureIsFinished() throws Exception {
    server.enqueue(json(404, "{\"error\":{\"message\":\"no such task\"}}"));
    OperationInfo op = new OperationInfo("acme", "t-7", true, null, Instant.now(), System.nanoTime());

    try (Transport transport = observed()) {
      var future = transport.prepare(ApiRequest.get("/v1/tasks").query("task_id", "t-7").build(),
          ResponseReader.rawJson()).executeAsync("t-7", op);
      assertThat(catchThrowableOfType(java.util.concurrent.ExecutionException.class,
          () -> future.get(5, TimeUnit.SECONDS))).hasCauseInstanceOf(dev.aigw.core.error.NotFoundException.class);
    }

    CallInfo call = recorder.events(CallStarted.class).get(0).call();
    assertThat(call.operation()).isSameAs(op);
    assertThat(call.toString()).isEqualTo("[acme] GET /v1/tasks (operation t-7)");
    assertThat(call.isPaid()).isFalse();
    awaitEvents(3);
    assertThat(recorder.events(CallFinished.class)).singleElement()
        .satisfies(f -> assertThat(f.status()).isEqualTo(404));
  }

  private void awaitEvents(int n) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (recorder.events().size() < n && System.nanoTime() < until) {
      Thread.sleep(5);
    }
  }

  @Test
  void aBudgetRefusesAPricedCallThatWouldCrossItsLimitWithNothingOnTheWire() {
    server.enqueue(json(200, "{\"task_id\":\"t-1\"}"));
    Budget budget = Budget.builder().limit("acme", Cost.of("0.50", CostUnit.CNY)).build();
    ApiRequest priced = ApiRequest.post("/v1/images", RetrySafety.NOT_CHARGED_ON_ERROR).json(Map.of())
        .purpose(ApiRequest.Purpose.image("gpt-image-2").withPrice(
            () -> PriceEstimate.known("acme", Cost.of("0.40", CostUnit.CNY), "2 images at 0.20 CNY")))
        .build();

    try (Transport transport = new Transport(config(server), Listeners.of(List.of(recorder, budget)), budget)) {
      transport.execute(priced, ResponseReader.rawJson());
      BudgetExceededException refused = catchThrowableOfType(BudgetExceededException.class,
          () -> transport.execute(priced, ResponseReader.rawJson()));
      assertThat(refused).hasMessageContaining("it costs 0.40 CNY (2 images at 0.20 CNY)")
          .hasMessageContaining("0.40 CNY of the budget's 0.50 CNY for acme is spent or reserved")
          .hasMessageEndingWith("nothing was sent");
      // reads are never refused
      server.enqueue(json(200, "{}"));
      transport.execute(ApiRequest.get("/v1/models").build(), ResponseReader.rawJson());
    }

    assertThat(server.getRequestCount()).as("requests that reached the server").isEqualTo(2);
    assertThat(recorder.events(CallStarted.class)).as("the refused call never started").hasSize(2);
  }

  @Test
  void aStreamTellsItsFirstChunkAndItsEndWithTheUsageItReported() {
    server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/event-stream")
        .body(chunk("Hel", null, null) + chunk("lo", "stop", null)
            + chunk("", null, "{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}")
            + "data: [DONE]\n\n").build());
    ChatRequest request = ChatRequest.builder().model("m").user("hi").build();

    try (Transport transport = observed();
        ChatStream stream = OpenAiChat.stream(transport, "/v1/chat", RetrySafety.UNPROTECTED,
            OpenAiChat.body(request, true))) {
      assertThat(stream.text()).isEqualTo("Hello");
    }

    assertThat(recorder.names()).containsExactly("CallStarted", "AttemptEnded", "CallFinished", "StreamFirstChunk",
        "StreamEnded");
    CallInfo call = recorder.events(CallStarted.class).get(0).call();
    assertThat(call.streaming()).isTrue();
    assertThat(call.operationName()).isEqualTo("chat");
    assertThat(call.requestModel()).isEqualTo("m");
    assertThat(recorder.events(StreamFirstChunk.class).get(0).sinceStart()).isPositive();
    StreamEnded end = recorder.events(StreamEnded.class).get(0);
    assertThat(end.completed()).isTrue();
    assertThat(end.chunks()).isEqualTo(3);
    assertThat(end.usage()).isEqualTo(new Usage(5, 2, 7));
    assertThat(end.responseModel()).isEqualTo("m-001");
    assertThat(end.finishReason()).isEqualTo("stop");
    assertThat(end.error()).isNull();
  }

  @Test
  void aStreamClosedEarlyOrCutEndsOnceAndSaysSo() {
    server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/event-stream")
        .body(chunk("a", null, null) + chunk("b", null, null) + "data: [DONE]\n\n").build());
    server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/event-stream")
        .body(chunk("a", null, null) + "data: {\"error\":{\"message\":\"upstream died\"}}\n\n").build());
    ChatRequest request = ChatRequest.builder().model("m").user("hi").build();

    try (Transport transport = observed()) {
      try (ChatStream stream = OpenAiChat.stream(transport, "/v1/chat", RetrySafety.UNPROTECTED,
          OpenAiChat.body(request, true))) {
        ChatChunk first = stream.iterator().next();
        assertThat(first.text()).isEqualTo("a");
      }
      try (ChatStream stream = OpenAiChat.stream(transport, "/v1/chat", RetrySafety.UNPROTECTED,
          OpenAiChat.body(request, true))) {
        catchThrowableOfType(StreamException.class, stream::text);
      }
    }

    List<StreamEnded> ends = recorder.events(StreamEnded.class);
    assertThat(ends).hasSize(2);
    assertThat(ends.get(0).completed()).as("closed early").isFalse();
    assertThat(ends.get(0).chunks()).isEqualTo(1);
    assertThat(ends.get(0).error()).isNull();
    assertThat(ends.get(1).completed()).isFalse();
    assertThat(ends.get(1).error()).isInstanceOf(StreamException.class).hasMessageContaining("upstream died");
  }

  private static String chunk(String text, String finish, String usage) {
    return "data: {\"id\":\"c1\",\"model\":\"m-001\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"},"
        + "\"finish_reason\":" + (finish == null ? "null" : "\"" + finish + "\"") + "}]"
        + (usage == null ? "" : ",\"usage\":" + usage) + "}\n\n";
  }
}
