package dev.aigw.core.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.error.AigwException;
import dev.aigw.core.image.GeneratedImage;
import dev.aigw.core.internal.HttpDownloader;
import dev.aigw.core.internal.SharedResources;
import dev.aigw.core.spi.Urls;
import dev.aigw.core.video.GeneratedVideo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedMediaTest {
  @StartStop final MockWebServer api = new MockWebServer();
  @StartStop final MockWebServer cdn = new MockWebServer();
  @TempDir Path dir;

  private final HttpDownloader downloader =
      new HttpDownloader(SharedResources.httpClient(), "test", Duration.ofSeconds(5));

  private static MockResponse binary(byte[] body, String type) {
    return new MockResponse.Builder().setHeader("Content-Type", type).body(new Buffer().write(body)).build();
  }

  private List<Path> partFiles(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
    }
  }

  @Test
  void imageFromBytes() throws IOException {
    byte[] png = TestImages.png(5, 5);
    GeneratedImage image = new GeneratedImage("test", png, null, "image/png");
    assertThat(image.source()).isEqualTo(GeneratedMedia.Source.BYTES);
    assertThat(image.mimeType()).isEqualTo("image/png");
    assertThat(image.url()).isNull();
    assertThat(image.bytes()).isEqualTo(png);
    try (InputStream in = image.openStream()) {
      assertThat(in.readAllBytes()).isEqualTo(png);
    }
    image.bytes()[0] = 0; // a copy each time
    assertThat(image.bytes()).isEqualTo(png);
    assertThat(image.toString()).isEqualTo("GeneratedImage[" + png.length + " bytes, image/png]");
  }

  @Test
  void imageFromADataUrlTakesItsMimeType() throws IOException {
    byte[] png = TestImages.png(6, 3);
    GeneratedImage image = new GeneratedImage("test", DataUrl.encode("image/png", png), null, 6, 3, downloader);
    assertThat(image.source()).isEqualTo(GeneratedMedia.Source.DATA_URL);
    assertThat(image.mimeType()).isEqualTo("image/png");
    assertThat(image.width()).isEqualTo(6);
    assertThat(image.height()).isEqualTo(3);
    assertThat(image.url()).as("a data URL is not a remote URL").isNull();
    assertThat(image.bytes()).isEqualTo(png);
    assertThat(image.saveTo(dir.resolve("d.png"))).hasBinaryContent(png);
    assertThat(image.toString()).contains("image/png").doesNotContain("iVBOR");
  }

  @Test
  void malformedDataUrlIsRejectedAtOnce() {
    assertThatThrownBy(() -> new GeneratedImage("test", "data:image/png;base64,***", null, null, null, downloader))
        .isInstanceOf(AigwException.class)
        .hasMessageContaining("dataUrl");
  }

  @Test
  void videoFromASpooledFile() throws IOException {
    byte[] mp4 = new byte[100_000];
    for (int i = 0; i < mp4.length; i++) {
      mp4[i] = (byte) (i % 251);
    }
    Path spool = Files.write(dir.resolve("spool.bin"), mp4);
    GeneratedVideo video = new GeneratedVideo("test", null, spool, "video/mp4");
    assertThat(video.source()).isEqualTo(GeneratedMedia.Source.FILE);
    assertThat(video.file()).isEqualTo(spool);
    assertThat(video.bytes()).isEqualTo(mp4);
    try (InputStream in = video.openStream()) {
      assertThat(in.readAllBytes()).isEqualTo(mp4);
    }
    Path saved = video.saveTo(dir.resolve("out/clip.mp4"));
    assertThat(saved).hasBinaryContent(mp4);
    assertThat(spool).as("the spool file is copied, not consumed").hasBinaryContent(mp4);
    assertThat(video.toString()).startsWith("GeneratedVideo[file ").contains("video/mp4");
  }

  @Test
  void mediaNeedsBytesOrAFile() {
    assertThatThrownBy(() -> new GeneratedImage("test", (byte[]) null, null, "image/png"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void imageFromAUrlIsDownloadedOnDemand() throws Exception {
    byte[] png = TestImages.png(20, 20);
    cdn.enqueue(binary(png, "image/png"));
    cdn.enqueue(binary(png, "image/png"));
    String url = cdn.url("/results/abc.png?X-Amz-Signature=deadbeef").toString();
    GeneratedImage image = new GeneratedImage("test", url, "image/png", null, null, downloader);

    assertThat(image.source()).isEqualTo(GeneratedMedia.Source.URL);
    assertThat(image.url()).isEqualTo(url);
    assertThat(cdn.getRequestCount()).as("nothing is fetched before it is asked for").isZero();

    assertThat(image.bytes()).isEqualTo(png);
    try (InputStream in = image.openStream()) {
      assertThat(in.readAllBytes()).isEqualTo(png);
    }
    RecordedRequest first = cdn.takeRequest(1, TimeUnit.SECONDS);
    assertThat(first.getTarget()).isEqualTo("/results/abc.png?X-Amz-Signature=deadbeef");
    assertThat(first.getMethod()).isEqualTo("GET");
    assertThat(first.getHeaders().get("User-Agent")).startsWith("aigw-java/").endsWith(" test");
  }

  @Test
  void saveToCreatesParentsReplacesAnExistingFileAndLeavesNoPartFile() throws Exception {
    byte[] video = new byte[300_000];
    new java.util.Random(1).nextBytes(video);
    cdn.enqueue(binary(video, "video/mp4"));
    Path target = dir.resolve("a/b/c/clip.mp4");
    Files.createDirectories(target.getParent());
    Files.writeString(target, "an older, longer file that must be replaced entirely ".repeat(20_000));

    GeneratedVideo v = new GeneratedVideo("test", cdn.url("/v/1.mp4").toString(), "video/mp4", downloader);
    assertThat(v.saveTo(target)).isEqualTo(target);

    assertThat(target).hasBinaryContent(video);
    assertThat(partFiles(target.getParent())).isEmpty();
  }

  @Test
  void saveToCreatesMissingParentFolders() throws IOException {
    byte[] png = TestImages.png(3, 3);
    Path target = dir.resolve("x/y/z/out.png");
    new GeneratedImage("test", png, null, "image/png").saveTo(target);
    assertThat(target).hasBinaryContent(png);
    assertThat(partFiles(target.getParent())).isEmpty();
  }

  @Test
  void downloadFollowsARedirectToAnotherHostAndSendsNoAuthorizationToEither() throws Exception {
    byte[] png = TestImages.png(12, 12);
    cdn.enqueue(binary(png, "image/png"));
    String cdnUrl = cdn.url("/signed/cat.png?sig=xyz").toString();
    api.enqueue(new MockResponse.Builder().code(302).setHeader("Location", cdnUrl).build());

    GeneratedImage image = new GeneratedImage(
        "test", api.url("/v1/files/f-1/content").toString(), null, null, null, downloader);
    Path saved = image.saveTo(dir.resolve("cat.png"));

    assertThat(saved).hasBinaryContent(png);
    RecordedRequest atApi = api.takeRequest(1, TimeUnit.SECONDS);
    RecordedRequest atCdn = cdn.takeRequest(1, TimeUnit.SECONDS);
    assertThat(atApi.getTarget()).isEqualTo("/v1/files/f-1/content");
    assertThat(atCdn.getTarget()).isEqualTo("/signed/cat.png?sig=xyz");
    assertThat(atApi.getHeaders().get("Authorization")).isNull();
    assertThat(atCdn.getHeaders().get("Authorization")).isNull();
    assertThat(atCdn.getHeaders().get("Cookie")).isNull();
    assertThat(partFiles(dir)).isEmpty();
  }

  @Test
  void failedDownloadHidesTheUrlsPathAndQueryAndLeavesNoFile() throws Exception {
    cdn.enqueue(new MockResponse.Builder().code(404).body("no such object").build());
    String url = cdn.url("/private/bucket/img-9f8e7d.png?token=SECRET-TOKEN-123").toString();
    GeneratedImage image = new GeneratedImage("test", url, "image/png", null, null, downloader);
    Path target = dir.resolve("out/never.png");

    assertThatThrownBy(() -> image.saveTo(target))
        .isInstanceOf(AigwException.class)
        .hasMessageContaining("404")
        .satisfies(e -> {
          assertThat(((AigwException) e).vendor()).isEqualTo("test");
          assertThat(fullText(e))
              .doesNotContain("SECRET-TOKEN-123")
              .doesNotContain("token=")
              .doesNotContain("/private/bucket")
              .doesNotContain("img-9f8e7d");
        });
    assertThat(target).doesNotExist();
    assertThat(partFiles(target.getParent())).isEmpty();
  }

  @Test
  void failedDownloadThroughBytesAlsoHidesTheUrl() {
    cdn.enqueue(new MockResponse.Builder().code(403).build());
    String url = cdn.url("/p/q.png?sig=TOPSECRET").toString();
    GeneratedImage image = new GeneratedImage("test", url, null, null, null, downloader);
    assertThatThrownBy(image::bytes)
        .hasMessageContaining("403")
        .satisfies(e -> assertThat(fullText(e)).doesNotContain("TOPSECRET").doesNotContain("/p/q.png"));
  }

  @Test
  void redactKeepsOnlySchemeAndHost() {
    assertThat(Urls.redact("https://files.example.com:8443/a/b.png?sig=1#x"))
        .isEqualTo("https://files.example.com/…");
    assertThat(Urls.redact("not a url")).isEqualTo("<unparsable url>");
  }

  @Test
  void toStringOfUrlMediaDoesNotContainTheUrl() {
    String url = "https://cdn.example.com/out/abc.png?X-Amz-Credential=AKIA123&X-Amz-Signature=ff00";
    GeneratedImage image = new GeneratedImage("test", url, "image/png", null, null, downloader);
    assertThat(image.toString())
        .isEqualTo("GeneratedImage[url, image/png]")
        .doesNotContain("cdn.example.com")
        .doesNotContain("AKIA123");
    assertThat(new GeneratedVideo("test", url, null, downloader).toString()).isEqualTo("GeneratedVideo[url]");
  }

  private static String fullText(Throwable e) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      sb.append(t).append('\n');
    }
    return sb.toString();
  }

  @Test
  void savedFileGetsTheUsualPermissionsNotTheOwnerOnlyOnesOfATempFile(@TempDir Path dir) throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system");
    Path ordinary = Files.write(dir.resolve("ordinary.bin"), new byte[] {1});
    Path saved = new GeneratedImage("test", new byte[] {1, 2, 3}, null, "image/png").saveTo(dir.resolve("saved.png"));
    assertThat(Files.getPosixFilePermissions(saved)).isEqualTo(Files.getPosixFilePermissions(ordinary));
  }
}
