package dev.aigw.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ResponseReader.SpooledBody#head}: the first bytes of a spooled answer, for format checks. */
class SpooledBodyHeadTest {
  @TempDir Path dir;

  @Test
  void readsOnlyTheFirstBytes() throws Exception {
    Path file = Files.write(dir.resolve("body.bin"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
    ResponseReader.SpooledBody body = new ResponseReader.SpooledBody(file, "image/png", 10);

    assertThat(body.head(4)).containsExactly(1, 2, 3, 4);
    assertThat(body.head(0)).isEmpty();
  }

  @Test
  void aShortFileGivesWhatItHas() throws Exception {
    Path file = Files.write(dir.resolve("short.bin"), new byte[] {(byte) 0xFF, (byte) 0xD8});
    ResponseReader.SpooledBody body = new ResponseReader.SpooledBody(file, null, 2);

    assertThat(body.head(12)).containsExactly(0xFF, 0xD8);
  }

  @Test
  void aNegativeCountIsRefused() throws Exception {
    Path file = Files.write(dir.resolve("any.bin"), new byte[] {1});
    ResponseReader.SpooledBody body = new ResponseReader.SpooledBody(file, null, 1);

    assertThatThrownBy(() -> body.head(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
  }

  @Test
  void aVanishedFileIsAnUncheckedIoErrorNamingIt() {
    Path gone = dir.resolve("gone.bin");
    ResponseReader.SpooledBody body = new ResponseReader.SpooledBody(gone, null, 1);

    assertThatThrownBy(() -> body.head(4)).isInstanceOf(UncheckedIOException.class).hasMessageContaining("gone.bin");
  }
}
