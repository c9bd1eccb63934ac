package dev.aigw.core.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.error.ValidationException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DataUrlTest {

  @Test
  void parsesMimeTypeBase64FlagAndPayload() {
    DataUrl url = DataUrl.parse("data:image/png;base64,iVBORw0KGgo=");
    assertThat(url.mimeType()).isEqualTo("image/png");
    assertThat(url.base64()).isTrue();
    assertThat(url.payload()).isEqualTo("iVBORw0KGgo=");
    assertThat(url.declaredFormat()).isEqualTo(ImageFormat.PNG);
  }

  @Test
  void mimeTypeIsLowerCasedAndParametersDoNotHideTheBase64Flag() {
    DataUrl url = DataUrl.parse("DATA:Image/JPEG;name=cat.jpg;BASE64,/9j/4A==");
    assertThat(url.mimeType()).isEqualTo("image/jpeg");
    assertThat(url.base64()).isTrue();
    assertThat(url.declaredFormat()).isEqualTo(ImageFormat.JPEG);
  }

  @Test
  void missingMimeTypeMeansTextPlain() {
    DataUrl url = DataUrl.parse("data:,hello");
    assertThat(url.mimeType()).isEqualTo("text/plain");
    assertThat(url.base64()).isFalse();
    assertThat(url.payload()).isEqualTo("hello");
    assertThat(url.declaredFormat()).isNull();
  }

  @Test
  void isDataUrlRecognisesTheSchemeInAnyCase() {
    assertThat(DataUrl.isDataUrl("data:,x")).isTrue();
    assertThat(DataUrl.isDataUrl("Data:image/png;base64,AAAA")).isTrue();
    assertThat(DataUrl.isDataUrl("https://example.com/data:x")).isFalse();
    assertThat(DataUrl.isDataUrl("dat")).isFalse();
    assertThat(DataUrl.isDataUrl(null)).isFalse();
  }

  @Test
  void notADataUrlIsRejected() {
    assertThatThrownBy(() -> DataUrl.parse("https://example.com/cat.png"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("dataUrl")
        .hasMessageContaining("data:")
        .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("dataUrl"));
    assertThatThrownBy(() -> DataUrl.parse(null)).isInstanceOf(ValidationException.class);
  }

  @Test
  void dataUrlWithoutCommaIsRejected() {
    assertThatThrownBy(() -> DataUrl.parse("data:image/png;base64"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("dataUrl")
        .hasMessageContaining("','");
  }

  @ParameterizedTest
  @ValueSource(strings = {"iVBOR w0KGgo=", "iVBOR*w0KGgo=", "iVBORw0KGgo=%3D", "éVBORw0KGgo="})
  void base64PayloadWithBadCharactersIsRejected(String payload) {
    assertThatThrownBy(() -> DataUrl.parse("data:image/png;base64," + payload))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("dataUrl")
        .hasMessageContaining("not valid base64")
        .hasMessageContaining("bad character");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "A", "AAAAA", "\r\n"})
  void base64PayloadOfImpossibleLengthIsRejected(String payload) {
    assertThatThrownBy(() -> DataUrl.parse("data:image/png;base64," + payload))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("not valid base64")
        .hasMessageContaining("bad length");
  }

  @ParameterizedTest
  @ValueSource(strings = {"QQ==QUJD", "=QUJ", "AB=C", "Q===", "QQ=", "QQ==\r\n=", "QUJD====", "QUJDQQ=\nA"})
  void base64PayloadWithMisplacedPaddingIsRejected(String payload) {
    // each of these passed a plain character check, then failed (or decoded differently) later
    assertThatThrownBy(() -> DataUrl.parse("data:image/png;base64," + payload))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("dataUrl")
        .hasMessageContaining("not valid base64");
  }

  @ParameterizedTest
  @ValueSource(strings = {"QQ==", "QQ", "QUI=", "QUI", "QUJD", "QUJD\r\nQQ==\r\n", "QU\nJD"})
  void wellFormedPaddingAndLineBreaksDecodeTheSameBothWays(String payload) throws IOException {
    DataUrl url = DataUrl.parse("data:;base64," + payload);
    byte[] decoded = url.decode();
    try (InputStream in = url.openStream()) {
      assertThat(in.readAllBytes()).isEqualTo(decoded);
    }
    assertThat(url.decodedSize()).isEqualTo(decoded.length);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 299, 300, 301})
  void decodedSizeEqualsTheRealDecodedLengthForEveryPadding(int length) {
    byte[] data = new byte[length];
    for (int i = 0; i < length; i++) {
      data[i] = (byte) (i * 31 + 7);
    }
    String padded = Base64.getEncoder().encodeToString(data);
    String unpadded = Base64.getEncoder().withoutPadding().encodeToString(data);
    String wrapped = Base64.getMimeEncoder(8, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(data);
    for (String payload : new String[] {padded, unpadded, wrapped}) {
      DataUrl url = DataUrl.parse("data:application/octet-stream;base64," + payload);
      assertThat(url.decodedSize()).as("payload %s", payload).isEqualTo(length);
      assertThat(url.decode()).as("payload %s", payload).isEqualTo(data);
    }
  }

  @Test
  void decodedSizeCoversPaddingZeroOneAndTwo() {
    assertThat(DataUrl.parse("data:;base64,QUJD").decodedSize()).isEqualTo(3); // "ABC", no padding
    assertThat(DataUrl.parse("data:;base64,QUI=").decodedSize()).isEqualTo(2); // "AB", one '='
    assertThat(DataUrl.parse("data:;base64,QQ==").decodedSize()).isEqualTo(1); // "A", two '='
  }

  @Test
  void decodeAndStreamingOpenStreamGiveIdenticalBytesForAMegabyteImage() throws IOException {
    byte[] image = TestImages.noisyPng(600, 600, 7);
    assertThat(image.length).isGreaterThan(1_000_000);
    DataUrl url = DataUrl.parse(DataUrl.encode("image/png", image));

    assertThat(url.decodedSize()).isEqualTo(image.length);
    byte[] decoded = url.decode();
    assertThat(decoded).isEqualTo(image);

    ByteArrayOutputStream streamed = new ByteArrayOutputStream();
    try (InputStream in = url.openStream()) {
      byte[] buf = new byte[1000]; // odd-sized reads cross the decoder's internal boundaries
      int n;
      while ((n = in.read(buf, 0, buf.length)) > 0) {
        streamed.write(buf, 0, n);
      }
    }
    assertThat(streamed.toByteArray()).isEqualTo(image);
  }

  @Test
  void openStreamReadsByteByByteToo() throws IOException {
    byte[] data = TestImages.png(10, 10);
    DataUrl url = DataUrl.parse(DataUrl.encode("image/png", data));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = url.openStream()) {
      int b;
      while ((b = in.read()) >= 0) {
        out.write(b);
      }
    }
    assertThat(out.toByteArray()).isEqualTo(data);
  }

  @Test
  void encodeBuildsAParsableBase64DataUrl() {
    byte[] data = {1, 2, 3, (byte) 0xFF};
    String encoded = DataUrl.encode("image/gif", data);
    assertThat(encoded).isEqualTo("data:image/gif;base64,AQID/w==");
    assertThat(DataUrl.parse(encoded).decode()).isEqualTo(data);
  }

  @Test
  void percentEncodedPayloadDecodesToItsBytes() throws IOException {
    DataUrl url = DataUrl.parse("data:text/plain;charset=utf-8,Hello%2C%20World%21");
    assertThat(url.base64()).isFalse();
    assertThat(url.mimeType()).isEqualTo("text/plain");
    assertThat(new String(url.decode(), StandardCharsets.UTF_8)).isEqualTo("Hello, World!");
    assertThat(url.decodedSize()).isEqualTo(13);
    try (InputStream in = url.openStream()) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("Hello, World!");
    }
  }

  @Test
  void percentEncodedPayloadKeepsPlusSignsLiterally() {
    // RFC 2397 data URLs use URL percent-encoding, not HTML form encoding: '+' is a plus.
    DataUrl url = DataUrl.parse("data:,1+1=2");
    assertThat(new String(url.decode(), StandardCharsets.UTF_8)).isEqualTo("1+1=2");
    assertThat(url.decodedSize()).isEqualTo(5);
  }

  @Test
  void percentEncodedPayloadMayCarryArbitraryBytes() throws IOException {
    DataUrl url = DataUrl.parse("data:application/octet-stream,%89PNG%0D%0A%1A%0A%FF%00");
    byte[] expected = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, (byte) 0xFF, 0x00};
    assertThat(url.decode()).isEqualTo(expected);
    assertThat(url.decodedSize()).isEqualTo(expected.length);
    try (InputStream in = url.openStream()) {
      assertThat(in.readAllBytes()).isEqualTo(expected);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"data:,100%", "data:,%4", "data:,%ZZ", "data:text/plain,a%G1b"})
  void percentEncodedPayloadWithMalformedEscapeIsRejectedWhenParsed(String value) {
    assertThatThrownBy(() -> DataUrl.parse(value))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("dataUrl")
        .hasMessageContaining("malformed %-escape");
  }

  @Test
  void percentEncodedPayloadKeepsNonAsciiCharactersAsUtf8() {
    DataUrl url = DataUrl.parse("data:text/plain,서울%20시");
    assertThat(new String(url.decode(), StandardCharsets.UTF_8)).isEqualTo("서울 시");
    assertThat(url.decodedSize()).isEqualTo("서울 시".getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void toStringNeverContainsThePayload() {
    String payload = Base64.getEncoder().encodeToString("secret-looking-content".getBytes(StandardCharsets.UTF_8));
    DataUrl url = DataUrl.parse("data:image/png;base64," + payload);
    assertThat(url.toString())
        .doesNotContain(payload)
        .doesNotContain(payload.substring(0, 8))
        .contains("image/png")
        .contains(payload.length() + " chars");
    DataUrl plain = DataUrl.parse("data:,my-private-text");
    assertThat(plain.toString()).doesNotContain("my-private-text");
  }
}
