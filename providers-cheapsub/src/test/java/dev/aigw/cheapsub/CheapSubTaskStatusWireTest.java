package dev.aigw.cheapsub;

import static dev.aigw.cheapsub.CheapSubWire.assertGet;
import static dev.aigw.cheapsub.CheapSubWire.fixture;
import static dev.aigw.cheapsub.CheapSubWire.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.error.OperationFailedException;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.operation.OperationSnapshot;
import dev.aigw.core.operation.OperationStatus;
import dev.aigw.core.video.VideoResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code GET /api/v1/task?task_id=…} status words (doc sections 3 and 5) and resuming by id. */
class CheapSubTaskStatusWireTest {
  @StartStop final MockWebServer server = new MockWebServer();

  static final Duration WAIT = Duration.ofSeconds(5);

  static String flat(String id, String status) {
    return "{\"task_id\":\"" + id + "\",\"status\":\"" + status + "\"}";
  }

  static String envelope(String id, String status) {
    return "{\"code\":0,\"message\":\"ok\",\"data\":{\"task_id\":\"" + id + "\",\"status\":\"" + status + "\"}}";
  }

  /** One poll of a resumed operation reads the word into a common status. */
  @ParameterizedTest
  @CsvSource({
      "processing, RUNNING",
      "failed, FAILED",
      "success, SUCCEEDED",
      "completed, SUCCEEDED",
      "pending, QUEUED",
      "rendering, UNKNOWN",
      "Processing, RUNNING"})
  void readsStatusWordsOfTheFlatShape(String word, OperationStatus expected) throws Exception {
    String body = word.equalsIgnoreCase("completed") || word.equals("success")
        ? "{\"task_id\":\"t-1\",\"status\":\"" + word + "\",\"result\":{\"video_url\":\"https://cdn.example.com/v.mp4\"}}"
        : flat("t-1", word);
    server.enqueue(ok(body));
    OperationSnapshot<VideoResult> snapshot;
    try (CheapSubClient client = CheapSubWire.client(server)) {
      snapshot = client.videos().resume("t-1").poll();
    }
    assertThat(snapshot.status()).isEqualTo(expected);
    assertThat(snapshot.vendorStatus()).isEqualTo(word);
    RecordedRequest poll = server.takeRequest();
    assertGet(poll, "/api/v1/task");
    assertThat(poll.getUrl().queryParameter("task_id")).isEqualTo("t-1");
  }

