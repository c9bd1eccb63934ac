package dev.aigw.core.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageFormatTest {

  private static ImageFormat detect(byte[] bytes) {
    return ImageFormat.detect(bytes, bytes.length);
  }

  @Test
  void detectsRealPngWrittenByImageIo() {
    assertThat(detect(TestImages.png(3, 2))).isEqualTo(ImageFormat.PNG);
  }

  @Test
  void detectsRealJpegWrittenByImageIo() {
    assertThat(detect(TestImages.jpeg(3, 2))).isEqualTo(ImageFormat.JPEG);
  }

  @Test
  void detectsWebpByRiffAndWebpMarkers() {
    assertThat(detect(TestImages.webp())).isEqualTo(ImageFormat.WEBP);
  }

  @Test
  void riffThatIsNotWebpIsUnknown() {
    byte[] wav = "RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.US_ASCII);
    assertThat(detect(wav)).isNull();
  }

  @Test
  void detectsGif89aAndGif87a() {
    assertThat(detect(TestImages.gif())).isEqualTo(ImageFormat.GIF);
    assertThat(detect("GIF87a....".getBytes(StandardCharsets.US_ASCII))).isEqualTo(ImageFormat.GIF);
    assertThat(detect("GIF88a....".getBytes(StandardCharsets.US_ASCII))).isNull();
  }

  @Test
  void detectsOnlyWithinTheGivenLength() {
    byte[] png = TestImages.png(2, 2);
    assertThat(ImageFormat.detect(png, 7)).as("a PNG signature is 8 bytes").isNull();
    assertThat(ImageFormat.detect(png, 8)).isEqualTo(ImageFormat.PNG);
    assertThat(ImageFormat.detect(TestImages.webp(), 11)).isNull();
  }

  @Test
  void lengthLargerThanTheArrayIsClamped() {
    byte[] jpegHead = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    assertThat(ImageFormat.detect(jpegHead, 100)).isEqualTo(ImageFormat.JPEG);
  }

  @Test
  void shortInputIsUnknown() {
    assertThat(detect(new byte[0])).isNull();
    assertThat(detect(new byte[] {(byte) 0x89, 'P'})).isNull();
    assertThat(detect(new byte[] {(byte) 0xFF, (byte) 0xD8})).isNull();
    assertThat(detect("GIF8".getBytes(StandardCharsets.US_ASCII))).isNull();
  }

  @Test
  void unknownInputIsNull() {
    assertThat(detect("%PDF-1.7 hello world".getBytes(StandardCharsets.US_ASCII))).isNull();
    assertThat(detect("<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes(StandardCharsets.US_ASCII))).isNull();
    byte[] zeros = new byte[64];
    Arrays.fill(zeros, (byte) 0);
    assertThat(detect(zeros)).isNull();
  }

  @ParameterizedTest
  @CsvSource({
      "image/png, PNG",
      "image/jpeg, JPEG",
      "image/jpg, JPEG",
      "IMAGE/JPG, JPEG",
      "image/webp, WEBP",
      "image/gif, GIF",
      "image/png; charset=binary, PNG",
      "'  image/webp ;q=1', WEBP",
  })
  void fromMimeTypeKnowsEveryFormatAndIgnoresParameters(String mime, ImageFormat expected) {
    assertThat(ImageFormat.fromMimeType(mime)).isEqualTo(expected);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"image/svg+xml", "text/plain", "application/octet-stream", "png"})
  void fromMimeTypeOfOtherTypesIsNull(String mime) {
    assertThat(ImageFormat.fromMimeType(mime)).isNull();
  }

  @Test
  void mimeTypesAndExtensions() {
    assertThat(ImageFormat.PNG.mimeType()).isEqualTo("image/png");
    assertThat(ImageFormat.JPEG.mimeType()).isEqualTo("image/jpeg");
    assertThat(ImageFormat.JPEG.extension()).isEqualTo("jpg");
    assertThat(ImageFormat.WEBP.extension()).isEqualTo("webp");
    assertThat(ImageFormat.MAGIC_LENGTH).isGreaterThanOrEqualTo(12);
  }
}
