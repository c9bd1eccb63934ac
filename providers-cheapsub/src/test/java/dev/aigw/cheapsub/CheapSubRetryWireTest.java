package dev.aigw.cheapsub;

import static dev.aigw.cheapsub.CheapSubWire.bodyText;
import static dev.aigw.cheapsub.CheapSubWire.fixture;
import static dev.aigw.cheapsub.CheapSubWire.json;
import static dev.aigw.cheapsub.CheapSubWire.ok;
import static dev.aigw.cheapsub.CheapSubWire.sse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.aigw.core.chat.ChatResponse;
import dev.aigw.core.cost.Cost;
import dev.aigw.core.cost.CostUnit;
import dev.aigw.core.error.ConnectionException;
import dev.aigw.core.error.ServerException;
import dev.aigw.core.error.UpstreamTimeoutException;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.model.ModelInfo;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.operation.OperationStatus;
import dev.aigw.core.video.VideoResult;
import dev.aigw.testkit.FailingConnects;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.SocketFactory;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.Dns;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * "Never charging twice" (DESIGN.md): CheapSub documents nothing that protects a repeated paid
 * call, so chat, image and video POSTs are retried only after a 429 or a connection that failed
 * before the request was sent; reads are retried freely.
 */
class CheapSubRetryWireTest {
  @StartStop final MockWebServer server = new MockWebServer();

  /** The three paid POSTs, each with its success answer. */
  enum PaidCall {
    CHAT("/api/v1/chat", CheapSubChatWireTest.COMPLETION,
        c -> c.chat().create(CheapSubChatWireTest.curlExample()).text()),
    IMAGE("/api/v1/image", fixture("s3-image-async-response.json"),
        c -> c.images().submit(CheapSubImagesWireTest.curlExample()).id()),
    VIDEO("/api/v1/video", fixture("s4-video-async-response.json"),
        c -> c.videos().submit(CheapSubVideosWireTest.curlExample()).id());

    final String path;
    final String answer;
    final Function<CheapSubClient, String> call;

    PaidCall(String path, String answer, Function<CheapSubClient, String> call) {
      this.path = path;
      this.answer = answer;
      this.call = call;
    }

    String expected() {
      return switch (this) {
        case CHAT -> "서울은 오늘 맑아요.";
        case IMAGE -> CheapSubImagesWireTest.TASK_ID;
        case VIDEO -> "abc123-def456";
      };
    }
  }

  static MockResponse tooManyRequests(String retryAfter) {
    return new MockResponse.Builder().code(429).setHeader("Retry-After", retryAfter)
        .setHeader("Content-Type", "application/json").body("{\"error\":\"Too many requests\"}").build();
  }

  @ParameterizedTest
  @EnumSource(PaidCall.class)
  void aPaidPostIsRetriedAfter429WithTheSameBody(PaidCall paid) throws Exception {
    server.enqueue(tooManyRequests("0"));
    server.enqueue(ok(paid.answer));
    String result;
    try (CheapSubClient client = CheapSubWire.client(server)) {
      result = paid.call.apply(client);
    }
    assertThat(result).isEqualTo(paid.expected());
    assertThat(server.getRequestCount()).isEqualTo(2);
    RecordedRequest first = server.takeRequest();
    RecordedRequest second = server.takeRequest();
    assertThat(first.getUrl().encodedPath()).isEqualTo(paid.path);
    assertThat(second.getUrl().encodedPath()).isEqualTo(paid.path);
    assertThat(bodyText(second)).isNotEmpty().isEqualTo(bodyText(first));
  }

