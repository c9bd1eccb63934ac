package dev.aigw.core.media;

import dev.aigw.core.error.ValidationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
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

  /** Whether {@code value} starts like a data URL. */
  public static boolean isDataUrl(String value) {
    return value != null && value.regionMatches(true, 0, "data:", 0, 5);
  }

  /**
   * Parses a data URL.
   *
   * @throws ValidationException (field {@code dataUrl}) when it is malformed
   */
  public static DataUrl parse(String value) {
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
    String payload = value.substring(comma + 1);
    if (b64) {
      checkBase64(payload);
    } else {
      percentDecode(payload);
    }
    return new DataUrl(mime, b64, payload);
  }

  private static void checkBase64(String payload) {
    int data = 0;
    int padding = 0;
    boolean ended = false; // a line break after the padding: nothing but line breaks may follow
    for (int i = 0; i < payload.length(); i++) {
      char c = payload.charAt(i);
      if (c == '\r' || c == '\n') {
        ended = padding > 0;
        continue;
      }
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '+' || c == '/' || c == '=';
      if (!ok) {
        throw new ValidationException(
            null, "dataUrl", "payload is not valid base64 (bad character at index " + i + ")");
      }
      if (c == '=' ? ended : padding > 0) {
        throw new ValidationException(
            null, "dataUrl", "payload is not valid base64 (bad padding: more after '=' at index " + i + ")");
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

  /** The image format the MIME type declares, or {@code null}. */
  public ImageFormat declaredFormat() {
    return ImageFormat.fromMimeType(mimeType);
  }

  /** The decoded size in bytes, computed without decoding. */
  public long decodedSize() {
    if (!base64) {
      return percentDecode(payload).length;
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

  /** Decodes the payload into memory. */
  public byte[] decode() {
    if (!base64) {
      return percentDecode(payload);
    }
    return Base64.getMimeDecoder().decode(payload);
  }

  /** Decodes the payload as a stream, without materialising the decoded bytes. */
  public InputStream openStream() {
    if (!base64) {
      return new ByteArrayInputStream(decode());
    }
    return Base64.getMimeDecoder().wrap(new ReaderInputStream(new StringReader(payload)));
  }

  /**
   * Decodes a URL-encoded payload (RFC 2397 / RFC 3986): {@code %XX} is the byte XX, '+' stays a
   * plus, any other character is its UTF-8 bytes.
   *
   * @throws ValidationException on a malformed escape
   */
  private static byte[] percentDecode(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    int run = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) != '%') {
        continue;
      }
      out.writeBytes(s.substring(run, i).getBytes(StandardCharsets.UTF_8));
      int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
      int lo = hi >= 0 ? Character.digit(s.charAt(i + 2), 16) : -1;
      if (lo < 0) {
        throw new ValidationException(null, "dataUrl", "payload has a malformed %-escape at index " + i);
      }
      out.write(hi << 4 | lo);
      i += 2;
      run = i + 1;
    }
    out.writeBytes(s.substring(run).getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  /** Builds a base64 data URL from bytes. */
  public static String encode(String mimeType, byte[] bytes) {
    return "data:" + mimeType + ";base64," + Base64.getEncoder().encodeToString(bytes);
  }

  /** A short form for logs: the MIME type and the payload length, never the payload. */
  @Override
  public String toString() {
    return "DataUrl[" + mimeType + (base64 ? ";base64" : "") + ", " + payload.length() + " chars]";
  }

  /** ASCII characters of a reader as bytes, a few kilobytes at a time. */
  private static final class ReaderInputStream extends InputStream {
    private final Reader reader;
    private final char[] buffer = new char[8192];
    private int pos;
    private int limit;

    ReaderInputStream(Reader reader) {
      this.reader = reader;
    }

    @Override
    public int read() throws java.io.IOException {
      if (pos == limit && !fill()) {
        return -1;
      }
      return buffer[pos++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws java.io.IOException {
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

    private boolean fill() throws java.io.IOException {
      int n = reader.read(buffer);
      if (n <= 0) {
        return false;
      }
      pos = 0;
      limit = n;
      return true;
    }
  }
}
