package dev.aigw.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.Secret;
import dev.aigw.core.error.AigwException;
import dev.aigw.core.error.MalformedResponseException;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.internal.Transport;
import dev.aigw.core.internal.TransportConfig;
import dev.aigw.core.json.RawJson;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.operation.OperationSnapshot;
import dev.aigw.core.operation.OperationStatus;
import dev.aigw.core.operation.PollingStrategy;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class OperationFactoryTest {
  @StartStop final MockWebServer server = new MockWebServer();

  private OperationFactory<String> factory() {
    Transport transport = new Transport(TransportConfig.of("acme", server.url("/"), Secret.of("tk_0123456789")));
    OperationDriver<RawJson, String> driver = OperationDriver.of(
        id -> transport.prepare(ApiRequest.get("/tasks/{id}").pathParam("id", id).build(), ResponseReader.rawJson()),
        (id, json) -> "done".equals(json.getString("status"))
            ? OperationSnapshot.succeeded(id, "done", json.getString("result"), json)
            : OperationSnapshot.of(id, OperationStatus.RUNNING, json.getString("status"), json));
    return new OperationFactory<>(transport, "job_id", driver,
        PollingStrategy.fixed(Duration.ofMillis(5), Duration.ofSeconds(5)));
  }

  @Test
  void startedOperationKeepsTheSubmissionsStatusAndPollsByItsId() throws Exception {
    RawJson answer = Json.raw("{\"job_id\":\"j-1\",\"status\":\"queued\"}");
    Operation<String> op = factory().started("image", "j-1", OperationStatus.QUEUED, "queued", answer);
    assertThat(op.id()).isEqualTo("j-1");
    assertThat(op.vendor()).isEqualTo("acme");
    assertThat(op.status()).isEqualTo(OperationStatus.QUEUED);
    assertThat(op.snapshot().vendorStatus()).isEqualTo("queued");
    assertThat(server.getRequestCount()).isZero();

    server.enqueue(new MockResponse.Builder().body("{\"status\":\"done\",\"result\":\"r\"}").build());
    assertThat(op.waitForCompletion(Duration.ofSeconds(5))).isEqualTo("r");
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/tasks/j-1");
  }

  @Test
  void answerWithoutAnIdCannotBeFollowedAndSaysWhichFieldWasMissing() {
    RawJson answer = Json.raw("{\"status\":\"queued\"}");
    assertThatThrownBy(() -> factory().started("video", null, OperationStatus.QUEUED, null, answer))
        .isExactlyInstanceOf(MalformedResponseException.class)
        .hasMessage("[acme] the video submission was accepted but its answer has no job_id, so it cannot be followed: "
            + "{\"status\":\"queued\"}. The work may exist and be charged; without an idempotency key aigw cannot find it");
    assertThatThrownBy(() -> factory().started("video", null, OperationStatus.QUEUED, null, answer, "key-1"))
        .isInstanceOfSatisfying(MalformedResponseException.class,
            e -> assertThat(e.idempotencyKey()).contains("key-1"))
        .hasMessageEndingWith("{\"status\":\"queued\"}. The work may exist and be charged: resubmit with"
            + " idempotency key key-1 to get it without a second charge");
    assertThatThrownBy(() -> factory().started("video", " ", OperationStatus.QUEUED, null, answer))
        .hasMessageContaining("no job_id");
  }

  @Test
  void resumeNeedsAnIdAndSendsNothingUntilPolled() {
    assertThatThrownBy(() -> factory().resume(" "))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("acme: operationId:");
    Operation<String> op = factory().resume(" j-9 ");
    assertThat(op.id()).isEqualTo("j-9");
    assertThat(op.status()).isEqualTo(OperationStatus.UNKNOWN);
    assertThat(server.getRequestCount()).isZero();
  }
}
