package dev.aigw.core.internal;

import dev.aigw.core.spi.Json;
import dev.aigw.core.spi.JsonWritable;
import java.util.Collection;
import java.util.Map;
import okio.Buffer;
import okio.ByteString;

/**
 * Writes plain JSON trees (maps with string keys, collections, strings, booleans, {@code Integer},
 * {@code Long} and finite {@code Double} values) straight into a {@link Buffer}, producing exactly
 * the bytes the shared {@link Json} Moshi writes for them, without a {@code JsonWriter} or the
 * per-value adapter lookups. A member whose value is {@code null} is left out, as Moshi does; a
 * {@code null} in a list is written as {@code null}. Any other value throws {@link NotPlain} so that
 * the caller can hand the whole document to Moshi instead.
 */
public final class PlainJson {
  private PlainJson() {}

  /** Escapes for the characters below 128 that JSON strings must not hold as they are. */
  private static final String[] ESCAPES = new String[128];

  static {
    for (int c = 0; c < 0x20; c++) {
      ESCAPES[c] = String.format("\\u%04x", c);
    }
    ESCAPES['"'] = "\\\"";
    ESCAPES['\\'] = "\\\\";
    ESCAPES['\t'] = "\\t";
    ESCAPES['\b'] = "\\b";
    ESCAPES['\n'] = "\\n";
    ESCAPES['\r'] = "\\r";
    ESCAPES['\f'] = "\\f";
  }

  /** Deeper than this, Moshi refuses the document (a cycle, say): leave it to Moshi to say so. */
  private static final int MAX_DEPTH = 255;

  /** Thrown for a value this writer cannot write exactly as Moshi would. Carries no stack trace. */
  public static final class NotPlain extends JsonWritable.CannotWrite {
    private static final long serialVersionUID = 1L;

    NotPlain(String what) {
      super(what);
    }
  }

  /**
   * The JSON of {@code value}: written here when it is a plain tree, else by Moshi (which also
   * throws what Moshi throws, for a {@code NaN} for example).
   */
  public static ByteString bytes(Object value) {
    Buffer buffer = new Buffer();
    try {
      if (value instanceof JsonWritable w) {
        w.writeJson(buffer);
      } else {
        value(buffer, value);
      }
    } catch (JsonWritable.CannotWrite e) {
      buffer.clear();
      Json.writeTo(buffer, value instanceof JsonWritable w ? w.toTree() : value);
    }
    return buffer.readByteString();
  }

  /**
   * Writes a member {@code "name":value} of an object, preceded by a comma unless it is the
   * object's first; a {@code null} value writes nothing.
   *
   * @param first whether no member was written yet
   * @return whether still no member was written
   */
  public static boolean member(Buffer sink, boolean first, String name, Object value) {
    if (value == null) {
      return first;
    }
    if (!first) {
      sink.writeByte(',');
    }
    string(sink, name);
    sink.writeByte(':');
    value(sink, value, 1);
    return false;
  }

  /** Writes {@code value} (a {@code null} as {@code null}). */
  public static void value(Buffer sink, Object value) {
    value(sink, value, 0);
  }

  private static void value(Buffer sink, Object value, int depth) {
    if (value == null) {
      sink.writeUtf8("null");
    } else if (value instanceof String s) {
      string(sink, s);
    } else if (value instanceof Boolean b) {
      sink.writeUtf8(b ? "true" : "false");
    } else if (value instanceof Integer || value instanceof Long) {
      sink.writeDecimalLong(((Number) value).longValue());
    } else if (value instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        throw new NotPlain("a number that is not finite");
      }
      sink.writeUtf8(Double.toString(d));
    } else if (depth >= MAX_DEPTH) {
      throw new NotPlain("nested too deep");
    } else if (value instanceof Map<?, ?> map) {
      sink.writeByte('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String key)) {
          throw new NotPlain("a key that is not a string");
        }
        Object v = e.getValue();
        if (v != null) {
          if (!first) {
            sink.writeByte(',');
          }
          string(sink, key);
          sink.writeByte(':');
          value(sink, v, depth + 1);
          first = false;
        }
      }
      sink.writeByte('}');
    } else if (value instanceof Collection<?> list) {
      sink.writeByte('[');
      boolean first = true;
      for (Object item : list) {
        if (!first) {
          sink.writeByte(',');
        }
        value(sink, item, depth + 1);
        first = false;
      }
      sink.writeByte(']');
    } else {
      throw new NotPlain(value.getClass().getName());
    }
  }

  /** Writes {@code value} as a JSON string, escaped as Moshi escapes it. */
  public static void string(Buffer sink, String value) {
    sink.writeByte('"');
    int last = 0;
    int length = value.length();
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      String escape;
      if (c < 128) {
        escape = ESCAPES[c];
      } else if (c == '\u2028') {
        escape = "\\u2028";
      } else if (c == '\u2029') {
        escape = "\\u2029";
      } else {
        escape = null;
      }
      if (escape != null) {
        if (last < i) {
          sink.writeUtf8(value, last, i);
        }
        sink.writeUtf8(escape);
        last = i + 1;
      }
    }
    if (last < length) {
      sink.writeUtf8(value, last, length);
    }
    sink.writeByte('"');
  }
}
