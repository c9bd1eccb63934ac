package dev.aigw.core.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link MediaInput#toDataUrl()}: local media inlined for JSON bodies. */
class MediaInputToDataUrlTest {
  @TempDir Path dir;

  @Test
  void aFileBecomesADataUrlOfItsDetectedTypeThatDecodesToTheSameBytes() throws Exception {
    byte[] jpeg = TestImages.jpeg(3, 2);
    Path file = Files.write(dir.resolve("photo.bin"), jpeg);
    String dataUrl = MediaInput.file(file).toDataUrl();
    assertThat(dataUrl).startsWith("data:image/jpeg;base64,/9j/");
    assertThat(DataUrl.parse(dataUrl).decode()).isEqualTo(jpeg);
  }

  @Test
  void bytesBecomeADataUrlAndUnknownBytesAreOctetStream() {
    byte[] png = TestImages.png(2, 2);
    assertThat(DataUrl.parse(MediaInput.bytes(png, "a.png").toDataUrl()).decode()).isEqualTo(png);
    assertThat(MediaInput.bytes(png).toDataUrl()).startsWith("data:image/png;base64,iVBORw0KGgo");
    assertThat(MediaInput.bytes(new byte[] {1, 2, 3}).toDataUrl()).isEqualTo("data:application/octet-stream;base64,AQID");
  }

  @Test
  void aDataUrlIsReturnedAsGiven() {
    String given = "data:image/png;base64,iVBORw0KGgo=";
    assertThat(MediaInput.dataUrl(given).toDataUrl()).isSameAs(given);
  }

  @Test
  void aRemoteUrlHasNoBytesToInline() {
    assertThatThrownBy(() -> MediaInput.url("https://example.com/a.png").toDataUrl())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("remote URL");
  }

  @Test
  void aFileThatVanishedIsAnUncheckedIoError() throws Exception {
    Path file = Files.write(dir.resolve("gone.png"), TestImages.png(1, 1));
    MediaInput input = MediaInput.file(file);
    Files.delete(file);
    assertThatThrownBy(input::toDataUrl).isInstanceOf(UncheckedIOException.class);
  }
}
