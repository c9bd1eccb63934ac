package dev.aigw.icodeeasy;

import static dev.aigw.icodeeasy.ICodeEasyWire.bodyText;
import static dev.aigw.icodeeasy.ICodeEasyWire.error;
import static dev.aigw.icodeeasy.ICodeEasyWire.fixture;
import static dev.aigw.icodeeasy.ICodeEasyWire.json;
import static dev.aigw.icodeeasy.ICodeEasyWire.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.aigw.core.error.ConnectionException;
import dev.aigw.core.error.UpstreamTimeoutException;
import dev.aigw.core.image.ImageResult;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * DESIGN.md's retry table, icodeeasy row: failed requests are not charged, so a generation or edit
 * POST is retried after a 429 and an explicit 5xx answer — never after a timeout, a 504 or a cut
 * connection, which may hide images made and charged. Task polls (GET) are retried freely.
 */
class ICodeEasyRetryWireTest {
  @StartStop final MockWebServer server = new MockWebServer();

  /** The two paid POSTs and their success answers. */
  enum PaidCall {
    SYNC("/v1/images/generations", () -> ok(fixture("sync-response.json")),
        c -> c.images().generateSync(ICodeEasyImagesWireTest.minimal()).id()),
    ASYNC_EDIT("/v1/images/edits", () -> json(202, fixture("async-submit-response.json")),
        c -> c.images().submit(ICodeEasyImagesWireTest.asyncEdit()).id());

    final String path;
    final Supplier<MockResponse> answer;
    final Function<ICodeEasyClient, String> call;

    PaidCall(String path, Supplier<MockResponse> answer, Function<ICodeEasyClient, String> call) {
      this.path = path;
      this.answer = answer;
      this.call = call;
    }

    String expected() {
      return this == SYNC ? "3e0c77bb-9cbd-4c44-9549-bff1b4060623" : ICodeEasyImagesWireTest.TASK_ID;
    }
  }

  @ParameterizedTest
  @EnumSource(PaidCall.class)
  void aPaidPostIsRetriedAfter429And5xxWithTheSameBody(PaidCall paid) throws Exception {
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "0").setHeader("Content-Type",
        "application/json").body("{\"error\":{\"type\":\"rate_limit_error\",\"message\":\"rate limit exceeded\"}}").build());
    server.enqueue(error(503, "server_error", "service temporarily unavailable"));
    server.enqueue(paid.answer.get());
    String result;
    try (ICodeEasyClient client = ICodeEasyWire.client(server)) {
      result = paid.call.apply(client);
    }
    assertThat(result).isEqualTo(paid.expected());
    assertThat(server.getRequestCount()).isEqualTo(3);
    RecordedRequest first = server.takeRequest();
    for (int i = 0; i < 2; i++) {
      RecordedRequest retry = server.takeRequest();
      assertThat(retry.getUrl().encodedPath()).isEqualTo(paid.path);
      assertThat(retry.getUrl().query()).isEqualTo(first.getUrl().query());
      assertThat(bodyText(retry)).isNotEmpty().isEqualTo(bodyText(first));
    }
  }

  @ParameterizedTest
  @EnumSource(PaidCall.class)
  void aPaidPostIsNotRetriedAfter504(PaidCall paid) {
    server.enqueue(error(504, "server_error", "upstream timeout"));
    server.enqueue(paid.answer.get());
    Throwable thrown;
    try (ICodeEasyClient client = ICodeEasyWire.client(server)) {
      thrown = catchThrowable(() -> paid.call.apply(client));
    }
    assertThat(thrown).isInstanceOf(UpstreamTimeoutException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(PaidCall.class)
  void aPaidPostIsNotRetriedAfterTheConnectionDropsOnceSent(PaidCall paid) {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
    server.enqueue(paid.answer.get());
    Throwable thrown;
    try (ICodeEasyClient client = ICodeEasyWire.client(server)) {
      thrown = catchThrowable(() -> paid.call.apply(client));
    }
    assertThat(thrown).isInstanceOfSatisfying(ConnectionException.class,
        e -> assertThat(e.getMessage()).contains("may have reached the server").contains("charge twice"));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aSyncCallThatOutlivesItsTimeoutFailsOnceAndIsNotRetried() {
    server.enqueue(ok(fixture("sync-response.json")).newBuilder().headersDelay(2, TimeUnit.SECONDS).build());
    server.enqueue(ok(fixture("sync-response.json")));
    Throwable thrown;
    long start = System.nanoTime();
    try (ICodeEasyClient client = ICodeEasyWire.builder(server).syncTimeout(Duration.ofMillis(300)).build()) {
      thrown = catchThrowable(() -> client.images().generateSync(ICodeEasyImagesWireTest.minimal()));
    }
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1900);
    assertThat(thrown).isInstanceOf(ConnectionException.class).hasMessageContaining("timed out")
        .hasMessageContaining("not retried");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void taskPollsAreRetriedAfter5xxAndADroppedConnection() throws Exception {
    server.enqueue(json(202, fixture("async-submit-response.json")));
    server.enqueue(error(500, "server_error", "oops"));
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
    server.enqueue(ok(fixture("task-completed-response.json")));
    ImageResult result;
    try (ICodeEasyClient client = ICodeEasyWire.client(server)) {
      result = client.images().submit(ICodeEasyImagesWireTest.minimal()).poll().result();
    }
    assertThat(result.first().url()).isEqualTo(ICodeEasyImagesWireTest.TASK_URL);
    assertThat(server.getRequestCount()).isEqualTo(4);
  }
}