  @Test
  void retryAfterIsHonoured() throws Exception {
    server.enqueue(tooManyRequests("1"));
    server.enqueue(ok(CheapSubChatWireTest.COMPLETION));
    RawResponse<ChatResponse> raw;
    long start = System.nanoTime();
    try (CheapSubClient client = CheapSubWire.client(server)) {
      raw = client.chat().withRawResponse().create(CheapSubChatWireTest.curlExample());
    }
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    // the policy's own backoff is at most 5 ms: only Retry-After explains a wait of a second
    assertThat(elapsedMillis).isGreaterThanOrEqualTo(950);
    assertThat(raw.attempts()).isEqualTo(2);
    assertThat(raw.body().text()).isEqualTo("서울은 오늘 맑아요.");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aStreamedChatIsRetriedAfter429ButNotAfter502() {
    server.enqueue(tooManyRequests("0"));
    server.enqueue(sse(CheapSubChatWireTest.STREAM));
    server.enqueue(json(502, "{\"error\":\"Upstream server error\"}"));
    server.enqueue(sse(CheapSubChatWireTest.STREAM));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      assertThat(client.chat().stream(CheapSubChatWireTest.storyRequest()).text()).isEqualTo("Once upon a time.");
      assertThat(server.getRequestCount()).isEqualTo(2);
      Throwable thrown = catchThrowable(() -> client.chat().stream(CheapSubChatWireTest.storyRequest()));
      assertThat(thrown).isInstanceOf(ServerException.class);
    }
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @ParameterizedTest
  @EnumSource(PaidCall.class)
  void aPaidPostIsNeverRetriedAfter502(PaidCall paid) {
    server.enqueue(json(502, "{\"error\":\"Upstream server error\"}"));
    server.enqueue(ok(paid.answer));
    Throwable thrown;
    try (CheapSubClient client = CheapSubWire.client(server)) {
      thrown = catchThrowable(() -> paid.call.apply(client));
    }
    assertThat(thrown).isExactlyInstanceOf(ServerException.class)
        .hasMessage("[cheapsub] 502: Upstream server error — not retried: nothing documented says a failed call is"
            + " free, so a retry could charge twice; cheapsub documents no idempotency key for this call: the work may"
            + " exist and be charged, and aigw cannot find it");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(PaidCall.class)
  void aPaidPostIsNeverRetriedAfter504(PaidCall paid) {
    server.enqueue(json(504, "{\"error\":\"Upstream timeout\"}"));
    server.enqueue(ok(paid.answer));
    Throwable thrown;
    try (CheapSubClient client = CheapSubWire.client(server)) {
      thrown = catchThrowable(() -> paid.call.apply(client));
    }
    assertThat(thrown).isInstanceOf(UpstreamTimeoutException.class).hasMessage("[cheapsub] 504: Upstream timeout — not"
        + " retried: a timeout may hide work done upstream, so a retry could charge twice; cheapsub documents no"
        + " idempotency key for this call: the work may exist and be charged, and aigw cannot find it");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(PaidCall.class)
  void aPaidPostIsNeverRetriedAfterTheConnectionDropsOnceSent(PaidCall paid) throws Exception {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
    server.enqueue(ok(paid.answer));
    Throwable thrown;
    try (CheapSubClient client = CheapSubWire.client(server)) {
      thrown = catchThrowable(() -> paid.call.apply(client));
    }
    assertThat(thrown).isInstanceOfSatisfying(ConnectionException.class, e -> {
      assertThat(e.requestSent()).isTrue();
      assertThat(e.vendor()).isEqualTo("cheapsub");
    });
    assertThat(thrown.getMessage())
        .startsWith("[cheapsub] POST " + paid.path + " failed")
        .contains("may have reached the server")
        .contains("not retried")
        .doesNotContain("was not sent")
        .doesNotContain(CheapSubWire.KEY);
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo(paid.path);
  }

  @Test
  void aPaidPostIsNeverRetriedAfterATimeout() {
    server.enqueue(new MockResponse.Builder().headersDelay(1, TimeUnit.SECONDS)
        .setHeader("Content-Type", "application/json").body(CheapSubChatWireTest.COMPLETION).build());
    server.enqueue(ok(CheapSubChatWireTest.COMPLETION));
    Throwable thrown;
    try (CheapSubClient client = CheapSubWire.builder(server).requestTimeout(Duration.ofMillis(250)).build()) {
      thrown = catchThrowable(() -> client.chat().create(CheapSubChatWireTest.curlExample()));
    }
    assertThat(thrown).isInstanceOfSatisfying(ConnectionException.class, e -> assertThat(e.requestSent()).isTrue());
    assertThat(thrown.getMessage()).contains("timed out").contains("may have reached the server").contains("not retried");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  OkHttpClient http(SocketFactory sockets) {
    // one route only, so that OkHttp itself cannot fall back to another address
    return new OkHttpClient.Builder().socketFactory(sockets)
        .dns(host -> List.of(Dns.SYSTEM.lookup(host).get(0))).build();
  }

  @ParameterizedTest
  @EnumSource(PaidCall.class)
  void aPaidPostIsRetriedWhenTheConnectionFailedBeforeSending(PaidCall paid) throws Exception {
    server.enqueue(ok(paid.answer));
    FailingConnects sockets = new FailingConnects(1);
    String result;
    try (CheapSubClient client = CheapSubWire.builder(server).httpClient(http(sockets)).build()) {
      result = paid.call.apply(client);
    }
    assertThat(result).isEqualTo(paid.expected());
    assertThat(sockets.connects()).isEqualTo(2);
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo(paid.path);
  }

  @Test
  void whenEveryConnectFailsTheExceptionSaysNothingWasSent() {
    FailingConnects sockets = new FailingConnects(Integer.MAX_VALUE);
    Throwable thrown;
    try (CheapSubClient client = CheapSubWire.builder(server).httpClient(http(sockets)).build()) {
      thrown = catchThrowable(() -> client.chat().create(CheapSubChatWireTest.curlExample()));
    }
    assertThat(thrown).isInstanceOfSatisfying(ConnectionException.class, e -> assertThat(e.requestSent()).isFalse())
        .hasMessageContaining("the request was not sent");
    assertThat(sockets.connects()).isEqualTo(3);
    assertThat(server.getRequestCount()).isZero();
  }

  // ---- reads are retried freely ----

  @Test
  void theModelListIsRetriedAfter502() throws Exception {
    server.enqueue(json(502, "{\"error\":\"Upstream server error\"}"));
    server.enqueue(ok(fixture("s1-models-response.json")));
    RawResponse<List<ModelInfo>> raw;
    try (CheapSubClient client = CheapSubWire.client(server)) {
      raw = client.models().withRawResponse().list();
    }
    assertThat(raw.body()).hasSize(3);
    assertThat(raw.attempts()).isEqualTo(2);
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/api/v1/models");
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/api/v1/models");
  }

  @Test
  void theModelListIsRetriedAfterADroppedConnection() {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
    server.enqueue(ok(fixture("s1-models-response.json")));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      assertThat(client.models().list()).hasSize(3);
    }
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aTaskPollIsRetriedAfter502() throws Exception {
    server.enqueue(json(502, "{\"error\":\"Upstream server error\"}"));
    server.enqueue(ok(fixture("s5-task-completed.json")));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      assertThat(client.videos().resume("abc123-def456").poll().status()).isEqualTo(OperationStatus.SUCCEEDED);
    }
    assertThat(server.getRequestCount()).isEqualTo(2);
    for (int i = 0; i < 2; i++) {
      RecordedRequest poll = server.takeRequest();
      assertThat(poll.getMethod()).isEqualTo("GET");
      assertThat(poll.getUrl().encodedPath()).isEqualTo("/api/v1/task");
      assertThat(poll.getUrl().query()).isEqualTo("task_id=abc123-def456");
    }
  }

  @Test
  void waitingSurvivesA502WhilePolling() {
    server.enqueue(ok(fixture("s3-image-async-response.json")));
    server.enqueue(json(502, "{\"error\":\"Upstream server error\"}"));
    server.enqueue(json(504, "{\"error\":\"Upstream timeout\"}"));
    server.enqueue(ok(fixture("s3-image-task-complete.json")));
    ImageResult result;
    try (CheapSubClient client = CheapSubWire.client(server)) {
      Operation<ImageResult> op = client.images().submit(CheapSubImagesWireTest.curlExample());
      result = op.waitForCompletion(Duration.ofSeconds(5));
    }
    assertThat(result.cost()).isEqualTo(Cost.of("0.500000", CostUnit.KRW));
    // one submission, and the poll retried through its 502 and 504
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void aVideoWaitSurvivesADroppedPoll() {
    server.enqueue(ok(fixture("s4-video-async-response.json")));
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
    server.enqueue(ok(fixture("s5-task-completed.json")));
    VideoResult result;
    try (CheapSubClient client = CheapSubWire.client(server)) {
      result = client.videos().generate(CheapSubVideosWireTest.curlExample(), Duration.ofSeconds(5));
    }
    assertThat(result.video().url()).isEqualTo("https://...");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aRetryAfterLongerThanThePolicyAllowsEndsTheRetries() {
    server.enqueue(tooManyRequests("120"));
    server.enqueue(ok(CheapSubChatWireTest.COMPLETION));
    Throwable thrown;
    try (CheapSubClient client = CheapSubWire.client(server)) {
      thrown = catchThrowable(() -> client.chat().create(CheapSubChatWireTest.curlExample()));
    }
    assertThat(thrown).isInstanceOfSatisfying(dev.aigw.core.error.RateLimitException.class,
        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(120)));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }
}
