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
import dev.aigw.core.error.ApiException;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.image.GeneratedImage;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.image.Quality;
import dev.aigw.core.image.Resolution;
import dev.aigw.core.media.DataUrl;
import dev.aigw.core.media.GeneratedMedia;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.operation.OperationStatus;
import dev.aigw.testkit.TestMedia;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /api/v1/image} polled on {@code GET /api/v1/task} (doc section 3, "이미지 생성"). */
class CheapSubImagesWireTest {
  @StartStop final MockWebServer server = new MockWebServer();

  static final String TASK_ID = "tadaafec-7dd5-4f49-afb7-b08fbd324b96";
  static final Duration WAIT = Duration.ofSeconds(5);

  /** The doc's cURL example (section 3), built with the neutral API. */
  static ImageRequest curlExample() {
    return ImageRequest.builder()
        .model("nano-banana-2")
        .prompt("A cute cat sitting on a windowsill watching the rain")
        .aspectRatio(16, 9)
        .resolution(Resolution.K2)
        .build();
  }

  static ImageRequest.Builder simple(String model) {
    return ImageRequest.builder().model(model).prompt("A red fox in the snow");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> sentMap(RecordedRequest request) {
    return (Map<String, Object>) body(request);
  }

  /** Doc section 3, cURL 예시. */
  @Test
  void sendsTheDocumentedCurlBodyExactly() throws Exception {
    server.enqueue(ok(fixture("s3-image-async-response.json")));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      client.images().submit(curlExample());
    }
    RecordedRequest request = server.takeRequest();
    assertJsonPost(request, "/api/v1/image");
    assertThat(body(request)).isEqualTo(parse(fixture("s3-image-curl-request.json")));
    assertThat(bodyText(request)).isEqualTo("{\"model\":\"nano-banana-2\","
        + "\"prompt\":\"A cute cat sitting on a windowsill watching the rain\","
        + "\"aspect_ratio\":\"16:9\",\"image_size\":\"2k\"}");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  /** Doc section 3, 응답 예시 (비동기): {code:0, message:"ok", data:{task_id}}. */
  @Test
  void theAsyncAnswerGivesTheOperationId() {
    server.enqueue(ok(fixture("s3-image-async-response.json")));
    Operation<ImageResult> op;
    try (CheapSubClient client = CheapSubWire.client(server)) {
      op = client.images().submit(curlExample());
    }
    assertThat(op.id()).isEqualTo(TASK_ID);
    assertThat(op.vendor()).isEqualTo("cheapsub");
    assertThat(op.status()).isEqualTo(OperationStatus.QUEUED);
    assertThat(op.isDone()).isFalse();
    assertThat(op.snapshot().raw().get("message")).isEqualTo("ok");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void acceptsATopLevelTaskIdToo() {
    server.enqueue(ok("{\"task_id\":\"flat-1\",\"status\":\"queued\"}"));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      assertThat(client.images().submit(curlExample()).id()).isEqualTo("flat-1");
    }
  }

  @Test
  void anAnswerWithoutATaskIdIsAClearError() {
    server.enqueue(ok("{\"code\":0,\"message\":\"ok\",\"data\":{}}"));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      assertThatThrownBy(() -> client.images().submit(curlExample()))
          .hasMessageContaining("cheapsub")
          .hasMessageContaining("no task_id");
    }
  }

