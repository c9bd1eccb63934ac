package dev.aigw.core.spi;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import dev.aigw.core.json.RawJson;
import java.io.IOException;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import okio.Buffer;
import okio.BufferedSource;

/**
 * The one shared {@link Moshi}: records, unknown fields ignored, {@link BigDecimal} kept exact
 * (from a JSON number or string), nulls left out of request bodies.
 */
public final class Json {
  private Json() {}

  /** The shared instance. Add nothing to it at run time. */
  public static final Moshi MOSHI = new Moshi.Builder().add(BigDecimal.class, new BigDecimalAdapter().nullSafe()).build();

  private static final JsonAdapter<Object> TREE = MOSHI.adapter(Object.class);

  /**
   * The adapter for {@code type}, cached by Moshi.
   *
   * @param <T> the Java type the adapter reads and writes
   * @param type the type, a {@link Class} or a parameterised type ({@code Types.newParameterizedType})
   * @return the adapter
   */
  public static <T> JsonAdapter<T> adapter(Type type) {
    return MOSHI.adapter(type);
  }

  /**
   * Serialises {@code value} (a record, a map, a list …).
   *
   * @param value the value, serialised by its runtime type
   * @return the JSON text
   */
  public static String toJson(Object value) {
    return TREE.toJson(value);
  }

  /**
   * Serialises {@code value} (a record, a map, a list …) into {@code sink}.
   *
   * @param sink the buffer the JSON text is appended to
   * @param value the value, serialised by its runtime type
   */
  public static void writeTo(Buffer sink, Object value) {
    try {
      TREE.toJson(sink, value);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // a Buffer does not fail
    }
  }

  /**
   * Parses {@code text} as {@code type}, lenient about what the server adds.
   *
   * @param <T> the type read
   * @param text the JSON text
   * @param type the class to read
   * @return the value, or {@code null} for the JSON {@code null}
   * @throws JsonDataException when the text is not JSON or does not fit {@code type}
   */
  public static <T> T fromJson(String text, Class<T> type) {
    try {
      return Json.<T>adapter(type).fromJson(text);
    } catch (IOException e) {
      throw new JsonDataException(e.getMessage(), e);
    }
  }

  /**
   * Parses {@code source} as {@code type}.
   *
   * @param <T> the type read
   * @param source the JSON text, read as far as the value goes
   * @param type the type to read, a {@link Class} or a parameterised type
   * @return the value, or {@code null} for the JSON {@code null}
   * @throws IOException when reading {@code source} fails or the text is not JSON
   */
  public static <T> T fromJson(BufferedSource source, Type type) throws IOException {
    JsonAdapter<T> adapter = adapter(type);
    return adapter.fromJson(source);
  }

  /**
   * Parses text into maps, lists, strings, doubles, booleans.
   *
   * @param text the JSON text
   * @return the tree: a {@code Map}, {@code List}, {@code String}, {@code Double}, {@code Boolean}
   *     or {@code null}
   * @throws JsonDataException when the text is not JSON
   */
  public static Object parseTree(String text) {
    try {
      return TREE.fromJson(text);
    } catch (IOException e) {
      throw new JsonDataException(e.getMessage(), e);
    }
  }

  /**
   * Parses text into a tree, or returns {@code null} when it is not JSON.
   *
   * @param text the text, maybe {@code null}, blank or an HTML error page
   * @return the tree as {@link #parseTree} gives it, or {@code null} when the text is empty, not
   *     strict JSON, or has anything after the value
   */
  public static Object tryParseTree(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      // Strict: a lenient reader takes "Unauthorized" or "<html>…" for an unquoted string.
      JsonReader reader = JsonReader.of(new Buffer().writeUtf8(text));
      Object value = reader.readJsonValue();
      return reader.peek() == JsonReader.Token.END_DOCUMENT ? value : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Wraps text as {@link RawJson}, parsed lazily by this Moshi.
   *
   * @param text the JSON text as received
   * @return the document, parsed when first asked for
   */
  public static RawJson raw(String text) {
    return RawJson.of(text, Json::parseTree);
  }

  /** Reads numbers and numeric strings exactly ({@code "0.500000"} stays 0.500000). */
  private static final class BigDecimalAdapter extends JsonAdapter<BigDecimal> {
    @Override
    public BigDecimal fromJson(JsonReader reader) throws IOException {
      JsonReader.Token token = reader.peek();
      if (token == JsonReader.Token.NUMBER || token == JsonReader.Token.STRING) {
        String s = reader.nextString();
        try {
          return new BigDecimal(s.strip());
        } catch (NumberFormatException e) {
          throw new JsonDataException("expected a decimal number but was '" + s + "' at " + reader.getPath());
        }
      }
      throw new JsonDataException("expected a decimal number but was " + token + " at " + reader.getPath());
    }

    @Override
    public void toJson(JsonWriter writer, BigDecimal value) throws IOException {
      writer.value(value);
    }
  }
}
