package dev.aigw.core.spi;

import dev.aigw.core.image.AspectRatio;
import dev.aigw.core.image.ImageSize;
import dev.aigw.core.profile.VideoProfile;
import dev.aigw.core.video.VideoRequest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A neutral video request's frame in one gateway's vocabulary: a resolution name ({@code 720p})
 * for a gateway that takes names, an exact size for one that takes sizes. {@code Np} is a frame
 * whose short side is N pixels, 16:9 unless the request gives another ratio, so {@code 720p} is
 * {@code 1280x720} and {@code 1920x1080} is {@code 1080p}; other sizes have no equivalent and are
 * left for the gateway's own checks to refuse.
 *
 * @param resolution the resolution name to send, or {@code null}
 * @param size the exact size to send, or {@code null}
 * @param aspectRatio the ratio still to be sent (the gateway decides whether it takes one), or
 *     {@code null}
 */
public record VideoShape(String resolution, ImageSize size, AspectRatio aspectRatio) {
  private static final Pattern LINES = Pattern.compile("([1-9][0-9]{2,3})p");
  private static final AspectRatio WIDE = AspectRatio.of(16, 9);

  /**
   * The frame of {@code request} at a gateway that takes {@code profile}.
   *
   * @param request the request
   * @param profile what the gateway takes
   * @return the frame to send (the translation itself refuses nothing)
   */
  public static VideoShape resolve(VideoRequest request, VideoProfile profile) {
    String resolution = request.resolution();
    ImageSize size = request.size();
    AspectRatio ratio = request.aspectRatio();
    if (size != null && !profile.anySize() && resolution == null && ratio == null) {
      String name = name(size);
      if (name != null && profile.resolutions().contains(name)) {
        return new VideoShape(name, null, null);
      }
    }
    if (resolution != null && profile.anySize() && size == null) {
      ImageSize frame = frame(resolution, ratio == null ? WIDE : ratio);
      if (frame != null) {
        return new VideoShape(null, frame, null);
      }
    }
    return new VideoShape(resolution, size, ratio);
  }

  /** {@code 1280x720} → {@code 720p} (16:9 landscape only), else {@code null}. */
  private static String name(ImageSize size) {
    if (size.width() * 9L == size.height() * 16L) {
      return size.height() + "p";
    }
    return null;
  }

  /** {@code 720p} at 16:9 → {@code 1280x720}, when exact; else {@code null}. */
  private static ImageSize frame(String resolution, AspectRatio ratio) {
    Matcher m = LINES.matcher(resolution.strip().toLowerCase(java.util.Locale.ROOT));
    if (!m.matches()) {
      return null;
    }
    long lines = Long.parseLong(m.group(1));
    int major = Math.max(ratio.width(), ratio.height());
    int minor = Math.min(ratio.width(), ratio.height());
    if ((lines * major) % minor != 0) {
      return null;
    }
    int longSide = (int) (lines * major / minor);
    return ratio.width() >= ratio.height() ? ImageSize.of(longSide, (int) lines) : ImageSize.of((int) lines, longSide);
  }
}
