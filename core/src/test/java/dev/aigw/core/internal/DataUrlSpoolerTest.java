package dev.aigw.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.aigw.core.error.AigwException;
import dev.aigw.core.error.MalformedResponseException;
import dev.aigw.core.media.SpoolFiles;
import dev.aigw.core.spi.SpooledMedia;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link DataUrlSpooler}: large base64 data URLs go to files and leave a placeholder; every other
 * byte of the JSON text is copied as received. A tiny threshold keeps the inputs readable.
 */
class DataUrlSpoolerTest {
  private static final int THRESHOLD = 16;
  private static final String PNG_URL_HEAD = "data:image/png;base64,";

  private final List<DataUrlSpooler.Result> results = new ArrayList<>();
  private int liveBefore;

  @BeforeEach
  void countSpoolFiles() {
    liveBefore = SpoolFiles.live();
  }

  @AfterEach
  void deleteSpooledFiles() {
    results.forEach(r -> r.media().values().forEach(m -> SpoolFiles.delete(m.file())));
  }

  private DataUrlSpooler.Result read(String json) throws IOException {
    DataUrlSpooler.Result r = DataUrlSpooler.read("cheapsub", new Buffer().writeUtf8(json), THRESHOLD);
    results.add(r);
    return r;
  }

  private AigwException failure(String json) {
    Throwable e = catchThrowable(() -> read(json));
    assertThat(e).isExactlyInstanceOf(MalformedResponseException.class);
    return (AigwException) e;
  }

  private static byte[] file(DataUrlSpooler.Result r, int n) throws IOException {
    return Files.readAllBytes(r.media().get("aigw-spooled:" + n).file());
  }

