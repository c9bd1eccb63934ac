package dev.aigw.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.aigw.core.spi.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link PlainJson} writes what the shared Moshi writes, byte for byte, or leaves the document to it. */
class PlainJsonTest {
  /** A record value (Moshi needs it public). */
  public record Point(int x, String label) {}

  /** A record body. */
  public record Wire(String model, Integer n, List<String> tags) {}

  /** Every character below 128, the two JavaScript line separators, Latin, CJK, an emoji, a lone surrogate. */
  private static String awkwardText() {
    StringBuilder s = new StringBuilder();
    for (char c = 0; c < 128; c++) {
      s.append(c);
    }
    return s.append("\u2028\u2029 é 서울 \uD83D\uDE00 \uD800 end").toString();
  }

  private static String plain(Object value) {
    return PlainJson.bytes(value).utf8();
  }

  @Test
  void writesExactlyWhatMoshiWritesForAPlainTree() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("gone", null);
    inner.put("kept", "x");
    inner.put("empty map", Map.of());
    inner.put("empty list", List.of());
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("text", awkwardText());
    tree.put(awkwardText(), "a key that needs escaping");
    tree.put("ints", List.of(0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE));
    tree.put("longs", List.of(0L, Long.MAX_VALUE, Long.MIN_VALUE, -42L));
    tree.put("doubles", List.of(0.7, 1.0, -0.0, 1e-7, 1e21, 123456789.125, Double.MIN_VALUE, Double.MAX_VALUE));
    tree.put("booleans", List.of(true, false));
    tree.put("nulls in a list", Arrays.asList(null, "b", null));
    tree.put("a set", new LinkedHashSet<>(List.of("z", "a")));
    tree.put("nested", List.of(inner, List.of(List.of(inner))));
    tree.put("null member", null);
    tree.put("last", "x");

    String expected = Json.toJson(tree);
    assertThat(plain(tree)).isEqualTo(expected);
    assertThat(expected).contains("\\u0000", "\\u001f", "\\\"", "\\\\", "\\n", "\\u2028", "é", "\uD83D\uDE00")
        .doesNotContain("null member", "gone");
  }

  @Test
  void writesTopLevelScalarsAndNullAsMoshiDoes() {
    for (Object v : Arrays.asList(null, "s", 3, 4L, 2.5, true, List.of(), Map.of())) {
      assertThat(plain(v)).as(String.valueOf(v)).isEqualTo(Json.toJson(v));
    }
  }

  @Test
  void leavesValuesItCannotWriteExactlyToMoshi() {
    Map<Object, Object> numberKeys = new LinkedHashMap<>();
    numberKeys.put(1, "one");
    List<Object> values = List.of(new BigDecimal("0.500000"), 0.1f, (short) 7, (byte) -1, 'c',
        new Point(1, "p"), numberKeys, new int[] {1, 2});
    for (Object v : values) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("before", 1);
      doc.put("value", v);
      doc.put("list", List.of("a", v));
      assertThat(plain(doc)).as(v.getClass().getName()).isEqualTo(Json.toJson(doc));
    }
    // Moshi writes a Byte as unsigned: proof that such values are really left to it
    assertThat(plain(Map.of("b", (byte) -1))).isEqualTo("{\"b\":255}");
  }

  @Test
  void failsAsMoshiFailsOnANumberThatIsNotFinite() {
    Map<String, Object> doc = Map.of("t", Double.NaN);
    Throwable ours = catchThrowable(() -> PlainJson.bytes(doc));
    Throwable moshi = catchThrowable(() -> Json.toJson(doc));

    assertThat(ours).isInstanceOf(IllegalArgumentException.class).hasMessage(moshi.getMessage());
    assertThat(ours.getMessage()).contains("NaN");
  }

  @Test
  void failsAsMoshiFailsOnADocumentNestedTooDeep() {
    List<Object> root = new ArrayList<>();
    List<Object> current = root;
    for (int i = 0; i < 300; i++) {
      List<Object> next = new ArrayList<>();
      current.add(next);
      current = next;
    }
    Throwable ours = catchThrowable(() -> PlainJson.bytes(root));
    Throwable moshi = catchThrowable(() -> Json.toJson(root));

    assertThat(moshi).isNotNull();
    assertThat(ours).isInstanceOf(moshi.getClass()).hasMessage(moshi.getMessage());
  }

  @Test
  void writesARecordBodyWithMoshi() {
    Wire wire = new Wire("m", null, List.of("a"));
    assertThat(plain(wire)).isEqualTo("{\"model\":\"m\",\"tags\":[\"a\"]}").isEqualTo(Json.toJson(wire));
  }
}
