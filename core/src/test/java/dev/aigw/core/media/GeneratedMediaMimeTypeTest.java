package dev.aigw.core.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aigw.core.image.GeneratedImage;
import dev.aigw.core.internal.HttpDownloader;
import dev.aigw.core.internal.SharedResources;
import dev.aigw.core.video.GeneratedVideo;
import java.nio.file.Path;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image whose gateway gave no MIME type (a result URL, for most vendors) reports the type its
 * bytes show once they have been read, as images whose gateway named a type do from the start.
 */
class GeneratedMediaMimeTypeTest {
  @StartStop final MockWebServer cdn = new MockWebServer();
  @TempDir Path dir;

  private final HttpDownloader downloader =
      new HttpDownloader(SharedResources.httpClient(), "test", Duration.ofSeconds(5));

  private String serve(byte[] body, String contentType) {
    cdn.enqueue(new MockResponse.Builder().setHeader("Content-Type", contentType).body(new Buffer().write(body)).build());
    return cdn.url("/results/1").toString();
  }

  @Test
  void urlImageWithoutATypeReportsTheTypeOfItsBytesOnceSaved() {
    GeneratedImage image = new GeneratedImage("test", serve(TestImages.png(4, 4), "application/octet-stream"),
        null, null, null, downloader);
    assertThat(image.mimeType()).as("before anything is read").isNull();

    image.saveTo(dir.resolve("a.png"));

    assertThat(image.mimeType()).isEqualTo("image/png");
    assertThat(image.toString()).endsWith(", image/png]");
  }

  @Test
  void urlImageWithoutATypeReportsTheTypeOfItsBytesOnceRead() {
    GeneratedImage image = new GeneratedImage("test", serve(TestImages.jpeg(4, 4), "image/png"),
        null, null, null, downloader);

    image.bytes();

    assertThat(image.mimeType()).as("the bytes, not the download's header").isEqualTo("image/jpeg");
  }

  @Test
  void bytesImageWithoutATypeReportsTheTypeOfItsBytesOnceRead() {
    GeneratedImage image = new GeneratedImage("test", TestImages.webp(), null, null);

    image.bytes();

    assertThat(image.mimeType()).isEqualTo("image/webp");
  }

  @Test
  void aTypeTheGatewayGaveIsKept() {
    GeneratedImage image = new GeneratedImage("test", serve(TestImages.png(4, 4), "image/png"),
        "image/webp", null, null, downloader);

    image.saveTo(dir.resolve("b.webp"));

    assertThat(image.mimeType()).isEqualTo("image/webp");
  }

  @Test
  void contentThatIsNoKnownImageLeavesTheTypeUnknown() {
    GeneratedImage image = new GeneratedImage("test", "not an image".getBytes(java.nio.charset.StandardCharsets.UTF_8),
        null, null);

    image.saveTo(dir.resolve("c.bin"));

    assertThat(image.mimeType()).isNull();
  }

  @Test
  void videoWithoutATypeStaysUnknown() {
    GeneratedVideo video = new GeneratedVideo("test", TestImages.png(4, 4), null, null);

    video.saveTo(dir.resolve("v.bin"));

    assertThat(video.mimeType()).as("image signatures do not name a video's type").isNull();
  }
}
