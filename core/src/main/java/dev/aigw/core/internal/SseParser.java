package dev.aigw.core.internal;

import java.io.IOException;
import okio.BufferedSource;
import okio.ByteString;

/**
 * Reads server-sent events ({@code text/event-stream}) from an Okio source, after the WHATWG
 * rules for interpreting an event stream, one event per {@link #next}, on the caller's thread.
 *
 * <p>A call reads line by line until one event has been dispatched or the stream has ended, and
 * never asks the source for more than that: bytes are read only while the line being read has not
 * ended, so an event reaches the caller as soon as its blank line has arrived, even when the
 * server holds back the rest of the stream.
 *
 * <ul>
 *   <li>Lines end with CRLF, LF or a lone CR. A CR ends its line at once, without waiting for the
 *       next byte; the LF that may follow it, in the same read or a later one, is skipped when the
 *       next line is read (so {@code "data: a\r"} then {@code "\n"} is one line end, and an event
 *       whose blank line ends with a CR is dispatched before the LF arrives).
 *   <li>{@code name: value} sets a field (one space after the colon is dropped); {@code name:value}
 *       too, and {@code name} alone sets it to the empty string. A line starting with {@code :} is
 *       a comment.
 *   <li>{@code data} lines are joined with {@code \n}; {@code event} sets the event's type (empty:
 *       the default type, reported as {@code null}); {@code id} sets the last event id, which is
 *       kept for the following events (ignored when it contains NUL; empty is reported as
 *       {@code null}); {@code retry} made of ASCII digits only is reported with
 *       {@link Listener#onRetry} (other values, and values too large for a {@code long}, are
 *       ignored). Other fields are ignored.
 *   <li>A blank line dispatches the event; without any {@code data} line nothing is dispatched and
 *       the type is reset.
 *   <li>A UTF-8 byte order mark at the very start is skipped.
 *   <li>At the end of the stream, an event that has data but no blank line after it (its last line
 *       may lack its line end too) is dispatched. WHATWG discards it: a browser's
 *       {@code EventSource} reconnects after the end of a stream and is sent the event again.
 *       aigw never reconnects (a chat stream cannot be resumed), and some gateways close the
 *       connection right after their last {@code data:} line, so discarding it would drop the
 *       last chunk. A body cut short is not mistaken for this: OkHttp reports a body that ends
 *       before its length or its last chunk as an {@link IOException}.
 * </ul>
 *
 * <p>Not thread-safe: one thread reads at a time.
 */
final class SseParser {
  /** Receives what {@link #next} reads. */
  interface Listener {
    /**
     * One event.
     *
     * @param id the last event id, or {@code null} when it is empty (never set, or set empty)
     * @param type the event type, or {@code null} for the default type
     * @param data the event's data lines joined with {@code \n}
     */
    void onEvent(String id, String type, String data);

    /** A {@code retry} field: the reconnection time the server asks for, in milliseconds. */
    default void onRetry(long millis) {
    }
  }

  private static final ByteString LINE_ENDS = ByteString.encodeUtf8("\r\n");
  private static final ByteString BOM = ByteString.decodeHex("efbbbf");
  /** Past this, the data buffer is dropped after an event rather than kept for the next one. */
  private static final int KEPT_CAPACITY = 8192;

  private final BufferedSource source;
  /** The event's data lines joined by {@code \n}, each followed by one, once there are two or more. */
  private StringBuilder data = new StringBuilder();
  /** The event's only data line while it has one (the usual case: no copy into {@link #data}). */
  private String soleData;
  /** The event's data lines so far. */
  private int dataLines;
  private String type = "";
  private String lastId = "";
  private boolean started;
  private boolean afterCr;
  private boolean ended;

  SseParser(BufferedSource source) {
    this.source = source;
  }

  /**
   * Reads until one event has been dispatched to {@code listener} or the stream has ended.
   *
   * @return {@code true} when an event was dispatched, {@code false} when the stream has ended
   *     (and on every later call)
   * @throws IOException when reading fails; the parser must not be used after that
   */
  boolean next(Listener listener) throws IOException {
    if (ended) {
      return false;
    }
    if (!started) {
      started = true;
      skipBom();
    }
    while (true) {
      String value = readDataValue();
      if (value != null) {
        addData(value);
        continue;
      }
      String line = readLine();
      if (line == null) {
        ended = true;
        return dispatch(listener);
      }
      if (line.isEmpty()) {
        if (dispatch(listener)) {
          return true;
        }
      } else if (line.charAt(0) != ':') { // a line starting with a colon is a comment
        field(line, listener);
      }
    }
  }