  @ParameterizedTest
  @CsvSource({"processing, RUNNING", "success, SUCCEEDED", "failed, FAILED", "warming_up, UNKNOWN"})
  void readsStatusWordsOfTheImageEnvelope(String word, OperationStatus expected) {
    server.enqueue(ok(envelope("t-2", word)));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      assertThat(client.images().resume("t-2").poll().status()).isEqualTo(expected);
    }
  }

  /** Unknown words do not end the operation: polling goes on to the documented end. */
  @Test
  void anUnknownWordKeepsPolling() {
    server.enqueue(ok(envelope("t-3", "processing")));
    server.enqueue(ok(envelope("t-3", "upscaling")));
    server.enqueue(ok("{\"code\":0,\"message\":\"ok\",\"data\":{\"task_id\":\"t-3\"}}"));
    server.enqueue(ok(fixture("s3-image-task-complete.json")));
    List<OperationStatus> seen = new CopyOnWriteArrayList<>();
    ImageResult result;
    try (CheapSubClient client = CheapSubWire.client(server)) {
      result = client.images().resume("t-3").onUpdate(s -> seen.add(s.status())).waitForCompletion(WAIT);
    }
    assertThat(seen).containsExactly(OperationStatus.RUNNING, OperationStatus.UNKNOWN, OperationStatus.UNKNOWN,
        OperationStatus.SUCCEEDED);
    assertThat(result.first().url()).isEqualTo("https://google.datas.systems/fileSystem/response_images/...");
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void failedWithAnErrorIsOperationFailedWithTheReason() {
    server.enqueue(ok("{\"code\":0,\"message\":\"ok\",\"data\":{\"task_id\":\"t-4\",\"status\":\"failed\","
        + "\"error\":\"No image generated: safety filter\",\"consumed\":\"0.500000\"}}"));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      Operation<ImageResult> op = client.images().resume("t-4");
      assertThatThrownBy(() -> op.waitForCompletion(WAIT))
          .isInstanceOfSatisfying(OperationFailedException.class, e -> {
            assertThat(e.operationId()).isEqualTo("t-4");
            assertThat(e.status()).isEqualTo(OperationStatus.FAILED);
            assertThat(e.reason()).isEqualTo("No image generated: safety filter");
            assertThat(e.vendor()).isEqualTo("cheapsub");
          })
          .hasMessageContaining("t-4")
          .hasMessageContaining("No image generated: safety filter");
      assertThat(op.status()).isEqualTo(OperationStatus.FAILED);
      assertThatThrownBy(op::result).isInstanceOf(OperationFailedException.class);
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void failedWithAMessageIsOperationFailedWithTheReason() {
    server.enqueue(ok("{\"task_id\":\"t-5\",\"status\":\"failed\",\"message\":\"Video generation failed: content policy\"}"));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      assertThatThrownBy(() -> client.videos().resume("t-5").waitForCompletion(WAIT))
          .isInstanceOfSatisfying(OperationFailedException.class,
              e -> assertThat(e.reason()).isEqualTo("Video generation failed: content policy"));
    }
  }

  @Test
  void failedWithAnErrorCodeKeepsTheCode() {
    server.enqueue(ok("{\"task_id\":\"t-6\",\"status\":\"failed\",\"error_code\":\"E_UPSTREAM\",\"fail_reason\":\"upstream busy\"}"));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      assertThatThrownBy(() -> client.videos().resume("t-6").waitForCompletion(WAIT))
          .isInstanceOfSatisfying(OperationFailedException.class, e -> {
            assertThat(e.code()).isEqualTo("E_UPSTREAM");
            assertThat(e.reason()).isEqualTo("upstream busy");
          });
    }
  }

  @Test
  void failedWithoutAReasonTakesTheEnvelopeMessageButNotOk() {
    server.enqueue(ok("{\"code\":0,\"message\":\"ok\",\"data\":{\"task_id\":\"t-7\",\"status\":\"failed\"}}"));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      assertThatThrownBy(() -> client.images().resume("t-7").waitForCompletion(WAIT))
          .isInstanceOfSatisfying(OperationFailedException.class, e -> assertThat(e.reason()).isNull())
          .hasMessageEndingWith("failed");
    }
  }

  /** {@code resume(id)} sends nothing until polled, then polls that id. */
  @Test
  void resumePollsByIdAlone() throws Exception {
    server.enqueue(ok(fixture("s5-task-completed.json")));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      Operation<VideoResult> op = client.videos().resume("abc123-def456");
      assertThat(op.id()).isEqualTo("abc123-def456");
      assertThat(op.status()).isEqualTo(OperationStatus.UNKNOWN);
      assertThat(server.getRequestCount()).isZero();
      VideoResult result = op.waitForCompletion(WAIT);
      assertThat(result.video().url()).isEqualTo("https://...");
    }
    RecordedRequest poll = server.takeRequest();
    assertGet(poll, "/api/v1/task");
    assertThat(poll.getUrl().query()).isEqualTo("task_id=abc123-def456");
  }

  @Test
  void resumeEncodesTheIdInTheQuery() throws Exception {
    server.enqueue(ok(envelope("a b&c", "processing")));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      client.images().resume("a b&c").poll();
    }
    RecordedRequest poll = server.takeRequest();
    assertThat(poll.getUrl().queryParameter("task_id")).isEqualTo("a b&c");
    assertThat(poll.getUrl().encodedQuery()).isEqualTo("task_id=a%20b%26c");
  }

  @Test
  void resumeRefusesABlankId() {
    try (CheapSubClient client = CheapSubWire.client(server)) {
      assertThatThrownBy(() -> client.images().resume(" ")).isInstanceOf(ValidationException.class)
          .hasMessageContaining("cheapsub").hasMessageContaining("operationId");
      assertThatThrownBy(() -> client.videos().resume(null)).isInstanceOf(ValidationException.class);
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void progressIsReported() {
    server.enqueue(ok("{\"task_id\":\"t-8\",\"status\":\"processing\",\"progress\":40}"));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      assertThat(client.videos().resume("t-8").poll().progress()).isEqualTo(40);
    }
  }

  @Test
  void resultsGivenAsPlainStringsAndAnUnreadableCostAreTolerated() {
    server.enqueue(ok("{\"code\":0,\"message\":\"ok\",\"data\":{\"task_id\":\"t-9\",\"status\":\"success\","
        + "\"result\":[\"https://cdn.example.com/a.png\",\"\",{\"image\":\"https://cdn.example.com/b.png\"}],"
        + "\"consumed\":\"n/a\"}}"));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      ImageResult result = client.images().resume("t-9").waitForCompletion(WAIT);
      assertThat(result.images()).extracting(dev.aigw.core.image.GeneratedImage::url)
          .containsExactly("https://cdn.example.com/a.png", "https://cdn.example.com/b.png");
      assertThat(result.cost()).isNull();
    }
  }

  @Test
  void aNumericCostIsReadExactly() {
    server.enqueue(ok("{\"code\":0,\"message\":\"ok\",\"data\":{\"task_id\":\"t-10\",\"status\":\"success\","
        + "\"result\":[{\"image\":\"https://cdn.example.com/a.png\"}],\"consumed\":0.25}}"));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      assertThat(client.images().resume("t-10").waitForCompletion(WAIT).costAmount())
          .isEqualByComparingTo(new java.math.BigDecimal("0.25"));
    }
  }

  @Test
  void aTaskAnswerThatIsNotAnObjectIsUnknownAndPollingGoesOn() {
    server.enqueue(ok("[]"));
    server.enqueue(ok(fixture("s5-task-completed.json")));
    List<OperationStatus> seen = new CopyOnWriteArrayList<>();
    try (CheapSubClient client = CheapSubWire.client(server)) {
      client.videos().resume("abc123-def456").onUpdate(s -> seen.add(s.status())).waitForCompletion(WAIT);
    }
    assertThat(seen).containsExactly(OperationStatus.UNKNOWN, OperationStatus.SUCCEEDED);
  }
}
