package dev.aigw.testkit;

import static dev.aigw.testkit.RawHttp.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.imageio.ImageIO;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Images and videos of {@link FakeCloudGpt}: binary answers, their formats, sizes and checks. */
@Timeout(30)
class FakeCloudGptMediaTest {
  private FakeCloudGpt fake;

  @BeforeEach
  void start() {
    fake = FakeCloudGpt.start();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  /** A binary answer read whole. */
  record Binary(int code, String contentType, long contentLength, byte[] bytes) {}

  private Binary postForBytes(String path, String json) throws IOException {
    Request request = new Request.Builder().url(fake.baseUrl() + path).header("Authorization", "Bearer " + fake.apiKey())
        .post(RequestBody.create(json, MediaType.get("application/json"))).build();
    try (Response r = RawHttp.CLIENT.newCall(request).execute()) {
      return new Binary(r.code(), r.header("Content-Type"), r.body().contentLength(), r.body().bytes());
    }
  }

  private static BufferedImage decode(byte[] bytes) throws IOException {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
    assertThat(image).as("decodes").isNotNull();
    return image;
  }

  @Test
  void anImageIsAPngOfTheAskedSize() throws IOException {
    Binary answer = postForBytes("/api/image", "{\"prompt\":\"A sunset\",\"model\":\"flux\",\"width\":64,\"height\":48,\"seed\":0}");

    assertThat(answer.code()).isEqualTo(200);
    assertThat(answer.contentType()).isEqualTo("image/png");
    assertThat(Arrays.copyOf(answer.bytes(), 4)).containsExactly(0x89, 'P', 'N', 'G');
    BufferedImage image = decode(answer.bytes());
    assertThat(image.getWidth()).isEqualTo(64);
    assertThat(image.getHeight()).isEqualTo(48);
  }

  @Test
  void theDefaultSizeIsTheDocumented1024Square() throws IOException {
    BufferedImage image = decode(postForBytes("/api/image", "{\"prompt\":\"A sunset\",\"model\":\"turbo\"}").bytes());

    assertThat(image.getWidth()).isEqualTo(1024);
    assertThat(image.getHeight()).isEqualTo(1024);
  }

  @Test
  void theSameSeedDrawsTheSamePicture() throws IOException {
    String body = "{\"prompt\":\"p\",\"model\":\"flux\",\"width\":16,\"height\":16,\"seed\":12345}";
    byte[] first = postForBytes("/api/image", body).bytes();

    assertThat(postForBytes("/api/image", body).bytes()).isEqualTo(first);
    assertThat(postForBytes("/api/image", body.replace("12345", "0")).bytes()).isNotEqualTo(first);
  }

  @Test
  void jpegImagesAreJpegsAndSaySo() throws IOException {
    fake.imagesAs("image/jpeg");
    Binary answer = postForBytes("/api/image", "{\"prompt\":\"p\",\"model\":\"flux\",\"width\":20,\"height\":10}");

    assertThat(answer.contentType()).isEqualTo("image/jpeg");
    assertThat(Arrays.copyOf(answer.bytes(), 3)).containsExactly(0xFF, 0xD8, 0xFF);
    assertThat(decode(answer.bytes()).getWidth()).isEqualTo(20);
    assertThatThrownBy(() -> fake.imagesAs("image/webp")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void imagesCanBeMislabelled() throws IOException {
    fake.imagesAs("image/jpeg").imageContentType("image/png");
    Binary mislabelled = postForBytes("/api/image", "{\"prompt\":\"p\",\"model\":\"flux\",\"width\":8,\"height\":8}");
    fake.imageContentType(null);
    Binary honest = postForBytes("/api/image", "{\"prompt\":\"p\",\"model\":\"flux\",\"width\":8,\"height\":8}");

    assertThat(mislabelled.contentType()).isEqualTo("image/png");
    assertThat(mislabelled.bytes()[0] & 0xFF).isEqualTo(0xFF);
    assertThat(honest.contentType()).isEqualTo("image/jpeg");
  }

  @Test
  void imageRequestsAreChecked() throws IOException {
    assertThat(error("/api/image", "{\"model\":\"flux\"}")).isEqualTo("prompt is required");
    assertThat(error("/api/image", "{\"prompt\":\" \",\"model\":\"flux\"}")).isEqualTo("prompt is required");
    assertThat(error("/api/image", "{\"prompt\":\"p\"}")).isEqualTo("model is required");
    assertThat(error("/api/image", "{\"prompt\":\"p\",\"model\":\"veo\"}")).isEqualTo("Unknown image model: veo");
    assertThat(error("/api/image", "{\"prompt\":\"p\",\"model\":\"flux\",\"width\":5000}"))
        .isEqualTo("width must be an integer from 1 to 4096");
    assertThat(error("/api/image", "{\"prompt\":\"p\",\"model\":\"flux\",\"height\":\"tall\"}"))
        .isEqualTo("height must be an integer from 1 to 4096");
    assertThat(error("/api/image", "{\"prompt\":\"p\",\"model\":\"flux\",\"seed\":1.5}")).isEqualTo("seed must be an integer");
  }

  private String error(String path, String body) throws IOException {
    RawHttp.Answer answer = post(fake, path, fake.apiKey(), body);
    assertThat(answer.code()).isEqualTo(400);
    assertThat(answer.at("error", "type")).isEqualTo("invalid_request_error");
    return answer.string("error", "message");
  }

  @Test
  void aVideoIsTheRealSampleMp4() throws IOException {
    Binary answer = postForBytes("/api/video", "{\"prompt\":\"Ocean waves\",\"model\":\"veo\",\"duration\":4}");

    assertThat(answer.code()).isEqualTo(200);
    assertThat(answer.contentType()).isEqualTo("video/mp4");
    assertThat(answer.bytes()).isEqualTo(TestMedia.mp4());
    assertThat(new String(answer.bytes(), 4, 4, StandardCharsets.US_ASCII)).isEqualTo("ftyp");
  }

  @Test
  void aLargeVideoIsAnMp4ShapedBodyOfExactlyTheAskedLength() throws IOException {
    long size = 3 * 1024 * 1024 + 17;
    fake.videoSize(size);
    Request request = new Request.Builder().url(fake.baseUrl() + "/api/video").header("Authorization", "Bearer " + fake.apiKey())
        .post(RequestBody.create("{\"prompt\":\"p\",\"model\":\"seedance\",\"duration\":10}", MediaType.get("application/json")))
        .build();
    byte[] head = new byte[40];
    long total;
    try (Response r = RawHttp.CLIENT.newCall(request).execute(); InputStream in = r.body().byteStream()) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.body().contentLength()).isEqualTo(size);
      assertThat(in.readNBytes(head, 0, head.length)).isEqualTo(40);
      total = 40 + in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    assertThat(total).isEqualTo(size);
    ByteBuffer box = ByteBuffer.wrap(head);
    assertThat(box.getInt(0)).isEqualTo(32);
    assertThat(new String(head, 4, 4, StandardCharsets.US_ASCII)).isEqualTo("ftyp");
    assertThat(new String(head, 8, 4, StandardCharsets.US_ASCII)).isEqualTo("isom");
    assertThat(box.getInt(32)).as("mdat covers the rest").isEqualTo((int) (size - 32));
    assertThat(new String(head, 36, 4, StandardCharsets.US_ASCII)).isEqualTo("mdat");

    fake.videoSize(0);
    assertThat(postForBytes("/api/video", "{\"prompt\":\"p\",\"model\":\"veo\"}").bytes()).isEqualTo(TestMedia.mp4());
  }

  @Test
  void videoSizesTooSmallOrTooLargeAreRefusedAtOnce() {
    assertThatThrownBy(() -> fake.videoSize(10)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10");
    assertThatThrownBy(() -> fake.videoSize(5L << 30)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void videoRequestsAreCheckedAgainstTheModelsMaximumDuration() throws IOException {
    assertThat(error("/api/video", "{\"prompt\":\"p\",\"model\":\"veo\",\"duration\":9}"))
        .isEqualTo("duration must be an integer from 1 to 8 seconds for veo");
    assertThat(error("/api/video", "{\"prompt\":\"p\",\"model\":\"seedance-pro\",\"duration\":0}"))
        .isEqualTo("duration must be an integer from 1 to 10 seconds for seedance-pro");
    assertThat(error("/api/video", "{\"prompt\":\"p\",\"model\":\"flux\"}")).isEqualTo("Unknown video model: flux");
    assertThat(error("/api/video", "{\"prompt\":\"p\",\"model\":\"veo\",\"width\":0}"))
        .isEqualTo("width must be an integer from 1 to 4096");
    assertThat(postForBytes("/api/video", "{\"prompt\":\"p\",\"model\":\"seedance-pro\",\"duration\":10}").code()).isEqualTo(200);
  }

  @Test
  void mediaCanBeAnsweredWithJsonInstead() throws IOException {
    fake.mediaAsJson(true);
    RawHttp.Answer image = post(fake, "/api/image", fake.apiKey(), "{\"prompt\":\"p\",\"model\":\"flux\"}");
    RawHttp.Answer video = post(fake, "/api/video", fake.apiKey(), "{\"prompt\":\"p\",\"model\":\"veo\"}");

    assertThat(image.code()).isEqualTo(200);
    assertThat(image.headers().get("Content-Type")).startsWith("application/json");
    assertThat(image.json()).containsEntry("status", "queued").containsEntry("message", "Your image is being generated");
    assertThat(video.json()).containsEntry("message", "Your video is being generated");
  }
}
