package dev.aigw.cheapsub;

import static dev.aigw.cheapsub.CheapSubWire.assertJsonPost;
import static dev.aigw.cheapsub.CheapSubWire.body;
import static dev.aigw.cheapsub.CheapSubWire.bodyText;
import static dev.aigw.cheapsub.CheapSubWire.fixture;
import static dev.aigw.cheapsub.CheapSubWire.ok;
import static dev.aigw.cheapsub.CheapSubWire.parse;
import static dev.aigw.cheapsub.CheapSubWire.sse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.VendorOption;
import dev.aigw.core.chat.ChatChunk;
import dev.aigw.core.chat.ChatMessage;
import dev.aigw.core.chat.ChatRequest;
import dev.aigw.core.chat.ChatResponse;
import dev.aigw.core.chat.ChatStream;
import dev.aigw.core.chat.Role;
import dev.aigw.core.error.StreamException;
import dev.aigw.core.error.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /api/v1/chat}, plain and streamed (doc section 2, "채팅 (Chat Completions)"). */
class CheapSubChatWireTest {
  @StartStop final MockWebServer server = new MockWebServer();

  /** Not a doc example (the doc shows none): a typical OpenAI-style completion, as the doc promises. */
  static final String COMPLETION = """
      {"id":"chatcmpl-7Yx","object":"chat.completion","created":1774020357,"model":"gemini-3-flash",
       "choices":[{"index":0,"message":{"role":"assistant","content":"서울은 오늘 맑아요."},"finish_reason":"stop"}],
       "usage":{"prompt_tokens":21,"completion_tokens":9,"total_tokens":30},
       "system_fingerprint":"fp_cs1"}""";

  /** The doc's cURL example (section 2), built with the neutral API. */
  static ChatRequest curlExample() {
    return ChatRequest.builder()
        .model("gemini-3-flash")
        .system("You are a helpful assistant.")
        .user("안녕하세요, 오늘 날씨 어때요?")
        .build();
  }

  record OtherVendorOption(String vendor) implements VendorOption {}

  /** Doc section 2, cURL 예시: the body is sent exactly, and nothing else is added. */
  @Test
  void sendsTheDocumentedCurlBodyExactly() throws Exception {
    server.enqueue(ok(COMPLETION));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      client.chat().create(curlExample());
    }
    RecordedRequest request = server.takeRequest();
    assertJsonPost(request, "/api/v1/chat");
    assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json, */*;q=0.8");
    assertThat(body(request)).isEqualTo(parse(fixture("s2-chat-curl-request.json")));
    assertThat(bodyText(request)).isEqualTo("{\"model\":\"gemini-3-flash\",\"messages\":["
        + "{\"role\":\"system\",\"content\":\"You are a helpful assistant.\"},"
        + "{\"role\":\"user\",\"content\":\"안녕하세요, 오늘 날씨 어때요?\"}]}");
  }

  @Test
  void sendsTemperatureAndMaxTokensWhenSet() throws Exception {
    server.enqueue(ok(COMPLETION));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      client.chat().create(curlExample().toBuilder().temperature(0.7).maxTokens(256).build());
    }
    RecordedRequest request = server.takeRequest();
    @SuppressWarnings("unchecked")
    Map<String, Object> sent = (Map<String, Object>) body(request);
    assertThat(sent).containsOnlyKeys("model", "messages", "temperature", "max_tokens");
    assertThat(sent.get("temperature")).isEqualTo(0.7);
    assertThat(sent.get("max_tokens")).isEqualTo(256.0);
    assertThat(bodyText(request)).endsWith(",\"temperature\":0.7,\"max_tokens\":256}");
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 2.0})
  void acceptsTheDocumentedTemperatureBounds(double temperature) throws Exception {
    server.enqueue(ok(COMPLETION));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      client.chat().create(curlExample().toBuilder().temperature(temperature).build());
    }
    assertThat(body(server.takeRequest())).asInstanceOf(
        org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("temperature", temperature);
  }

  @Test
  void parsesAnOpenAiStyleCompletion() {
    server.enqueue(ok(COMPLETION));
    ChatResponse reply;
    try (CheapSubClient client = CheapSubWire.client(server)) {
      reply = client.chat().create(curlExample());
    }
    assertThat(reply.text()).isEqualTo("서울은 오늘 맑아요.");
    assertThat(reply.id()).isEqualTo("chatcmpl-7Yx");
    assertThat(reply.model()).isEqualTo("gemini-3-flash");
    assertThat(reply.message().role()).isEqualTo(Role.ASSISTANT);
    assertThat(reply.finishReason()).isEqualTo("stop");
    assertThat(reply.usage().promptTokens()).isEqualTo(21);
    assertThat(reply.usage().completionTokens()).isEqualTo(9);
    assertThat(reply.usage().totalTokens()).isEqualTo(30);
    assertThat(reply.raw().get("system_fingerprint")).isEqualTo("fp_cs1");
    assertThat(reply.raw().get("choices", 0, "message", "content")).isEqualTo("서울은 오늘 맑아요.");
  }

  @ParameterizedTest
  @ValueSource(doubles = {2.5, -0.1})
  void refusesATemperatureOutsideZeroToTwoBeforeSending(double temperature) {
    try (CheapSubClient client = CheapSubWire.client(server)) {
      ChatRequest request = curlExample().toBuilder().temperature(temperature).build();
      assertThatThrownBy(() -> client.chat().create(request))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("cheapsub")
          .hasMessageContaining("temperature")
          .hasMessageContaining(String.valueOf(temperature))
          .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("temperature"));
      assertThatThrownBy(() -> client.chat().stream(request)).isInstanceOf(ValidationException.class);
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void refusesAnUnknownRoleBeforeSending() {
    ChatRequest request = ChatRequest.builder().model("gemini-3-flash")
        .message(new ChatMessage(Role.of("tool"), "42")).user("and?").build();
    try (CheapSubClient client = CheapSubWire.client(server)) {
      assertThatThrownBy(() -> client.chat().create(request))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("cheapsub")
          .hasMessageContaining("role")
          .hasMessageContaining("system, user, assistant")
          .hasMessageContaining("tool");
      assertThatThrownBy(() -> client.chat().stream(request)).isInstanceOf(ValidationException.class);
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void refusesAnotherVendorsOptionBeforeSending() {
    ChatRequest request = curlExample().toBuilder().vendorOption(new OtherVendorOption("cloudgpt")).build();
    try (CheapSubClient client = CheapSubWire.client(server)) {
      assertThatThrownBy(() -> client.chat().create(request))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("cheapsub")
          .hasMessageContaining("OtherVendorOption")
          .hasMessageContaining("cloudgpt");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void sendsExtraBodyFieldsAsGiven() throws Exception {
    server.enqueue(ok(COMPLETION));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      client.chat().create(curlExample().toBuilder().extraBody("top_p", 0.9).build());
    }
    assertThat(body(server.takeRequest())).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("top_p", 0.9);
  }

  // ---- streaming (doc section 2, 스트리밍 예시: chunk.choices[0].delta.content) ----

  /** Not a doc example: typical OpenAI chunks, with a role-only first chunk and a finish chunk. */
  static final String STREAM = """
      data: {"id":"c1","object":"chat.completion.chunk","model":"gemini-3-flash","choices":[{"index":0,"delta":{"role":"assistant"}}]}

      data: {"id":"c1","object":"chat.completion.chunk","model":"gemini-3-flash","choices":[{"index":0,"delta":{"content":"Once"}}]}

      data: {"id":"c1","object":"chat.completion.chunk","model":"gemini-3-flash","choices":[{"index":0,"delta":{"content":" upon"}}]}

      data: {"id":"c1","object":"chat.completion.chunk","model":"gemini-3-flash","choices":[{"index":0,"delta":{"content":" a time."},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":4,"total_tokens":9}}

      data: [DONE]

      """;

