package dev.aigw.core.spi;

import dev.aigw.core.error.MalformedResponseException;
import dev.aigw.core.internal.DataUrlSpooler;
import dev.aigw.core.json.RawJson;
import dev.aigw.core.media.SpoolFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiFunction;

/**
 * Turns a successful answer into a value. Runs while the body is open, on the thread that
 * received it.
 *
 * @param <T> the value
 */
@FunctionalInterface
public interface ResponseReader<T> {

  /**
   * Reads the answer.
   *
   * @param answer the successful answer, its body still open
   * @return the value
   * @throws IOException when reading the body fails
   */
  T read(HttpAnswer answer) throws IOException;

  /**
   * The body parsed as {@code type}, straight from the stream.
   *
   * <p>The readers here throw {@link MalformedResponseException} (naming the vendor) for an answer
   * they cannot read.
   *
   * @param <T> the value
   * @param type the type to parse, a {@link Class} or a parameterised type
   * @return a reader that throws {@link MalformedResponseException} for a body that is not that JSON,
   *     or is empty or {@code null}
   */
  static <T> ResponseReader<T> json(Type type) {
    return answer -> {
      T value;
      try {
        value = Json.fromJson(answer.source(), type);
      } catch (com.squareup.moshi.JsonDataException | com.squareup.moshi.JsonEncodingException
          | java.io.EOFException e) {
        throw new MalformedResponseException(answer.vendor(),
            "[" + answer.vendor() + "] the server's answer is not the JSON documented: " + e.getMessage(), e);
      }
      if (value == null) {
        throw new MalformedResponseException(answer.vendor(),
            "[" + answer.vendor() + "] the server answered with an empty JSON body", null);
      }
      return value;
    };
  }

  /**
   * The body parsed as {@code wireType} and combined with the raw JSON (kept for {@code raw()})
   * by {@code combine}.
   *
   * @param <W> the wire type
   * @param <T> the value
   * @param wireType the type to parse, a {@link Class} or a parameterised type
   * @param combine makes the value of the parsed body and the raw JSON
   * @return a reader that throws {@link MalformedResponseException} for a body that is not that JSON, or is
   *     empty or {@code null}
   */
  static <W, T> ResponseReader<T> json(Type wireType, BiFunction<W, RawJson, T> combine) {
    return answer -> {
      String text = answer.text();
      W wire;
      try {
        wire = Json.<W>adapter(wireType).fromJson(text);
      } catch (com.squareup.moshi.JsonDataException | java.io.EOFException | com.squareup.moshi.JsonEncodingException e) {
        throw new MalformedResponseException(answer.vendor(),
            "[" + answer.vendor() + "] the server's answer is not the JSON documented: " + e.getMessage(), e);
      }
      if (wire == null) {
        throw new MalformedResponseException(answer.vendor(),
            "[" + answer.vendor() + "] the server answered with an empty JSON body", null);
      }
      return combine.apply(wire, Json.raw(text));
    };
  }

  /**
   * The body kept as {@link RawJson}, for answers whose shape varies (read with {@link
   * RawJson#get}); a body that is not JSON becomes a clear exception.
   *
   * @return a reader that throws {@link MalformedResponseException} for a body that is blank or not JSON
   */
  static ResponseReader<RawJson> rawJson() {
    return answer -> parsedRawJson(answer.vendor(), answer.text());
  }

  /**
   * As {@link #rawJson()}, but every large base64 {@code data:} URL of an image or video (longer
   * than 64 KiB, 65536 bytes of JSON text) is decoded straight from the socket into a temporary
   * file and replaced in the JSON text by a placeholder, so a 30 MB image never sits on the heap.
   * Resolve a location with {@link JsonWithMedia#image} or {@link JsonWithMedia#video}.
   *
   * @return a reader that throws {@link MalformedResponseException} for a body that is not JSON, deleting the
   *     files it spooled
   */
  static ResponseReader<JsonWithMedia> rawJsonSpoolingDataUrls() {
    return rawJsonSpoolingDataUrls(DataUrlSpooler.THRESHOLD);
  }

