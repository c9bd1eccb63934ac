package dev.aigw.core.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.Secret;
import dev.aigw.core.image.GeneratedImage;
import dev.aigw.core.internal.Transport;
import dev.aigw.core.internal.TransportConfig;
import dev.aigw.core.media.SpoolFiles;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.ResponseReader;
import dev.aigw.core.video.GeneratedVideo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Binary answers spooled to temporary files: who deletes them, and when. */
class SpooledMediaLifecycleTest {
  @StartStop final MockWebServer server = new MockWebServer();

  private Path spool(byte[] body) {
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "image/png").body(new Buffer().write(body)).build());
    Transport transport = new Transport(TransportConfig.of("acme", server.url("/"), Secret.of("tk_0123456789")));
    return transport.execute(ApiRequest.get("/image").build(), ResponseReader.spool("image bytes")).body().file();
  }

  @Test
  void savingMovesTheContentOutOfTheTemporaryFileWhichIsThenDeleted(@TempDir Path dir) throws Exception {
    byte[] png = TestImages.png(8, 8);
    Path temp = spool(png);
    assertThat(temp).exists();
    assertThat(SpoolFiles.isLive(temp)).isTrue();
    GeneratedImage image = GeneratedImage.fromTemporaryFile("acme", temp, "image/png");

    Path saved = image.saveTo(dir.resolve("out.png"));

    assertThat(temp).doesNotExist();
    assertThat(SpoolFiles.isLive(temp)).isFalse();
    assertThat(image.file()).isEqualTo(saved);
    assertThat(image.bytes()).isEqualTo(png);
    assertThat(Files.readAllBytes(saved)).isEqualTo(png);
    Path second = image.saveTo(dir.resolve("copy.png"));
    assertThat(Files.readAllBytes(second)).isEqualTo(png);
    assertThat(saved).exists();
  }

  @Test
  void discardDeletesTheTemporaryFileAtOnceAndLaterReadsFail() {
    Path temp = spool(new byte[] {1, 2, 3});
    GeneratedVideo video = GeneratedVideo.fromTemporaryFile("acme", temp, "video/mp4");
    video.discard();
    assertThat(temp).doesNotExist();
    assertThat(SpoolFiles.isLive(temp)).isFalse();
    video.discard(); // twice is harmless
    assertThatThrownBy(video::bytes).hasMessageContaining("could not read generated media");
  }

  @Test
  void anUnreachableMediasTemporaryFileIsDeletedWithoutBeingAskedTo() throws Exception {
    Path temp = spool(new byte[] {4, 5, 6});
    GeneratedImage image = GeneratedImage.fromTemporaryFile("acme", temp, "image/png");
    assertThat(image.bytes()).containsExactly(4, 5, 6);
    image = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    // the cleaner thread deletes the file, then forgets it: wait for both, or the check races it
    while ((Files.exists(temp) || SpoolFiles.isLive(temp)) && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(20);
    }
    assertThat(temp).doesNotExist();
    assertThat(SpoolFiles.isLive(temp)).isFalse();
  }

  @Test
  void aFileTheCallerGaveIsNeverDeleted(@TempDir Path dir) throws Exception {
    Path mine = Files.write(dir.resolve("mine.png"), new byte[] {7, 8});
    GeneratedImage image = new GeneratedImage("acme", null, mine, "image/png");
    image.saveTo(dir.resolve("copy.png"));
    image.discard();
    assertThat(mine).exists();
    assertThat(image.file()).isEqualTo(mine);
  }
}
