package dev.aigw.core.profile;

import dev.aigw.core.image.AspectRatio;
import dev.aigw.core.image.ImageSize;
import dev.aigw.core.image.Resolution;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The shapes a gateway takes natively: aspect ratios (with resolution classes), exact pixel sizes
 * (any, or a list), or both. A neutral request's shape is translated into this vocabulary where an
 * exact equivalent exists ({@code 16:9} at 1k is {@code 1024x576}; {@code 1024x1024} is {@code
 * 1:1} at 1k; a resolution class alone means {@code 1:1}), mapped to the nearest only when the
 * request asks for it ({@link dev.aigw.core.image.Fit#NEAREST}), and refused otherwise.
 *
 * @param ratios the aspect ratios taken (empty when the gateway takes no ratio)
 * @param otherRatios whether ratios beyond {@code ratios} may be given too (the vendor lists only
 *     examples)
 * @param sizes the exact sizes taken, when the gateway takes only these
 * @param anySize whether any exact size in pixels is taken
 * @param resolutions the resolution classes taken beside a ratio (1k, 2k, 4k)
 */
public record ImageShapes(List<AspectRatio> ratios, boolean otherRatios, List<ImageSize> sizes, boolean anySize,
    Set<Resolution> resolutions) {

  /**
   * Copies the collections.
   *
   * @param ratios the aspect ratios taken (empty when the gateway takes no ratio)
   * @param otherRatios whether ratios beyond {@code ratios} may be given too (the vendor lists only examples)
   * @param sizes the exact sizes taken, when the gateway takes only these
   * @param anySize whether any exact size in pixels is taken
   * @param resolutions the resolution classes taken beside a ratio (1k, 2k, 4k)
   */
  public ImageShapes {
    ratios = List.copyOf(ratios);
    sizes = List.copyOf(sizes);
    resolutions = resolutions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(resolutions));
  }

  /**
   * A gateway that takes aspect ratios and resolution classes, not pixel sizes.
   *
   * @param ratios the documented ratios
   * @param otherRatios whether others may be given too
   * @param resolutions the resolution classes
   * @return the shapes
   */
  public static ImageShapes ofRatios(List<AspectRatio> ratios, boolean otherRatios, Set<Resolution> resolutions) {
    return new ImageShapes(ratios, otherRatios, List.of(), false, resolutions);
  }

  /**
   * A gateway that takes any exact size in pixels (and no ratio).
   *
   * @return the shapes
   */
  public static ImageShapes ofAnySize() {
    return new ImageShapes(List.of(), false, List.of(), true, Set.of());
  }

  /**
   * A gateway that takes only the listed sizes.
   *
   * @param sizes the sizes
   * @return the shapes
   */
  public static ImageShapes ofSizes(List<ImageSize> sizes) {
    return new ImageShapes(List.of(), false, sizes, false, Set.of());
  }

  /**
   * These shapes, also taking any exact size.
   *
   * @return the shapes
   */
  public ImageShapes withAnySize() {
    return new ImageShapes(ratios, otherRatios, sizes, true, resolutions);
  }

  /**
   * Whether the gateway takes aspect ratios.
   *
   * @return {@code true} when it does
   */
  public boolean takesRatios() {
    return !ratios.isEmpty() || otherRatios;
  }

  /**
   * Whether the gateway takes {@code ratio} as it is (compared as a fraction: 32:18 is 16:9).
   *
   * @param ratio the ratio
   * @return {@code true} when it does
   */
  public boolean takesRatio(AspectRatio ratio) {
    return otherRatios || ratios.stream().anyMatch(r -> sameRatio(r, ratio));
  }

  /**
   * Whether the gateway takes pixel sizes.
   *
   * @return {@code true} when it does
   */
  public boolean takesSizes() {
    return anySize || !sizes.isEmpty();
  }

  /**
   * Whether the gateway takes {@code size} as it is.
   *
   * @param size the size
   * @return {@code true} when it does
   */
  public boolean takesSize(ImageSize size) {
    return anySize || sizes.contains(size);
  }

  /**
   * Whether two ratios are the same fraction.
   *
   * @param a one ratio
   * @param b another
   * @return {@code true} when {@code a.width * b.height == b.width * a.height}
   */
  public static boolean sameRatio(AspectRatio a, AspectRatio b) {
    return (long) a.width() * b.height() == (long) b.width() * a.height();
  }
}
