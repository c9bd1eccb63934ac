package dev.aigw.core.media;

import dev.aigw.core.error.ValidationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * A {@code data:} URL ({@code data:image/png;base64,iVBOR…}). Decoding can stream, so a large
 * image is never held twice.
 *
 * @param mimeType the declared MIME type (lower case; {@code text/plain} when none is given)
 * @param base64 whether the payload is base64
 * @param payload the part after the comma
 */
public record DataUrl(String mimeType, boolean base64, String payload) {

  /**
   * Whether {@code value} starts like a data URL.
   *
   * @param value any string, or {@code null}
   * @return whether it starts with {@code data:} (in any case)
   */
  public static boolean isDataUrl(String value) {
    return value != null && value.regionMatches(true, 0, "data:", 0, 5);
  }

  /**
   * Parses a data URL.
   *
   * @param value the whole data URL
   * @return its parts
   * @throws ValidationException (field {@code dataUrl}) when it is malformed
   */
  public static DataUrl parse(String value) {
    InPlace p = parseInPlace(value);
    return new DataUrl(p.mimeType, p.base64, value.substring(p.payloadStart));
  }

  /**
   * Parses and checks a data URL without copying its payload (the {@link #payload()} of {@link
   * #parse} is a copy of up to tens of megabytes).
   *
   * @throws ValidationException (field {@code dataUrl}) when it is malformed
   */
  static InPlace parseInPlace(String value) {
    if (!isDataUrl(value)) {
      throw new ValidationException(null, "dataUrl", "must start with 'data:'");
    }
    int comma = value.indexOf(',');
    if (comma < 0) {
      throw new ValidationException(null, "dataUrl", "has no ',' before its payload");
    }
    String meta = value.substring(5, comma);
    boolean b64 = false;
    String mime = "text/plain";
    String[] parts = meta.split(";");
    if (!parts[0].isBlank()) {
      mime = parts[0].strip().toLowerCase(Locale.ROOT);
    }
    for (int i = 1; i < parts.length; i++) {
      if (parts[i].strip().equalsIgnoreCase("base64")) {
        b64 = true;
      }
    }
    if (b64) {
      checkBase64(value, comma + 1);
    } else {
      percentDecode(value, comma + 1);
    }
    return new InPlace(value, mime, b64, comma + 1);
  }

  /**
   * A checked data URL whose payload stays where it is in the URL string.
   *
   * @param url the whole data URL
   * @param mimeType the declared MIME type
   * @param base64 whether the payload is base64
   * @param payloadStart where the payload starts in {@code url}
   */
  record InPlace(String url, String mimeType, boolean base64, int payloadStart) {
    /** Decodes the payload as a stream. */
    InputStream openStream() {
      if (!base64) {
        return new ByteArrayInputStream(percentDecode(url, payloadStart));
      }
      return Base64.getMimeDecoder().wrap(new CharsInputStream(url, payloadStart));
    }

    /** As {@link DataUrl#toString()}: never the payload. */
    @Override
    public String toString() {
      return "DataUrl[" + mimeType + (base64 ? ";base64" : "") + ", " + (url.length() - payloadStart) + " chars]";
    }
  }

