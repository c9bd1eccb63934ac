package dev.aigw.core.internal;

import dev.aigw.core.error.AigwException;
import dev.aigw.core.error.MalformedResponseException;
import dev.aigw.core.media.ImageFormat;
import dev.aigw.core.media.SpoolFiles;
import dev.aigw.core.spi.SpooledMedia;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import okio.Buffer;
import okio.BufferedSource;
import okio.ByteString;

/**
 * Reads a JSON answer in one pass and decodes every large base64 {@code data:} URL of an image or
 * a video straight into a temporary file, leaving a short placeholder in the JSON text. Everything
 * else is copied byte for byte, so the text stays small and parses as before.
 *
 * <p>A string value is spooled when it starts with {@code data:}, declares an {@code image/} or
 * {@code video/} type and {@code ;base64}, and is longer than the threshold. Inside it, JSON's
 * {@code \/} is {@code /}, and the line breaks {@code \n} and {@code \r} are skipped; padding is
 * optional. Any other string (short, percent-encoded, of another type, an object key) stays
 * inline, its escapes as received.
 *
 * <p>Not thread-safe; one instance reads one answer.
 */
public final class DataUrlSpooler {
  /** The default length (in bytes of JSON text) above which a data URL is spooled: 64 KiB. */
  public static final int THRESHOLD = 64 * 1024;
  /** How a placeholder starts; {@code aigw-spooled:0} is the answer's first spooled URL. */
  public static final String PLACEHOLDER_PREFIX = "aigw-spooled:";

  /** The longest {@code data:…,} header looked at; a longer one stays inline. */
  private static final int HEADER_MAX = 256;
  private static final ByteString QUOTE_OR_BACKSLASH = ByteString.encodeUtf8("\"\\");
  private static final byte[] SLASH = {'/'};
  private static final byte[] DECODE = new byte[256];

  static {
    Arrays.fill(DECODE, (byte) -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < alphabet.length(); i++) {
      DECODE[alphabet.charAt(i)] = (byte) i;
    }
  }

  /**
   * What was read.
   *
   * @param text the JSON text, a placeholder in place of each spooled data URL
   * @param media the spooled files by placeholder, in the answer's order
   */
  public record Result(String text, Map<String, SpooledMedia> media) {}

  private final String vendor;
  private final BufferedSource in;
  private final int threshold;
  private final Buffer out = new Buffer();
  private final Map<String, SpooledMedia> media = new LinkedHashMap<>();
  /** Open containers, innermost last: {@code true} for an object. */
  private boolean[] stack = new boolean[16];
  private int depth;
  /** Whether the next string in the current object is a key. */
  private boolean expectKey;

  private DataUrlSpooler(String vendor, BufferedSource in, int threshold) {
    this.vendor = vendor;
    this.in = in;
    this.threshold = threshold;
  }

  /**
   * Reads {@code in} to its end. On any failure every file spooled so far is deleted.
   *
   * @param vendor the vendor, for messages
   * @param in the answer's body
   * @param threshold the length above which a data URL is spooled ({@link #THRESHOLD})
   * @throws AigwException when a spooled payload is not valid base64, or the body ends inside it
   * @throws IOException when reading fails
   */
  public static Result read(String vendor, BufferedSource in, int threshold) throws IOException {
    if (threshold < 1) {
      throw new IllegalArgumentException("threshold must be 1 or more, was " + threshold);
    }
    DataUrlSpooler s = new DataUrlSpooler(vendor, in, threshold);
    try {
      s.scan();
    } catch (IOException | RuntimeException | Error e) {
      s.media.values().forEach(m -> SpoolFiles.delete(m.file()));
      throw e;
    }
    return new Result(s.out.readUtf8(), s.media);
  }

