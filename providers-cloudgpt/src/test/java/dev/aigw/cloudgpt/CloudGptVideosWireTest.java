package dev.aigw.cloudgpt;

import static dev.aigw.cloudgpt.CloudGptWire.assertJsonPost;
import static dev.aigw.cloudgpt.CloudGptWire.binary;
import static dev.aigw.cloudgpt.CloudGptWire.body;
import static dev.aigw.cloudgpt.CloudGptWire.bodyText;
import static dev.aigw.cloudgpt.CloudGptWire.fixture;
import static dev.aigw.cloudgpt.CloudGptWire.json;
import static dev.aigw.cloudgpt.CloudGptWire.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.aigw.core.error.AigwException;
import dev.aigw.core.error.MalformedResponseException;
import dev.aigw.core.error.ConnectionException;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.media.GeneratedMedia;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.video.GeneratedVideo;
import dev.aigw.core.model.Modality;
import dev.aigw.core.video.VideoRequest;
import dev.aigw.core.video.VideoResult;
import dev.aigw.testkit.TestMedia;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/video} (doc section "Video Generation"): the documented request bodies, the MP4
 * answer spooled to disk, and the video timeout.
 */
class CloudGptVideosWireTest {
  @StartStop final MockWebServer server = new MockWebServer();

  @TempDir Path dir;

  static final byte[] MP4 = TestMedia.mp4();

  /**
   * The doc's Request Body example, built with the neutral API: its {@code width} and {@code height}
   * go through {@code extraBody}, since {@code size(w, h)} is refused (the deployed server ignores
   * them).
   */
  static VideoRequest requestBodyExample() {
    return VideoRequest.builder().prompt("A cat playing with a red ball on a sunny day").model("veo")
        .durationSeconds(4).extraBody("width", 1280).extraBody("height", 720).build();
  }

  private VideoResult generate(VideoRequest request) {
    try (CloudGptClient client = CloudGptWire.client(server)) {
      return client.videos().generate(request);
    }
  }

  /** Video Generation — Request Body: sent exactly, in the doc's order. */
  @Test
  void sendsTheDocumentedRequestBodyExactly() throws Exception {
    server.enqueue(binary("video/mp4", MP4));
    generate(requestBodyExample());
    RecordedRequest request = server.takeRequest();
    assertJsonPost(request, "/api/video");
    assertThat(body(request)).isEqualTo(parse(fixture("video-request.json")));
    assertThat(bodyText(request)).isEqualTo("{\"prompt\":\"A cat playing with a red ball on a sunny day\","
        + "\"model\":\"veo\",\"duration\":4,\"width\":1280,\"height\":720}");
  }

  /** Video Generation — Example, and Code Examples — cURL. */
  @Test
  void sendsTheDocumentedCurlBodiesExactly() throws Exception {
    server.enqueue(binary("video/mp4", MP4));
    server.enqueue(binary("video/mp4", MP4));
    generate(VideoRequest.builder().prompt("Ocean waves crashing on a beach").model("veo").durationSeconds(4).build());
    generate(VideoRequest.builder().prompt("Ocean waves").model("veo").build());
    assertThat(body(server.takeRequest())).isEqualTo(parse(fixture("video-curl-request.json")));
    assertThat(body(server.takeRequest())).isEqualTo(parse(fixture("examples-curl-video-request.json")));
  }

  @Test
  void theMp4IsSpooledAndSavedByteForByte() throws Exception {
    server.enqueue(binary("video/mp4", MP4));
    VideoResult result = generate(requestBodyExample());

    GeneratedVideo video = result.video();
    assertThat(video.mimeType()).isEqualTo("video/mp4");
    assertThat(video.source()).isEqualTo(GeneratedMedia.Source.FILE);
    assertThat(result.id()).isNull();
    assertThat(result.cost()).isNull();
    Path saved = video.saveTo(dir.resolve("cat.mp4"));
    assertThat(Files.readAllBytes(saved)).isEqualTo(MP4);
    assertThat(new String(Files.readAllBytes(saved), 4, 4, StandardCharsets.US_ASCII)).isEqualTo("ftyp");
  }

  @Test
  void isoMediaBytesUnderAGenericTypeAreAnMp4() {
    server.enqueue(binary("application/octet-stream", MP4));
    assertThat(generate(requestBodyExample()).video().mimeType()).isEqualTo("video/mp4");
  }

