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
import dev.aigw.core.error.ApiException;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.image.GeneratedImage;
import dev.aigw.core.image.Fit;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.image.Quality;
import dev.aigw.core.image.Resolution;
import dev.aigw.core.media.GeneratedMedia;
import dev.aigw.core.media.MediaInput;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.operation.OperationStatus;
import dev.aigw.testkit.TestMedia;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import javax.imageio.ImageIO;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code POST /api/image} (doc section "Image Generation"): the documented request bodies, and the
 * binary answer — "the generated image as binary data (PNG/JPEG) with appropriate Content-Type
 * header" — read into a file whose format the header names and the bytes confirm.
 */
class CloudGptImagesWireTest {
  @StartStop final MockWebServer server = new MockWebServer();

  @TempDir Path dir;

  /** The doc's Request Body example, built with the neutral API. */
  static ImageRequest requestBodyExample() {
    return ImageRequest.builder().prompt("A beautiful sunset over mountains, digital art").model("flux")
        .size(1024, 1024).seed(12345).build();
  }

  static final byte[] PNG = TestMedia.png(40, 30, 7);
  static final byte[] JPEG = TestMedia.jpeg(40, 30, 7);

  private ImageResult generate(ImageRequest request) {
    try (CloudGptClient client = CloudGptWire.client(server)) {
      return client.images().generate(request);
    }
  }

