package dev.aigw.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.error.AigwException;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.internal.HttpDownloader;
import dev.aigw.core.media.DataUrl;
import dev.aigw.core.media.ImageFormat;
import dev.aigw.core.media.MediaDownloader;
import dev.aigw.core.media.MediaInput;
import dev.aigw.core.media.ReferenceHost;
import dev.aigw.core.media.SpoolFiles;
import dev.aigw.core.media.TestImages;
import dev.aigw.core.profile.CheckResult;
import dev.aigw.core.profile.ReferenceRules;
import dev.aigw.core.profile.ReferenceRules.Delivery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** References reach each gateway in the form it takes: as given, downloaded and uploaded, or published. */
class ReferencePlanTest {
  @StartStop final MockWebServer files = new MockWebServer();
  @TempDir Path dir;

  private static final byte[] PNG = TestImages.png(8, 6);
  private static final Checks CHECKS = Checks.of("acme");
  private static final ReferenceRules UPLOADS = ReferenceRules.of(
      EnumSet.of(MediaInput.Kind.FILE, MediaInput.Kind.BYTES, MediaInput.Kind.DATA_URL), 2, 1000, Set.of(ImageFormat.PNG));
  private static final ReferenceRules URLS = ReferenceRules.of(EnumSet.of(MediaInput.Kind.URL), 4, Long.MAX_VALUE, Set.of());
  private final MediaDownloader downloader = new HttpDownloader(new OkHttpClient(), "acme", Duration.ofSeconds(5));

