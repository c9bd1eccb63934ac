package dev.aigw.cloudgpt;

import static dev.aigw.cloudgpt.CloudGptWire.assertJsonPost;
import static dev.aigw.cloudgpt.CloudGptWire.body;
import static dev.aigw.cloudgpt.CloudGptWire.bodyText;
import static dev.aigw.cloudgpt.CloudGptWire.fixture;
import static dev.aigw.cloudgpt.CloudGptWire.ok;
import static dev.aigw.cloudgpt.CloudGptWire.parse;
import static dev.aigw.cloudgpt.CloudGptWire.sse;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /api/chat}, plain and streamed (doc section "Chat Completions"). */
class CloudGptChatWireTest {
  @StartStop final MockWebServer server = new MockWebServer();

  /** The doc's Request Body example, built with the neutral API. */
  static ChatRequest requestBodyExample() {
    return ChatRequest.builder()
        .model("openai")
        .system("You are a helpful assistant.")
        .user("Hello, how are you?")
        .temperature(0.7)
        .maxTokens(1000)
        .build();
  }

  /** The doc's cURL example ("Write a haiku about AI"), built with the neutral API. */
  static ChatRequest curlExample() {
    return ChatRequest.builder().model("openai").user("Write a haiku about AI").build();
  }

  record OtherVendorOption(String vendor) implements VendorOption {}