  static ChatRequest storyRequest() {
    return ChatRequest.builder().model("gemini-3-flash").user("Tell me a short story.").build();
  }

  @Test
  void streamSendsStreamTrueAndAcceptsEventStream() throws Exception {
    server.enqueue(sse(STREAM));
    try (CheapSubClient client = CheapSubWire.client(server); ChatStream stream = client.chat().stream(storyRequest())) {
      stream.text();
    }
    RecordedRequest request = server.takeRequest();
    assertJsonPost(request, "/api/v1/chat");
    assertThat(request.getHeaders().get("Accept")).isEqualTo("text/event-stream");
    assertThat(bodyText(request)).isEqualTo(
        "{\"model\":\"gemini-3-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a short story.\"}],\"stream\":true}");
  }

  @Test
  void streamYieldsChunksInOrder() {
    server.enqueue(sse(STREAM));
    List<ChatChunk> chunks = new ArrayList<>();
    try (CheapSubClient client = CheapSubWire.client(server); ChatStream stream = client.chat().stream(storyRequest())) {
      stream.forEach(chunks::add);
    }
    assertThat(chunks).extracting(ChatChunk::text).containsExactly("", "Once", " upon", " a time.");
    assertThat(chunks).extracting(ChatChunk::finishReason).containsExactly(null, null, null, "stop");
    assertThat(chunks).extracting(ChatChunk::id).containsOnly("c1");
    assertThat(chunks.get(3).usage().totalTokens()).isEqualTo(9);
    assertThat(chunks.get(1).raw().get("object")).isEqualTo("chat.completion.chunk");
  }

  @Test
  void streamTextJoinsTheChunks() {
    server.enqueue(sse(STREAM));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      ChatStream stream = client.chat().stream(storyRequest());
      assertThat(stream.text()).isEqualTo("Once upon a time.");
      assertThat(stream.isClosed()).isTrue();
    }
  }

  @Test
  void streamEndsAtTheEndOfTheBodyWithoutDone() {
    server.enqueue(sse("""
        data: {"id":"c2","choices":[{"index":0,"delta":{"content":"Hi"}}]}

        data: {"id":"c2","choices":[{"index":0,"delta":{"content":"!"},"finish_reason":"stop"}]}

        """));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      assertThat(client.chat().stream(storyRequest()).text()).isEqualTo("Hi!");
    }
  }

  @Test
  void streamErrorEventBecomesStreamException() {
    server.enqueue(sse("""
        data: {"id":"c3","choices":[{"index":0,"delta":{"content":"Hel"}}]}

        data: {"error":{"message":"upstream model overloaded","code":"upstream_error"}}

        """));
    List<String> seen = new ArrayList<>();
    try (CheapSubClient client = CheapSubWire.client(server); ChatStream stream = client.chat().stream(storyRequest())) {
      assertThatThrownBy(() -> stream.forEach(c -> seen.add(c.text())))
          .isInstanceOf(StreamException.class)
          .hasMessageContaining("cheapsub")
          .hasMessageContaining("upstream model overloaded");
    }
    assertThat(seen).containsExactly("Hel");
  }
}
