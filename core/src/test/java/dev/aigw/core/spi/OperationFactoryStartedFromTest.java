package dev.aigw.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.Secret;
import dev.aigw.core.error.AigwException;
import dev.aigw.core.error.MalformedResponseException;
import dev.aigw.core.error.OperationFailedException;
import dev.aigw.core.internal.Transport;
import dev.aigw.core.internal.TransportConfig;
import dev.aigw.core.json.RawJson;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.operation.OperationSnapshot;
import dev.aigw.core.operation.OperationStatus;
import dev.aigw.core.operation.PollingStrategy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** {@link OperationFactory#startedFrom}: a submission's answer read as a poll's, finished or not. */
class OperationFactoryStartedFromTest {
  @StartStop final MockWebServer server = new MockWebServer();

  private OperationFactory<String> factory() {
    Transport transport = new Transport(TransportConfig.of("acme", server.url("/"), Secret.of("tk_0123456789")));
    OperationDriver<RawJson, String> driver = OperationDriver.of(
        id -> transport.prepare(ApiRequest.get("/tasks/{id}").pathParam("id", id).build(), ResponseReader.rawJson()),
        OperationFactoryStartedFromTest::read);
    return new OperationFactory<>(transport, "job_id", driver,
        PollingStrategy.fixed(Duration.ofMillis(5), Duration.ofSeconds(5)));
  }

  /** The vendor's reading, used for polls and for the submission's answer alike. */
  static OperationSnapshot<String> read(String id, RawJson json) {
    String word = json.getString("status");
    return switch (word) {
      case "done" -> OperationSnapshot.succeeded(id, word, json.getString("result"), json);
      case "failed" -> OperationSnapshot.failed(id, OperationStatus.FAILED, word, json.getString("code"),
          json.getString("reason"), json);
      default -> OperationSnapshot.of(id, OperationStatus.QUEUED, word, json);
    };
  }

  @Test
  void anAnswerThatIsAlreadyFinishedGivesItsResultWithoutAPoll() {
    RawJson answer = Json.raw("{\"job_id\":\"j-1\",\"status\":\"done\",\"result\":\"r\"}");
    AtomicInteger reads = new AtomicInteger();
    Operation<String> op = factory().startedFrom("image", "j-1", answer, id -> {
      reads.incrementAndGet();
      return read(id, answer);
    });
    assertThat(reads).hasValue(1);
    assertThat(op.isDone()).isTrue();
    assertThat(op.status()).isEqualTo(OperationStatus.SUCCEEDED);
    assertThat(op.result()).isEqualTo("r");
    assertThat(op.waitForCompletion(Duration.ofSeconds(1))).isEqualTo("r");
    assertThat(op.poll().result()).isEqualTo("r");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void anAnswerThatAlreadyFailedFailsWithoutAPoll() {
    RawJson answer = Json.raw("{\"job_id\":\"j-2\",\"status\":\"failed\",\"code\":\"boom\",\"reason\":\"no\"}");
    Operation<String> op = factory().startedFrom("image", "j-2", answer, id -> read(id, answer));
    assertThatThrownBy(() -> op.waitForCompletion(Duration.ofSeconds(1)))
        .isInstanceOfSatisfying(OperationFailedException.class, e -> {
          assertThat(e.code()).isEqualTo("boom");
          assertThat(e.operationId()).isEqualTo("j-2");
        });
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void anUnfinishedAnswerIsPolledFromThere() throws Exception {
    RawJson answer = Json.raw("{\"job_id\":\"j-3\",\"status\":\"queued\"}");
    Operation<String> op = factory().startedFrom("image", "j-3", answer, id -> read(id, answer));
    assertThat(op.status()).isEqualTo(OperationStatus.QUEUED);
    assertThat(op.snapshot().raw()).isSameAs(answer);
    assertThat(server.getRequestCount()).isZero();

    server.enqueue(new MockResponse.Builder().body("{\"status\":\"done\",\"result\":\"r3\"}").build());
    assertThat(op.waitForCompletion(Duration.ofSeconds(5))).isEqualTo("r3");
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/tasks/j-3");
  }

  @Test
  void anAnswerWithoutAnIdCannotBeFollowed() {
    RawJson answer = Json.raw("{\"status\":\"done\"}");
    assertThatThrownBy(() -> factory().startedFrom("video", null, answer, id -> read(id, answer)))
        .isExactlyInstanceOf(MalformedResponseException.class)
        .hasMessage("[acme] the video submission was accepted but its answer has no job_id, so it cannot be followed: "
            + "{\"status\":\"done\"}. The work may exist and be charged; without an idempotency key aigw cannot find it");
    assertThatThrownBy(() -> factory().startedFrom("video", "", answer, id -> read(id, answer)))
        .hasMessageContaining("no job_id");
  }
}