  private static BufferedImage decode(Path file) throws IOException {
    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image).as("decodes").isNotNull();
    return image;
  }

  /** Image Generation — Request Body: sent exactly, in the doc's order. */
  @Test
  void sendsTheDocumentedRequestBodyExactly() throws Exception {
    server.enqueue(binary("image/png", PNG));
    generate(requestBodyExample());
    RecordedRequest request = server.takeRequest();
    assertJsonPost(request, "/api/image");
    assertThat(body(request)).isEqualTo(parse(fixture("image-request.json")));
    assertThat(bodyText(request)).isEqualTo("{\"prompt\":\"A beautiful sunset over mountains, digital art\","
        + "\"model\":\"flux\",\"width\":1024,\"height\":1024,\"seed\":12345}");
  }

  /** Image Generation — Example, and Code Examples — cURL: nothing is added to the doc's bodies. */
  @Test
  void sendsTheDocumentedCurlBodiesExactly() throws Exception {
    server.enqueue(binary("image/png", PNG));
    server.enqueue(binary("image/png", PNG));
    generate(ImageRequest.builder().prompt("A futuristic city at night").model("flux").size(1024, 1024).build());
    generate(ImageRequest.builder().prompt("A sunset over mountains").model("flux").build());
    assertThat(body(server.takeRequest())).isEqualTo(parse(fixture("image-curl-request.json")));
    assertThat(body(server.takeRequest())).isEqualTo(parse(fixture("examples-curl-image-request.json")));
  }

  @Test
  void aSeedOfZeroIsSentAsZeroAndLargeSeedsExactly() throws Exception {
    server.enqueue(binary("image/png", PNG));
    server.enqueue(binary("image/png", PNG));
    generate(ImageRequest.builder().prompt("p").model("flux").seed(0).build());
    generate(ImageRequest.builder().prompt("p").model("flux").seed(9_007_199_254_740_993L).size(640, 480).build());
    assertThat(bodyText(server.takeRequest())).isEqualTo("{\"prompt\":\"p\",\"model\":\"flux\",\"seed\":0}");
    assertThat(bodyText(server.takeRequest()))
        .isEqualTo("{\"prompt\":\"p\",\"model\":\"flux\",\"width\":640,\"height\":480,\"seed\":9007199254740993}");
  }

  @Test
  void aPngAnswerIsSpooledAndSavedAsThePng() throws IOException {
    server.enqueue(binary("image/png", PNG));
    ImageResult result = generate(requestBodyExample());

    GeneratedImage image = result.first();
    assertThat(result.images()).hasSize(1);
    assertThat(image.mimeType()).isEqualTo("image/png");
    assertThat(image.source()).isEqualTo(GeneratedMedia.Source.FILE);
    assertThat(result.cost()).isNull();
    assertThat(result.id()).isNull();
    assertThat(result.raw().text()).isEqualTo("{}");
    Path saved = image.saveTo(dir.resolve("out/sunset.png"));
    assertThat(Files.readAllBytes(saved)).isEqualTo(PNG);
    assertThat(decode(saved).getWidth()).isEqualTo(40);
    assertThat(image.bytes()).isEqualTo(PNG);
  }

  /** The content type decides: a JPEG said to be {@code image/jpeg} is one. */
  @Test
  void aJpegLabelledJpegIsAJpeg() throws IOException {
    server.enqueue(binary("image/jpeg", JPEG));
    GeneratedImage image = generate(requestBodyExample()).first();

    assertThat(image.mimeType()).isEqualTo("image/jpeg");
    assertThat(decode(image.saveTo(dir.resolve("sunset.jpg"))).getHeight()).isEqualTo(30);
  }

  /** Header and bytes disagree: the bytes are what will be decoded, so they win. */
  @ParameterizedTest
  @ValueSource(strings = {"image/png|jpeg", "image/jpeg|png"})
  void whenTheHeaderAndTheBytesDisagreeTheBytesWin(String labelAndActual) throws IOException {
    String[] parts = labelAndActual.split("\\|");
    byte[] bytes = parts[1].equals("jpeg") ? JPEG : PNG;
    server.enqueue(binary(parts[0], bytes));
    GeneratedImage image = generate(requestBodyExample()).first();

    assertThat(image.mimeType()).isEqualTo("image/" + parts[1]);
    assertThat(image.bytes()).isEqualTo(bytes);
  }

  @ParameterizedTest
  @ValueSource(strings = {"application/octet-stream", "binary/octet-stream", "none"})
  void aGenericOrMissingContentTypeIsResolvedByTheBytes(String contentType) {
    server.enqueue(binary(contentType.equals("none") ? null : contentType, JPEG));
    assertThat(generate(requestBodyExample()).first().mimeType()).isEqualTo("image/jpeg");
  }

  @Test
  void aContentTypeWithParametersStillCounts() {
    server.enqueue(binary("Image/PNG; qs=0.9", PNG));
    assertThat(generate(requestBodyExample()).first().mimeType()).isEqualTo("image/png");
  }

  @Test
  void anImageFormatAigwCannotCheckIsTakenAtItsWord() {
    byte[] avif = {0, 0, 0, 0x1C, 'f', 't', 'y', 'p', 'a', 'v', 'i', 'f', 0, 0, 0, 0};
    server.enqueue(binary("image/avif", avif));
    GeneratedImage image = generate(requestBodyExample()).first();

    assertThat(image.mimeType()).isEqualTo("image/avif");
    assertThat(image.bytes()).isEqualTo(avif);
  }

  @Test
  void bytesThatAreNoImageAreAClearErrorAndLeaveNoFile() throws IOException {
    byte[] garbage = "definitely not a picture".getBytes(StandardCharsets.US_ASCII);
    server.enqueue(binary("image/png", garbage));
    Throwable thrown;
    try (CloudGptClient client = CloudGptWire.client(server)) {
      thrown = catchThrowable(() -> client.images().submit(requestBodyExample()));
    }
    assertThat(thrown).isExactlyInstanceOf(MalformedResponseException.class)
        .hasMessage("expected image bytes (PNG or JPEG) but the 24 bytes answered as image/png are no image format"
            + " aigw recognises; they start \"definitely not a picture\"" + " — not retried: the server accepted the request (HTTP 200) but its answer could not be read, so a retry"
            + " could charge twice; cloudgpt documents no idempotency key for this call: the work may exist and be"
            + " charged, and aigw cannot find it");
    assertThat(((AigwException) thrown).vendor()).isEqualTo("cloudgpt");
    assertThat(spooledFilesHolding(garbage)).as("the spooled file is deleted").isZero();
    assertThat(server.getRequestCount()).as("not retried").isEqualTo(1);
  }

  @Test
  void binaryBytesThatAreNoImageAreShownInHex() {
    server.enqueue(binary("application/octet-stream", new byte[] {0, 1, 2, (byte) 0xFE, 4, 5}));
    assertThatThrownBy(() -> generate(requestBodyExample()))
        .isExactlyInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("the 6 bytes answered as application/octet-stream are no image format")
        .hasMessageContaining("they start 0x000102fe0405 — not retried: ");
  }

  /** Spooled files (core names them {@code aigw-*.bin}) that hold exactly {@code content}. */
  static long spooledFilesHolding(byte[] content) throws IOException {
    try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files.filter(p -> p.getFileName().toString().startsWith("aigw-")).filter(p -> {
        try {
          return Files.size(p) == content.length && java.util.Arrays.equals(Files.readAllBytes(p), content);
        } catch (IOException e) {
          return false; // deleted meanwhile by another test
        }
      }).count();
    }
  }

  /** A 200 with JSON (and no error in it) where the image was expected is an error quoting the server, not a corrupt file. */
  @Test
  void aJsonAnswerWhereTheImageWasExpectedIsAClearError() {
    server.enqueue(json(200, "{\"status\":\"queued\",\"message\":\"Image generation is temporarily unavailable\"}"));
    assertThatThrownBy(() -> generate(requestBodyExample()))
        .isExactlyInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("expected image bytes but the server answered 200 with application/json")
        .hasMessageContaining("Image generation is temporarily unavailable");
  }

  /** A 200 whose JSON is an error (the deployed server's upstream refusal) is the typed API error, with the server's words. */
  @Test
  void aJsonErrorInA200IsAnApiExceptionWithTheServersWords() {
    server.enqueue(json(200, "{\"error\":\"Image generation is temporarily unavailable\"}"));
    assertThatThrownBy(() -> generate(requestBodyExample()))
        .isInstanceOfSatisfying(dev.aigw.core.error.ServerException.class, e -> {
          assertThat(e.status()).isEqualTo(200);
          assertThat(e.vendorMessage()).isEqualTo("Image generation is temporarily unavailable");
        })
        .hasMessage("[cloudgpt] 200: Image generation is temporarily unavailable");
  }

  @Test
  void submitReturnsAnOperationThatHasAlreadySucceeded() {
    server.enqueue(binary("image/png", PNG));
    Operation<ImageResult> op;
    try (CloudGptClient client = CloudGptWire.client(server)) {
      op = client.images().submit(requestBodyExample());
    }
    assertThat(op.isDone()).isTrue();
    assertThat(op.status()).isEqualTo(OperationStatus.SUCCEEDED);
    assertThat(op.vendor()).isEqualTo("cloudgpt");
    assertThat(op.id()).startsWith("local-");
    assertThat(op.result().first().bytes()).isEqualTo(PNG);
    assertThat(op.waitForCompletion()).isSameAs(op.result());
    assertThat(op.poll().status()).isEqualTo(OperationStatus.SUCCEEDED);
    assertThat(server.getRequestCount()).as("nothing is polled").isEqualTo(1);
  }

  @Test
  void thereIsNothingToResume() {
    try (CloudGptClient client = CloudGptWire.client(server)) {
      assertThatThrownBy(() -> client.images().resume("local-123"))
          .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("operationId"))
          .hasMessageContaining("cloudgpt")
          .hasMessageContaining("no operation to resume");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void rawResponseKeepsTheDeclaredContentTypeAndRateLimit() {
    server.enqueue(binary("image/png", JPEG).newBuilder()
        .setHeader("X-RateLimit-Remaining", "29").setHeader("X-RateLimit-Reset", "1767225600").build());
    RawResponse<Operation<ImageResult>> raw;
    try (CloudGptClient client = CloudGptWire.client(server)) {
      raw = client.images().withRawResponse().submit(requestBodyExample());
    }
    assertThat(raw.status()).isEqualTo(200);
    assertThat(raw.header("Content-Type")).isEqualTo("image/png");
    assertThat(raw.body().result().first().mimeType()).isEqualTo("image/jpeg");
    assertThat(raw.rateLimit().remaining()).isEqualTo(29);
    assertThat(raw.rateLimit().reset()).isEqualTo(java.time.Instant.ofEpochSecond(1_767_225_600L));
  }

  // ---- what CloudGPT cannot take is refused before sending ----

  static ImageRequest.Builder base() {
    return ImageRequest.builder().prompt("A sunset").model("flux");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"n", "aspectRatio", "quality", "references", "model"})
  void fieldsCloudGptCannotExpressAreRefusedBeforeSending(String field) {
    Function<String, ImageRequest> make = f -> switch (f) {
      case "n" -> base().n(2).build();
      case "aspectRatio" -> base().aspectRatio(3, 2).build();
      case "quality" -> base().quality(Quality.HIGH).build();
      case "references" -> base().reference(MediaInput.url("https://example.com/cat.png")).build();
      default -> ImageRequest.builder().prompt("A sunset").model("dall-e-3").build();
    };
    ImageRequest request = make.apply(field);
    try (CloudGptClient client = CloudGptWire.client(server)) {
      assertThatThrownBy(() -> client.images().submit(request))
          .isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.vendor()).isEqualTo("cloudgpt");
          })
          .hasMessageStartingWith("cloudgpt: " + field + ": ");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aRatioAndClassAreSentAsTheExactSizeTheyEqualAndNoModelAsTheDefault() throws Exception {
    server.enqueue(binary("image/png", PNG));
    server.enqueue(binary("image/png", PNG));
    server.enqueue(binary("image/png", PNG));
    generate(ImageRequest.builder().prompt("A sunset").aspectRatio(16, 9).build());
    generate(base().resolution(Resolution.K2).build());
    generate(base().aspectRatio(3, 2).fit(Fit.NEAREST).build());
    assertThat(bodyText(server.takeRequest()))
        .isEqualTo("{\"prompt\":\"A sunset\",\"model\":\"flux\",\"width\":1024,\"height\":576}");
    assertThat(bodyText(server.takeRequest()))
        .isEqualTo("{\"prompt\":\"A sunset\",\"model\":\"flux\",\"width\":2048,\"height\":2048}");
    assertThat(bodyText(server.takeRequest()))
        .isEqualTo("{\"prompt\":\"A sunset\",\"model\":\"flux\",\"width\":1024,\"height\":683}");
  }

  @Test
  void refusalsSayWhatToDoInstead() {
    try (CloudGptClient client = CloudGptWire.client(server)) {
      assertThatThrownBy(() -> client.images().submit(base().aspectRatio(3, 2).build()))
          .hasMessage("cloudgpt: aspectRatio: cloudgpt takes an exact size in pixels, and 3:2 at 1k has none"
              + " (1024 x 682.67): give size(width, height), or ask for the nearest with fit(Fit.NEAREST)");
      assertThatThrownBy(() -> client.images().submit(base().size(1024, 1024).aspectRatio(16, 9).build()))
          .hasMessage("cloudgpt: aspectRatio: 16:9 contradicts the size 1024x1024; give one of them");
      assertThatThrownBy(() -> client.images().submit(base().model("dall-e-3").build()))
          .hasMessage("cloudgpt: model: cloudgpt offers these image models: kontext, turbo, nanobanana, nanobanana-pro,"
              + " seedream, seedream-pro, gptimage, gptimage-large, flux, zimage, mapleai-dalle, mapleai-flux; was dall-e-3");
      assertThatThrownBy(() -> client.images().submit(base().n(4).build()))
          .hasMessage("cloudgpt: n: CloudGPT makes one image per call; was 4");
    }
  }

  @Test
  void nOfOneAndExtraFieldsAreSent() throws Exception {
    server.enqueue(binary("image/png", PNG));
    generate(base().n(1).extraBody("enhance", true).build());
    assertThat(bodyText(server.takeRequest())).isEqualTo("{\"prompt\":\"A sunset\",\"model\":\"flux\",\"enhance\":true}");
  }

  @Test
  void anErrorStatusIsAnApiExceptionNotAFile() {
    server.enqueue(json(400, fixture("error-response.json").replace("invalid_api_key", "invalid_size")));
    assertThatThrownBy(() -> generate(requestBodyExample()))
        .isInstanceOf(ApiException.class)
        .hasMessage("[cloudgpt] 400 invalid_size: Error description");
  }
}