  /**
   * Skips a byte order mark. Each further byte is asked for only while the bytes before it are the
   * start of one, so no line end can be among them: the first line needs those bytes anyway.
   */
  private void skipBom() throws IOException {
    for (int i = 0; i < BOM.size(); i++) {
      if (!source.request(i + 1) || source.getBuffer().getByte(i) != BOM.getByte(i)) {
        return;
      }
    }
    source.skip(BOM.size());
  }

  /** The next line without its end, or {@code null} at the end of the stream. */
  /**
   * The value of the next line when it is a complete {@code data:} line (the usual line of a
   * stream), read straight from the buffer without the field name or the one leading space: one
   * copy of the value instead of the line, the name and the value; otherwise {@code null}, having
   * consumed nothing but the LF of a CRLF split across reads, and {@link #readLine()} reads the line.
   */
  private String readDataValue() throws IOException {
    if (afterCr) {
      afterCr = false;
      if (!source.request(1)) {
        return null; // readLine() sees the end
      }
      if (source.getBuffer().getByte(0) == '\n') {
        source.skip(1);
      }
    }
    long end = source.indexOfElement(LINE_ENDS);
    if (end < 5) {
      return null;
    }
    okio.Buffer b = source.getBuffer();
    if (b.getByte(0) != 'd' || b.getByte(1) != 'a' || b.getByte(2) != 't' || b.getByte(3) != 'a'
        || b.getByte(4) != ':') {
      return null;
    }
    int skip = end > 5 && b.getByte(5) == ' ' ? 6 : 5;
    source.skip(skip);
    String value = source.readUtf8(end - skip);
    afterCr = source.readByte() == '\r';
    return value;
  }

  private void addData(String value) {
    if (dataLines == 1) {
      data.append(soleData).append('\n');
    }
    if (dataLines == 0) {
      soleData = value;
    } else {
      data.append(value).append('\n');
    }
    dataLines++;
  }

  private String readLine() throws IOException {
    if (afterCr) {
      // the previous line ended with CR; an LF right after it belongs to that line end. Waiting
      // for that byte is waiting for the next line, which is needed now.
      afterCr = false;
      if (!source.request(1)) {
        return null;
      }
      if (source.getBuffer().getByte(0) == '\n') {
        source.skip(1);
      }
    }
    long end = source.indexOfElement(LINE_ENDS);
    if (end == -1) {
      // the source is exhausted: whatever is left is a last line without its line end
      return source.getBuffer().size() == 0 ? null : source.getBuffer().readUtf8();
    }
    String line = source.readUtf8(end);
    afterCr = source.readByte() == '\r';
    return line;
  }

  private void field(String line, Listener listener) {
    int colon = line.indexOf(':');
    String name;
    String value;
    if (colon == -1) {
      name = line;
      value = "";
    } else {
      name = line.substring(0, colon);
      int start = colon + 1;
      if (start < line.length() && line.charAt(start) == ' ') {
        start++;
      }
      value = line.substring(start);
    }
    switch (name) {
      case "data" -> addData(value);
      case "event" -> type = value;
      case "id" -> {
        if (value.indexOf('\0') == -1) {
          lastId = value;
        }
      }
      case "retry" -> {
        if (isAsciiDigits(value)) {
          try {
            listener.onRetry(Long.parseLong(value));
          } catch (NumberFormatException tooLarge) {
            // ignored, like any retry value that is not a reconnection time
          }
        }
      }
      default -> {
        // an unknown field is ignored
      }
    }
  }

  private static boolean isAsciiDigits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** Dispatches the event read so far, if it has data; either way the next event starts empty. */
  private boolean dispatch(Listener listener) {
    String eventType = type;
    type = "";
    if (dataLines == 0) {
      return false;
    }
    String eventData;
    if (dataLines == 1) {
      eventData = soleData;
    } else {
      eventData = data.substring(0, data.length() - 1); // without the last data line's \n
      if (data.capacity() > KEPT_CAPACITY) {
        data = new StringBuilder();
      } else {
        data.setLength(0);
      }
    }
    soleData = null;
    dataLines = 0;
    listener.onEvent(lastId.isEmpty() ? null : lastId, eventType.isEmpty() ? null : eventType, eventData);
    return true;
  }
}
