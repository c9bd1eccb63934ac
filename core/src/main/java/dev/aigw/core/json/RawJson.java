package dev.aigw.core.json;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A JSON document as the server sent it. Typed records model the documented fields; this keeps
 * everything else, including fields added after this SDK was written. The text is parsed only when
 * first asked for, so keeping it costs little.
 */
public final class RawJson {
  private static final RawJson EMPTY = new RawJson("{}", null);

  private final String text;
  private final Function<String, Object> parser;
  private volatile Object parsed;

  private RawJson(String text, Function<String, Object> parser) {
    this.text = text;
    this.parser = parser;
  }

  /**
   * Wraps JSON text; {@code parser} turns it into maps, lists, strings, numbers and booleans when
   * first needed.
   *
   * @param text the JSON text as received
   * @param parser the parser, or {@code null} to read every document as an empty object
   * @return the document, not parsed yet
   */
  public static RawJson of(String text, Function<String, Object> parser) {
    return new RawJson(text, parser);
  }

  /** {@return an empty object, for values that did not come from a server} */
  public static RawJson empty() {
    return EMPTY;
  }

  /** {@return the JSON text as received} */
  public String text() {
    return text;
  }

  /** {@return the parsed value: a {@code Map}, {@code List}, {@code String}, {@code Double}, …} */
  public Object value() {
    Object v = parsed;
    if (v == null) {
      v = parser == null ? Map.of() : parser.apply(text);
      parsed = v;
    }
    return v;
  }

  /** {@return the document as a map, or an empty map when it is not an object} */
  @SuppressWarnings("unchecked")
  public Map<String, Object> asMap() {
    Object v = value();
    return v instanceof Map<?, ?> m ? Collections.unmodifiableMap((Map<String, Object>) m) : Map.of();
  }

  /**
   * The value at a path of object keys and list indexes, e.g. {@code get("data", "result", 0,
   * "image")}; {@code null} when any step is missing.
   *
   * @param path object keys ({@code String}) and list indexes ({@code Integer})
   * @return the value there, or {@code null}
   */
  public Object get(Object... path) {
    Object current = value();
    for (Object step : path) {
      if (current instanceof Map<?, ?> map && step instanceof String key) {
        current = map.get(key);
      } else if (current instanceof List<?> list && step instanceof Integer index) {
        current = index >= 0 && index < list.size() ? list.get(index) : null;
      } else {
        return null;
      }
    }
    return current;
  }

  /**
   * The string at {@code path}, or {@code null}.
   *
   * @param path object keys ({@code String}) and list indexes ({@code Integer})
   * @return the value there as a string (a number or boolean in its {@code String.valueOf} form),
   *     or {@code null}
   */
  public String getString(Object... path) {
    Object v = get(path);
    return v == null ? null : v instanceof String s ? s : String.valueOf(v);
  }

  /** The JSON text. */
  @Override
  public String toString() {
    return text;
  }
}
