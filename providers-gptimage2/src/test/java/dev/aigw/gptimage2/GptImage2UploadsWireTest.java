package dev.aigw.gptimage2;

import static dev.aigw.gptimage2.GptImage2TestWire.accepted;
import static dev.aigw.gptimage2.GptImage2TestWire.assertJsonPost;
import static dev.aigw.gptimage2.GptImage2TestWire.bodyText;
import static dev.aigw.gptimage2.GptImage2TestWire.fixture;
import static dev.aigw.gptimage2.GptImage2TestWire.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aigw.core.error.AigwException;
import dev.aigw.core.error.ApiException;
import dev.aigw.core.error.PermissionDeniedException;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.media.DataUrl;
import dev.aigw.core.media.MediaInput;
import dev.aigw.testkit.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two-step upload (doc section "POST /api/v1/upload"): the upload request, the presigned URL
 * and key it answers, the PUT of the exact bytes to that URL on the storage host (its content
 * type, no {@code Authorization}, no idempotency header), and the keys sent as {@code
 * inputImageKeys} with {@code type: edit}. The presigned URL never appears whole in a log line or
 * an exception message.
 */
class GptImage2UploadsWireTest {
  @StartStop final MockWebServer api = new MockWebServer();
  @StartStop final MockWebServer storage = new MockWebServer();

  static final byte[] PNG = TestMedia.png(16, 16, 1);
  static final byte[] JPEG = TestMedia.jpeg(16, 16, 2);

  private GptImage2TestWire.LogCapture logs;

  @BeforeEach
  void captureLogs() {
    logs = new GptImage2TestWire.LogCapture();
  }

  @AfterEach
  void stopCapturing() {
    logs.close();
  }

  /** The doc's upload answer (from its field table), its URL on the storage server, the key made unique. */
  private MockResponse uploadAnswer(String keyName) {
    String storageBase = storage.url("/").toString().replaceAll("/$", "");
    return ok(fixture("upload-response.json").replace("{storage}", storageBase)
        .replace("\"uploads/...\"", "\"uploads/" + keyName + "\""));
  }

  private static MockResponse stored() {
    return new MockResponse.Builder().code(200).setHeader("ETag", "\"abc\"").build();
  }

  @Test
  void aLocalFileIsUploadedInTwoStepsThenEditedByItsKey(@TempDir Path dir) throws Exception {
    Path cat = Files.write(dir.resolve("cat.png"), PNG);
    api.enqueue(uploadAnswer("k1/cat.png"));
    storage.enqueue(stored());
    api.enqueue(accepted("gen_1"));
    try (GptImage2Client client = GptImage2TestWire.client(api)) {
      client.images().submit(ImageRequest.builder().prompt("make it blue").referenceFile(cat).build());
    }

    RecordedRequest upload = api.takeRequest();
    assertJsonPost(upload, "/api/v1/upload");
    assertThat(bodyText(upload)).isEqualTo("{\"filename\":\"cat.png\",\"contentType\":\"image/png\",\"size\":"
        + PNG.length + "}");

    RecordedRequest put = storage.takeRequest();
    assertThat(put.getMethod()).isEqualTo("PUT");
    assertThat(put.getUrl().encodedPath()).isEqualTo("/uploads/...");
    assertThat(put.getUrl().query()).isEqualTo("X-Amz-Signature=...&X-Amz-Expires=300");
    assertThat(put.getHeaders().get("Content-Type")).isEqualTo("image/png");
    assertThat(put.getHeaders().get("Content-Length")).isEqualTo(String.valueOf(PNG.length));
    assertThat(put.getHeaders().get("Authorization")).isNull();
    assertThat(put.getHeaders().get("Idempotency-Key")).isNull();
    assertThat(put.getBody().toByteArray()).isEqualTo(PNG);

    RecordedRequest generate = api.takeRequest();
    assertJsonPost(generate, "/api/v1/generate");
    assertThat(bodyText(generate)).isEqualTo("{\"prompt\":\"make it blue\",\"type\":\"edit\","
        + "\"inputImageKeys\":[\"uploads/k1/cat.png\"]}");
    assertThat(api.getRequestCount()).isEqualTo(2);
  }

