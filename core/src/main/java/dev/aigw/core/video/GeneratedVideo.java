package dev.aigw.core.video;

import dev.aigw.core.media.GeneratedMedia;
import dev.aigw.core.media.MediaDownloader;
import java.nio.file.Path;

/** One generated video. {@link #saveTo(Path)} streams it to disk. */
public final class GeneratedVideo extends GeneratedMedia {

  /**
   * A video behind a URL (or a {@code data:} URL).
   *
   * @param vendor the vendor
   * @param location the URL or data URL
   * @param mimeType the MIME type when known, or {@code null}
   * @param downloader fetches the URL
   */
  public GeneratedVideo(String vendor, String location, String mimeType, MediaDownloader downloader) {
    super(vendor, location, mimeType, downloader);
  }

  /**
   * A video the gateway answered with directly, in memory or spooled to {@code file}.
   *
   * @param vendor the vendor
   * @param bytes the content, or {@code null} when {@code file} is given
   * @param file the spooled file, or {@code null}
   * @param mimeType the MIME type
   */
  public GeneratedVideo(String vendor, byte[] bytes, Path file, String mimeType) {
    super(vendor, bytes, file, mimeType);
  }

  /**
   * A video in a temporary file the runtime spooled a binary answer into. The video owns the
   * file: it is deleted once the video is saved (the video then reads the saved file), {@link
   * #discard() discarded}, or no longer reachable.
   *
   * @param vendor the vendor
   * @param file the temporary file, which the video now owns
   * @param mimeType the MIME type when known, or {@code null}
   * @return the video
   */
  public static GeneratedVideo fromTemporaryFile(String vendor, Path file, String mimeType) {
    return new GeneratedVideo(vendor, file, mimeType);
  }

  private GeneratedVideo(String vendor, Path temporaryFile, String mimeType) {
    super(vendor, null, temporaryFile, mimeType, true);
  }
}
