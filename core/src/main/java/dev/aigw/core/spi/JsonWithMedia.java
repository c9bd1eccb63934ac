package dev.aigw.core.spi;

import dev.aigw.core.image.GeneratedImage;
import dev.aigw.core.json.RawJson;
import dev.aigw.core.media.MediaDownloader;
import dev.aigw.core.media.SpoolFiles;
import dev.aigw.core.spi.SpooledMedia;
import dev.aigw.core.video.GeneratedVideo;
import java.lang.ref.Cleaner;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A JSON answer whose large {@code data:} URLs were spooled to temporary files while it was read
 * (see {@link ResponseReader#rawJsonSpoolingDataUrls()}): the JSON text holds a placeholder
 * ({@code aigw-spooled:<n>}) where each such URL was.
 *
 * <p>Each spooled file is handed over once, to the image or video {@link #image} or {@link #video}
 * makes of its placeholder, which then owns it. Files nobody took are deleted by {@link
 * #discardUnclaimed()}, or once this value is unreachable, or when the JVM exits.
 */
public final class JsonWithMedia {
  private final RawJson raw;
  private final Map<String, SpooledMedia> media;
  private final Set<String> unclaimed;
  private final Cleaner.Cleanable cleanup;

  /**
   * An answer whose spooled files this value now owns: they are deleted once it is unreachable
   * unless an image or video took them.
   *
   * @param raw the JSON, with placeholders
   * @param media the spooled files by placeholder; this value takes ownership of them
   */
  public JsonWithMedia(RawJson raw, Map<String, SpooledMedia> media) {
    this.raw = raw;
    this.media = Map.copyOf(media);
    this.unclaimed = ConcurrentHashMap.newKeySet();
    this.unclaimed.addAll(this.media.keySet());
    this.cleanup = this.media.isEmpty() ? null : SpoolFiles.whenUnreachable(this, new DeleteUnclaimed(this.media, unclaimed));
  }

  /**
   * The answer's JSON; a spooled data URL reads as its placeholder.
   *
   * @return the JSON as received, with placeholders
   */
  public RawJson raw() {
    return raw;
  }

  /**
   * The spooled files by placeholder (for tests and diagnostics; use {@link #image} to take one).
   *
   * @return an unmodifiable map, taken files included
   */
  public Map<String, SpooledMedia> media() {
    return media;
  }

  /**
   * Whether {@code location} is the placeholder of a spooled file of this answer.
   *
   * @param location a URL, data URL or placeholder from the JSON, or {@code null}
   * @return {@code true} for a placeholder of this answer, taken or not
   */
  public boolean isSpooled(String location) {
    return location != null && media.containsKey(location);
  }

  /**
   * The image at {@code location}: the spooled file when it is a placeholder of this answer (the
   * image then owns the file), else the URL or data URL itself.
   *
   * @param vendor the vendor's name, for the image
   * @param location the image's URL, data URL or placeholder, as the JSON gives it
   * @param downloader fetches a URL when the image is read
   * @return the image
   * @throws IllegalStateException when the placeholder's file was already taken or discarded
   */
  public GeneratedImage image(String vendor, String location, MediaDownloader downloader) {
    if (isSpooled(location)) {
      SpooledMedia m = claim(location);
      return GeneratedImage.fromTemporaryFile(vendor, m.file(), m.mimeType());
    }
    return new GeneratedImage(vendor, location, null, null, null, downloader);
  }

  /**
   * The video at {@code location}: the spooled file when it is a placeholder of this answer (the
   * video then owns the file, typed as its data URL declared), else the URL or data URL itself,
   * typed {@code mimeType}.
   *
   * @param vendor the vendor's name, for the video
   * @param location the video's URL, data URL or placeholder, as the JSON gives it
   * @param mimeType the video's MIME type for a URL, or {@code null}
   * @param downloader fetches a URL when the video is read
   * @return the video
   * @throws IllegalStateException when the placeholder's file was already taken or discarded
   */
  public GeneratedVideo video(String vendor, String location, String mimeType, MediaDownloader downloader) {
    if (isSpooled(location)) {
      SpooledMedia m = claim(location);
      return GeneratedVideo.fromTemporaryFile(vendor, m.file(), m.mimeType());
    }
    return new GeneratedVideo(vendor, location, mimeType, downloader);
  }

  /**
   * Reads this answer with {@code reader} (which takes what it needs with {@link #image} and
   * {@link #video}), then deletes every spooled file it did not take, also when it throws.
   *
   * @param <T> what the reader makes of the answer
   * @param reader reads the answer
   * @return what {@code reader} returned
   */
  public <T> T read(Function<JsonWithMedia, T> reader) {
    try {
      return reader.apply(this);
    } finally {
      discardUnclaimed();
    }
  }

  /** Deletes now every spooled file no image or video took; taking one afterwards fails. */
  public void discardUnclaimed() {
    if (cleanup != null) {
      cleanup.clean();
    }
  }

  private SpooledMedia claim(String placeholder) {
    if (!unclaimed.remove(placeholder)) {
      throw new IllegalStateException("the media spooled as " + placeholder + " was already taken or discarded");
    }
    return media.get(placeholder);
  }

  /** Must not refer to the answer, or it would never become unreachable. */
  private record DeleteUnclaimed(Map<String, SpooledMedia> media, Set<String> unclaimed) implements Runnable {
    @Override
    public void run() {
      for (String p : media.keySet()) {
        if (unclaimed.remove(p)) {
          SpoolFiles.delete(media.get(p).file());
        }
      }
    }
  }

  /** The JSON text (with placeholders) and how many files were spooled. */
  @Override
  public String toString() {
    return "JsonWithMedia[" + raw.text().length() + " chars, " + media.size() + " spooled]";
  }
}