  @Test
  void bytesAndDataUrlsAreUploadedWithTheirDetectedTypeAndGivenKeysComeFirst() throws Exception {
    api.enqueue(uploadAnswer("k1"));
    storage.enqueue(stored());
    api.enqueue(uploadAnswer("k2"));
    storage.enqueue(stored());
    api.enqueue(accepted("gen_1"));
    byte[] webp = dataUrlBytesOfWebp();
    try (GptImage2Client client = GptImage2TestWire.client(api)) {
      client.images().submit(ImageRequest.builder().prompt("blend them")
          .reference(MediaInput.bytes(JPEG, "photo.jpg"))
          .reference(MediaInput.dataUrl(DataUrl.encode("image/webp", webp)))
          .vendorOption(GptImage2Options.inputImageKeys(List.of("uploads/earlier"))).build());
    }

    assertThat(bodyText(api.takeRequest())).isEqualTo("{\"filename\":\"photo.jpg\",\"contentType\":\"image/jpeg\",\"size\":"
        + JPEG.length + "}");
    RecordedRequest jpegPut = storage.takeRequest();
    assertThat(jpegPut.getHeaders().get("Content-Type")).isEqualTo("image/jpeg");
    assertThat(jpegPut.getBody().toByteArray()).isEqualTo(JPEG);
    assertThat(bodyText(api.takeRequest())).isEqualTo("{\"filename\":\"image.webp\",\"contentType\":\"image/webp\",\"size\":"
        + webp.length + "}");
    RecordedRequest webpPut = storage.takeRequest();
    assertThat(webpPut.getHeaders().get("Content-Type")).isEqualTo("image/webp");
    assertThat(webpPut.getBody().toByteArray()).isEqualTo(webp);
    assertThat(bodyText(api.takeRequest())).isEqualTo("{\"prompt\":\"blend them\",\"type\":\"edit\","
        + "\"inputImageKeys\":[\"uploads/earlier\",\"uploads/k1\",\"uploads/k2\"]}");
  }

  /** The smallest WebP container {@code MediaInput} recognises by its first bytes. */
  private static byte[] dataUrlBytesOfWebp() {
    return new byte[] {'R', 'I', 'F', 'F', 26, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', 'L', 13, 0, 0, 0, 0x2f, 0, 0, 0,
        0x10, 7, 0x10, 0x11, 0x11, (byte) 0x88, (byte) 0x88, (byte) 0xfe, 7, 0};
  }

  @Test
  void bytesWithoutANameAreNamedByTheirFormat() throws Exception {
    api.enqueue(uploadAnswer("k1"));
    storage.enqueue(stored());
    UploadedImage uploaded;
    try (GptImage2Client client = GptImage2TestWire.client(api)) {
      uploaded = client.uploads().upload(MediaInput.bytes(PNG));
    }

    assertThat(bodyText(api.takeRequest())).contains("\"filename\":\"image.png\"");
    assertThat(uploaded).isEqualTo(new UploadedImage("uploads/k1", "image/png", PNG.length));
  }

  @Test
  void aStorageRefusalNamesTheHostButNeverThePresignedUrl() throws Exception {
    api.enqueue(ok("{\"url\":\"" + storage.url("/bucket/uploads/k1/cat.png") + "?X-Amz-Signature=5ec7e75ig&X-Amz-Expires=300\","
        + "\"key\":\"uploads/k1/cat.png\"}"));
    storage.enqueue(new MockResponse.Builder().code(403).setHeader("Content-Type", "application/xml")
        .body("<Error><Code>SignatureDoesNotMatch</Code><StringToSign>PUT /bucket/uploads/k1/cat.png "
            + "X-Amz-Signature=5ec7e75ig</StringToSign></Error>").build());
    PermissionDeniedException e;
    try (GptImage2Client client = GptImage2TestWire.client(api)) {
      e = catchThrowableOfType(PermissionDeniedException.class,
          () -> client.images().submit(ImageRequest.builder().prompt("p").reference(MediaInput.bytes(PNG)).build()));
    }

    assertThat(e.getMessage()).startsWith("[gptimage2] 403: the host http://" + storage.getHostName() + "/… answered PUT with: ")
        .contains("SignatureDoesNotMatch").doesNotContain("5ec7e75ig").doesNotContain("/bucket");
    assertThat(api.getRequestCount()).as("nothing generated").isEqualTo(1);
    List<String> shown = new ArrayList<>(logs.lines());
    shown.add(e.details().body());
    assertThat(shown).isNotEmpty().allSatisfy(l -> assertThat(l).doesNotContain("5ec7e75ig").doesNotContain("k1/cat.png"));
    assertThat(logs.lines()).anyMatch(l -> l.contains("PUT http://" + storage.getHostName() + "/…"));
  }

