package dev.aigw.core.internal;

import static dev.aigw.core.internal.TransportTestSupport.config;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aigw.core.chat.ChatStream;
import dev.aigw.core.http.RateLimit;
import dev.aigw.core.http.RetrySafety;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.OpenAiChat;
import dev.aigw.core.stream.EventStream;
import java.time.Instant;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** {@link EventStream#rateLimit()}: a stream's answer exposes its rate-limit headers like any other answer. */
class SseRateLimitTest {
  @StartStop final MockWebServer server = new MockWebServer();

  private static final String EVENTS = """
      data: {"id":"c1","choices":[{"index":0,"delta":{"content":"Hi"}}]}

      data: [DONE]

      """;

  private ChatStream open() {
    Transport transport = new Transport(config(server));
    ApiRequest request = ApiRequest.post("/v1/chat", RetrySafety.UNPROTECTED).json(java.util.Map.of("stream", true))
        .streaming(true).build();
    return new ChatStream(transport.openStream(request, OpenAiChat.chunkDecoder()));
  }

  @Test
  void theHeadersOfTheAnswerAreReadableBeforeAndAfterTheItems() {
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/event-stream")
        .setHeader("X-RateLimit-Remaining", "9").setHeader("X-RateLimit-Reset", "1767225660").body(EVENTS).build());
    try (ChatStream stream = open()) {
      RateLimit limit = stream.rateLimit();
      assertThat(limit.remaining()).isEqualTo(9);
      assertThat(limit.reset()).isEqualTo(Instant.ofEpochSecond(1_767_225_660L));
      assertThat(stream.text()).isEqualTo("Hi");
      assertThat(stream.rateLimit()).isEqualTo(limit);
    }
  }

  @Test
  void anAnswerWithoutThemHasNone() {
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").body(EVENTS).build());
    try (ChatStream stream = open()) {
      assertThat(stream.rateLimit()).isEqualTo(RateLimit.NONE);
    }
  }

  @Test
  void aSourceThatKnowsNoHeadersHasNone() {
    EventStream<String> stream = new EventStream<>(new EventStream.Source<>() {
      private final java.util.Iterator<String> items = List.of("a").iterator();

      @Override
      public String next() {
        return items.hasNext() ? items.next() : null;
      }

      @Override
      public void close() {}
    });
    assertThat(stream.rateLimit()).isEqualTo(RateLimit.NONE);
    assertThat(stream.stream().toList()).containsExactly("a");
  }
}
