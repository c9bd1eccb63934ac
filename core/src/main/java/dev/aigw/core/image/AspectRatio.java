package dev.aigw.core.image;

import dev.aigw.core.error.ValidationException;

/**
 * A width-to-height ratio such as 16:9 (kept as given, not reduced).
 *
 * @param width the width part
 * @param height the height part
 */
public record AspectRatio(int width, int height) {
  /**
   * Checks that both parts are positive.
   *
   * @param width 1 or more
   * @param height 1 or more
   * @throws dev.aigw.core.error.ValidationException if a part is below 1
   */
  public AspectRatio {
    if (width < 1 || height < 1) {
      throw new ValidationException(null, "aspectRatio", "both parts must be positive, was " + width + ":" + height);
    }
  }

  /**
   * The ratio {@code width:height}.
   *
   * @param width the width part, 1 or more
   * @param height the height part, 1 or more
   * @return the ratio, kept as given (16:9 stays 16:9, 32:18 is not reduced)
   * @throws dev.aigw.core.error.ValidationException if a part is below 1
   */
  public static AspectRatio of(int width, int height) {
    return new AspectRatio(width, height);
  }

  /**
   * Parses {@code "16:9"}.
   *
   * @param value two positive integers separated by a colon
   * @return the ratio
   * @throws dev.aigw.core.error.ValidationException if the value does not look like {@code 16:9}
   */
  public static AspectRatio parse(String value) {
    String[] parts = value == null ? new String[0] : value.strip().split(":");
    if (parts.length != 2) {
      throw new ValidationException(null, "aspectRatio", "must look like 16:9, was " + value);
    }
    try {
      return new AspectRatio(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
    } catch (NumberFormatException e) {
      throw new ValidationException(null, "aspectRatio", "must look like 16:9, was " + value);
    }
  }

  /** The wire form, {@code "16:9"}. */
  @Override
  public String toString() {
    return width + ":" + height;
  }
}
