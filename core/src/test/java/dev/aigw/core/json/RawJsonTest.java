package dev.aigw.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.spi.Json;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RawJsonTest {
  private static final String DOC = """
      {"code":200,"data":{"task_id":"t-1","status":"SUCCESS","result":{"images":[
        {"url":["https://cdn.example/1.png","https://cdn.example/2.png"],"width":1024},
        {"url":null}]}},"cost":0.5,"ok":true}
      """;

  @Test
  void parsesOnlyWhenFirstAskedAndOnlyOnce() {
    AtomicInteger parses = new AtomicInteger();
    Function<String, Object> counting = text -> {
      parses.incrementAndGet();
      return Json.parseTree(text);
    };
    RawJson raw = RawJson.of(DOC, counting);
    assertThat(raw.text()).isEqualTo(DOC);
    assertThat(raw.toString()).isEqualTo(DOC);
    assertThat(parses).hasValue(0);

    assertThat(raw.get("code")).isEqualTo(200.0);
    assertThat(raw.getString("data", "status")).isEqualTo("SUCCESS");
    raw.asMap();
    assertThat(parses).hasValue(1);
  }

  @Test
  void textThatIsNeverReadIsNeverParsed() {
    RawJson raw = RawJson.of("{not json at all", text -> {
      throw new AssertionError("parsed");
    });
    assertThat(raw.text()).isEqualTo("{not json at all");
  }

  @Test
  void getWalksMapsAndLists() {
    RawJson raw = Json.raw(DOC);
    assertThat(raw.get("data", "result", "images", 0, "url", 1)).isEqualTo("https://cdn.example/2.png");
    assertThat(raw.get("data", "result", "images", 0, "width")).isEqualTo(1024.0);
    assertThat(raw.get("ok")).isEqualTo(true);
    assertThat(raw.get()).isInstanceOf(Map.class);
    assertThat(raw.get("data", "result", "images")).isInstanceOf(List.class);
  }

  @Test
  void missingPathsAreNull() {
    RawJson raw = Json.raw(DOC);
    assertThat(raw.get("nope")).isNull();
    assertThat(raw.get("data", "nope", "deeper")).isNull();
    assertThat(raw.get("data", "result", "images", 5)).isNull();
    assertThat(raw.get("data", "result", "images", -1)).isNull();
    assertThat(raw.get("data", "result", "images", 1, "url", 0)).as("through a JSON null").isNull();
    assertThat(raw.get("data", 0)).as("an index into an object").isNull();
    assertThat(raw.get("data", "result", "images", "0")).as("a key into a list").isNull();
    assertThat(raw.get("code", "x")).as("into a number").isNull();
  }

  @Test
  void getStringConvertsScalars() {
    RawJson raw = Json.raw(DOC);
    assertThat(raw.getString("data", "task_id")).isEqualTo("t-1");
    assertThat(raw.getString("cost")).isEqualTo("0.5");
    assertThat(raw.getString("ok")).isEqualTo("true");
    assertThat(raw.getString("missing")).isNull();
  }

  @Test
  void asMapOfAnObjectIsUnmodifiable() {
    Map<String, Object> map = Json.raw(DOC).asMap();
    assertThat(map).containsKeys("code", "data", "cost", "ok");
    assertThatThrownBy(() -> map.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void asMapOfANonObjectIsEmpty() {
    assertThat(Json.raw("[1,2,3]").asMap()).isEmpty();
    assertThat(Json.raw("\"text\"").asMap()).isEmpty();
    assertThat(Json.raw("[1,2,3]").get(2)).isEqualTo(3.0);
  }

  @Test
  void emptyIsAnEmptyObject() {
    assertThat(RawJson.empty().text()).isEqualTo("{}");
    assertThat(RawJson.empty().asMap()).isEmpty();
    assertThat(RawJson.empty().get("anything")).isNull();
  }
}