  private void scan() throws IOException {
    while (in.request(1)) {
      byte b = in.readByte();
      switch (b) {
        case '"' -> {
          boolean key = expectKey && depth > 0 && stack[depth - 1];
          expectKey = false;
          if (key || !spoolable()) {
            out.writeByte('"');
            copyRestOfString();
          }
        }
        case '{', '[' -> {
          if (depth == stack.length) {
            stack = Arrays.copyOf(stack, depth * 2);
          }
          stack[depth++] = b == '{';
          expectKey = b == '{';
          out.writeByte(b);
        }
        case '}', ']' -> {
          depth = Math.max(0, depth - 1);
          expectKey = false;
          out.writeByte(b);
        }
        case ',' -> {
          expectKey = depth > 0 && stack[depth - 1];
          out.writeByte(b);
        }
        case ':' -> {
          expectKey = false;
          out.writeByte(b);
        }
        default -> out.writeByte(b);
      }
    }
  }

  /** Copies a string's remaining bytes up to and including its closing quote, escapes as they are. */
  private void copyRestOfString() throws IOException {
    while (true) {
      long i = in.indexOfElement(QUOTE_OR_BACKSLASH);
      if (i < 0) {
        in.readAll(out); // the body ends inside the string: the parse reports it
        return;
      }
      in.read(out, i);
      byte b = in.readByte();
      out.writeByte(b);
      if (b == '"') {
        return;
      }
      if (!in.request(1)) {
        return;
      }
      out.writeByte(in.readByte());
    }
  }

  /**
   * Called after an opening quote: when the string is a large base64 image or video data URL,
   * decodes it into a file, writes the quoted placeholder and returns {@code true}; otherwise
   * consumes nothing and returns {@code false}.
   */
  private boolean spoolable() throws IOException {
    if (!in.request(5)) {
      return false;
    }
    Buffer buf = in.getBuffer();
    for (int i = 0; i < 5; i++) {
      if (Character.toLowerCase((char) buf.getByte(i)) != "data:".charAt(i)) {
        return false;
      }
    }
    in.request(HEADER_MAX);
    long limit = Math.min(buf.size(), HEADER_MAX);
    StringBuilder header = new StringBuilder();
    long comma = -1;
    for (long i = 5; i < limit; i++) {
      byte b = buf.getByte(i);
      if (b == ',') {
        comma = i;
        break;
      }
      if (b == '\\' && i + 1 < limit && buf.getByte(i + 1) == '/') {
        header.append('/'); // PHP's encoder writes image\/png
        i++;
      } else if (b == '"' || b == '\\' || b < 0x20 || b >= 0x7F) {
        return false;
      } else {
        header.append((char) b);
      }
    }
    if (comma < 0) {
      return false;
    }
    String[] parts = header.toString().split(";");
    String declared = parts[0].strip().toLowerCase(Locale.ROOT);
    boolean base64 = false;
    for (int i = 1; i < parts.length; i++) {
      base64 |= parts[i].strip().equalsIgnoreCase("base64");
    }
    if (!base64 || !(declared.startsWith("image/") || declared.startsWith("video/"))) {
      return false;
    }
    long payloadStart = comma + 1;
    long end = payloadStart + threshold;
    in.request(end + 1);
    if (buf.indexOf((byte) '"', payloadStart, Math.min(end + 1, buf.size())) >= 0 || buf.size() <= end) {
      return false; // short, or the body ends first: stays inline
    }
    in.skip(payloadStart);
    String placeholder = PLACEHOLDER_PREFIX + media.size();
    Path file = SpoolFiles.create();
    try {
      SpooledMedia m = decodeInto(file, declared);
      media.put(placeholder, m);
    } catch (IOException | RuntimeException | Error e) {
      SpoolFiles.delete(file);
      throw e;
    }
    out.writeByte('"').writeUtf8(placeholder).writeByte('"');
    return true;
  }

