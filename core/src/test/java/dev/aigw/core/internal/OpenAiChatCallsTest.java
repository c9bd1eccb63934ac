package dev.aigw.core.internal;

import static dev.aigw.core.internal.TransportTestSupport.config;
import static dev.aigw.core.internal.TransportTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.aigw.core.chat.ChatRequest;
import dev.aigw.core.chat.ChatResponse;
import dev.aigw.core.chat.ChatStream;
import dev.aigw.core.error.ServerException;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.http.RetrySafety;
import dev.aigw.core.spi.OpenAiChat;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** {@link OpenAiChat#create} and {@link OpenAiChat#stream}: the OpenAI-style chat calls every such gateway makes. */
class OpenAiChatCallsTest {
  @StartStop final MockWebServer server = new MockWebServer();

  private static final ChatRequest HELLO = ChatRequest.builder().model("m").user("Hello").build();

  @Test
  void createPostsTheBodyAndReadsTheCompletion() throws Exception {
    server.enqueue(json(200, "{\"id\":\"c1\",\"model\":\"m\",\"choices\":[{\"index\":0,"
        + "\"message\":{\"role\":\"assistant\",\"content\":\"Hi!\"},\"finish_reason\":\"stop\"}]}"));
    RawResponse<ChatResponse> reply = OpenAiChat.create(new Transport(config(server)), "/v1/chat",
        RetrySafety.UNPROTECTED, OpenAiChat.body(HELLO, false));

    assertThat(reply.body().text()).isEqualTo("Hi!");
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/chat");
    assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json, */*;q=0.8");
    assertThat(request.getBody().utf8()).isEqualTo("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}");
  }

  @Test
  void createFollowsTheRetrySafetyItIsGiven() {
    server.enqueue(json(502, "{\"error\":\"bad gateway\"}"));
    server.enqueue(json(502, "{\"error\":\"bad gateway\"}"));
    server.enqueue(json(200, "{\"choices\":[]}"));
    Transport transport = new Transport(config(server));

    assertThat(catchThrowable(() -> OpenAiChat.create(transport, "/v1/chat", RetrySafety.UNPROTECTED,
        OpenAiChat.body(HELLO, false)))).isInstanceOf(ServerException.class);
    assertThat(OpenAiChat.create(transport, "/v1/chat", RetrySafety.IDEMPOTENT, OpenAiChat.body(HELLO, false))
        .attempts()).isEqualTo(2);
  }

  @Test
  void streamAsksForEventsAndYieldsTheChunks() throws Exception {
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").body("""
        data: {"id":"c1","choices":[{"index":0,"delta":{"content":"Hel"}}]}

        data: {"id":"c1","choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":"stop"}]}

        data: [DONE]

        """).build());
    try (ChatStream stream = OpenAiChat.stream(new Transport(config(server)), "/v1/chat", RetrySafety.UNPROTECTED,
        OpenAiChat.body(HELLO, true))) {
      assertThat(stream.text()).isEqualTo("Hello");
    }
    RecordedRequest request = server.takeRequest();
    assertThat(request.getHeaders().get("Accept")).isEqualTo("text/event-stream");
    assertThat(request.getBody().utf8()).endsWith(",\"stream\":true}");
  }
}