  /**
   * As {@link #rawJsonSpoolingDataUrls()}, spooling data URLs longer than {@code threshold} bytes.
   *
   * @param threshold the length, in bytes of JSON text, above which a data URL is spooled; 1 or
   *     more (a smaller one fails when the reader runs)
   * @return the reader
   */
  static ResponseReader<JsonWithMedia> rawJsonSpoolingDataUrls(int threshold) {
    return answer -> {
      DataUrlSpooler.Result read = DataUrlSpooler.read(answer.vendor(), answer.source(), threshold);
      RawJson raw;
      try {
        raw = parsedRawJson(answer.vendor(), read.text());
      } catch (RuntimeException e) {
        read.media().values().forEach(m -> SpoolFiles.delete(m.file()));
        throw e;
      }
      return new JsonWithMedia(raw, read.media());
    };
  }

  /** {@code text} parsed strictly into {@link RawJson}; text that is not JSON is a clear exception. */
  private static RawJson parsedRawJson(String vendor, String text) {
    // strict, as RawJson parses later: a lenient reader takes "<html>…" or "OK" for a bare string
    Object tree;
    try {
      tree = text.isBlank() ? null : Json.parseTree(text);
    } catch (RuntimeException e) {
      tree = null;
    }
    if (tree == null) {
      if (text.isBlank()) {
        throw new MalformedResponseException(vendor, "[" + vendor + "] expected a JSON answer but the body was empty", null);
      }
      String snippet = text.length() > 300 ? text.substring(0, 300) + "…" : text;
      throw new MalformedResponseException(vendor, "[" + vendor + "] expected a JSON answer but got: " + snippet, null);
    }
    Object parsed = tree;
    return RawJson.of(text, ignored -> parsed);
  }

  /**
   * The body as text.
   *
   * @return a reader of the whole body as UTF-8 text
   */
  static ResponseReader<String> text() {
    return HttpAnswer::text;
  }

  /**
   * Discards the body.
   *
   * @return a reader that reads nothing and gives {@code null}
   */
  static ResponseReader<Void> discard() {
    return answer -> null;
  }

  /**
   * Binary media: the body is streamed into a temporary file (nothing large on the heap). An
   * answer that is JSON or HTML where bytes were expected becomes a clear exception, not a corrupt
   * file.
   *
   * @param what what was expected, for the message ({@code "image bytes"})
   * @return a reader that throws {@link MalformedResponseException} for a JSON or {@code text/*} answer, or an
   *     empty body
   */
  static ResponseReader<SpooledBody> spool(String what) {
    return answer -> {
      String type = answer.contentType() == null ? null : answer.contentType().type() + "/" + answer.contentType().subtype();
      if (answer.isJson() || (type != null && type.startsWith("text/"))) {
        String text = answer.source().readUtf8();
        String snippet = text.length() > 300 ? text.substring(0, 300) + "…" : text;
        throw new MalformedResponseException(answer.vendor(), "[" + answer.vendor() + "] expected " + what
            + " but the server answered " + answer.status() + " with " + type + ": " + snippet, null);
      }
      Path file = SpoolFiles.create();
      long written;
      try (OutputStream out = Files.newOutputStream(file)) {
        written = answer.source().inputStream().transferTo(out);
      } catch (IOException | RuntimeException e) {
        SpoolFiles.delete(file);
        throw e;
      }
      if (written == 0) {
        SpoolFiles.delete(file);
        throw new MalformedResponseException(answer.vendor(),
            "[" + answer.vendor() + "] expected " + what + " but the body was empty", null);
      }
      return new SpooledBody(file, type, written);
    };
  }

  /**
   * A binary answer spooled to a temporary file.
   *
   * @param file the file; wrap it with {@code GeneratedImage.fromTemporaryFile} (or the video
   *     form), which deletes it once saved, discarded or unreachable, or delete it with {@link
   *     SpoolFiles#delete}
   * @param contentType the content type the server declared, or {@code null}
   * @param size its length in bytes
   */
  record SpooledBody(Path file, String contentType, long size) {

    /**
     * The first {@code n} bytes of the file (fewer when it is shorter), to recognise a format by
     * its magic bytes without reading the whole body.
     *
     * @param n how many bytes to read at most
     * @return the bytes read
     * @throws IllegalArgumentException when {@code n} is negative
     * @throws java.io.UncheckedIOException when the file cannot be read
     */
    public byte[] head(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("n must be 0 or more, was " + n);
      }
      try (java.io.InputStream in = Files.newInputStream(file)) {
        return in.readNBytes(n);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException("could not read the spooled body " + file, e);
      }
    }
  }
}
