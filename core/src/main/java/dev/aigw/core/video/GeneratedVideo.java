package dev.aigw.core.video;

import dev.aigw.core.media.GeneratedMedia;
import dev.aigw.core.media.MediaDownloader;
import java.nio.file.Path;

/** One generated video. {@link #saveTo(Path)} streams it to disk. */
public final class GeneratedVideo extends GeneratedMedia {

  /** A video behind a URL (or a {@code data:} URL). */
  public GeneratedVideo(String vendor, String location, String mimeType, MediaDownloader downloader) {
    super(vendor, location, mimeType, downloader);
  }

  /** A video the gateway answered with directly, in memory or spooled to {@code file}. */
  public GeneratedVideo(String vendor, byte[] bytes, Path file, String mimeType) {
    super(vendor, bytes, file, mimeType);
  }
}
