package dev.aigw.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aigw.core.chat.ChatRequest;
import dev.aigw.core.internal.PlainJson;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link OpenAiChat.Body} writes its JSON straight from the request: the same bytes as Moshi
 * writing the map it stands for, in the documented field order.
 */
class OpenAiChatBodyTest {

  private static ChatRequest.Builder everyField() {
    return ChatRequest.builder().model("gpt-5").system("Be \"brief\".\nReally.").user("Hello, 서울 \uD83D\uDE00")
        .assistant("Hi!").user("tab\there").temperature(0.7).maxTokens(256);
  }

  private static ChatRequest.Builder extra(ChatRequest.Builder b, Map<String, Object> extra) {
    extra.forEach(b::extraBody);
    return b;
  }

  private static String written(OpenAiChat.Body body) {
    return PlainJson.bytes(body).utf8();
  }

  @Test
  void writesEveryFieldInTheDocumentedOrder() {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("top_p", 0.9);
    extra.put("metadata", Map.of("user", "u-1"));
    extra.put("stop", List.of("\n\n", "END"));
    OpenAiChat.Body body = OpenAiChat.body(extra(everyField(), extra).build(), true);

    String expected = "{\"model\":\"gpt-5\",\"messages\":["
        + "{\"role\":\"system\",\"content\":\"Be \\\"brief\\\".\\nReally.\"},"
        + "{\"role\":\"user\",\"content\":\"Hello, 서울 \uD83D\uDE00\"},"
        + "{\"role\":\"assistant\",\"content\":\"Hi!\"},"
        + "{\"role\":\"user\",\"content\":\"tab\\there\"}],"
        + "\"temperature\":0.7,\"max_tokens\":256,\"stream\":true,"
        + "\"top_p\":0.9,\"metadata\":{\"user\":\"u-1\"},\"stop\":[\"\\n\\n\",\"END\"]}";
    assertThat(written(body)).isEqualTo(expected).isEqualTo(Json.toJson(body.toTree()));
  }

  @Test
  void leavesOutWhatIsNotSet() {
    OpenAiChat.Body body = OpenAiChat.body(ChatRequest.builder().model("m").user("Hello").build(), false);

    assertThat(written(body)).isEqualTo("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}")
        .isEqualTo(Json.toJson(body.toTree()));
  }

  @Test
  void anExtraFieldNamingAStandardOneReplacesItInPlace() {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("stream", false);
    extra.put("temperature", 1);
    extra.put("model", "other");
    extra.put("seed", 7);
    OpenAiChat.Body body = OpenAiChat.body(extra(everyField(), extra).build(), true);

    String json = written(body);
    assertThat(json).startsWith("{\"model\":\"other\",\"messages\":[")
        .endsWith("\"temperature\":1,\"max_tokens\":256,\"stream\":false,\"seed\":7}")
        .isEqualTo(Json.toJson(body.toTree()));
  }

  @Test
  void anExtraFieldForAnUnsetStandardOneComesWithTheExtras() {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("seed", 7);
    extra.put("max_tokens", 10);
    extra.put("stream", false);
    OpenAiChat.Body body = OpenAiChat.body(extra(ChatRequest.builder().model("m").user("u"), extra).build(), false);

    assertThat(written(body)).endsWith("}],\"seed\":7,\"max_tokens\":10,\"stream\":false}")
        .isEqualTo(Json.toJson(body.toTree()));
  }

  @Test
  void aDefaultIsAddedAtTheEndUnlessTheRequestNamesIt() {
    ChatRequest plain = ChatRequest.builder().model("m").user("u").extraBody("seed", 7).build();
    OpenAiChat.Body body = OpenAiChat.body(plain, false).withDefault("stream", false);
    assertThat(written(body)).endsWith(",\"seed\":7,\"stream\":false}").isEqualTo(Json.toJson(body.toTree()));

    ChatRequest named = ChatRequest.builder().model("m").user("u").extraBody("stream", true).build();
    OpenAiChat.Body overridden = OpenAiChat.body(named, false).withDefault("stream", false);
    assertThat(written(overridden)).endsWith("}],\"stream\":true}").isEqualTo(Json.toJson(overridden.toTree()));

    OpenAiChat.Body streaming = OpenAiChat.body(plain, true).withDefault("stream", false);
    assertThat(written(streaming)).endsWith("}],\"stream\":true,\"seed\":7}");
  }

  @Test
  void anExtraValueOnlyMoshiCanWriteIsWrittenByMoshi() {
    OpenAiChat.Body body = OpenAiChat.body(ChatRequest.builder().model("m").user("u")
        .extraBody("budget", new BigDecimal("0.500000")).build(), false);

    assertThat(written(body)).endsWith("}],\"budget\":0.500000}").isEqualTo(Json.toJson(body.toTree()));
  }

  @Test
  void writingAChatBodyAllocatesLittle() {
    // it was built as nested LinkedHashMaps, written by Moshi's Object adapter into a String, then
    // encoded again: about 1.8 KB for this request
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    ChatRequest request = ChatRequest.builder().model("gemini-3-flash").system("You are a helpful assistant.")
        .user("What is the capital of South Korea?").build();
    long sink = 0;
    for (int i = 0; i < 20_000; i++) {
      sink += PlainJson.bytes(OpenAiChat.body(request, false)).size();
    }
    long id = Thread.currentThread().getId();
    int rounds = 2_000;
    long before = threads.getThreadAllocatedBytes(id);
    for (int i = 0; i < rounds; i++) {
      sink += PlainJson.bytes(OpenAiChat.body(request, false)).size();
    }
    long perBody = (threads.getThreadAllocatedBytes(id) - before) / rounds;

    assertThat(sink).isPositive();
    assertThat(perBody).as("bytes allocated per chat body").isLessThan(800);
  }
}
