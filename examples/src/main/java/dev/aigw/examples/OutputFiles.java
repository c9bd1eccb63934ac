package dev.aigw.examples;

import dev.aigw.core.media.ImageFormat;
import dev.aigw.core.media.GeneratedMedia;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Saves generated media in the output folder under names that say what they are. */
final class OutputFiles {
  private OutputFiles() {}

  /**
   * Saves an image as {@code <folder>/<name>.<ext>}, the extension taken from the image's own
   * first bytes (a gateway may answer PNG, JPEG or WebP whatever was asked).
   *
   * @return the saved file
   */
  static Path saveImage(GeneratedMedia image, Path folder, String name) {
    Path downloaded = image.saveTo(folder.resolve(name + ".download"));
    ImageFormat format = detect(downloaded);
    Path target = folder.resolve(name + "." + (format == null ? "bin" : format.extension()));
    try {
      return Files.move(downloaded, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("could not rename " + downloaded + " to " + target, e);
    }
  }

  /** Saves a video as {@code <folder>/<name>.mp4}. */
  static Path saveVideo(GeneratedMedia video, Path folder, String name) {
    return video.saveTo(folder.resolve(name + ".mp4"));
  }

  /** A file's size for people: {@code 812 B}, {@code 6.2 KB}, {@code 3.4 MB}. */
  static String size(Path file) {
    long bytes;
    try {
      bytes = Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }
    return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
  }

  private static ImageFormat detect(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(ImageFormat.MAGIC_LENGTH);
      return ImageFormat.detect(head, head.length);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
