package dev.aigw.core.media;

import dev.aigw.core.error.ValidationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A reference image (or other medium) given to a request: a URL, a {@code data:} URL, a file or
 * bytes. Files are never read whole into memory; they are streamed when uploaded.
 */
public final class MediaInput {

  /** Where the medium is. */
  public enum Kind {
    /** A remote URL the gateway fetches itself. */
    URL,
    /** A {@code data:} URL carrying the bytes inline. */
    DATA_URL,
    /** A local file. */
    FILE,
    /** Bytes in memory. */
    BYTES
  }

  private final Kind kind;
  private final String url;
  private final DataUrl dataUrl;
  private final Path path;
  private final byte[] bytes;
  private final String filename;

  private MediaInput(Kind kind, String url, DataUrl dataUrl, Path path, byte[] bytes, String filename) {
    this.kind = kind;
    this.url = url;
    this.dataUrl = dataUrl;
    this.path = path;
    this.bytes = bytes;
    this.filename = filename;
  }

  /**
   * A remote URL (http or https; a vendor may demand https).
   *
   * @param url an absolute http or https URL (a {@code data:} URL is accepted too)
   * @return the medium
   * @throws ValidationException when it is not an absolute http(s) URL
   */
  public static MediaInput url(String url) {
    Objects.requireNonNull(url, "url");
    if (DataUrl.isDataUrl(url)) {
      return dataUrl(url);
    }
    URI uri;
    try {
      uri = URI.create(url.strip());
    } catch (IllegalArgumentException e) {
      throw new ValidationException(null, "url", "is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new ValidationException(null, "url", "must be an absolute http or https URL");
    }
    String name = uri.getPath() == null ? "" : uri.getPath().replaceAll(".*/", "");
    return new MediaInput(Kind.URL, url.strip(), null, null, null, name.isEmpty() ? "image" : name);
  }

  /**
   * A {@code data:} URL.
   *
   * @param dataUrl the whole data URL
   * @return the medium
   * @throws ValidationException when it is malformed
   */
  public static MediaInput dataUrl(String dataUrl) {
    DataUrl parsed = DataUrl.parse(dataUrl);
    ImageFormat f = parsed.declaredFormat();
    String name = "image." + (f == null ? "bin" : f.extension());
    return new MediaInput(Kind.DATA_URL, dataUrl, parsed, null, null, name);
  }

  /**
   * A local file; it must exist and be readable.
   *
   * @param path the file; it is read when the request is sent
   * @return the medium
   * @throws ValidationException when it is not a readable regular file
   */
  public static MediaInput file(Path path) {
    return file(path, Objects.requireNonNull(path, "path").getFileName().toString());
  }

  /**
   * A local file, uploaded under {@code filename} instead of its own name.
   *
   * @param path the file; it must exist and be readable
   * @param filename the name to give it in uploads
   * @return the medium
   * @throws ValidationException when it is not a readable regular file
   */
  public static MediaInput file(Path path, String filename) {
    Objects.requireNonNull(path, "path");
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw new ValidationException(null, "file", "is not a readable file: " + path);
    }
    return new MediaInput(Kind.FILE, null, null, path, null,
        filename == null || filename.isBlank() ? path.getFileName().toString() : filename);
  }

  /**
   * Bytes in memory, with a file name for multipart uploads.
   *
   * @param bytes the content; copied
   * @param filename the file name, or {@code null} for {@code image}
   * @return the medium
   */
  public static MediaInput bytes(byte[] bytes, String filename) {
    Objects.requireNonNull(bytes, "bytes");
    return new MediaInput(
        Kind.BYTES, null, null, null, bytes.clone(), filename == null ? "image" : filename);
  }

  /**
   * Bytes in memory.
   *
   * @param bytes the content; copied
   * @return the medium, named {@code image}
   */
  public static MediaInput bytes(byte[] bytes) {
    return bytes(bytes, null);
  }

  /** {@return where the medium is} */
  public Kind kind() {
    return kind;
  }

  /** {@return the URL, for {@link Kind#URL} and {@link Kind#DATA_URL}; otherwise {@code null}} */
  public String url() {
    return url;
  }

  /** {@return the parsed data URL for {@link Kind#DATA_URL}; otherwise {@code null}} */
  public DataUrl asDataUrl() {
    return dataUrl;
  }

  /** {@return the file, for {@link Kind#FILE}; otherwise {@code null}} */
  public Path path() {
    return path;
  }

  /** {@return the file name to use in uploads} */
  public String filename() {
    return filename;
  }

  /**
   * {@return whether the bytes are local (file, bytes, data URL) rather than behind a remote URL}
   */
  public boolean isLocal() {
    return kind != Kind.URL;
  }

