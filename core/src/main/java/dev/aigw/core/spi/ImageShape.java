package dev.aigw.core.spi;

import dev.aigw.core.image.AspectRatio;
import dev.aigw.core.image.Fit;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageSize;
import dev.aigw.core.image.Resolution;
import dev.aigw.core.profile.ImageShapes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A neutral request's shape in one gateway's vocabulary ({@link ImageShapes}): an aspect ratio and
 * resolution class for a gateway that takes ratios, an exact size for one that takes sizes. {@link
 * #resolve} translates where an exact equivalent exists — a resolution class is a long side of
 * 1024, 2048 or 4096 pixels, so {@code 16:9} at 1k is {@code 1024x576} and {@code 1024x1024} is
 * {@code 1:1} at 1k, and a class without a ratio means {@code 1:1} — maps to the nearest shape the
 * gateway takes only when the request asks for it ({@link Fit#NEAREST}), and refuses otherwise.
 *
 * @param aspectRatio the ratio to send, or {@code null}
 * @param size the exact size to send, or {@code null}
 * @param resolution the resolution class to send, or {@code null}
 */
public record ImageShape(AspectRatio aspectRatio, ImageSize size, Resolution resolution) {
  private static final Logger LOG = LoggerFactory.getLogger("dev.aigw.portable");
  private static final AspectRatio SQUARE = AspectRatio.of(1, 1);

  /**
   * The shape of {@code request} at a gateway that takes {@code shapes}.
   *
   * @param request the request
   * @param shapes what the gateway takes
   * @param checks where refusals go
   * @return the shape to send (after a collecting check's refusal, the request's own values)
   * @throws dev.aigw.core.error.ValidationException when there is no exact equivalent and the
   *     request does not ask for the nearest (unless collecting)
   */
  public static ImageShape resolve(ImageRequest request, ImageShapes shapes, Checks checks) {
    AspectRatio ratio = request.aspectRatio();
    ImageSize size = request.size();
    Resolution resolution = request.resolution();
    boolean nearest = request.fit() == Fit.NEAREST;
    ImageShape given = new ImageShape(ratio, size, resolution);
    String vendor = checks.vendor();

    if (size != null && !shapes.takesSize(size)) {
      if (shapes.takesRatios()) {
        AspectRatio reduced = reduce(size);
        Resolution cls = classOf(size);
        if (cls != null && shapes.takesRatio(reduced) && (shapes.resolutions().isEmpty() || shapes.resolutions().contains(cls))) {
          if (!consistent(checks, ratio, resolution, size, reduced, cls)) {
            return given;
          }
          return new ImageShape(reduced, null, cls);
        }
        if (nearest) {
          AspectRatio near = shapes.takesRatio(reduced) ? reduced : nearestRatio(shapes.ratios(), ratioOf(size));
          return mapped(checks, size.toString(), new ImageShape(near, null, nearestClass(size, shapes.resolutions())));
        }
        checks.reject("size", vendor + " takes an aspect ratio and a resolution class, not a pixel size; " + size
            + " has no exact equivalent (one is " + exactHint() + "): give aspectRatio(…) and resolution(…), or ask"
            + " for the nearest with fit(Fit.NEAREST)");
        return given;
      }
      if (!shapes.sizes().isEmpty()) {
        if (nearest) {
          return mapped(checks, size.toString(), new ImageShape(null, nearestSize(shapes.sizes(), ratioOf(size), size), null));
        }
        checks.reject("size", "accepts " + list(shapes.sizes()) + "; was " + size
            + " (or ask for the nearest with fit(Fit.NEAREST))");
        return given;
      }
      checks.reject("size", "is not supported by " + vendor);
      return given;
    }

    if (size != null) {
      if (shapes.takesRatios()) {
        return given; // a gateway that takes both says itself how they combine
      }
      if (!consistent(checks, ratio, resolution, size, reduce(size), classOf(size))) {
        return given;
      }
      return new ImageShape(null, size, null);
    }

    if (ratio == null && resolution == null) {
      return given;
    }
    if (shapes.takesRatios()) {
      if (ratio != null && !shapes.takesRatio(ratio)) {
        if (nearest) {
          return mapped(checks, ratio.toString(),
              new ImageShape(nearestRatio(shapes.ratios(), ratioOf(ratio)), null, resolution));
        }
        checks.reject("aspectRatio", "accepts " + list(shapes.ratios()) + "; was " + ratio
            + " (or ask for the nearest with fit(Fit.NEAREST))");
        return given;
      }
      // a listed ratio is sent as listed (32:18 as 16:9)
      AspectRatio listed = ratio == null ? null
          : shapes.ratios().stream().filter(r -> ImageShapes.sameRatio(r, ratio)).findFirst().orElse(ratio);
      return new ImageShape(listed, null, resolution);
    }

    AspectRatio wanted = ratio != null ? ratio : SQUARE;
    Resolution cls = resolution != null ? resolution : Resolution.K1;
    String field = ratio != null ? "aspectRatio" : "resolution";
    if (shapes.anySize()) {
      ImageSize exact = exactSize(wanted, cls);
      if (exact != null) {
        return new ImageShape(null, exact, null);
      }
      if (nearest) {
        return mapped(checks, wanted + " at " + cls.wireValue(), new ImageShape(null, roundedSize(wanted, cls), null));
      }
      checks.reject(field, vendor + " takes an exact size in pixels, and " + wanted + " at " + cls.wireValue()
          + " has none (" + describeInexact(wanted, cls) + "): give size(width, height), or ask for the nearest with"
          + " fit(Fit.NEAREST)");
      return given;
    }
    List<ImageSize> matching = shapes.sizes().stream()
        .filter(s -> ImageShapes.sameRatio(reduce(s), wanted) && (resolution == null || classOf(s) == resolution))
        .toList();
    if (!matching.isEmpty()) {
      return new ImageShape(null, matching.get(0), null);
    }
    if (nearest) {
      return mapped(checks, wanted + (resolution == null ? "" : " at " + cls.wireValue()),
          new ImageShape(null, nearestSize(shapes.sizes(), ratioOf(wanted), exactOrRounded(wanted, cls)), null));
    }
    boolean ratioListed = shapes.sizes().stream().anyMatch(s -> ImageShapes.sameRatio(reduce(s), wanted));
    if (ratio != null && !ratioListed) {
      checks.reject("aspectRatio", "accepts " + shapes.sizes().stream().map(s -> reduce(s).toString())
          .collect(Collectors.joining(", ")) + " (the sizes " + list(shapes.sizes()) + "); was " + ratio
          + " (or ask for the nearest with fit(Fit.NEAREST))");
    } else {
      checks.reject("resolution", "takes the sizes " + list(shapes.sizes()) + ", none of which is " + wanted + " at "
          + cls.wireValue() + " (or ask for the nearest with fit(Fit.NEAREST))");
    }
    return given;
  }

  /** Whether a given ratio and class agree with {@code size}; refuses when they do not. */
  private static boolean consistent(Checks checks, AspectRatio ratio, Resolution resolution, ImageSize size,
      AspectRatio sizeRatio, Resolution sizeClass) {
    boolean ok = true;
    if (ratio != null && !ImageShapes.sameRatio(ratio, sizeRatio)) {
      checks.reject("aspectRatio", ratio + " contradicts the size " + size + "; give one of them");
      ok = false;
    }
    if (resolution != null && resolution != sizeClass) {
      checks.reject("resolution", resolution.wireValue() + " contradicts the size " + size + "; give one of them");
      ok = false;
    }
    return ok;
  }

  private static ImageShape mapped(Checks checks, String from, ImageShape to) {
    if (!checks.isCollecting()) {
      LOG.info("[{}] {} has no exact equivalent; sending the nearest the gateway takes, {} (the request asks for the"
          + " nearest)", checks.vendor(), from, to.describe());
    }
    return to;
  }

  /** The shape as sent, in words: {@code 1536x1024}, or {@code 16:9 at 2k}. */
  String describe() {
    if (size != null) {
      return size.toString();
    }
    return (aspectRatio == null ? "" : aspectRatio.toString()) + (resolution == null ? "" : " at " + resolution.wireValue());
  }

  /**
   * The long side, in pixels, of a resolution class: 1024, 2048 or 4096.
   *
   * @param resolution the class
   * @return the long side
   */
  public static int longSide(Resolution resolution) {
    return switch (resolution) {
      case K1 -> 1024;
      case K2 -> 2048;
      case K4 -> 4096;
    };
  }

  /**
   * The exact size of {@code ratio} at {@code resolution}, when the short side is a whole number.
   *
   * @param ratio the ratio
   * @param resolution the class
   * @return the size, or {@code null} when there is none
   */
  public static ImageSize exactSize(AspectRatio ratio, Resolution resolution) {
    long side = longSide(resolution);
    int major = Math.max(ratio.width(), ratio.height());
    int minor = Math.min(ratio.width(), ratio.height());
    if ((side * minor) % major != 0) {
      return null;
    }
    int shortSide = (int) (side * minor / major);
    return ratio.width() >= ratio.height() ? ImageSize.of((int) side, shortSide) : ImageSize.of(shortSide, (int) side);
  }

  /**
   * The class whose long side {@code size} has, or {@code null}.
   *
   * @param size the size
   * @return the class, or {@code null} when the long side is not 1024, 2048 or 4096
   */
  public static Resolution classOf(ImageSize size) {
    int side = Math.max(size.width(), size.height());
    for (Resolution r : Resolution.values()) {
      if (longSide(r) == side) {
        return r;
      }
    }
    return null;
  }

  /**
   * {@code size}'s ratio in lowest terms ({@code 1024x576} is {@code 16:9}).
   *
   * @param size the size
   * @return the ratio
   */
  public static AspectRatio reduce(ImageSize size) {
    int gcd = java.math.BigInteger.valueOf(size.width()).gcd(java.math.BigInteger.valueOf(size.height())).intValue();
    return AspectRatio.of(size.width() / gcd, size.height() / gcd);
  }

  private static ImageSize roundedSize(AspectRatio ratio, Resolution resolution) {
    int side = longSide(resolution);
    int major = Math.max(ratio.width(), ratio.height());
    int minor = Math.min(ratio.width(), ratio.height());
    int shortSide = (int) Math.max(1, Math.round((double) side * minor / major));
    return ratio.width() >= ratio.height() ? ImageSize.of(side, shortSide) : ImageSize.of(shortSide, side);
  }

  private static ImageSize exactOrRounded(AspectRatio ratio, Resolution resolution) {
    ImageSize exact = exactSize(ratio, resolution);
    return exact != null ? exact : roundedSize(ratio, resolution);
  }

  private static String describeInexact(AspectRatio ratio, Resolution resolution) {
    int side = longSide(resolution);
    int major = Math.max(ratio.width(), ratio.height());
    int minor = Math.min(ratio.width(), ratio.height());
    String shortSide = String.format(java.util.Locale.ROOT, "%.2f", (double) side * minor / major);
    return ratio.width() >= ratio.height() ? side + " x " + shortSide : shortSide + " x " + side;
  }

  private static String exactHint() {
    return "WxH with a long side of 1024, 2048 or 4096, such as 1024x1024 = 1:1 at 1k or 1024x576 = 16:9 at 1k";
  }

  private static double ratioOf(ImageSize size) {
    return (double) size.width() / size.height();
  }

  private static double ratioOf(AspectRatio ratio) {
    return (double) ratio.width() / ratio.height();
  }

  private static double distance(double a, double b) {
    return Math.abs(Math.log(a) - Math.log(b));
  }

  private static AspectRatio nearestRatio(List<AspectRatio> ratios, double target) {
    if (ratios.isEmpty()) {
      return SQUARE;
    }
    return ratios.stream().min(Comparator.comparingDouble(r -> distance(ratioOf(r), target))).orElseThrow();
  }

  private static Resolution nearestClass(ImageSize size, Set<Resolution> allowed) {
    Set<Resolution> classes = allowed.isEmpty() ? EnumSet.allOf(Resolution.class) : allowed;
    int side = Math.max(size.width(), size.height());
    return classes.stream().min(Comparator.comparingInt(r -> Math.abs(longSide(r) - side))).orElseThrow();
  }

  private static ImageSize nearestSize(List<ImageSize> sizes, double ratio, ImageSize like) {
    long area = (long) like.width() * like.height();
    return sizes.stream().min(Comparator.<ImageSize>comparingDouble(s -> distance(ratioOf(s), ratio))
        .thenComparingLong(s -> Math.abs((long) s.width() * s.height() - area))).orElseThrow();
  }

  private static String list(List<?> values) {
    List<String> out = new ArrayList<>();
    values.forEach(v -> out.add(String.valueOf(v)));
    return String.join(", ", out);
  }
}