  private static MockResponse image(byte[] bytes) {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "image/png").body(new Buffer().write(bytes)).build();
  }

  @Test
  void aUrlForAGatewayThatTakesUploadsIsDownloadedWithoutAKeyNamedAndDeletedAfterwards() throws Exception {
    files.enqueue(image(PNG));
    String url = files.url("/private/cat.png?sig=s3cret").toString();
    Checks collecting = CHECKS.collecting();
    ReferencePlan.of(List.of(MediaInput.url(url)), UPLOADS, collecting);
    assertThat(collecting.result().deferred()).containsExactly("reference 1 is a URL: acme takes uploads, so it is"
        + " downloaded when the request is sent (no key sent), and its type (PNG) and size (at most 1000 bytes) are"
        + " checked then");

    ReferencePlan plan = ReferencePlan.of(List.of(MediaInput.url(url), MediaInput.bytes(PNG, "b.png")), UPLOADS, CHECKS);
    assertThat(plan.deliveries()).containsExactly(Delivery.DOWNLOADED, Delivery.AS_GIVEN);
    assertThat(plan.references()).hasSize(2);
    assertThat(plan).hasToString("ReferencePlan[DOWNLOADED, AS_GIVEN]");
    Path downloaded;
    try (ReferencePlan.Prepared prepared = plan.prepare("acme", downloader, null)) {
      MediaInput first = prepared.references().get(0);
      assertThat(first.kind()).isEqualTo(MediaInput.Kind.FILE);
      assertThat(first.filename()).isEqualTo("reference-1.png");
      assertThat(Files.readAllBytes(first.path())).isEqualTo(PNG);
      assertThat(prepared.references().get(1).filename()).isEqualTo("b.png");
      assertThat(prepared).hasToString("Prepared[2 references, 1 downloaded]");
      downloaded = first.path();
    }
    assertThat(downloaded).doesNotExist();
    RecordedRequest get = files.takeRequest();
    assertThat(get.getHeaders().get("Authorization")).isNull();
    assertThat(get.getUrl().encodedQuery()).isEqualTo("sig=s3cret");
  }

  @Test
  void aDownloadThatIsNotAnAcceptedImageOrTooLargeOrFailingIsRefusedWithoutShowingTheUrlAndLeavesNoFile()
      throws Exception {
    int before = SpoolFiles.live();
    byte[] large = TestImages.noisyPng(64, 64, 7);
    assertThat(large.length).isGreaterThan(1000);
    files.enqueue(new MockResponse.Builder().code(200).body("<html>no</html>").build());
    files.enqueue(image(large));
    files.enqueue(new MockResponse.Builder().code(404).build());
    String url = files.url("/secret/path.png").toString();
    ReferencePlan plan = ReferencePlan.of(List.of(MediaInput.url(url)), UPLOADS, CHECKS);

    assertThatThrownBy(() -> plan.prepare("acme", downloader, null)).isInstanceOf(ValidationException.class)
        .hasMessage("acme: references: reference 1 (downloaded from http://" + files.getHostName()
            + "/…) is not a recognised image; accepted: PNG");
    assertThatThrownBy(() -> plan.prepare("acme", downloader, null)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("is larger than 1000 bytes, the most acme accepts");
    assertThatThrownBy(() -> plan.prepare("acme", downloader, null)).isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("acme: references: reference 1 could not be downloaded from http://")
        .hasMessageContaining("HTTP 404")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret"));
    assertThat(SpoolFiles.live()).isEqualTo(before);
  }

  @Test
  void aLocalImageForAGatewayThatTakesUrlsIsPublishedByTheHostOrRefusedWithoutOne() throws Exception {
    Path file = Files.write(dir.resolve("sketch.png"), PNG);
    List<MediaInput> refs = List.of(MediaInput.file(file), MediaInput.url("https://cdn.test/a.png"));
    Checks collecting = CHECKS.collecting();
    ReferencePlan.of(refs, URLS, collecting);
    assertThat(collecting.result().messages()).containsExactly("acme: references: reference 1 is a local file, but acme"
        + " takes reference images as http(s) URLs only (it fetches them itself): give a URL, or plug a ReferenceHost"
        + " into the client (builder.referenceHost(…)) to publish local images");

    List<String> published = new ArrayList<>();
    ReferenceHost host = (image, format) -> {
      published.add(format + " " + image.filename());
      return "https://cdn.test/published/1.png";
    };
    ReferencePlan plan = ReferencePlan.of(refs, URLS.withHost(true), CHECKS);
    try (ReferencePlan.Prepared prepared = plan.prepare("acme", downloader, host)) {
      assertThat(prepared.references()).extracting(MediaInput::url)
          .containsExactly("https://cdn.test/published/1.png", "https://cdn.test/a.png");
    }
    assertThat(published).containsExactly("PNG sketch.png");
    assertThatThrownBy(() -> plan.prepare("acme", downloader, null)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aHostThatFailsOrAnswersSomethingElseThanAUrlIsAnAigwException() {
    List<MediaInput> refs = List.of(MediaInput.bytes(PNG));
    ReferencePlan plan = ReferencePlan.of(refs, URLS.withHost(true), CHECKS);
    assertThatThrownBy(() -> plan.prepare("acme", downloader, (i, f) -> {
      throw new IOException("bucket full");
    })).isExactlyInstanceOf(AigwException.class)
        .hasMessage("[acme] the ReferenceHost could not publish reference 1: java.io.IOException: bucket full");
    assertThatThrownBy(() -> plan.prepare("acme", downloader, (i, f) -> "ftp://x/y"))
        .isExactlyInstanceOf(AigwException.class)
        .hasMessage("[acme] the ReferenceHost answered reference 1 with something that is not an absolute http(s) URL");
    assertThatThrownBy(() -> plan.prepare("acme", downloader, (i, f) -> DataUrl.encode("image/png", PNG)))
        .isExactlyInstanceOf(AigwException.class);
    assertThatThrownBy(() -> plan.prepare("acme", downloader, (i, f) -> null)).isExactlyInstanceOf(AigwException.class);
  }

  @Test
  void countsKindsAndLocalImagesAreCheckedBeforeAnythingIsSent() {
    MediaInput gif = MediaInput.bytes(TestImages.gif(), "x.gif");
    Checks c = CHECKS.collecting();
    ReferencePlan.of(List.of(gif, MediaInput.bytes(PNG), MediaInput.bytes(PNG)), UPLOADS, c);
    assertThat(c.result().messages()).containsExactly("acme: references: accepts at most 2, was given 3",
        "acme: references: image bytes 'x.gif' is GIF; accepted: PNG");

    Checks none = CHECKS.collecting();
    ReferencePlan.of(List.of(MediaInput.url("https://x.test/a.png")), ReferenceRules.none(), none);
    assertThat(none.result().messages()).containsExactly("acme: references: is not supported by acme; it takes no"
        + " reference images");

    ReferenceRules filesOnly = ReferenceRules.of(EnumSet.of(MediaInput.Kind.FILE), null, 10, Set.of(ImageFormat.PNG));
    Checks kinds = CHECKS.collecting();
    ReferencePlan.of(List.of(MediaInput.dataUrl(DataUrl.encode("image/png", PNG))), filesOnly, kinds);
    assertThat(kinds.result().messages()).containsExactly("acme: references: reference 1 is a data: URL, which acme"
        + " does not take (it takes file)");
    ReferencePlan empty = ReferencePlan.of(List.of(), ReferenceRules.none(), CHECKS);
    assertThat(empty.prepare("acme", downloader, null).references()).isEmpty();
  }
}
