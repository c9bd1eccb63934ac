package dev.aigw.core.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import javax.imageio.ImageIO;

/** Real image files for tests: PNG and JPEG through ImageIO, WebP and GIF by their magic bytes. */
public final class TestImages {
  private TestImages() {}

  /** A PNG of {@code width} x {@code height} pixels. */
  public static byte[] png(int width, int height) {
    return write(image(width, height, false), "png");
  }

  /** A PNG of pseudo-random noise (it does not compress), roughly {@code 4 * width * height} bytes. */
  public static byte[] noisyPng(int width, int height, long seed) {
    return write(image(width, height, true, seed), "png");
  }

  /** A JPEG of {@code width} x {@code height} pixels. */
  public static byte[] jpeg(int width, int height) {
    return write(image(width, height, false), "jpeg");
  }

  /** A minimal WebP header ({@code RIFF....WEBPVP8 }) followed by filler. */
  public static byte[] webp() {
    byte[] b = new byte[32];
    System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 4);
    b[4] = 24; // little-endian chunk size
    System.arraycopy("WEBPVP8 ".getBytes(StandardCharsets.US_ASCII), 0, b, 8, 8);
    return b;
  }

  /** A GIF89a header followed by filler. */
  public static byte[] gif() {
    byte[] b = new byte[20];
    System.arraycopy("GIF89a".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 6);
    return b;
  }

  private static BufferedImage image(int width, int height, boolean noise) {
    return image(width, height, noise, 42);
  }

  private static BufferedImage image(int width, int height, boolean noise, long seed) {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    if (noise) {
      Random random = new Random(seed);
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          img.setRGB(x, y, random.nextInt(0x1000000));
        }
      }
    } else {
      Graphics2D g = img.createGraphics();
      g.setColor(Color.ORANGE);
      g.fillRect(0, 0, width, height);
      g.setColor(Color.BLUE);
      g.fillOval(0, 0, width / 2 + 1, height / 2 + 1);
      g.dispose();
    }
    return img;
  }

  private static byte[] write(BufferedImage img, String format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(img, format, out)) {
        throw new IllegalStateException("no ImageIO writer for " + format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
