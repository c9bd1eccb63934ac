package dev.aigw.core.image;

import dev.aigw.core.error.ValidationException;

/**
 * An exact size in pixels.
 *
 * @param width pixels across
 * @param height pixels down
 */
public record ImageSize(int width, int height) {
  /**
   * Checks that both are positive.
   *
   * @param width pixels across, 1 or more
   * @param height pixels down, 1 or more
   * @throws dev.aigw.core.error.ValidationException if either is below 1
   */
  public ImageSize {
    if (width < 1 || height < 1) {
      throw new ValidationException(null, "size", "width and height must be positive, was " + width + "x" + height);
    }
  }

  /**
   * A size of {@code width} by {@code height} pixels.
   *
   * @param width pixels across, 1 or more
   * @param height pixels down, 1 or more
   * @return the size
   * @throws dev.aigw.core.error.ValidationException if either is below 1
   */
  public static ImageSize of(int width, int height) {
    return new ImageSize(width, height);
  }

  /**
   * Parses {@code "1536x1024"}.
   *
   * @param value width and height separated by {@code x} (either case)
   * @return the size
   * @throws dev.aigw.core.error.ValidationException if the value does not look like {@code
   *     1024x1024}
   */
  public static ImageSize parse(String value) {
    String[] parts = value == null ? new String[0] : value.strip().toLowerCase(java.util.Locale.ROOT).split("x");
    if (parts.length != 2) {
      throw new ValidationException(null, "size", "must look like 1024x1024, was " + value);
    }
    try {
      return new ImageSize(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
    } catch (NumberFormatException e) {
      throw new ValidationException(null, "size", "must look like 1024x1024, was " + value);
    }
  }

  /** The wire form, {@code "1536x1024"}. */
  @Override
  public String toString() {
    return width + "x" + height;
  }
}