  /**
   * Doc section 3, 태스크 완료 시 결과: polled with {@code GET /api/v1/task?task_id=…}; the image URL and
   * the exact {@code consumed} credits come back.
   */
  @Test
  void pollsTheTaskAndReadsTheDocumentedCompletedAnswer() throws Exception {
    server.enqueue(ok(fixture("s3-image-async-response.json")));
    server.enqueue(ok("{\"code\":0,\"message\":\"ok\",\"data\":{\"task_id\":\"" + TASK_ID
        + "\",\"status\":\"processing\"}}"));
    server.enqueue(ok(fixture("s3-image-task-complete.json")));
    ImageResult result;
    try (CheapSubClient client = CheapSubWire.client(server)) {
      result = client.images().generate(curlExample(), WAIT);
    }
    server.takeRequest();
    for (int i = 0; i < 2; i++) {
      RecordedRequest poll = server.takeRequest();
      assertGet(poll, "/api/v1/task");
      assertThat(poll.getUrl().query()).isEqualTo("task_id=" + TASK_ID);
      assertThat(poll.getUrl().queryParameter("task_id")).isEqualTo(TASK_ID);
    }
    assertThat(server.getRequestCount()).isEqualTo(3);

    assertThat(result.id()).isEqualTo(TASK_ID);
    assertThat(result.images()).hasSize(1);
    GeneratedImage image = result.first();
    assertThat(image.source()).isEqualTo(GeneratedMedia.Source.URL);
    assertThat(image.url()).isEqualTo("https://google.datas.systems/fileSystem/response_images/...");
    assertThat(result.cost()).isEqualTo(Cost.of("0.500000", CostUnit.KRW));
    assertThat(result.costAmount().scale()).isEqualTo(6);
    assertThat(result.raw().get("data", "created_at")).isEqualTo("2026-03-20T15:25:57.464Z");
  }

