package dev.aigw.testkit;

import static dev.aigw.testkit.RawHttp.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aigw.core.spi.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Chat, its SSE stream, and the Gemini- and Claude-native endpoints of {@link FakeCheapSub}. */
@Timeout(30) // a stream that never ends must fail the test, not stall the build
class FakeCheapSubChatTest {
  private static final String HELLO = "{\"model\":\"gpt-5.4\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
      + "{\"role\":\"user\",\"content\":\"first\"},{\"role\":\"assistant\",\"content\":\"ok\"},"
      + "{\"role\":\"user\",\"content\":\"hello fake\"}]}";

  private FakeCheapSub fake;

  @BeforeEach
  void start() {
    fake = FakeCheapSub.start();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private RawHttp.Answer chat(String body) throws IOException {
    return post(fake, "/api/v1/chat", fake.apiKey(), body);
  }

  /** The {@code data:} payloads of an SSE body, checking its framing on the way. */
  private static List<String> dataLines(String sse) {
    assertThat(sse).endsWith("\n\n");
    List<String> data = new ArrayList<>();
    for (String block : sse.split("\n\n")) {
      for (String line : block.split("\n")) {
        assertThat(line).matches("(data|event): .*");
        if (line.startsWith("data: ")) {
          data.add(line.substring(6));
        }
      }
    }
    return data;
  }

  @Test
  void chatEchoesTheLastUserMessageInTheOpenAiShape() throws IOException {
    RawHttp.Answer answer = chat(HELLO);

    assertThat(answer.code()).isEqualTo(200);
    assertThat(answer.string("id")).startsWith("chatcmpl-");
    assertThat(answer.string("object")).isEqualTo("chat.completion");
    assertThat(answer.string("model")).isEqualTo("gpt-5.4");
    assertThat(answer.at("created")).isInstanceOf(Number.class);
    assertThat(answer.string("choices", 0, "message", "role")).isEqualTo("assistant");
    assertThat(answer.string("choices", 0, "message", "content")).isEqualTo("You said: hello fake");
    assertThat(answer.string("choices", 0, "finish_reason")).isEqualTo("stop");
    assertThat(((Number) answer.at("usage", "prompt_tokens")).intValue()).isEqualTo(32);
    assertThat(((Number) answer.at("usage", "completion_tokens")).intValue()).isEqualTo(4);
    assertThat(((Number) answer.at("usage", "total_tokens")).intValue()).isEqualTo(36);
  }

  @Test
  void chatReplyCanBeSetAndIsChargedPerWord() throws IOException {
    fake.chatReply("one two three");

    assertThat(chat(HELLO).string("choices", 0, "message", "content")).isEqualTo("one two three");
    assertThat(fake.journal().charges()).singleElement().satisfies(c -> {
      assertThat(c.reference()).isEqualTo("chat");
      assertThat(c.amount()).isEqualByComparingTo("0.03");
    });
    assertThat(fake.balance()).isEqualByComparingTo("999.97");
  }

  @Test
  void chatRefusesWhatTheDocsDoNotAllow() throws IOException {
    assertThat(chat("not json").json()).containsEntry("error", "Body must be a JSON object");
    assertThat(chat("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}").json())
        .containsEntry("error", "model is required");
    assertThat(chat("{\"model\":\"gpt-5.4\",\"messages\":[]}").json()).containsEntry("error", "messages must not be empty");
    assertThat(chat("{\"model\":\"gpt-5.4\",\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}").json())
        .containsEntry("error", "role must be system, user or assistant");
    RawHttp.Answer hot = chat("{\"model\":\"gpt-5.4\",\"temperature\":2.5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
    assertThat(hot.code()).isEqualTo(400);
    assertThat(hot.json()).containsEntry("error", "temperature must be between 0.0 and 2.0").containsEntry("code", "invalid_request");
    assertThat(chat("{\"model\":\"gpt-5.4\",\"temperature\":2.0,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}").code())
        .isEqualTo(200);
    assertThat(fake.journal().requests("POST", "/api/v1/chat")).extracting(Journal.Entry::status)
        .containsExactly(400, 400, 400, 400, 400, 200);
    assertThat(fake.journal().charges()).hasSize(1);
  }

  @Test
  void streamedChatIsFramedAsServerSentEventsEndingWithDone() throws IOException {
    fake.chatReply("alpha beta gamma");
    RawHttp.Answer answer = chat(HELLO.replace("{\"model\"", "{\"stream\":true,\"model\""));

    assertThat(answer.code()).isEqualTo(200);
    assertThat(answer.headers().get("Content-Type")).isEqualTo("text/event-stream");
    assertThat(answer.headers().get("Cache-Control")).isEqualTo("no-cache");
    assertThat(answer.headers().get("Content-Length")).isNull();
    List<String> data = dataLines(answer.body());
    assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
    StringBuilder text = new StringBuilder();
    String finish = null;
    for (String d : data.subList(0, data.size() - 1)) {
      Map<?, ?> chunk = (Map<?, ?>) Json.tryParseTree(d);
      assertThat(chunk.get("object")).isEqualTo("chat.completion.chunk");
      Map<?, ?> choice = (Map<?, ?>) ((List<?>) chunk.get("choices")).get(0);
      Object content = ((Map<?, ?>) choice.get("delta")).get("content");
      text.append(content == null ? "" : content);
      if (choice.get("finish_reason") != null) {
        finish = (String) choice.get("finish_reason");
      }
    }
    assertThat(data).hasSize(5);
    assertThat(text).hasToString("alpha beta gamma");
    assertThat(finish).isEqualTo("stop");
  }

  @Test
  void streamArrivesEventByEventWithThePauseBetween() throws IOException {
    fake.chatReply("a b c d");
    fake.streamPause(Duration.ofMillis(60));
    List<Long> arrivals = new ArrayList<>();
    long start = System.nanoTime();
    try (Response response = RawHttp.open(fake, "/api/v1/chat", fake.apiKey(),
        "{\"stream\":true,\"model\":\"gpt-5.4\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")) {
      String line;
      while ((line = response.body().source().readUtf8Line()) != null) {
        if (line.startsWith("data: ")) {
          arrivals.add((System.nanoTime() - start) / 1_000_000);
        }
      }
    }

    assertThat(arrivals).hasSize(6);
    // the first event does not wait for the last: 5 pauses of 60 ms separate them
    assertThat(arrivals.get(5) - arrivals.get(0)).isGreaterThanOrEqualTo(250);
  }

  @Test
  void geminiGenerateContentAnswersInTheNativeShape() throws IOException {
    RawHttp.Answer answer = post(fake, "/api/v1beta/models/gemini-3-flash:generateContent", fake.apiKey(),
        "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi gemini\"}]}]}");

    assertThat(answer.code()).isEqualTo(200);
    assertThat(answer.string("candidates", 0, "content", "parts", 0, "text")).isEqualTo("You said: hi gemini");
    assertThat(answer.string("candidates", 0, "content", "role")).isEqualTo("model");
    assertThat(answer.string("candidates", 0, "finishReason")).isEqualTo("STOP");
    assertThat(answer.at("usageMetadata", "promptTokenCount")).isNotNull();
    assertThat(fake.journal().charges()).extracting(Journal.Charge::reference).containsExactly("gemini");
  }

  @Test
  void geminiWithoutTextIs400() throws IOException {
    RawHttp.Answer answer = post(fake, "/api/v1beta/models/gemini-3-flash:generateContent", fake.apiKey(), "{\"contents\":[]}");

    assertThat(answer.code()).isEqualTo(400);
    assertThat(answer.json()).containsEntry("error", "contents must hold a text part");
    assertThat(fake.journal().charges()).isEmpty();
  }

  @Test
  void geminiStreamEndsWithTheBodyAndItsLastPieceSaysStop() throws IOException {
    fake.chatReply("x y z");
    RawHttp.Answer answer = post(fake, "/api/v1beta/models/gemini-3-pro:streamGenerateContent?alt=sse", fake.apiKey(),
        "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"go\"}]}]}");

    List<String> data = dataLines(answer.body());
    assertThat(data).hasSize(3).noneMatch(d -> d.equals("[DONE]"));
    assertThat(data.get(0)).contains("\"text\":\"x\"").doesNotContain("finishReason");
    assertThat(data.get(2)).contains("\"text\":\" z\"", "\"finishReason\":\"STOP\"");
    assertThat(answer.millis()).as("the stream ends without waiting for a timeout").isLessThan(5_000);
  }

  @Test
  void claudeMessagesNeedModelMaxTokensAndMessages() throws IOException {
    RawHttp.Answer answer = post(fake, "/api/v1/messages", fake.apiKey(),
        "{\"model\":\"claude-sonnet-4.6\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

    assertThat(answer.code()).isEqualTo(400);
    assertThat(answer.json()).containsEntry("error", "model, max_tokens and messages are required");
  }

  @Test
  void claudeMessagesAnswerInTheNativeShape() throws IOException {
    RawHttp.Answer answer = post(fake, "/api/v1/messages", fake.apiKey(),
        "{\"model\":\"claude-sonnet-4.6\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"hi claude\"}]}");

    assertThat(answer.code()).isEqualTo(200);
    assertThat(answer.string("id")).startsWith("msg_");
    assertThat(answer.string("type")).isEqualTo("message");
    assertThat(answer.string("role")).isEqualTo("assistant");
    assertThat(answer.string("content", 0, "type")).isEqualTo("text");
    assertThat(answer.string("content", 0, "text")).isEqualTo("You said: hi claude");
    assertThat(answer.string("stop_reason")).isEqualTo("end_turn");
    assertThat(((Number) answer.at("usage", "output_tokens")).intValue()).isEqualTo(4);
  }

  @Test
  void claudeStreamSendsTypedEventsFromStartToStop() throws IOException {
    fake.chatReply("red green");
    RawHttp.Answer answer = post(fake, "/api/v1/messages", fake.apiKey(),
        "{\"model\":\"claude-sonnet-4.6\",\"max_tokens\":64,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

    String[] blocks = answer.body().split("\n\n");
    assertThat(blocks).hasSize(4);
    assertThat(blocks[0]).startsWith("event: message_start\ndata: {").contains("\"role\":\"assistant\"");
    assertThat(blocks[1]).startsWith("event: content_block_delta\ndata: ").contains("\"text\":\"red \"");
    assertThat(blocks[2]).startsWith("event: content_block_delta\ndata: ").contains("\"text\":\"green\"");
    assertThat(blocks[3]).isEqualTo("event: message_stop\ndata: {\"type\":\"message_stop\"}");
  }

  @Test
  void chatEndpointsRefuseWithPaymentRequiredWhenCreditsRunOut() throws IOException {
    fake.balance(BigDecimal.ZERO);

    assertThat(chat(HELLO).code()).isEqualTo(402);
    assertThat(post(fake, "/api/v1beta/models/gemini-3-flash:generateContent", fake.apiKey(),
        "{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}]}").code()).isEqualTo(402);
    RawHttp.Answer claude = post(fake, "/api/v1/messages", fake.apiKey(),
        "{\"model\":\"claude-sonnet-4.6\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
    assertThat(claude.code()).isEqualTo(402);
    assertThat(claude.json()).containsEntry("error", "Not enough credits").containsEntry("code", "insufficient_credits");
    assertThat(fake.journal().charges()).isEmpty();
    assertThat(fake.balance()).isEqualByComparingTo("0");
  }
}
