package dev.aigw.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aigw.core.Secret;
import dev.aigw.core.chat.ChatChunk;
import dev.aigw.core.chat.ChatRequest;
import dev.aigw.core.chat.ChatResponse;
import dev.aigw.core.chat.ChatStream;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.OpenAiChat;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class TransportSmokeTest {
  @StartStop final MockWebServer server = new MockWebServer();

  @Test
  void chatRoundTripAndStream() throws Exception {
    Transport t = new Transport(TransportConfig.of("test", server.url("/"), Secret.of("tk_123456789")));
    server.enqueue(new MockResponse.Builder().body("""
        {"id":"c1","object":"chat.completion","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3},"extra":1}
        """).setHeader("Content-Type", "application/json").build());
    ChatRequest req = ChatRequest.builder().model("m").user("hello").temperature(0.5).build();
    RawResponse<ChatResponse> r = t.execute(ApiRequest.post("/api/chat", dev.aigw.core.http.RetrySafety.UNPROTECTED)
        .json(OpenAiChat.body(req, false)).build(), OpenAiChat.responseReader());
    assertThat(r.body().text()).isEqualTo("hi");
    assertThat(r.body().usage().totalTokens()).isEqualTo(3);
    assertThat(r.body().raw().get("extra")).isEqualTo(1.0);
    RecordedRequest rec = server.takeRequest();
    assertThat(rec.getHeaders().get("Authorization")).isEqualTo("Bearer tk_123456789");
    assertThat(rec.getBody().utf8()).isEqualTo("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}],\"temperature\":0.5}");

    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").body(
        "data: {\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"He\"}}]}\n\n"
            + "data: {\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"llo\"},\"finish_reason\":\"stop\"}]}\n\n"
            + "data: [DONE]\n\n").build());
    List<String> parts = new ArrayList<>();
    try (ChatStream s = new ChatStream(t.openStream(ApiRequest.post("/api/chat", dev.aigw.core.http.RetrySafety.UNPROTECTED)
        .json(OpenAiChat.body(req, true)).streaming(true).build(), OpenAiChat.chunkDecoder()))) {
      for (ChatChunk c : s) {
        parts.add(c.text());
      }
    }
    assertThat(parts).containsExactly("He", "llo");
  }
}