  /** {@return the size in bytes, or -1 for a remote URL} */
  public long size() {
    return switch (kind) {
      case URL -> -1;
      case DATA_URL -> dataUrl.decodedSize();
      case BYTES -> bytes.length;
      case FILE -> {
        try {
          yield Files.size(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }

  /**
   * The image format detected from the first bytes, or {@code null} when unknown (always {@code
   * null} for remote URLs, which are not fetched).
   *
   * @return PNG, JPEG, WebP or GIF, or {@code null}
   * @throws UncheckedIOException when a file cannot be read
   */
  public ImageFormat detectFormat() {
    if (kind == Kind.URL) {
      return null;
    }
    byte[] head = new byte[ImageFormat.MAGIC_LENGTH];
    int n;
    try (InputStream in = openStream()) {
      n = in.readNBytes(head, 0, head.length);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ImageFormat.detect(head, n);
  }

  /**
   * {@return the MIME type: detected by magic bytes for local media, or {@code application/octet-stream}}
   */
  public String mimeType() {
    ImageFormat f = detectFormat();
    if (f != null) {
      return f.mimeType();
    }
    return kind == Kind.DATA_URL ? dataUrl.mimeType() : "application/octet-stream";
  }

  /**
   * Opens the bytes (a file is streamed; a data URL is decoded as it is read).
   *
   * @return a stream the caller closes
   * @throws IOException for a remote URL, which aigw never reads, or when a file cannot be opened
   */
  public InputStream openStream() throws IOException {
    return switch (kind) {
      case URL -> throw new IOException("a remote URL is not read by aigw");
      case DATA_URL -> dataUrl.openStream();
      case BYTES -> new ByteArrayInputStream(bytes);
      case FILE -> Files.newInputStream(path);
    };
  }

  /** {@return the bytes of in-memory media ({@link Kind#BYTES}); {@code null} otherwise} */
  public byte[] bytes() {
    return bytes == null ? null : bytes.clone();
  }

  /**
   * The medium as a base64 {@code data:} URL, for gateways that take local images inline in JSON.
   * A data URL is returned as given; a file or bytes are read whole and encoded with the MIME type
   * detected from their first bytes ({@code application/octet-stream} when unknown). Unlike a
   * multipart upload this holds the encoded image in memory; prefer a file part for large images.
   *
   * @return the data URL
   * @throws IllegalStateException for a remote URL, which aigw never fetches
   * @throws UncheckedIOException when a file cannot be read
   */
  public String toDataUrl() {
    return switch (kind) {
      case URL -> throw new IllegalStateException("a remote URL has no local bytes to inline as a data URL");
      case DATA_URL -> url;
      case BYTES -> DataUrl.encode(mimeType(), bytes);
      case FILE -> {
        try {
          yield DataUrl.encode(mimeType(), Files.readAllBytes(path));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }

  /**
   * Checks that local media is an image of an accepted format and at most {@code maxBytes} long.
   * Remote URLs pass (the gateway fetches and checks them).
   *
   * @param vendor the vendor, for the message
   * @param field the request field, for the message
   * @param accepted the accepted formats
   * @param maxBytes the largest accepted size
   * @return the detected format, or {@code null} for a remote URL
   * @throws ValidationException when the medium is not an accepted image or too large
   */
  public ImageFormat requireImage(
      String vendor, String field, Set<ImageFormat> accepted, long maxBytes) {
    if (kind == Kind.URL) {
      return null;
    }
    long size = size();
    if (size > maxBytes) {
      throw new ValidationException(
          vendor, field,
          describe() + " is " + size + " bytes; at most " + maxBytes + " bytes ("
              + humanSize(maxBytes) + ") are accepted");
    }
    ImageFormat f = detectFormat();
    if (f == null || !accepted.contains(f)) {
      String names = accepted.stream().map(Enum::name).sorted().collect(Collectors.joining(", "));
      throw new ValidationException(
          vendor, field,
          describe() + (f == null ? " is not a recognised image" : " is " + f.name())
              + "; accepted: " + names);
    }
    return f;
  }

  private String describe() {
    return switch (kind) {
      case FILE -> "file " + path.getFileName();
      case BYTES -> "image bytes '" + filename + "'";
      case DATA_URL -> "data URL";
      case URL -> "URL";
    };
  }

  private static String humanSize(long bytes) {
    return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes + " B";
  }

  @Override
  public String toString() {
    return switch (kind) {
      case URL -> "MediaInput[url]";
      case DATA_URL -> "MediaInput[" + dataUrl + "]";
      case FILE -> "MediaInput[file " + path + "]";
      case BYTES -> "MediaInput[" + bytes.length + " bytes]";
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MediaInput m && kind == m.kind && Objects.equals(url, m.url)
        && Objects.equals(path, m.path) && Arrays.equals(bytes, m.bytes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, url, path, Arrays.hashCode(bytes));
  }
}
