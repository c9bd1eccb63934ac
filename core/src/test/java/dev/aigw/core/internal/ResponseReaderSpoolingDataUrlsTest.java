package dev.aigw.core.internal;

import static dev.aigw.core.internal.TransportTestSupport.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.aigw.core.error.AigwException;
import dev.aigw.core.error.MalformedResponseException;
import dev.aigw.core.image.GeneratedImage;
import dev.aigw.core.media.GeneratedMedia;
import dev.aigw.core.media.SpoolFiles;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.JsonWithMedia;
import dev.aigw.core.spi.ResponseReader;
import dev.aigw.core.spi.SpooledMedia;
import dev.aigw.core.video.GeneratedVideo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ResponseReader#rawJsonSpoolingDataUrls()} over HTTP, and the {@link JsonWithMedia} it
 * returns: who owns each spooled file, and when it goes.
 */
class ResponseReaderSpoolingDataUrlsTest {
  @StartStop final MockWebServer server = new MockWebServer();
  @TempDir Path dir;

  private int liveBefore;

  @BeforeEach
  void countSpoolFiles() {
    liveBefore = SpoolFiles.live();
  }

  private JsonWithMedia poll() {
    Transport t = new Transport(config(server));
    return t.execute(ApiRequest.get("/task").build(), ResponseReader.rawJsonSpoolingDataUrls()).body();
  }

  private static String dataUrl(String type, byte[] bytes) {
    return "data:" + type + ";base64," + Base64.getEncoder().encodeToString(bytes);
  }

  @Test
  void aLargeImageDataUrlArrivesAsAFileTheImageOwns() throws Exception {
    byte[] png = DataUrlSpoolerTest.png(300_000); // 400 KB of base64, well above 64 KiB
    String body = "{\"code\":0,\"data\":{\"status\":\"success\",\"result\":[{\"image\":\"" + dataUrl("image/png", png)
        + "\"}],\"consumed\":\"0.5\"}}";
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/json")
        .chunkedBody(new Buffer().writeUtf8(body), 7_000).build());

    JsonWithMedia answer = poll();

    assertThat(answer.raw().text()).isEqualTo(
        "{\"code\":0,\"data\":{\"status\":\"success\",\"result\":[{\"image\":\"aigw-spooled:0\"}],\"consumed\":\"0.5\"}}");
    assertThat(answer.raw().get("data", "result", 0, "image")).isEqualTo("aigw-spooled:0");
    assertThat(answer.media().get("aigw-spooled:0").size()).isEqualTo(300_000);
    GeneratedImage image = answer.image("acme", "aigw-spooled:0", null);
    assertThat(image.source()).isEqualTo(GeneratedMedia.Source.FILE);
    assertThat(image.mimeType()).isEqualTo("image/png");
    Path spooled = image.file();
    assertThat(SpoolFiles.isLive(spooled)).isTrue();

    answer.discardUnclaimed(); // the image's file is no longer the answer's
    assertThat(spooled).exists();
    Path saved = image.saveTo(dir.resolve("out.png"));

