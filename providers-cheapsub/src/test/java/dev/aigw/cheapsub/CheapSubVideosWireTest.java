package dev.aigw.cheapsub;

import static dev.aigw.cheapsub.CheapSubWire.assertGet;
import static dev.aigw.cheapsub.CheapSubWire.assertJsonPost;
import static dev.aigw.cheapsub.CheapSubWire.body;
import static dev.aigw.cheapsub.CheapSubWire.bodyText;
import static dev.aigw.cheapsub.CheapSubWire.fixture;
import static dev.aigw.cheapsub.CheapSubWire.ok;
import static dev.aigw.cheapsub.CheapSubWire.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.cost.Cost;
import dev.aigw.core.cost.CostUnit;
import dev.aigw.core.error.OperationFailedException;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.media.GeneratedMedia;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.operation.OperationStatus;
import dev.aigw.core.video.VideoRequest;
import dev.aigw.core.video.VideoResult;
import java.time.Duration;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /api/v1/video} (doc section 4, "비디오 생성") polled on {@code /api/v1/task} (section 5). */
class CheapSubVideosWireTest {
  @StartStop final MockWebServer server = new MockWebServer();

  static final Duration WAIT = Duration.ofSeconds(5);

  /** The doc's cURL example (section 4), built with the neutral API. */
  static VideoRequest curlExample() {
    return VideoRequest.builder()
        .model("sora-2")
        .prompt("A golden retriever running on a beach at sunset, cinematic quality")
        .durationSeconds(10)
        .build();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> sentMap(RecordedRequest request) {
    return (Map<String, Object>) body(request);
  }

  /** Doc section 4, cURL 예시: {@code "duration":"10"} is a string. */
  @Test
  void sendsTheDocumentedCurlBodyWithDurationAsAString() throws Exception {
    server.enqueue(ok(fixture("s4-video-async-response.json")));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      client.videos().submit(curlExample());
    }
    RecordedRequest request = server.takeRequest();
    assertJsonPost(request, "/api/v1/video");
    assertThat(body(request)).isEqualTo(parse(fixture("s4-video-curl-request.json")));
    assertThat(sentMap(request).get("duration")).isInstanceOf(String.class).isEqualTo("10");
    assertThat(bodyText(request)).isEqualTo("{\"model\":\"sora-2\","
        + "\"prompt\":\"A golden retriever running on a beach at sunset, cinematic quality\",\"duration\":\"10\"}");
  }

