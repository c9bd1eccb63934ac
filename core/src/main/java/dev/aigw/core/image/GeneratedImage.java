package dev.aigw.core.image;

import dev.aigw.core.media.GeneratedMedia;
import dev.aigw.core.media.ImageFormat;
import dev.aigw.core.media.MediaDownloader;
import java.nio.file.Path;

/** One generated image. Save it with {@link #saveTo(Path)}; read it with {@link #bytes()}. */
public final class GeneratedImage extends GeneratedMedia {
  private final Integer width;
  private final Integer height;

  /**
   * An image behind a URL or inside a {@code data:} URL.
   *
   * @param vendor the vendor
   * @param location the URL or data URL
   * @param mimeType the MIME type when known
   * @param width pixels across when known
   * @param height pixels down when known
   * @param downloader fetches the URL
   */
  public GeneratedImage(String vendor, String location, String mimeType, Integer width, Integer height,
      MediaDownloader downloader) {
    super(vendor, location, mimeType, downloader);
    this.width = width;
    this.height = height;
  }

  /**
   * An image the gateway answered with directly (in memory, or spooled to {@code file}).
   *
   * @param vendor the vendor
   * @param bytes the content, or {@code null} when {@code file} is given
   * @param file the spooled file, or {@code null}
   * @param mimeType the MIME type
   */
  public GeneratedImage(String vendor, byte[] bytes, Path file, String mimeType) {
    super(vendor, bytes, file, mimeType);
    this.width = null;
    this.height = null;
  }

  /** The image format its first bytes show (PNG, JPEG, WebP, GIF), or {@code null}. */
  @Override
  protected String detectMimeType(byte[] head, int length) {
    ImageFormat format = ImageFormat.detect(head, length);
    return format == null ? null : format.mimeType();
  }

  /** {@return pixels across, when the gateway said} */
  public Integer width() {
    return width;
  }

  /** {@return pixels down, when the gateway said} */
  public Integer height() {
    return height;
  }

  /**
   * A image in a temporary file the runtime spooled a binary answer into. The image owns the
   * file: it is deleted once the image is saved (the image then reads the saved file), {@link
   * #discard() discarded}, or no longer reachable.
   *
   * @param vendor the vendor
   * @param file the temporary file, which the image now owns
   * @param mimeType the MIME type when known, or {@code null}
   * @return the image
   */
  public static GeneratedImage fromTemporaryFile(String vendor, Path file, String mimeType) {
    return new GeneratedImage(vendor, file, mimeType);
  }

  private GeneratedImage(String vendor, Path temporaryFile, String mimeType) {
    super(vendor, null, temporaryFile, mimeType, true);
    this.width = null;
    this.height = null;
  }
}
