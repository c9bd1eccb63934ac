package dev.aigw.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;

/** Checks on the files the examples write. */
final class Media {
  private Media() {}

  /** Asserts that {@code file} is a PNG that decodes, and returns the picture. */
  static BufferedImage assertPng(Path file) throws IOException {
    assertThat(file).isRegularFile();
    byte[] head = Arrays.copyOf(Files.readAllBytes(file), 8);
    assertThat(head).as("PNG signature of %s", file)
        .containsExactly(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image).as("%s decodes", file).isNotNull();
    assertThat(image.getWidth()).isPositive();
    return image;
  }

  /** Asserts that {@code file} is an MP4: an {@code ftyp} box at offset 4. */
  static void assertMp4(Path file) throws IOException {
    assertThat(file).isRegularFile();
    byte[] bytes = Files.readAllBytes(file);
    assertThat(bytes.length).isGreaterThan(8);
    assertThat(new String(bytes, 4, 4, StandardCharsets.US_ASCII)).as("box type at offset 4 of %s", file)
        .isEqualTo("ftyp");
  }
}