  /** Decodes the payload up to the closing quote (consumed) into {@code file}. */
  private SpooledMedia decodeInto(Path file, String declared) throws IOException {
    Base64Sink sink;
    try (OutputStream os = Files.newOutputStream(file)) {
      sink = new Base64Sink(os, declared);
      byte[] chunk = new byte[8192];
      Buffer buf = in.getBuffer();
      while (true) {
        if (!in.request(1)) {
          throw cut(declared);
        }
        long stop = buf.indexOfElement(QUOTE_OR_BACKSLASH);
        long plain = stop < 0 ? buf.size() : stop;
        while (plain > 0) {
          int n = buf.read(chunk, 0, (int) Math.min(chunk.length, plain));
          sink.write(chunk, n);
          plain -= n;
        }
        if (stop < 0) {
          continue;
        }
        byte b = buf.readByte();
        if (b == '"') {
          break;
        }
        if (!in.request(1)) {
          throw cut(declared);
        }
        byte escaped = buf.readByte();
        switch (escaped) {
          case '/' -> sink.write(SLASH, 1);
          case 'n', 'r' -> { } // a line break in MIME-style base64
          default -> throw sink.invalid("an escape \\" + (char) escaped + " in the payload");
        }
      }
      sink.finish();
    }
    return new SpooledMedia(file, sink.mimeType(), sink.written);
  }

  private AigwException cut(String declared) {
    String text = out.snapshot().utf8();
    String snippet = text.length() > 300 ? text.substring(0, 300) + "…" : text;
    return new MalformedResponseException(vendor, "[" + vendor + "] expected a JSON answer but got: " + snippet + "\"data:" + declared
        + ";base64,… (the answer ended inside this data URL)", null);
  }

  /** A streaming base64 decoder of 4-character groups, writing through a small buffer. */
  private final class Base64Sink {
    private final OutputStream os;
    private final String declared;
    private final byte[] buffer = new byte[16 * 1024];
    private final byte[] head = new byte[ImageFormat.MAGIC_LENGTH];
    private int buffered;
    private int bits;
    private int count;
    private int padding;
    private long chars;
    long written;

    Base64Sink(OutputStream os, String declared) {
      this.os = os;
      this.declared = declared;
    }

    void write(byte[] b, int n) throws IOException {
      for (int i = 0; i < n; i++) {
        int c = b[i] & 0xFF;
        chars++;
        if (c == '\n' || c == '\r') {
          continue;
        }
        if (c == '=') {
          if (count < 2 || count + padding >= 4) {
            throw invalid("misplaced padding '='");
          }
          padding++;
          continue;
        }
        int v = DECODE[c];
        if (v < 0) {
          throw invalid("a character that is not base64");
        }
        if (padding > 0) {
          throw invalid("data after the padding '='");
        }
        bits = bits << 6 | v;
        if (++count == 4) {
          emit(bits >> 16);
          emit(bits >> 8);
          emit(bits);
          bits = 0;
          count = 0;
        }
      }
    }

    void finish() throws IOException {
      if (padding > 0 && count + padding != 4) {
        throw invalid("bad padding");
      }
      if (count == 1) {
        throw invalid("a bad length");
      }
      if (count == 2) {
        emit(bits >> 4);
      } else if (count == 3) {
        emit(bits >> 10);
        emit(bits >> 2);
      }
      count = 0;
      if (written == 0) {
        throw invalid("no data");
      }
      os.write(buffer, 0, buffered);
      buffered = 0;
    }

    private void emit(int value) throws IOException {
      if (written < head.length) {
        head[(int) written] = (byte) value;
      }
      written++;
      buffer[buffered++] = (byte) value;
      if (buffered == buffer.length) {
        os.write(buffer, 0, buffered);
        buffered = 0;
      }
    }

    String mimeType() {
      if (!declared.startsWith("image/")) {
        return declared;
      }
      ImageFormat format = ImageFormat.detect(head, (int) Math.min(written, head.length));
      return format != null ? format.mimeType() : declared;
    }

    AigwException invalid(String what) {
      return new MalformedResponseException(vendor, "[" + vendor + "] the answer's " + declared
          + " data URL is not valid base64: " + what + " near payload character " + chars, null);
    }
  }
}
