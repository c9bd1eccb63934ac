package dev.aigw.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonDataException;
import dev.aigw.core.json.RawJson;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

  public record Charge(String taskId, BigDecimal cost, String currency, Integer images) {}

  public record Wrapper(String id, List<Charge> charges) {}

  @Test
  void bigDecimalIsReadExactlyFromAString() {
    Charge c = Json.fromJson("{\"taskId\":\"t1\",\"cost\":\"0.500000\"}", Charge.class);
    assertThat(c.cost()).isEqualTo(new BigDecimal("0.500000"));
    assertThat(c.cost().toPlainString()).isEqualTo("0.500000");
    assertThat(c.cost().scale()).isEqualTo(6);
  }

  @Test
  void bigDecimalIsReadExactlyFromANumber() {
    Charge c = Json.fromJson("{\"cost\":0.500000}", Charge.class);
    assertThat(c.cost().toPlainString()).isEqualTo("0.500000");
    assertThat(Json.fromJson("{\"cost\":0.1}", Charge.class).cost()).isEqualTo(new BigDecimal("0.1"));
    assertThat(Json.fromJson("{\"cost\":12345678901234567890.123456789}", Charge.class).cost())
        .isEqualTo(new BigDecimal("12345678901234567890.123456789"));
    assertThat(Json.fromJson("{\"cost\":7}", Charge.class).cost()).isEqualTo(new BigDecimal("7"));
    assertThat(Json.fromJson("{\"cost\":\" 3.50 \"}", Charge.class).cost()).isEqualTo(new BigDecimal("3.50"));
  }

  @Test
  void nullBigDecimalStaysNull() {
    assertThat(Json.fromJson("{\"cost\":null}", Charge.class).cost()).isNull();
  }

  @Test
  void bigDecimalThatIsNotANumberFailsWithThePath() {
    assertThatThrownBy(() -> Json.fromJson("{\"cost\":\"free\"}", Charge.class))
        .isInstanceOf(JsonDataException.class)
        .hasMessageContaining("free")
        .hasMessageContaining("$.cost");
    assertThatThrownBy(() -> Json.fromJson("{\"cost\":true}", Charge.class))
        .isInstanceOf(JsonDataException.class)
        .hasMessageContaining("BOOLEAN");
  }

  @Test
  void bigDecimalIsWrittenAsANumberKeepingItsScale() {
    assertThat(Json.toJson(new Charge("t1", new BigDecimal("0.500000"), "KRW", 2)))
        .isEqualTo("{\"taskId\":\"t1\",\"cost\":0.500000,\"currency\":\"KRW\",\"images\":2}");
    assertThat(Json.toJson(Map.of("cost", new BigDecimal("1E+3")))).isEqualTo("{\"cost\":1E+3}");
  }

  @Test
  void nullsAreOmittedWhenSerialisingRecords() {
    assertThat(Json.toJson(new Charge("t1", null, null, null))).isEqualTo("{\"taskId\":\"t1\"}");
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("a", 1);
    map.put("b", null);
    assertThat(Json.toJson(map)).isEqualTo("{\"a\":1}");
  }

  @Test
  void unknownFieldsAreIgnored() {
    Wrapper w = Json.fromJson("""
        {"id":"w1","added_later":{"deep":[1,2,3]},"charges":[{"taskId":"t","cost":"1.0","new_field":true}],"z":null}
        """, Wrapper.class);
    assertThat(w.id()).isEqualTo("w1");
    assertThat(w.charges()).containsExactly(new Charge("t", new BigDecimal("1.0"), null, null));
  }

  @Test
  void fromJsonReadsFromAStream() throws Exception {
    Charge c = Json.fromJson(new Buffer().writeUtf8("{\"cost\":\"2.25\"}"), Charge.class);
    assertThat(c.cost()).isEqualTo(new BigDecimal("2.25"));
  }

  @Test
  void parseTreeGivesMapsListsStringsDoublesBooleans() {
    Object tree = Json.parseTree("{\"a\":[1,\"x\",true,null],\"b\":{\"c\":2.5}}");
    assertThat(tree).isInstanceOf(Map.class);
    Map<?, ?> map = (Map<?, ?>) tree;
    assertThat(map.get("a")).isEqualTo(java.util.Arrays.asList(1.0, "x", true, null));
    assertThat(((Map<?, ?>) map.get("b")).get("c")).isEqualTo(2.5);
  }

  @Test
  void parseTreeOfBrokenJsonThrows() {
    assertThatThrownBy(() -> Json.parseTree("{\"a\":")).isInstanceOf(RuntimeException.class);
  }

  @Test
  void tryParseTreeParsesJson() {
    assertThat(Json.tryParseTree("{\"error\":{\"message\":\"bad\"}}")).isInstanceOf(Map.class);
    assertThat(Json.tryParseTree(" [1, 2] ")).isEqualTo(List.of(1.0, 2.0));
    assertThat(Json.tryParseTree("\"quoted\"")).isEqualTo("quoted");
    assertThat(Json.tryParseTree("42")).isEqualTo(42.0);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   ", "not json", "Unauthorized", "<html><title>502 Bad Gateway</title></html>",
      "{\"a\":", "{\"a\":1} trailing words", "Internal Server Error", "[1, 2"})
  void tryParseTreeOfNonJsonReturnsNull(String text) {
    assertThat(Json.tryParseTree(text)).isNull();
  }

  @Test
  void rawIsParsedLazilyByMoshi() {
    RawJson raw = Json.raw("{\"data\":{\"result\":[{\"image\":\"https://x/1.png\"}]},\"cost\":0.5}");
    assertThat(raw.getString("data", "result", 0, "image")).isEqualTo("https://x/1.png");
    assertThat(raw.get("cost")).isEqualTo(0.5);
  }
}
