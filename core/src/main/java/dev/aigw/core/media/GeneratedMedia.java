package dev.aigw.core.media;

import dev.aigw.core.error.ConnectionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

/**
 * A generated image or video: behind a URL, inside a {@code data:} URL, in memory, or already
 * spooled to a local file. {@link #saveTo(Path)} streams; nothing large is held on the heap unless
 * {@link #bytes()} asks for it.
 */
public abstract class GeneratedMedia {

  /** Where the content is. */
  public enum Source {
    /** A URL, downloaded on demand. */
    URL,
    /** A {@code data:} URL, decoded on demand. */
    DATA_URL,
    /** Bytes in memory. */
    BYTES,
    /** A local file the runtime spooled a binary answer into. */
    FILE
  }

  /** How many leading bytes {@link #detectMimeType} is given after a save. */
  private static final int HEAD_LENGTH = 64;

  private final Source source;
  private final String url;
  /** Checked, its payload not copied out of the location string. */
  private final DataUrl.InPlace dataUrl;
  private final byte[] bytes;
  private volatile Path file;
  /** Set while {@link #file} is a spooled temporary file this media owns (and must delete). */
  private volatile java.lang.ref.Cleaner.Cleanable temporary;
  /** As the gateway said; or, when it did not, learned from the first bytes read (see {@link #mimeType()}). */
  private volatile String mimeType;
  private final MediaDownloader downloader;
  private final String vendor;

  /**
   * Media behind a URL or inside a {@code data:} URL.
   *
   * @param vendor the vendor, for error messages
   * @param location a URL or a {@code data:} URL
   * @param mimeType the MIME type when known, else {@code null}
   * @param downloader fetches URLs
   * @throws dev.aigw.core.error.ValidationException when a {@code data:} URL is malformed
   */
  protected GeneratedMedia(String vendor, String location, String mimeType, MediaDownloader downloader) {
    Objects.requireNonNull(location, "location");
    this.vendor = vendor;
    if (DataUrl.isDataUrl(location)) {
      this.source = Source.DATA_URL;
      this.dataUrl = DataUrl.parseInPlace(location);
      this.url = null;
      this.mimeType = mimeType != null ? mimeType : dataUrl.mimeType();
    } else {
      this.source = Source.URL;
      this.dataUrl = null;
      this.url = location;
      this.mimeType = mimeType;
    }
    this.bytes = null;
    this.file = null;
    this.downloader = downloader;
  }

  /**
   * Media held in memory or in a spooled local file.
   *
   * @param vendor the vendor
   * @param bytes the content, or {@code null} when {@code file} is given
   * @param file the spooled file, or {@code null}
   * @param mimeType the MIME type
   */
  protected GeneratedMedia(String vendor, byte[] bytes, Path file, String mimeType) {
    this(vendor, bytes, file, mimeType, false);
  }

  /**
   * Media in a local file; when {@code temporary}, the media owns the file: it is deleted once the
   * media is saved ({@link #saveTo}), {@link #discard() discarded}, or no longer reachable.
   *
   * @param vendor the vendor
   * @param bytes the content, or {@code null} when {@code file} is given
   * @param file the file, or {@code null}
   * @param mimeType the MIME type
   * @param temporary whether {@code file} is a temporary file this media owns
   */
  // this-escape: the Cleaner registration hands out `this` before a subclass's constructor has run,
  // but the Cleaner keeps only a phantom reference and never calls the media, so nothing can see it
  // half-built. Registering later (in each subclass's factory) would change what this protected
  // constructor promises to subclasses: that an owned file is deleted once the media is unreachable.
  @SuppressWarnings("this-escape")
  protected GeneratedMedia(String vendor, byte[] bytes, Path file, String mimeType, boolean temporary) {
    this.vendor = vendor;
    this.source = bytes != null ? Source.BYTES : Source.FILE;
    this.bytes = bytes;
    this.file = file;
    this.url = null;
    this.dataUrl = null;
    this.mimeType = mimeType;
    this.downloader = null;
    if (bytes == null && file == null) {
      throw new IllegalArgumentException("bytes or file is required");
    }
    if (temporary && file != null) {
      this.temporary = dev.aigw.core.media.SpoolFiles.whenUnreachable(this, new TemporaryFiles.Delete(file));
    }
  }

  /** Deletes spooled temporary files of media nobody references any more. */
  private static final class TemporaryFiles {
    /** Must not refer to the media, or it would never become unreachable. */
    record Delete(Path file) implements Runnable {
      @Override
      public void run() {
        dev.aigw.core.media.SpoolFiles.delete(file);
      }
    }
  }

