package dev.aigw.core.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.error.ValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MediaInputTest {
  private static final Set<ImageFormat> PNG_JPEG = EnumSet.of(ImageFormat.PNG, ImageFormat.JPEG);

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"https://cdn.example.com/refs/cat.png?sig=abc", "http://example.com/cat.png", " https://example.com/a/b.jpg "})
  void urlAcceptsAbsoluteHttpAndHttps(String url) {
    MediaInput input = MediaInput.url(url);
    assertThat(input.kind()).isEqualTo(MediaInput.Kind.URL);
    assertThat(input.url()).isEqualTo(url.strip());
    assertThat(input.isLocal()).isFalse();
    assertThat(input.size()).isEqualTo(-1);
    assertThat(input.detectFormat()).as("remote URLs are not fetched").isNull();
    assertThat(input.mimeType()).isEqualTo("application/octet-stream");
  }

  @Test
  void urlFileNameIsTheLastPathSegment() {
    assertThat(MediaInput.url("https://example.com/refs/cat.png?sig=abc").filename()).isEqualTo("cat.png");
    assertThat(MediaInput.url("https://example.com/").filename()).isEqualTo("image");
    assertThat(MediaInput.url("https://example.com").filename()).isEqualTo("image");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://example.com/cat.png", "cat.png", "/tmp/cat.png", "//example.com/cat.png",
      "file:///etc/passwd", "https:cat.png", "not a url", "mailto:a@example.com"})
  void urlRejectsAnythingButAbsoluteHttpOrHttps(String url) {
    assertThatThrownBy(() -> MediaInput.url(url))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("url")
        .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("url"));
  }

  @Test
  void urlGivenADataUrlBecomesADataUrlInput() {
    byte[] png = TestImages.png(4, 4);
    String dataUrl = DataUrl.encode("image/png", png);
    MediaInput input = MediaInput.url(dataUrl);
    assertThat(input.kind()).isEqualTo(MediaInput.Kind.DATA_URL);
    assertThat(input.isLocal()).isTrue();
    assertThat(input.asDataUrl().mimeType()).isEqualTo("image/png");
    assertThat(input.size()).isEqualTo(png.length);
    assertThat(input.detectFormat()).isEqualTo(ImageFormat.PNG);
    assertThat(input.filename()).isEqualTo("image.png");
  }

  @Test
  void malformedDataUrlIsRejected() {
    assertThatThrownBy(() -> MediaInput.url("data:image/png;base64,@@@@"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("dataUrl");
  }

  @Test
  void fileOfAnExistingImage(@TempDir Path tmp) throws IOException {
    byte[] jpeg = TestImages.jpeg(8, 8);
    Path file = Files.write(tmp.resolve("ref.jpg"), jpeg);
    MediaInput input = MediaInput.file(file);
    assertThat(input.kind()).isEqualTo(MediaInput.Kind.FILE);
    assertThat(input.path()).isEqualTo(file);
    assertThat(input.filename()).isEqualTo("ref.jpg");
    assertThat(input.isLocal()).isTrue();
    assertThat(input.size()).isEqualTo(jpeg.length);
    assertThat(input.detectFormat()).isEqualTo(ImageFormat.JPEG);
    assertThat(input.mimeType()).isEqualTo("image/jpeg");
    assertThat(input.bytes()).as("files are never read whole").isNull();
    try (InputStream in = input.openStream()) {
      assertThat(in.readAllBytes()).isEqualTo(jpeg);
    }
  }

  @Test
  void missingFileIsRejected() {
    Path missing = dir.resolve("nope.png");
    assertThatThrownBy(() -> MediaInput.file(missing))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("file")
        .hasMessageContaining("nope.png");
  }

  @Test
  void directoryIsRejectedAsAFile() {
    assertThatThrownBy(() -> MediaInput.file(dir)).isInstanceOf(ValidationException.class);
  }

  @Test
  void bytesAreCopiedAndDetected() throws IOException {
    byte[] webp = TestImages.webp();
    MediaInput input = MediaInput.bytes(webp, "x.webp");
    webp[0] = 'X'; // the caller's array changing later does not change the input
    assertThat(input.kind()).isEqualTo(MediaInput.Kind.BYTES);
    assertThat(input.filename()).isEqualTo("x.webp");
    assertThat(input.size()).isEqualTo(32);
    assertThat(input.detectFormat()).isEqualTo(ImageFormat.WEBP);
    assertThat(input.mimeType()).isEqualTo("image/webp");
    byte[] copy = input.bytes();
    copy[0] = 'Y';
    try (InputStream in = input.openStream()) {
      assertThat(in.readNBytes(4)).isEqualTo("RIFF".getBytes(StandardCharsets.US_ASCII));
    }
  }

  @Test
  void bytesWithoutNameAreCalledImage() {
    assertThat(MediaInput.bytes(TestImages.gif()).filename()).isEqualTo("image");
    assertThat(MediaInput.bytes(TestImages.gif()).detectFormat()).isEqualTo(ImageFormat.GIF);
  }

  @Test
  void unknownBytesHaveNoFormatAndAGenericMimeType() {
    MediaInput input = MediaInput.bytes("hello".getBytes(StandardCharsets.UTF_8));
    assertThat(input.detectFormat()).isNull();
    assertThat(input.mimeType()).isEqualTo("application/octet-stream");
  }

  @Test
  void dataUrlMimeTypeIsTheDetectedOneThenTheDeclaredOne() {
    // declared jpeg, actually png: the bytes win
    MediaInput lying = MediaInput.dataUrl(DataUrl.encode("image/jpeg", TestImages.png(2, 2)));
    assertThat(lying.mimeType()).isEqualTo("image/png");
    MediaInput text = MediaInput.dataUrl("data:text/plain,hello");
    assertThat(text.mimeType()).isEqualTo("text/plain");
  }

  @Test
  void remoteUrlCannotBeOpened() {
    assertThatThrownBy(() -> MediaInput.url("https://example.com/a.png").openStream())
        .isInstanceOf(IOException.class);
  }

  @Test
  void requireImageAcceptsAnAcceptedFormatWithinTheLimit() throws IOException {
    Path file = Files.write(dir.resolve("ok.png"), TestImages.png(16, 16));
    assertThat(MediaInput.file(file).requireImage("cheapsub", "references", PNG_JPEG, 1024 * 1024))
        .isEqualTo(ImageFormat.PNG);
    assertThat(MediaInput.bytes(TestImages.jpeg(4, 4)).requireImage("cheapsub", "references", PNG_JPEG, 1 << 20))
        .isEqualTo(ImageFormat.JPEG);
  }

  @Test
  void requireImageOfAFileThatIsNotAnImageNamesVendorFieldAndAcceptedFormats() throws IOException {
    Path file = Files.writeString(dir.resolve("notes.png"), "just some text, not a picture");
    MediaInput input = MediaInput.file(file);
    assertThatThrownBy(() -> input.requireImage("gptimagehub", "referenceImages", PNG_JPEG, 10_000_000))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("gptimagehub: referenceImages: ")
        .hasMessageContaining("notes.png")
        .hasMessageContaining("not a recognised image")
        .hasMessageContaining("accepted: JPEG, PNG")
        .satisfies(e -> {
          ValidationException v = (ValidationException) e;
          assertThat(v.vendor()).isEqualTo("gptimagehub");
          assertThat(v.field()).isEqualTo("referenceImages");
        });
  }

  @Test
  void requireImageOfAnImageOfAnotherFormatSaysWhatItIs() {
    MediaInput gif = MediaInput.bytes(TestImages.gif(), "anim.gif");
    assertThatThrownBy(() -> gif.requireImage("icodeeasy", "image", PNG_JPEG, 1 << 20))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("icodeeasy")
        .hasMessageContaining("image")
        .hasMessageContaining("is GIF")
        .hasMessageContaining("accepted: JPEG, PNG");
  }

  @Test
  void requireImageOfAnOversizeFileNamesVendorFieldAndTheLimit() throws IOException {
    byte[] png = TestImages.png(64, 64);
    Path file = Files.write(dir.resolve("big.png"), png);
    long limit = png.length - 1;
    assertThatThrownBy(() -> MediaInput.file(file).requireImage("cheapsub", "references", PNG_JPEG, limit))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("cheapsub: references: ")
        .hasMessageContaining("big.png")
        .hasMessageContaining(png.length + " bytes")
        .hasMessageContaining("at most " + limit + " bytes");
  }

  @Test
  void requireImageStatesTheLimitInMebibytesWhenRound() {
    MediaInput big = MediaInput.bytes(new byte[2 * 1024 * 1024 + 1], "huge.png");
    assertThatThrownBy(() -> big.requireImage("cheapsub", "references", PNG_JPEG, 2 * 1024 * 1024))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("2 MiB");
  }

  @Test
  void requireImageAcceptsExactlyTheLimit() {
    byte[] png = TestImages.png(8, 8);
    assertThat(MediaInput.bytes(png).requireImage("v", "f", PNG_JPEG, png.length)).isEqualTo(ImageFormat.PNG);
  }

  @Test
  void requireImageChecksADataUrlByItsDecodedSize() {
    byte[] png = TestImages.png(8, 8);
    MediaInput input = MediaInput.dataUrl(DataUrl.encode("image/png", png));
    assertThat(input.requireImage("v", "f", PNG_JPEG, png.length)).isEqualTo(ImageFormat.PNG);
    assertThatThrownBy(() -> input.requireImage("v", "f", PNG_JPEG, png.length - 1))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("data URL");
  }

  @Test
  void requireImageLetsARemoteUrlPass() {
    MediaInput remote = MediaInput.url("https://example.com/whatever.txt");
    assertThat(remote.requireImage("cheapsub", "references", PNG_JPEG, 1)).isNull();
  }

  @Test
  void toStringNeverShowsAUrlOrContent() throws IOException {
    String url = "https://cdn.example.com/private/cat.png?token=s3cr3t";
    assertThat(MediaInput.url(url).toString()).isEqualTo("MediaInput[url]").doesNotContain("s3cr3t");
    String dataUrl = DataUrl.encode("image/png", TestImages.png(2, 2));
    assertThat(MediaInput.dataUrl(dataUrl).toString())
        .contains("image/png")
        .doesNotContain(dataUrl.substring(22, 40));
    assertThat(MediaInput.bytes(new byte[5]).toString()).isEqualTo("MediaInput[5 bytes]");
    Path file = Files.write(dir.resolve("f.png"), TestImages.png(2, 2));
    assertThat(MediaInput.file(file).toString()).contains("f.png");
  }

  @Test
  void equalityFollowsKindAndContent() {
    assertThat(MediaInput.bytes(new byte[] {1, 2})).isEqualTo(MediaInput.bytes(new byte[] {1, 2}));
    assertThat(MediaInput.bytes(new byte[] {1, 2}).hashCode()).isEqualTo(MediaInput.bytes(new byte[] {1, 2}).hashCode());
    assertThat(MediaInput.bytes(new byte[] {1, 2})).isNotEqualTo(MediaInput.bytes(new byte[] {1, 3}));
    assertThat(MediaInput.url("https://a.example/x.png")).isEqualTo(MediaInput.url("https://a.example/x.png"));
  }
}