  /** Chat Completions — Request Body: every documented field, sent exactly as the doc shows it. */
  @Test
  void sendsTheDocumentedRequestBodyExactly() throws Exception {
    server.enqueue(ok(fixture("chat-response.json")));
    try (CloudGptClient client = CloudGptWire.client(server)) {
      client.chat().create(requestBodyExample());
    }
    RecordedRequest request = server.takeRequest();
    assertJsonPost(request, "/api/chat");
    assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json, */*;q=0.8");
    assertThat(body(request)).isEqualTo(parse(fixture("chat-request.json")));
    assertThat(bodyText(request)).isEqualTo("{\"model\":\"openai\",\"messages\":["
        + "{\"role\":\"system\",\"content\":\"You are a helpful assistant.\"},"
        + "{\"role\":\"user\",\"content\":\"Hello, how are you?\"}],"
        + "\"temperature\":0.7,\"max_tokens\":1000,\"stream\":false}");
  }

  /** Chat Completions — Example and Code Examples — cURL: the doc's bodies, with the explicit {@code stream:false}. */
  @ParameterizedTest
  @ValueSource(strings = {"chat-curl-request.json|Write a haiku about AI", "examples-curl-chat-request.json|Hello!"})
  void sendsTheDocumentedCurlBodiesPlusStreamFalse(String fixtureAndText) throws Exception {
    String[] parts = fixtureAndText.split("\\|");
    server.enqueue(ok(fixture("chat-response.json")));
    try (CloudGptClient client = CloudGptWire.client(server)) {
      client.chat().create(ChatRequest.builder().model("openai").user(parts[1]).build());
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> expected = new LinkedHashMap<>((Map<String, Object>) parse(fixture(parts[0])));
    expected.put("stream", false);
    assertThat(body(server.takeRequest())).isEqualTo(expected);
  }

  /** Chat Completions — Response: the doc's answer, parsed. */
  @Test
  void parsesTheDocumentedResponse() {
    server.enqueue(ok(fixture("chat-response.json")));
    ChatResponse reply;
    try (CloudGptClient client = CloudGptWire.client(server)) {
      reply = client.chat().create(curlExample());
    }
    assertThat(reply.text()).isEqualTo("Hello! I'm doing well, thank you for asking. How can I help you today?");
    assertThat(reply.id()).isEqualTo("chatcmpl-abc123");
    assertThat(reply.model()).as("the answer names the upstream model").isEqualTo("gpt-4o");
    assertThat(reply.message().role()).isEqualTo(Role.ASSISTANT);
    assertThat(reply.finishReason()).isEqualTo("stop");
    assertThat(reply.usage().promptTokens()).isEqualTo(20);
    assertThat(reply.usage().completionTokens()).isEqualTo(18);
    assertThat(reply.usage().totalTokens()).isEqualTo(38);
    assertThat(reply.raw().get("created")).isEqualTo(1234567890.0);
    assertThat(reply.raw().get("object")).isEqualTo("chat.completion");
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 2.0})
  void acceptsTheDocumentedTemperatureBounds(double temperature) throws Exception {
    server.enqueue(ok(fixture("chat-response.json")));
    try (CloudGptClient client = CloudGptWire.client(server)) {
      client.chat().create(curlExample().toBuilder().temperature(temperature).build());
    }
    assertThat(body(server.takeRequest())).asInstanceOf(InstanceOfAssertFactories.MAP)
        .containsEntry("temperature", temperature);
  }

  @ParameterizedTest
  @ValueSource(doubles = {2.01, -0.5})
  void refusesATemperatureOutsideZeroToTwoBeforeSending(double temperature) {
    ChatRequest request = curlExample().toBuilder().temperature(temperature).build();
    try (CloudGptClient client = CloudGptWire.client(server)) {
      assertThatThrownBy(() -> client.chat().create(request))
          .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("temperature"))
          .hasMessage("cloudgpt: temperature: must be between 0.0 and 2.0, was " + temperature);
      assertThatThrownBy(() -> client.chat().stream(request)).isInstanceOf(ValidationException.class);
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void refusesAnotherVendorsOptionBeforeSending() {
    ChatRequest request = curlExample().toBuilder().vendorOption(new OtherVendorOption("cheapsub")).build();
    try (CloudGptClient client = CloudGptWire.client(server)) {
      assertThatThrownBy(() -> client.chat().create(request))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("cloudgpt")
          .hasMessageContaining("OtherVendorOption")
          .hasMessageContaining("cheapsub");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  /** The doc names no roles beyond its examples: any role is sent as given, for the server to judge. */
  @Test
  void sendsRolesAndExtraFieldsAsGiven() throws Exception {
    server.enqueue(ok(fixture("chat-response.json")));
    try (CloudGptClient client = CloudGptWire.client(server)) {
      client.chat().create(ChatRequest.builder().model("openai").user("2+2?").assistant("4")
          .message(new ChatMessage(Role.of("developer"), "Be terse.")).extraBody("top_p", 0.9).build());
    }
    assertThat(bodyText(server.takeRequest())).isEqualTo("{\"model\":\"openai\",\"messages\":["
        + "{\"role\":\"user\",\"content\":\"2+2?\"},{\"role\":\"assistant\",\"content\":\"4\"},"
        + "{\"role\":\"developer\",\"content\":\"Be terse.\"}],\"top_p\":0.9,\"stream\":false}");
  }

  // ---- streaming: the doc documents stream:true but shows no stream; these are OpenAI-style chunks ----

  static final String STREAM = """
      data: {"id":"c1","object":"chat.completion.chunk","model":"gpt-4o","choices":[{"index":0,"delta":{"role":"assistant"}}]}

      data: {"id":"c1","object":"chat.completion.chunk","model":"gpt-4o","choices":[{"index":0,"delta":{"content":"Silicon"}}]}

      data: {"id":"c1","object":"chat.completion.chunk","model":"gpt-4o","choices":[{"index":0,"delta":{"content":" dreams"}}]}

      data: {"id":"c1","object":"chat.completion.chunk","model":"gpt-4o","choices":[{"index":0,"delta":{"content":" awake."},"finish_reason":"stop"}]}

      data: [DONE]

      """;

  @Test
  void streamSendsStreamTrueAndAcceptsEventStream() throws Exception {
    server.enqueue(sse(STREAM));
    try (CloudGptClient client = CloudGptWire.client(server); ChatStream stream = client.chat().stream(requestBodyExample())) {
      assertThat(stream.text()).isEqualTo("Silicon dreams awake.");
    }
    RecordedRequest request = server.takeRequest();
    assertJsonPost(request, "/api/chat");
    assertThat(request.getHeaders().get("Accept")).isEqualTo("text/event-stream");
    assertThat(bodyText(request)).isEqualTo("{\"model\":\"openai\",\"messages\":["
        + "{\"role\":\"system\",\"content\":\"You are a helpful assistant.\"},"
        + "{\"role\":\"user\",\"content\":\"Hello, how are you?\"}],"
        + "\"temperature\":0.7,\"max_tokens\":1000,\"stream\":true}");
  }

  @Test
  void streamYieldsChunksInOrder() {
    server.enqueue(sse(STREAM));
    List<ChatChunk> chunks = new ArrayList<>();
    try (CloudGptClient client = CloudGptWire.client(server); ChatStream stream = client.chat().stream(curlExample())) {
      stream.forEach(chunks::add);
    }
    assertThat(chunks).extracting(ChatChunk::text).containsExactly("", "Silicon", " dreams", " awake.");
    assertThat(chunks).extracting(ChatChunk::finishReason).containsExactly(null, null, null, "stop");
    assertThat(chunks.get(1).raw().get("model")).isEqualTo("gpt-4o");
  }

  @Test
  void anErrorEventInsideTheStreamBecomesStreamException() {
    server.enqueue(sse("""
        data: {"id":"c3","choices":[{"index":0,"delta":{"content":"Sili"}}]}

        data: {"error":{"message":"Upstream provider failed","type":"server_error","code":"upstream_error"}}

        """));
    List<String> seen = new ArrayList<>();
    try (CloudGptClient client = CloudGptWire.client(server); ChatStream stream = client.chat().stream(curlExample())) {
      assertThatThrownBy(() -> stream.forEach(c -> seen.add(c.text())))
          .isInstanceOf(StreamException.class)
          .hasMessageContaining("cloudgpt")
          .hasMessageContaining("Upstream provider failed");
    }
    assertThat(seen).containsExactly("Sili");
  }
}