  @Test
  void aDataUrlResultDecodesToPngBytes(@TempDir Path dir) throws Exception {
    byte[] png = png();
    String dataUrl = DataUrl.encode("image/png", png);
    server.enqueue(ok(fixture("s3-image-async-response.json")));
    server.enqueue(ok("{\"code\":0,\"message\":\"ok\",\"data\":{\"task_id\":\"" + TASK_ID
        + "\",\"status\":\"success\",\"result\":[{\"image\":\"" + dataUrl + "\"}],\"consumed\":\"0.500000\"}}"));
    ImageResult result;
    try (CheapSubClient client = CheapSubWire.client(server)) {
      result = client.images().generate(curlExample(), WAIT);
    }
    GeneratedImage image = result.first();
    assertThat(image.source()).isEqualTo(GeneratedMedia.Source.DATA_URL);
    assertThat(image.mimeType()).isEqualTo("image/png");
    assertThat(image.bytes()).isEqualTo(png);
    assertThat(image.bytes()).startsWith(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
    Path saved = image.saveTo(dir.resolve("cat.png"));
    assertThat(Files.readAllBytes(saved)).isEqualTo(png);
    assertThat(ImageIO.read(saved.toFile()).getWidth()).isEqualTo(2);
  }

  /**
   * The documented task answer with a 140 KB PNG as its data URL (slashes written plain, or as
   * {@code \/} the way PHP encodes them): the image is spooled to disk while the poll is read, and
   * saved byte for byte.
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aLargeDataUrlResultIsSpooledAndSavedByteForByte(boolean escapedSlashes, @TempDir Path dir) throws Exception {
    byte[] png = TestMedia.png(256, 256, 1);
    String dataUrl = DataUrl.encode("image/png", png);
    String answer = fixture("s3-image-task-complete.json").replace(
        "\"https://google.datas.systems/fileSystem/response_images/...\"",
        "\"" + (escapedSlashes ? dataUrl.replace("/", "\\/") : dataUrl) + "\"");
    assertThat(answer).contains(escapedSlashes ? "data:image\\/png;base64," : "data:image/png;base64,");
    server.enqueue(ok(fixture("s3-image-async-response.json")));
    server.enqueue(ok(answer));
    ImageResult result;
    try (CheapSubClient client = CheapSubWire.client(server)) {
      result = client.images().generate(curlExample(), WAIT);
    }

    GeneratedImage image = result.first();
    assertThat(image.source()).isEqualTo(GeneratedMedia.Source.FILE);
    assertThat(image.mimeType()).isEqualTo("image/png");
    assertThat(result.cost()).isEqualTo(Cost.of("0.500000", CostUnit.KRW));
    assertThat(result.raw().get("data", "result", 0, "image")).isEqualTo("aigw-spooled:0");
    assertThat(result.raw().get("data", "created_at")).isEqualTo("2026-03-20T15:25:57.464Z");
    Path saved = image.saveTo(dir.resolve("cat.png"));
    assertThat(Files.readAllBytes(saved)).isEqualTo(png);
    assertThat(ImageIO.read(saved.toFile()).getWidth()).isEqualTo(256);
  }

  @Test
  void aResultUrlIsDownloadedWithoutTheApiKey() throws Exception {
    byte[] png = png();
    String url = server.url("/files/cat.png").toString();
    server.enqueue(ok(fixture("s3-image-async-response.json")));
    server.enqueue(ok("{\"code\":0,\"message\":\"ok\",\"data\":{\"task_id\":\"" + TASK_ID
        + "\",\"status\":\"success\",\"result\":[{\"image\":\"" + url + "\"}]}}"));
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "image/png")
        .body(new okio.Buffer().write(png)).build());
    byte[] downloaded;
    try (CheapSubClient client = CheapSubWire.client(server)) {
      ImageResult result = client.images().generate(curlExample(), WAIT);
      assertThat(result.cost()).isNull();
      downloaded = result.first().bytes();
    }
    assertThat(downloaded).isEqualTo(png);
    server.takeRequest();
    server.takeRequest();
    RecordedRequest download = server.takeRequest();
    assertThat(download.getUrl().encodedPath()).isEqualTo("/files/cat.png");
    assertThat(download.getHeaders().get("Authorization")).isNull();
  }

  /** A 200 answer whose {@code code} is not 0 is CheapSub refusing the call. */
  @Test
  void aNonZeroCodeInA200AnswerIsAnApiException() {
    server.enqueue(ok("{\"code\":4002,\"message\":\"크레딧이 부족합니다\",\"data\":null}"));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      assertThatThrownBy(() -> client.images().submit(curlExample()))
          .isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(200);
            assertThat(e.code()).isEqualTo("4002");
            assertThat(e.vendorMessage()).isEqualTo("크레딧이 부족합니다");
            assertThat(e.vendor()).isEqualTo("cheapsub");
          })
          .hasMessageContaining("4002")
          .hasMessageContaining("크레딧이 부족합니다");
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aNonZeroCodeWhilePollingEndsTheWaitWithAnApiException() {
    server.enqueue(ok(fixture("s3-image-async-response.json")));
    server.enqueue(ok("{\"code\":404,\"message\":\"task not found\"}"));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      Operation<ImageResult> op = client.images().submit(curlExample());
      assertThatThrownBy(() -> op.waitForCompletion(WAIT))
          .isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo("404");
            assertThat(e.vendorMessage()).isEqualTo("task not found");
          });
    }
  }

  // ---- reference images (doc: images, string[], at most 4 URLs) ----

  @Test
  void sendsReferenceUrlsAsImages() throws Exception {
    server.enqueue(ok(fixture("s3-image-async-response.json")));
    ImageRequest.Builder request = simple("nano-banana-pro");
    for (int i = 1; i <= 4; i++) {
      request.referenceUrl("https://example.com/ref" + i + ".png");
    }
    try (CheapSubClient client = CheapSubWire.client(server)) {
      client.images().submit(request.build());
    }
    Map<String, Object> sent = sentMap(server.takeRequest());
    assertThat(sent.get("images")).isEqualTo(List.of("https://example.com/ref1.png", "https://example.com/ref2.png",
        "https://example.com/ref3.png", "https://example.com/ref4.png"));
    assertThat(sent).containsOnlyKeys("model", "prompt", "images");
  }

  @Test
  void refusesAFifthReferenceBeforeSending() {
    ImageRequest.Builder request = simple("nano-banana-2");
    for (int i = 1; i <= 5; i++) {
      request.referenceUrl("https://example.com/ref" + i + ".png");
    }
    try (CheapSubClient client = CheapSubWire.client(server)) {
      assertThatThrownBy(() -> client.images().submit(request.build()))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("cheapsub")
          .hasMessageContaining("references")
          .hasMessageContaining("at most 4");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void refusesAFileReferenceBeforeSending(@TempDir Path dir) throws Exception {
    Path file = Files.write(dir.resolve("ref.png"), png());
    try (CheapSubClient client = CheapSubWire.client(server)) {
      assertThatThrownBy(() -> client.images().submit(simple("nano-banana-2").referenceFile(file).build()))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("cheapsub")
          .hasMessageContaining("references")
          .hasMessageContaining("URLs only");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void refusesADataUrlReferenceBeforeSending() throws Exception {
    String dataUrl = DataUrl.encode("image/png", png());
    try (CheapSubClient client = CheapSubWire.client(server)) {
      assertThatThrownBy(() -> client.images().submit(simple("nano-banana-2").referenceUrl(dataUrl).build()))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("cheapsub")
          .hasMessageContaining("references")
          .hasMessageContaining("URLs only")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(dataUrl.substring(30, 60)));
    }
    assertThat(server.getRequestCount()).isZero();
  }

  // ---- CheapSub-only fields ----

  @Test
  void imageOptionsBecomeCallbackUrlAndFailedIfNoImage() throws Exception {
    server.enqueue(ok(fixture("s3-image-async-response.json")));
    server.enqueue(ok(fixture("s3-image-async-response.json")));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      client.images().submit(curlExample().toBuilder()
          .vendorOption(new CheapSubImageOptions("https://hooks.example.com/cheapsub", true)).build());
      client.images().submit(curlExample().toBuilder()
          .vendorOption(CheapSubImageOptions.failedIfNoImage(false)).build());
    }
    Map<String, Object> both = sentMap(server.takeRequest());
    assertThat(both).containsEntry("callback_url", "https://hooks.example.com/cheapsub")
        .containsEntry("failed_if_no_image", true)
        .containsEntry("model", "nano-banana-2")
        .containsEntry("image_size", "2k");
    Map<String, Object> onlyFlag = sentMap(server.takeRequest());
    assertThat(onlyFlag).containsEntry("failed_if_no_image", false).doesNotContainKey("callback_url");
  }

  @Test
  void callbackUrlAloneIsSentAlone() throws Exception {
    server.enqueue(ok(fixture("s3-image-async-response.json")));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      client.images().submit(simple("nano-banana").vendorOption(CheapSubImageOptions.callbackUrl("https://h.example.com/x")).build());
    }
    assertThat(sentMap(server.takeRequest())).containsOnlyKeys("model", "prompt", "callback_url");
  }

  @Test
  void refusesAMalformedCallbackUrlNamingTheField() {
    try (CheapSubClient client = CheapSubWire.client(server)) {
      assertThatThrownBy(() -> client.images().submit(
          simple("nano-banana-2").vendorOption(CheapSubImageOptions.callbackUrl("not a url")).build()))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("cheapsub")
          .hasMessageContaining("callbackUrl");
      assertThatThrownBy(() -> client.images().submit(
          simple("nano-banana-2").vendorOption(CheapSubImageOptions.callbackUrl("ftp://hooks.example.com/x")).build()))
          .isInstanceOf(ValidationException.class).hasMessageContaining("callbackUrl");
      assertThatThrownBy(() -> client.images().submit(simple("nano-banana-2")
          .vendorOption(CheapSubImageOptions.callbackUrl("data:text/plain;base64,aGk=")).build()))
          .isInstanceOf(ValidationException.class).hasMessageContaining("callbackUrl");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"nano-banana", "gpt-image-1.5"})
  void refusesImageSizeForModelsThatDoNotTakeIt(String model) {
    try (CheapSubClient client = CheapSubWire.client(server)) {
      assertThatThrownBy(() -> client.images().submit(simple(model).resolution(Resolution.K4).build()))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("cheapsub")
          .hasMessageContaining("image_size")
          .hasMessageContaining(model);
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"nano-banana-pro", "nano-banana-2"})
  void sendsImageSizeForTheModelsThatTakeIt(String model) throws Exception {
    server.enqueue(ok(fixture("s3-image-async-response.json")));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      client.images().submit(simple(model).resolution(Resolution.K1).build());
    }
    assertThat(sentMap(server.takeRequest())).containsEntry("image_size", "1k").containsEntry("model", model);
  }

  @Test
  void sendsAnExactSizeAsTheRatioAndClassItEquals() throws Exception {
    server.enqueue(ok(fixture("s3-image-async-response.json")));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      client.images().submit(simple("nano-banana-2").size(1024, 576).build());
    }
    assertThat(bodyText(server.takeRequest())).isEqualTo(
        "{\"model\":\"nano-banana-2\",\"prompt\":\"A red fox in the snow\",\"aspect_ratio\":\"16:9\","
        + "\"image_size\":\"1k\"}");
  }

  @Test
  void sendsTheDocumentedDefaultModelWhenNoneIsGivenAndTheListedFormOfAPrefixedOne() throws Exception {
    server.enqueue(ok(fixture("s3-image-async-response.json")));
    server.enqueue(ok(fixture("s3-image-async-response.json")));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      client.images().submit(ImageRequest.builder().prompt("A red fox in the snow").build());
      client.images().submit(simple("google/nano-banana-pro").build());
    }
    assertThat(sentMap(server.takeRequest())).containsEntry("model", "nano-banana-2");
    assertThat(sentMap(server.takeRequest())).containsEntry("model", "nano-banana-pro");
  }

  @Test
  void refusesAModelItDoesNotOfferNamingTheOnesItDoes() {
    try (CheapSubClient client = CheapSubWire.client(server)) {
      assertThatThrownBy(() -> client.images().submit(simple("dall-e-3").build()))
          .isInstanceOf(ValidationException.class)
          .hasMessage("cheapsub: model: cheapsub offers these image models: nano-banana-2, nano-banana-pro,"
              + " nano-banana, gpt-image-1.5; was dall-e-3");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void refusesNeutralFieldsCheapSubCannotExpress() {
    try (CheapSubClient client = CheapSubWire.client(server)) {
      assertThatThrownBy(() -> client.images().submit(simple("nano-banana-2").size(1000, 1000).build()))
          .isInstanceOf(ValidationException.class).hasMessageStartingWith("cheapsub: size: ")
          .hasMessageContaining("1000x1000 has no exact equivalent").hasMessageContaining("fit(Fit.NEAREST)");
      assertThatThrownBy(() -> client.images().submit(simple("nano-banana-2").quality(Quality.HIGH).build()))
          .isInstanceOf(ValidationException.class).hasMessageContaining("cheapsub").hasMessageContaining("quality");
      assertThatThrownBy(() -> client.images().submit(simple("nano-banana-2").seed(0).build()))
          .isInstanceOf(ValidationException.class).hasMessageContaining("cheapsub").hasMessageContaining("seed");
      assertThatThrownBy(() -> client.images().submit(simple("nano-banana-2").n(2).build()))
          .isInstanceOf(ValidationException.class).hasMessageContaining("cheapsub").hasMessageContaining("n:")
          .hasMessageContaining("2");
      assertThatThrownBy(() -> client.images().submit(simple("nano-banana-2")
          .vendorOption(new CheapSubChatWireTest.OtherVendorOption("gptimagehub")).build()))
          .isInstanceOf(ValidationException.class).hasMessageContaining("gptimagehub");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void nEqualToOneIsAccepted() throws Exception {
    server.enqueue(ok(fixture("s3-image-async-response.json")));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      client.images().submit(simple("nano-banana-2").n(1).build());
    }
    assertThat(sentMap(server.takeRequest())).doesNotContainKey("n");
  }

  @Test
  void rawSubmitKeepsHttpDetails() {
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/json")
        .setHeader("X-Request-Id", "img-req-1").body(fixture("s3-image-async-response.json")).build());
    try (CheapSubClient client = CheapSubWire.client(server)) {
      RawResponse<Operation<ImageResult>> raw = client.images().withRawResponse().submit(curlExample());
      assertThat(raw.status()).isEqualTo(200);
      assertThat(raw.requestId()).isEqualTo("img-req-1");
      assertThat(raw.body().id()).isEqualTo(TASK_ID);
    }
  }

  /** A 2x2 PNG, made with ImageIO. */
  static byte[] png() throws Exception {
    BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
    image.setRGB(0, 0, 0xFF0000);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }
}