  @Test
  void aStorageHiccupIsRetriedWithTheSameBytes(@TempDir Path dir) throws Exception {
    Path cat = Files.write(dir.resolve("cat.png"), PNG);
    api.enqueue(uploadAnswer("k1"));
    storage.enqueue(new MockResponse.Builder().code(503).build());
    storage.enqueue(stored());
    try (GptImage2Client client = GptImage2TestWire.client(api)) {
      assertThat(client.uploads().upload(MediaInput.file(cat)).key()).isEqualTo("uploads/k1");
    }

    assertThat(storage.takeRequest().getBody().toByteArray()).isEqualTo(PNG);
    assertThat(storage.takeRequest().getBody().toByteArray()).isEqualTo(PNG);
    assertThat(api.getRequestCount()).as("one presigned URL serves both attempts").isEqualTo(1);
  }

  @Test
  void anUploadAnswerWithoutUrlOrKeyIsAClearError() {
    api.enqueue(ok("{\"key\":\"uploads/k1\"}"));
    api.enqueue(ok("{\"url\":\"" + storage.url("/x") + "\"}"));
    api.enqueue(ok("{\"url\":\"/relative/put?sig=1\",\"key\":\"uploads/k1\"}"));
    try (GptImage2Client client = GptImage2TestWire.client(api)) {
      for (int i = 0; i < 2; i++) {
        assertThat(catchThrowable(() -> client.uploads().upload(MediaInput.bytes(PNG))))
            .isInstanceOf(AigwException.class).hasMessage("[gptimage2] the upload answer has no url or key");
      }
      assertThat(catchThrowable(() -> client.uploads().upload(MediaInput.bytes(PNG))))
          .isInstanceOf(AigwException.class)
          .hasMessage("[gptimage2] the upload answer's url is not an absolute http(s) URL");
    }
    assertThat(storage.getRequestCount()).isZero();
  }

  @Test
  void aRefusedUploadRequestIsTheVendorsError() {
    api.enqueue(GptImage2TestWire.json(400, "{\"error\":\"size: Number must be less than or equal to 10485760\"}"));
    try (GptImage2Client client = GptImage2TestWire.client(api)) {
      ApiException e = catchThrowableOfType(ApiException.class, () -> client.uploads().upload(MediaInput.bytes(PNG)));
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.getMessage()).isEqualTo("[gptimage2] 400: size: Number must be less than or equal to 10485760");
    }
    assertThat(storage.getRequestCount()).isZero();
  }

  @Test
  void theUploadServiceChecksItsInputBeforeSending(@TempDir Path dir) throws Exception {
    Path gif = Files.write(dir.resolve("a.gif"), new byte[] {'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, 0, 0, 0});
    try (GptImage2Client client = GptImage2TestWire.client(api)) {
      assertThat(catchThrowableOfType(ValidationException.class, () -> client.uploads().upload(MediaInput.file(gif))))
          .hasMessage("gptimage2: image: file a.gif is GIF; accepted: JPEG, PNG, WEBP");
      assertThat(catchThrowableOfType(ValidationException.class,
          () -> client.uploads().upload(MediaInput.url("https://example.com/cat.png"))).field()).isEqualTo("image");
      assertThat(catchThrowableOfType(ValidationException.class, () -> client.uploads().upload(null)))
          .hasMessage("gptimage2: image: is required (a file, bytes or a data URL)");
      assertThat(catchThrowableOfType(ValidationException.class,
          () -> client.uploads().upload(MediaInput.bytes(PNG, "n".repeat(197) + ".png"))).field()).isEqualTo("filename");
    }
    assertThat(api.getRequestCount()).isZero();
  }
}
