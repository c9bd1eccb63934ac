package dev.aigw.testkit;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Real media for fakes and tests: PNG and JPEG images that decode, and a small MP4. */
public final class TestMedia {
  private TestMedia() {}

  private static volatile byte[] mp4;

  /**
   * A {@code width}×{@code height} PNG with a gradient (each seed draws a different one).
   *
   * @param width pixels across
   * @param height pixels down
   * @param seed picks the gradient
   * @return the PNG file's bytes
   */
  public static byte[] png(int width, int height, int seed) {
    return encode(image(width, height, seed), "png");
  }

  /**
   * A {@code width}×{@code height} JPEG.
   *
   * @param width pixels across
   * @param height pixels down
   * @param seed picks the gradient
   * @return the JPEG file's bytes
   */
  public static byte[] jpeg(int width, int height, int seed) {
    return encode(image(width, height, seed), "jpg");
  }

  /** {@return a one-second 64×64 H.264 MP4 (it starts with an {@code ftyp} box)} */
  public static byte[] mp4() {
    byte[] cached = mp4;
    if (cached == null) {
      try (InputStream in = TestMedia.class.getResourceAsStream("sample.mp4")) {
        if (in == null) {
          throw new IllegalStateException("sample.mp4 is missing from the testkit jar");
        }
        cached = in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      mp4 = cached;
    }
    return cached.clone();
  }

  private static BufferedImage image(int width, int height, int seed) {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          int r = (x * 255 / Math.max(1, width - 1) + seed * 37) & 0xFF;
          int gr = (y * 255 / Math.max(1, height - 1) + seed * 91) & 0xFF;
          img.setRGB(x, y, new Color(r, gr, (seed * 53) & 0xFF).getRGB());
        }
      }
    } finally {
      g.dispose();
    }
    return img;
  }

  private static byte[] encode(BufferedImage img, String format) {
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
