package dev.aigw.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;

/** Checks that saved files are what they claim to be. */
final class Media {
  private Media() {}

  /** Asserts that {@code file} is a PNG that decodes, and returns its width. */
  static int assertPng(Path file) throws IOException {
    assertThat(file).isRegularFile();
    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image).as("%s decodes as an image", file).isNotNull();
    assertThat(Files.readAllBytes(file)).startsWith(0x89, 'P', 'N', 'G');
    return image.getWidth();
  }

  /** Asserts that {@code file} is an MP4: an {@code ftyp} box at offset 4. */
  static void assertMp4(Path file) throws IOException {
    assertThat(file).isRegularFile();
    byte[] head = Arrays.copyOf(Files.readAllBytes(file), 8);
    assertThat(new String(head, 4, 4, StandardCharsets.US_ASCII)).isEqualTo("ftyp");
  }
}