  /**
   * Deletes the temporary file holding this media now, when it holds one (a binary answer spooled
   * to disk); media behind a URL, in memory, or already saved is unaffected. Reading it afterwards
   * fails. Optional: the file is also deleted once the media is unreachable, or the JVM exits.
   */
  public void discard() {
    java.lang.ref.Cleaner.Cleanable t = temporary;
    if (t != null) {
      temporary = null;
      t.clean();
    }
  }

  /** {@return where the content is} */
  public Source source() {
    return source;
  }

  /**
   * {@return the remote URL, when {@link #source()} is {@link Source#URL}; otherwise {@code null}}
   */
  public String url() {
    return url;
  }

  /**
   * The local file, when {@link #source()} is {@link Source#FILE}; otherwise {@code null}. For a
   * spooled answer this is a temporary file until {@link #saveTo} is called, and the saved file
   * afterwards.
   *
   * @return the file, or {@code null}
   */
  public Path file() {
    return file;
  }

  /**
   * The MIME type when known ({@code image/png}, {@code video/mp4} …), else {@code null}. When the
   * gateway named none (a result URL usually does not), it becomes known once the content has been
   * read by {@link #saveTo} or {@link #bytes()}: the type its first bytes show (see {@link
   * #detectMimeType}), so that the same image reads the same whichever gateway made it.
   *
   * @return the MIME type, or {@code null} while unknown
   */
  public String mimeType() {
    return mimeType;
  }

  /**
   * The MIME type that content starting with {@code head} has, or {@code null} when its first bytes
   * do not tell; used when the gateway named no type. Media of no recognised kind answer {@code
   * null} (the default).
   *
   * @param head the content's first bytes
   * @param length how many of them are valid
   * @return the MIME type, or {@code null}
   */
  protected String detectMimeType(byte[] head, int length) {
    return null;
  }

  /** Learns the MIME type from the content's first bytes, when the gateway named none. */
  private void learnMimeType(byte[] head, int length) {
    if (mimeType == null) {
      mimeType = detectMimeType(head, length);
    }
  }

  /**
   * Opens the content. A URL is downloaded (following redirects, with no API key).
   *
   * @return a stream of the content; the caller closes it
   * @throws dev.aigw.core.error.ConnectionException when the content cannot be opened
   */
  public InputStream openStream() {
    try {
      return switch (source) {
        case URL -> downloader.open(url);
        case DATA_URL -> dataUrl.openStream();
        case BYTES -> new java.io.ByteArrayInputStream(bytes);
        case FILE -> Files.newInputStream(file);
      };
    } catch (IOException e) {
      throw new ConnectionException(vendor, "could not read generated media: " + e.getMessage(), true, e);
    }
  }

  /**
   * {@return the whole content in memory} Prefer {@link #saveTo(Path)} for large media.
   *
   * @throws UncheckedIOException when the content cannot be read
   */
  public byte[] bytes() {
    byte[] content;
    if (source == Source.BYTES) {
      content = bytes.clone();
    } else {
      try (InputStream in = openStream()) {
        content = in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    learnMimeType(content, content.length);
    return content;
  }

  /**
   * Writes the content to {@code target}, streaming, replacing any file there. Parent folders are
   * created. The file appears only once it is complete, with the permissions a new file gets in
   * that folder. When the content was a spooled temporary file, that file is deleted and the media
   * reads from {@code target} from then on.
   *
   * @param target the file to write
   * @return {@code target}
   * @throws UncheckedIOException when the content cannot be read or written
   */
  public synchronized Path saveTo(Path target) {
    try {
      Path parent = target.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      // not createTempFile: its owner-only permissions would stick to the saved file
      Path tmp = parent.resolve(".aigw-" + java.util.UUID.randomUUID() + ".part");
      try {
        try (InputStream in = openStream();
            OutputStream out = Files.newOutputStream(tmp, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
          in.transferTo(out);
        }
        if (mimeType == null) {
          byte[] head = new byte[HEAD_LENGTH];
          int read;
          try (InputStream saved = Files.newInputStream(tmp)) {
            read = saved.readNBytes(head, 0, head.length);
          }
          learnMimeType(head, read);
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
      java.lang.ref.Cleaner.Cleanable t = temporary;
      if (t != null) {
        file = target;
        temporary = null;
        t.clean();
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("could not save generated media to " + target, e);
    }
  }

  @Override
  public String toString() {
    String where = switch (source) {
      case URL -> "url";
      case DATA_URL -> dataUrl.toString();
      case BYTES -> bytes.length + " bytes";
      case FILE -> "file " + file;
    };
    return getClass().getSimpleName() + "[" + where + (mimeType == null ? "" : ", " + mimeType) + "]";
  }
}
