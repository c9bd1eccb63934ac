package dev.aigw.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** {@link TestMedia}: images that decode and an MP4 that is one. */
class TestMediaTest {

  private static BufferedImage decode(byte[] bytes) throws IOException {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
    assertThat(image).as("decodes").isNotNull();
    return image;
  }

  @Test
  void pngDecodesAtTheAskedSize() throws IOException {
    byte[] png = TestMedia.png(64, 48, 1);

    assertThat(Arrays.copyOf(png, 8)).containsExactly(0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n');
    BufferedImage image = decode(png);
    assertThat(image.getWidth()).isEqualTo(64);
    assertThat(image.getHeight()).isEqualTo(48);
  }

  @Test
  void eachSeedDrawsADifferentPictureAndTheSameSeedTheSame() throws IOException {
    assertThat(TestMedia.png(16, 16, 1)).isNotEqualTo(TestMedia.png(16, 16, 2)).isEqualTo(TestMedia.png(16, 16, 1));
    BufferedImage image = decode(TestMedia.png(16, 16, 3));
    assertThat(image.getRGB(0, 0)).isNotEqualTo(image.getRGB(15, 15));
  }

  @Test
  void oneByOnePngStillDecodes() throws IOException {
    assertThat(decode(TestMedia.png(1, 1, 0)).getWidth()).isEqualTo(1);
  }

  @Test
  void jpegDecodesAtTheAskedSize() throws IOException {
    byte[] jpeg = TestMedia.jpeg(40, 30, 5);

    assertThat(jpeg[0] & 0xFF).isEqualTo(0xFF);
    assertThat(jpeg[1] & 0xFF).isEqualTo(0xD8);
    BufferedImage image = decode(jpeg);
    assertThat(image.getWidth()).isEqualTo(40);
    assertThat(image.getHeight()).isEqualTo(30);
  }

  @Test
  void mp4StartsWithAnFtypBox() {
    byte[] mp4 = TestMedia.mp4();

    assertThat(mp4.length).isGreaterThan(1000);
    assertThat(new String(Arrays.copyOfRange(mp4, 4, 8), StandardCharsets.US_ASCII)).isEqualTo("ftyp");
    int boxSize = ((mp4[0] & 0xFF) << 24) | ((mp4[1] & 0xFF) << 16) | ((mp4[2] & 0xFF) << 8) | (mp4[3] & 0xFF);
    assertThat(boxSize).isBetween(16, mp4.length);
    assertThat(new String(mp4, StandardCharsets.ISO_8859_1)).contains("moov");
  }

  @Test
  void mp4IsACopyEachTime() {
    byte[] first = TestMedia.mp4();
    first[4] = 'X';

    assertThat(new String(Arrays.copyOfRange(TestMedia.mp4(), 4, 8), StandardCharsets.US_ASCII)).isEqualTo("ftyp");
  }
}