  @ParameterizedTest
  @ValueSource(ints = {15, 25})
  void acceptsTheOtherDocumentedDurations(int seconds) throws Exception {
    server.enqueue(ok(fixture("s4-video-async-response.json")));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      client.videos().submit(VideoRequest.builder().model("sora-2").prompt("waves").durationSeconds(seconds).build());
    }
    assertThat(sentMap(server.takeRequest())).containsEntry("duration", String.valueOf(seconds));
  }

  @Test
  void refusesAnUndocumentedDurationBeforeSending() {
    try (CheapSubClient client = CheapSubWire.client(server)) {
      assertThatThrownBy(() -> client.videos().submit(
          VideoRequest.builder().model("sora-2").prompt("waves").durationSeconds(12).build()))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("cheapsub")
          .hasMessageContaining("durationSeconds")
          .hasMessageContaining("10, 15, 25")
          .hasMessageContaining("12");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void omitsDurationWhenNotSetAndSendsResolution() throws Exception {
    server.enqueue(ok(fixture("s4-video-async-response.json")));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      client.videos().submit(VideoRequest.builder().model("veo3.1").prompt("waves").resolution("1080p").build());
    }
    assertThat(bodyText(server.takeRequest()))
        .isEqualTo("{\"model\":\"veo3.1\",\"prompt\":\"waves\",\"resolution\":\"1080p\"}");
  }

  @Test
  void sendsAnExactSizeAsTheResolutionItEqualsAndTheDefaultModelWhenNoneIsGiven() throws Exception {
    server.enqueue(ok(fixture("s4-video-async-response.json")));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      client.videos().submit(VideoRequest.builder().prompt("waves").size(1920, 1080).build());
    }
    assertThat(bodyText(server.takeRequest()))
        .isEqualTo("{\"model\":\"sora-2\",\"prompt\":\"waves\",\"resolution\":\"1080p\"}");
  }

  @Test
  void refusesSizeAndAspectRatioBeforeSending() {
    try (CheapSubClient client = CheapSubWire.client(server)) {
      assertThatThrownBy(() -> client.videos().submit(
          VideoRequest.builder().model("sora-2").prompt("waves").size(1000, 720).build()))
          .isInstanceOf(ValidationException.class).hasMessageContaining("cheapsub").hasMessageContaining("size")
          .hasMessageContaining("720p");
      assertThatThrownBy(() -> client.videos().submit(
          VideoRequest.builder().model("sora-2").prompt("waves").aspectRatio(16, 9).build()))
          .isInstanceOf(ValidationException.class).hasMessageContaining("cheapsub").hasMessageContaining("aspectRatio");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  /** Doc section 4, 응답 예시 (비동기): {task_id, status:"processing", message}. */
  @Test
  void theAsyncAnswerIsARunningOperation() {
    server.enqueue(ok(fixture("s4-video-async-response.json")));
    Operation<VideoResult> op;
    try (CheapSubClient client = CheapSubWire.client(server)) {
      op = client.videos().submit(curlExample());
    }
    assertThat(op.id()).isEqualTo("abc123-def456");
    assertThat(op.status()).isEqualTo(OperationStatus.RUNNING);
    assertThat(op.snapshot().vendorStatus()).isEqualTo("processing");
    assertThat(op.snapshot().raw().get("message")).isEqualTo("Video generation started");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  /** Doc section 5, 응답 예시 (완료): the flat {task_id, status:"completed", result:{video_url}}. */
  @Test
  void pollsAndReadsTheDocumentedFlatCompletedTask() throws Exception {
    server.enqueue(ok(fixture("s4-video-async-response.json")));
    server.enqueue(ok("{\"task_id\":\"abc123-def456\",\"status\":\"processing\"}"));
    server.enqueue(ok(fixture("s5-task-completed.json")));
    VideoResult result;
    try (CheapSubClient client = CheapSubWire.client(server)) {
      result = client.videos().generate(curlExample(), WAIT);
    }
    assertThat(result.id()).isEqualTo("abc123-def456");
    assertThat(result.video().source()).isEqualTo(GeneratedMedia.Source.URL);
    assertThat(result.video().url()).isEqualTo("https://...");
    assertThat(result.video().mimeType()).isEqualTo("video/mp4");
    assertThat(result.cost()).isNull();
    assertThat(result.raw().get("result", "video_url")).isEqualTo("https://...");

    server.takeRequest();
    for (int i = 0; i < 2; i++) {
      RecordedRequest poll = server.takeRequest();
      assertGet(poll, "/api/v1/task");
      assertThat(poll.getUrl().query()).isEqualTo("task_id=abc123-def456");
    }
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aCompletedTaskWithoutAVideoUrlFails() {
    server.enqueue(ok(fixture("s4-video-async-response.json")));
    server.enqueue(ok("{\"task_id\":\"abc123-def456\",\"status\":\"completed\",\"result\":{}}"));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      assertThatThrownBy(() -> client.videos().generate(curlExample(), WAIT))
          .isInstanceOfSatisfying(OperationFailedException.class, e -> {
            assertThat(e.code()).isEqualTo("no_video_url");
            assertThat(e.operationId()).isEqualTo("abc123-def456");
          });
    }
  }

  @Test
  void aVideoResultAsAListIsReadToo() {
    server.enqueue(ok(fixture("s4-video-async-response.json")));
    server.enqueue(ok("{\"code\":0,\"message\":\"ok\",\"data\":{\"task_id\":\"abc123-def456\",\"status\":\"success\","
        + "\"result\":[{\"video_url\":\"https://cdn.example.com/v.mp4\"}],\"consumed\":\"2.000000\"}}"));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      VideoResult result = client.videos().generate(curlExample(), WAIT);
      assertThat(result.video().url()).isEqualTo("https://cdn.example.com/v.mp4");
      assertThat(result.cost()).isEqualTo(Cost.of("2.000000", CostUnit.KRW));
    }
  }

  @Test
  void anEnvelopedSubmissionAnswerGivesTheTaskIdToo() {
    server.enqueue(ok("{\"code\":0,\"message\":\"ok\",\"data\":{\"task_id\":\"v-9\"}}"));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      Operation<VideoResult> op = client.videos().submit(curlExample());
      assertThat(op.id()).isEqualTo("v-9");
      assertThat(op.isDone()).isFalse();
    }
  }

  @Test
  void aSubmissionAnswerWithoutATaskIdIsAClearError() {
    server.enqueue(ok("{\"status\":\"processing\",\"message\":\"Video generation started\"}"));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      assertThatThrownBy(() -> client.videos().submit(curlExample()))
          .isInstanceOf(dev.aigw.core.error.AigwException.class)
          .hasMessageContaining("[cheapsub]")
          .hasMessageContaining("no task_id");
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  /** A wait without a timeout lasts the builder's {@code videoTimeout}, then names the last status. */
  @Test
  void aWaitWithoutATimeoutUsesTheVideoTimeout() {
    for (int i = 0; i < 200; i++) {
      server.enqueue(ok("{\"task_id\":\"abc123-def456\",\"status\":\"processing\"}"));
    }
    long start = System.nanoTime();
    try (CheapSubClient client = CheapSubWire.builder(server).videoTimeout(Duration.ofMillis(150)).build()) {
      Operation<VideoResult> op = client.videos().resume("abc123-def456");
      assertThatThrownBy(op::waitForCompletion)
          .isInstanceOf(dev.aigw.core.error.OperationTimeoutException.class)
          .hasMessageContaining("abc123-def456")
          .hasMessageContaining("RUNNING");
    }
    long millis = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    // not the client's 5 s polling default: the 150 ms video timeout
    assertThat(millis).isBetween(140L, 3000L);
    assertThat(server.getRequestCount()).isGreaterThan(1);
  }

  @Test
  void aVideoTimeoutThatIsNotPositiveIsRefusedAtTheBuilder() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CheapSubClient.builder().videoTimeout(Duration.ZERO))
        .isInstanceOf(dev.aigw.core.error.ValidationException.class)
        .hasMessage("cheapsub: videoTimeout: must be positive, was PT0S");
  }
}