  private static void checkBase64(String s, int from) {
    int data = 0;
    int padding = 0;
    boolean ended = false; // a line break after the padding: nothing but line breaks may follow
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\r' || c == '\n') {
        ended = padding > 0;
        continue;
      }
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '+' || c == '/' || c == '=';
      if (!ok) {
        throw new ValidationException(
            null, "dataUrl", "payload is not valid base64 (bad character at index " + (i - from) + ")");
      }
      if (c == '=' ? ended : padding > 0) {
        throw new ValidationException(
            null, "dataUrl", "payload is not valid base64 (bad padding: more after '=' at index " + (i - from) + ")");
      }
      if (c == '=') {
        padding++;
      } else {
        data++;
      }
    }
    int total = data + padding;
    if (data == 0 || total % 4 == 1) {
      throw new ValidationException(null, "dataUrl", "payload is not valid base64 (bad length)");
    }
    if (padding > 2 || (padding > 0 && total % 4 != 0)) {
      throw new ValidationException(null, "dataUrl", "payload is not valid base64 (bad padding)");
    }
  }

  /** {@return the image format the MIME type declares, or {@code null}} */
  public ImageFormat declaredFormat() {
    return ImageFormat.fromMimeType(mimeType);
  }

  /** {@return the decoded size in bytes, computed without decoding} */
  public long decodedSize() {
    if (!base64) {
      return percentDecode(payload, 0).length;
    }
    long chars = 0;
    int padding = 0;
    for (int i = 0; i < payload.length(); i++) {
      char c = payload.charAt(i);
      if (c == '=') {
        padding++;
      } else if (c != '\r' && c != '\n') {
        chars++;
      }
    }
    long total = chars + padding;
    return total / 4 * 3 - padding + (total % 4 == 0 ? 0 : Math.max(0, total % 4 - 1));
  }

  /**
   * Decodes the payload into memory.
   *
   * @return the decoded bytes
   */
  public byte[] decode() {
    if (!base64) {
      return percentDecode(payload, 0);
    }
    return Base64.getMimeDecoder().decode(payload);
  }

  /**
   * Decodes the payload as a stream, without materialising the decoded bytes (a payload that is not
   * base64 is small and decoded at once).
   *
   * @return a stream of the decoded bytes
   */
  public InputStream openStream() {
    if (!base64) {
      return new ByteArrayInputStream(decode());
    }
    return Base64.getMimeDecoder().wrap(new CharsInputStream(payload, 0));
  }

  /**
   * Decodes a URL-encoded payload (RFC 2397 / RFC 3986): {@code %XX} is the byte XX, '+' stays a
   * plus, any other character is its UTF-8 bytes.
   *
   * @throws ValidationException on a malformed escape
   */
  private static byte[] percentDecode(String s, int from) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() - from);
    int run = from;
    for (int i = from; i < s.length(); i++) {
      if (s.charAt(i) != '%') {
        continue;
      }
      out.writeBytes(s.substring(run, i).getBytes(StandardCharsets.UTF_8));
      int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
      int lo = hi >= 0 ? Character.digit(s.charAt(i + 2), 16) : -1;
      if (lo < 0) {
        throw new ValidationException(null, "dataUrl", "payload has a malformed %-escape at index " + (i - from));
      }
      out.write(hi << 4 | lo);
      i += 2;
      run = i + 1;
    }
    out.writeBytes(s.substring(run).getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  /**
   * Builds a base64 data URL from bytes.
   *
   * @param mimeType the MIME type to declare
   * @param bytes the content
   * @return {@code data:<mimeType>;base64,<bytes in base64>}
   */
  public static String encode(String mimeType, byte[] bytes) {
    return "data:" + mimeType + ";base64," + Base64.getEncoder().encodeToString(bytes);
  }

  /** A short form for logs: the MIME type and the payload length, never the payload. */
  @Override
  public String toString() {
    return "DataUrl[" + mimeType + (base64 ? ";base64" : "") + ", " + payload.length() + " chars]";
  }

  /** The ASCII characters of a string from an index on, as bytes, a few kilobytes at a time. */
  private static final class CharsInputStream extends InputStream {
    private final String chars;
    private final char[] buffer = new char[8192];
    private int next;
    private int pos;
    private int limit;

    CharsInputStream(String chars, int from) {
      this.chars = chars;
      this.next = from;
    }

    @Override
    public int read() {
      if (pos == limit && !fill()) {
        return -1;
      }
      return buffer[pos++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      if (pos == limit && !fill()) {
        return -1;
      }
      int n = Math.min(len, limit - pos);
      for (int i = 0; i < n; i++) {
        b[off + i] = (byte) buffer[pos + i];
      }
      pos += n;
      return n;
    }

    private boolean fill() {
      int n = Math.min(buffer.length, chars.length() - next);
      if (n <= 0) {
        return false;
      }
      chars.getChars(next, next + n, buffer, 0);
      next += n;
      pos = 0;
      limit = n;
      return true;
    }
  }
}