    assertThat(Files.readAllBytes(saved)).isEqualTo(png);
    assertThat(spooled).doesNotExist();
    assertThat(SpoolFiles.live()).isEqualTo(liveBefore);
  }

  @Test
  void unclaimedFilesAreDeletedByDiscardAndCannotBeTakenAfterwards() throws Exception {
    byte[] png = DataUrlSpoolerTest.png(100_000);
    server.enqueue(new MockResponse.Builder().body("[\"" + dataUrl("image/png", png) + "\",\""
        + dataUrl("video/mp4", png) + "\"]").build());

    JsonWithMedia answer = poll();
    GeneratedImage first = answer.image("acme", "aigw-spooled:0", null);
    Path unclaimed = answer.media().get("aigw-spooled:1").file();

    assertThat(unclaimed).exists();
    assertThatThrownBy(() -> answer.image("acme", "aigw-spooled:0", null))
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage("the media spooled as aigw-spooled:0 was already taken or discarded");
    answer.discardUnclaimed();
    assertThat(unclaimed).doesNotExist();
    assertThatThrownBy(() -> answer.video("acme", "aigw-spooled:1", "video/mp4", null))
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage("the media spooled as aigw-spooled:1 was already taken or discarded");
    first.discard();
    assertThat(SpoolFiles.live()).isEqualTo(liveBefore);
  }

  @Test
  void readingAnAnswerDeletesWhatTheReaderDidNotTakeEvenWhenItThrows() throws Exception {
    byte[] png = DataUrlSpoolerTest.png(100_000);
    String body = "[\"" + dataUrl("image/png", png) + "\",\"" + dataUrl("image/png", png) + "\"]";
    server.enqueue(new MockResponse.Builder().body(body).build());
    server.enqueue(new MockResponse.Builder().body(body).build());

    JsonWithMedia answer = poll();
    Path second = answer.media().get("aigw-spooled:1").file();
    GeneratedImage taken = answer.read(a -> a.image("acme", "aigw-spooled:0", null));

    assertThat(second).doesNotExist();
    assertThat(taken.file()).exists();
    taken.discard();

    JsonWithMedia failing = poll();
    List<Path> files = failing.media().values().stream().map(SpooledMedia::file).toList();
    assertThatThrownBy(() -> failing.read(a -> {
      a.image("acme", "aigw-spooled:0", null).discard();
      throw new IllegalStateException("the reader failed");
    })).hasMessage("the reader failed");

    assertThat(files).allSatisfy(f -> assertThat(f).doesNotExist());
    assertThat(SpoolFiles.live()).isEqualTo(liveBefore);
  }

  @Test
  void aVideoPlaceholderBecomesAVideoOwningItsFile() throws Exception {
    byte[] mp4 = DataUrlSpoolerTest.png(100_000);
    server.enqueue(new MockResponse.Builder().body("{\"result\":{\"video_url\":\"" + dataUrl("video/mp4", mp4) + "\"}}").build());

    JsonWithMedia answer = poll();
    GeneratedVideo video = answer.video("acme", "aigw-spooled:0", "video/webm", null);
    answer.discardUnclaimed();

    assertThat(video.source()).isEqualTo(GeneratedMedia.Source.FILE);
    assertThat(video.mimeType()).isEqualTo("video/mp4");
    assertThat(Files.readAllBytes(video.saveTo(dir.resolve("v.mp4")))).isEqualTo(mp4);
    assertThat(SpoolFiles.live()).isEqualTo(liveBefore);
  }

  @Test
  void locationsThatAreNoPlaceholderOfThisAnswerStayUrlsAndDataUrls() throws Exception {
    server.enqueue(new MockResponse.Builder().body("{\"image\":\"aigw-spooled:0\"}").build());

    JsonWithMedia answer = poll();

    assertThat(answer.media()).isEmpty();
    assertThat(answer.isSpooled("aigw-spooled:0")).isFalse();
    assertThat(answer.image("acme", "https://cdn.example.com/a.png", null).source()).isEqualTo(GeneratedMedia.Source.URL);
    assertThat(answer.image("acme", "data:image/png;base64,iVBORw0KGgo=", null).source())
        .isEqualTo(GeneratedMedia.Source.DATA_URL);
    answer.discardUnclaimed();
  }

  /** The body ends after the data URL but is not JSON: the usual error, and the file is gone. */
  @Test
  void anAnswerThatIsNotJsonAroundASpooledUrlIsTheUsualErrorAndLeavesNoFile() {
    byte[] png = DataUrlSpoolerTest.png(100_000);
    server.enqueue(new MockResponse.Builder().body("{\"image\":\"" + dataUrl("image/png", png) + "\"}}").build());

    Throwable e = catchThrowable(this::poll);

    assertThat(e).isExactlyInstanceOf(MalformedResponseException.class)
        .hasMessage("[acme] expected a JSON answer but got: {\"image\":\"aigw-spooled:0\"}}");
    assertThat(SpoolFiles.live()).isEqualTo(liveBefore);
  }

  @Test
  void invalidBase64OverHttpNamesTheVendorAndLeavesNoFile() {
    String payload = Base64.getEncoder().encodeToString(DataUrlSpoolerTest.png(100_000));
    String bad = payload.substring(0, 90_000) + "%" + payload.substring(90_000);
    server.enqueue(new MockResponse.Builder().body("{\"image\":\"data:image/png;base64," + bad + "\"}").build());

    Throwable e = catchThrowable(this::poll);

    assertThat(e).isExactlyInstanceOf(MalformedResponseException.class)
        .hasMessage("[acme] the answer's image/png data URL is not valid base64: a character that is not base64 "
            + "near payload character 90001");
    assertThat(((AigwException) e).vendor()).isEqualTo("acme");
    assertThat(SpoolFiles.live()).isEqualTo(liveBefore);
  }
}