  /** PNG magic then {@code length - 8} varied bytes. */
  static byte[] png(int length) {
    byte[] b = new byte[length];
    byte[] sig = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    System.arraycopy(sig, 0, b, 0, 8);
    for (int i = 8; i < length; i++) {
      b[i] = (byte) (i * 37 + 11);
    }
    return b;
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  @Test
  void spoolsALargeImageDataUrlAndLeavesAPlaceholder() throws Exception {
    byte[] png = png(100);

    DataUrlSpooler.Result r = read("{\"code\":0,\"data\":{\"image\":\"" + PNG_URL_HEAD + b64(png) + "\",\"n\":1.5}}");

    assertThat(r.text()).isEqualTo("{\"code\":0,\"data\":{\"image\":\"aigw-spooled:0\",\"n\":1.5}}");
    assertThat(r.media()).containsOnlyKeys("aigw-spooled:0");
    SpooledMedia m = r.media().get("aigw-spooled:0");
    assertThat(m.mimeType()).isEqualTo("image/png");
    assertThat(m.size()).isEqualTo(100);
    assertThat(file(r, 0)).isEqualTo(png);
    assertThat(SpoolFiles.isLive(m.file())).isTrue();
  }

  /** PHP's json_encode writes every '/' as '\/', in the media type and in the base64 alike. */
  @Test
  void readsEscapedSlashesInTheHeaderAndThePayload() throws Exception {
    byte[] bytes = png(60);
    bytes[21] = (byte) 0xFF;
    bytes[22] = (byte) 0xFF;
    bytes[23] = (byte) 0xFF; // a whole 3-byte group: "////" in base64
    String payload = b64(bytes);
    assertThat(payload).contains("////");

    DataUrlSpooler.Result r = read("[\"data:image\\/png;base64," + payload.replace("/", "\\/") + "\"]");

    assertThat(r.text()).isEqualTo("[\"aigw-spooled:0\"]");
    assertThat(file(r, 0)).isEqualTo(bytes);
  }

  @Test
  void decodesPayloadsWithAndWithoutPadding() throws Exception {
    byte[] one = png(31); // 31 = 3·10 + 1: "==" padding
    byte[] two = png(32); // 32 = 3·10 + 2: "=" padding
    String unpaddedOne = b64(one).replace("=", "");
    String unpaddedTwo = b64(two).replace("=", "");

    DataUrlSpooler.Result r = read("{\"a\":\"" + PNG_URL_HEAD + b64(one) + "\",\"b\":\"" + PNG_URL_HEAD + b64(two)
        + "\",\"c\":\"" + PNG_URL_HEAD + unpaddedOne + "\",\"d\":\"" + PNG_URL_HEAD + unpaddedTwo + "\"}");

    assertThat(b64(one)).endsWith("==");
    assertThat(b64(two)).endsWith("=").doesNotEndWith("==");
    assertThat(r.text()).isEqualTo(
        "{\"a\":\"aigw-spooled:0\",\"b\":\"aigw-spooled:1\",\"c\":\"aigw-spooled:2\",\"d\":\"aigw-spooled:3\"}");
    assertThat(file(r, 0)).isEqualTo(one);
    assertThat(file(r, 1)).isEqualTo(two);
    assertThat(file(r, 2)).isEqualTo(one);
    assertThat(file(r, 3)).isEqualTo(two);
  }

  /** MIME-style base64 wrapped at a fixed width arrives as \n or \r\n escapes inside the string. */
  @Test
  void skipsEscapedLineBreaksInsideTheBase64() throws Exception {
    byte[] png = png(90);
    String wrapped = String.join("\\r\\n", b64(png).split("(?<=\\G.{16})"));
    String unixWrapped = String.join("\\n", b64(png).split("(?<=\\G.{16})"));

    DataUrlSpooler.Result r = read("[\"" + PNG_URL_HEAD + wrapped + "\",\"" + PNG_URL_HEAD + unixWrapped + "\"]");

    assertThat(wrapped).contains("\\r\\n");
    assertThat(r.text()).isEqualTo("[\"aigw-spooled:0\",\"aigw-spooled:1\"]");
    assertThat(file(r, 0)).isEqualTo(png);
    assertThat(file(r, 1)).isEqualTo(png);
  }

  @Test
  void numbersSeveralDataUrlsInNestedObjectsAndArraysInOrder() throws Exception {
    byte[] a = png(40);
    byte[] b = png(50);
    byte[] c = png(70);

    DataUrlSpooler.Result r = read("{\"data\":{\"result\":[{\"image\":\"" + PNG_URL_HEAD + b64(a) + "\"},{\"image\":\""
        + PNG_URL_HEAD + b64(b) + "\",\"w\":[1,[2,{}]]}],\"more\":[[\"" + PNG_URL_HEAD + b64(c) + "\", true, null]]}}");

    assertThat(r.text()).isEqualTo("{\"data\":{\"result\":[{\"image\":\"aigw-spooled:0\"},{\"image\":\"aigw-spooled:1\","
        + "\"w\":[1,[2,{}]]}],\"more\":[[\"aigw-spooled:2\", true, null]]}}");
    assertThat(file(r, 0)).isEqualTo(a);
    assertThat(file(r, 1)).isEqualTo(b);
    assertThat(file(r, 2)).isEqualTo(c);
  }

  /** Short strings, keys, escapes, \\uXXXX and UTF-8 are copied exactly; nothing is spooled. */
  @Test
  void copiesShortDataUrlsKeysEscapesAndUtf8Verbatim() throws Exception {
    String shortUrl = PNG_URL_HEAD + "iVBORw0KGgo="; // 12 payload chars, under the threshold
    String longKey = PNG_URL_HEAD + b64(png(60));
    String json = "{\"short\":\"" + shortUrl + "\",\"" + longKey + "\":1,\"esc\":\"a\\\"b\\\\c\\u00e9\\/d\\n\","
        + "\"text\":\"héllo ✓ data:\",\"dataish\":\"data:\",\"q\":\"\"}";

    DataUrlSpooler.Result r = read(json);

    assertThat(r.text()).isEqualTo(json);
    assertThat(r.media()).isEmpty();
    assertThat(SpoolFiles.live()).isEqualTo(liveBefore);
  }

  /** A string exactly as long as the threshold stays inline; one byte more is spooled. */
  @Test
  void spoolsOnlyPayloadsLongerThanTheThreshold() throws Exception {
    String atThreshold = PNG_URL_HEAD + "A".repeat(THRESHOLD);
    String above = PNG_URL_HEAD + b64(png(15)); // 20 chars

    DataUrlSpooler.Result r = read("[\"" + atThreshold + "\",\"" + above + "\"]");

    assertThat(b64(png(15))).hasSize(20);
    assertThat(r.text()).isEqualTo("[\"" + atThreshold + "\",\"aigw-spooled:0\"]");
    assertThat(file(r, 0)).isEqualTo(png(15));
  }

  @Test
  void keepsPercentEncodedAndNonMediaDataUrlsInline() throws Exception {
    String percent = "data:image/svg+xml,%3Csvg%20xmlns%3D%22http%3A%2F%2Fwww.w3.org%2F2000%2Fsvg%22%2F%3E";
    String text = "data:text/plain;base64," + b64("just some text, not an image".getBytes());
    String json = "{\"svg\":\"" + percent + "\",\"txt\":\"" + text + "\"}";

    DataUrlSpooler.Result r = read(json);

    assertThat(r.text()).isEqualTo(json);
    assertThat(r.media()).isEmpty();
  }

  @Test
  void typesTheFileByItsFirstBytesElseAsDeclared() throws Exception {
    byte[] jpeg = new byte[40];
    jpeg[0] = (byte) 0xFF;
    jpeg[1] = (byte) 0xD8;
    jpeg[2] = (byte) 0xFF;
    byte[] unknown = "not an image of any known kind, 40 bytes".getBytes();

    DataUrlSpooler.Result r = read("[\"data:image/png;base64," + b64(jpeg) + "\",\"data:image/avif;base64,"
        + b64(unknown) + "\",\"data:video/mp4;base64," + b64(unknown) + "\"]");

    assertThat(r.media().get("aigw-spooled:0").mimeType()).isEqualTo("image/jpeg");
    assertThat(r.media().get("aigw-spooled:1").mimeType()).isEqualTo("image/avif");
    assertThat(r.media().get("aigw-spooled:2").mimeType()).isEqualTo("video/mp4");
    assertThat(file(r, 2)).isEqualTo(unknown);
  }

  @Test
  void aBodyCutInsideASpooledPayloadIsTheNotJsonErrorAndLeavesNoFile() {
    String b64 = b64(png(60));

    AigwException e = failure("{\"ok\":true,\"image\":\"" + PNG_URL_HEAD + b64.substring(0, 40));

    assertThat(e.vendor()).isEqualTo("cheapsub");
    assertThat(e).hasMessage("[cheapsub] expected a JSON answer but got: {\"ok\":true,\"image\":\"data:image/png;base64,… "
        + "(the answer ended inside this data URL)");
    assertThat(SpoolFiles.live()).isEqualTo(liveBefore);
  }

  @Test
  void invalidBase64IsAClearErrorWithoutThePayloadAndLeavesNoFile() {
    String good = PNG_URL_HEAD + b64(png(60));
    String bad = PNG_URL_HEAD + b64(png(30)).substring(0, 12) + "*" + b64(png(30)).substring(12);

    AigwException e = failure("[\"" + good + "\",\"" + bad + "\"]");

    assertThat(e.vendor()).isEqualTo("cheapsub");
    assertThat(e).hasMessage("[cheapsub] the answer's image/png data URL is not valid base64: "
        + "a character that is not base64 near payload character 13");
    assertThat(SpoolFiles.live()).isEqualTo(liveBefore);
  }

  @Test
  void dataAfterPaddingAndAStrayEscapeAreInvalidBase64() {
    String padded = b64(png(31)); // ends "=="

    assertThat(failure("[\"" + PNG_URL_HEAD + padded + "AAAA\"]"))
        .hasMessage("[cheapsub] the answer's image/png data URL is not valid base64: data after the padding '=' "
            + "near payload character " + (padded.length() + 1));
    assertThat(failure("[\"" + PNG_URL_HEAD + padded.substring(0, 20) + "\\t" + padded.substring(20) + "\"]"))
        .hasMessage("[cheapsub] the answer's image/png data URL is not valid base64: an escape \\t in the payload "
            + "near payload character 20");
    assertThat(failure("[\"" + PNG_URL_HEAD + padded.substring(0, padded.length() - 3) + "\"]"))
        .hasMessage("[cheapsub] the answer's image/png data URL is not valid base64: a bad length "
            + "near payload character " + (padded.length() - 3));
    assertThat(SpoolFiles.live()).isEqualTo(liveBefore);
  }
}