  @Test
  void aVideoTypeTheHeaderNamesIsKept() {
    server.enqueue(binary("video/quicktime", MP4));
    server.enqueue(binary("video/webm", new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3, 1, 2, 3, 4, 5}));
    assertThat(generate(requestBodyExample()).video().mimeType()).isEqualTo("video/quicktime");
    assertThat(generate(requestBodyExample()).video().mimeType()).isEqualTo("video/webm");
  }

  @Test
  void bytesThatAreNoMp4AreAClearError() throws Exception {
    byte[] html = "<!doctype html><p>Deployment paused</p>".getBytes(StandardCharsets.US_ASCII);
    server.enqueue(binary("video/mp4", html));
    Throwable thrown = catchThrowable(() -> generate(requestBodyExample()));
    assertThat(thrown).isExactlyInstanceOf(MalformedResponseException.class)
        .hasMessage("expected MP4 video bytes but the 39 bytes answered as video/mp4 do not open an MP4 file;"
            + " they start \"<!doctype html><p>Deployment paused</p>\"" + " — not retried: the server accepted the request (HTTP 200) but its answer could not be read, so a retry"
            + " could charge twice; cloudgpt documents no idempotency key for this call: the work may exist and be"
            + " charged, and aigw cannot find it");
    assertThat(CloudGptImagesWireTest.spooledFilesHolding(html)).isZero();
  }

  @Test
  void aJsonAnswerWhereTheVideoWasExpectedIsAClearError() {
    server.enqueue(json(200, "{\"status\":\"queued\",\"message\":\"Your video is being generated\"}"));
    assertThatThrownBy(() -> generate(requestBodyExample()))
        .isExactlyInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("expected MP4 video bytes but the server answered 200 with application/json")
        .hasMessageContaining("Your video is being generated");
  }

  @Test
  void submitIsAlreadyCompleteAndThereIsNothingToResume() {
    server.enqueue(binary("video/mp4", MP4));
    try (CloudGptClient client = CloudGptWire.client(server)) {
      Operation<VideoResult> op = client.videos().submit(requestBodyExample());
      assertThat(op.isDone()).isTrue();
      assertThat(op.id()).startsWith("local-");
      assertThat(op.result().video().bytes()).isEqualTo(MP4);
      assertThatThrownBy(() -> client.videos().resume(op.id()))
          .isInstanceOf(ValidationException.class).hasMessageContaining("no operation to resume");
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  // ---- checks before sending ----

  @Test
  void aDurationBeyondTheDocumentedMaximumOfTheModelIsRefused() {
    try (CloudGptClient client = CloudGptWire.client(server)) {
      assertThatThrownBy(() -> client.videos().submit(VideoRequest.builder().model("veo").prompt("p").durationSeconds(9).build()))
          .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("durationSeconds"))
          .hasMessage("cloudgpt: durationSeconds: veo makes videos of 1 to 8 seconds; was 9");
      assertThatThrownBy(() -> client.videos().submit(VideoRequest.builder().model("seedance").prompt("p").durationSeconds(11).build()))
          .hasMessageContaining("seedance makes videos of 1 to 10 seconds; was 11");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void anUndocumentedModelTheDeploymentAddsIsSentWithWhateverDurationItIsGiven() throws Exception {
    server.enqueue(binary("video/mp4", MP4));
    try (CloudGptClient client = CloudGptWire.builder(server).extraModels(Modality.VIDEO, "veo-3-long").build()) {
      client.videos().generate(VideoRequest.builder().model("veo-3-long").prompt("p").durationSeconds(30).build());
    }
    assertThat(bodyText(server.takeRequest())).isEqualTo("{\"prompt\":\"p\",\"model\":\"veo-3-long\",\"duration\":30}");
  }

  @Test
  void anUndocumentedModelIsRefusedBeforeSendingNamingTheDocumentedOnes() {
    try (CloudGptClient client = CloudGptWire.client(server)) {
      assertThatThrownBy(() -> client.videos().submit(VideoRequest.builder().model("veo-3-long").prompt("p").build()))
          .hasMessage("cloudgpt: model: cloudgpt offers these video models: veo, seedance, seedance-pro, mapleai-veo;"
              + " was veo-3-long");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void anAspectRatioIsSentAsTheDeployedServerReadsIt() throws Exception {
    server.enqueue(binary("video/mp4", MP4));
    server.enqueue(binary("video/mp4", MP4));
    generate(VideoRequest.builder().model("veo").prompt("Ocean waves").durationSeconds(4).aspectRatio(16, 9).build());
    generate(VideoRequest.builder().model("seedance").prompt("A dancer").aspectRatio(9, 16).build());
    assertThat(bodyText(server.takeRequest()))
        .isEqualTo("{\"prompt\":\"Ocean waves\",\"model\":\"veo\",\"duration\":4,\"aspectRatio\":\"16:9\"}");
    assertThat(bodyText(server.takeRequest()))
        .isEqualTo("{\"prompt\":\"A dancer\",\"model\":\"seedance\",\"aspectRatio\":\"9:16\"}");
  }

  @Test
  void aSizeIsRefusedSinceTheDeployedServerIgnoresWidthAndHeight() {
    try (CloudGptClient client = CloudGptWire.client(server)) {
      assertThatThrownBy(() -> client.videos().submit(VideoRequest.builder().model("veo").prompt("p").size(1280, 720).build()))
          .isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.vendor()).isEqualTo("cloudgpt");
            assertThat(e.field()).isEqualTo("size");
          })
          .hasMessage("cloudgpt: size: the deployed CloudGPT server ignores width and height on /api/video (it reads "
              + "aspectRatio); give aspectRatio(w, h), e.g. aspectRatio(16, 9), or send width and height through "
              + "extraBody if your deployment honours them; was 1280x720");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void noModelIsSentAsTheDefault() throws Exception {
    server.enqueue(binary("video/mp4", MP4));
    generate(VideoRequest.builder().prompt("p").aspectRatio(16, 9).build());
    assertThat(bodyText(server.takeRequest()))
        .isEqualTo("{\"prompt\":\"p\",\"model\":\"veo\",\"aspectRatio\":\"16:9\"}");
  }

  @Test
  void aResolutionIsRefusedNamingAspectRatioInstead() {
    try (CloudGptClient client = CloudGptWire.client(server)) {
      assertThatThrownBy(() -> client.videos().submit(VideoRequest.builder().model("veo").prompt("p").resolution("720p").build()))
          .hasMessage("cloudgpt: resolution: is not supported by cloudgpt; give the shape with aspectRatio(w, h), e.g. aspectRatio(16, 9)");
      assertThatThrownBy(() -> client.videos().submit(VideoRequest.builder().model("veo").prompt("p")
          .vendorOption(new CloudGptChatWireTest.OtherVendorOption("icodeeasy")).build()))
          .hasMessageContaining("icodeeasy");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void extraFieldsAreSent() throws Exception {
    server.enqueue(binary("video/mp4", MP4));
    generate(VideoRequest.builder().model("veo").prompt("p").extraBody("fps", 24).build());
    assertThat(bodyText(server.takeRequest())).isEqualTo("{\"prompt\":\"p\",\"model\":\"veo\",\"fps\":24}");
  }

  // ---- the video timeout ----

  private static MockResponse slowMp4(long millis) {
    return new MockResponse.Builder().headersDelay(millis, TimeUnit.MILLISECONDS)
        .setHeader("Content-Type", "video/mp4").body(new Buffer().write(MP4)).build();
  }

  @Test
  void theDefaultVideoTimeoutIsTenMinutes() {
    try (CloudGptClient client = CloudGptWire.client(server)) {
      assertThat(client.videos().timeout()).isEqualTo(Duration.ofMinutes(10)).isEqualTo(CloudGptClient.DEFAULT_VIDEO_TIMEOUT);
    }
  }

  @Test
  void aVideoMayTakeLongerThanTheRequestTimeout() {
    server.enqueue(slowMp4(400));
    try (CloudGptClient client = CloudGptWire.builder(server).requestTimeout(Duration.ofMillis(100))
        .videoTimeout(Duration.ofSeconds(10)).build()) {
      assertThat(client.videos().generate(requestBodyExample()).video().bytes()).isEqualTo(MP4);
    }
  }

  @Test
  void aVideoThatOutlastsTheVideoTimeoutFailsAndIsNotRetried() {
    server.enqueue(slowMp4(2_000));
    server.enqueue(binary("video/mp4", MP4));
    Throwable thrown;
    try (CloudGptClient client = CloudGptWire.builder(server).videoTimeout(Duration.ofMillis(200)).build()) {
      assertThat(client.videos().timeout()).isEqualTo(Duration.ofMillis(200));
      thrown = catchThrowable(() -> client.videos().generate(requestBodyExample()));
    }
    assertThat(thrown).isInstanceOfSatisfying(ConnectionException.class, e -> assertThat(e.requestSent()).isTrue())
        .hasMessageContaining("POST /api/video failed: timed out")
        .hasMessageContaining("not retried");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aRequestTimeoutAppliesToVideosWhenNoVideoTimeoutIsSet() {
    try (CloudGptClient client = CloudGptWire.builder(server).requestTimeout(Duration.ofSeconds(42)).build()) {
      assertThat(client.videos().timeout()).isEqualTo(Duration.ofSeconds(42));
    }
  }

  @Test
  void aVideoTimeoutMustBePositive() {
    assertThatThrownBy(() -> CloudGptClient.builder().videoTimeout(Duration.ZERO))
        .isInstanceOf(dev.aigw.core.error.ValidationException.class)
        .hasMessage("cloudgpt: videoTimeout: must be positive, was PT0S");
    assertThatThrownBy(() -> CloudGptClient.builder().videoTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(dev.aigw.core.error.ValidationException.class)
        .hasMessage("cloudgpt: videoTimeout: must be positive, was PT-1S");
    assertThatThrownBy(() -> CloudGptClient.builder().videoTimeout(null))
        .isInstanceOf(dev.aigw.core.error.ValidationException.class)
        .hasMessage("cloudgpt: videoTimeout: is required");
  }
}
