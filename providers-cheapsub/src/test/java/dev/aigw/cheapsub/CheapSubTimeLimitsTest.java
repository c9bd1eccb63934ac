package dev.aigw.cheapsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.aigw.core.AiClient;
import dev.aigw.core.AiClients;
import dev.aigw.core.ClientOptions;
import dev.aigw.core.chat.ChatChunk;
import dev.aigw.core.chat.ChatRequest;
import dev.aigw.core.chat.ChatStream;
import dev.aigw.core.error.StreamException;
import dev.aigw.testkit.FakeCheapSub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A stream that stalls between events fails after the idle timeout the caller set (on the builder
 * or in {@link ClientOptions}), not after a fixed two minutes, and says which limit it hit.
 */
@Timeout(30)
class CheapSubTimeLimitsTest {
  private FakeCheapSub fake;

  @BeforeEach
  void start() {
    fake = FakeCheapSub.start();
    fake.chatReply("one two three four five");
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private static ChatRequest question() {
    return ChatRequest.builder().model("gemini-3-flash").user("count to five").build();
  }

  @Test
  void aStalledStreamFailsAfterTheIdleTimeoutSetOnTheBuilder() {
    fake.faults().stallNextStream(2, Duration.ofSeconds(10));
    List<String> read = new ArrayList<>();
    long start = System.nanoTime();
    Throwable e;
    try (CheapSubClient client = CheapSubClient.builder().baseUrl(fake.baseUrl()).apiKey(fake.apiKey())
        .streamIdleTimeout(Duration.ofMillis(400)).build();
        ChatStream stream = client.chat().stream(question())) {
      e = catchThrowable(() -> stream.forEach(chunk -> read.add(chunk.text())));
    }

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(read).containsExactly("one", " two");
    assertThat(e).isInstanceOf(StreamException.class).hasMessage("[cheapsub] the stream went silent after 2 events: no"
        + " data for 400 ms (streamIdleTimeout) — not retried: a stream that has started is not retried, since its"
        + " reply was already produced and billed");
  }

  @Test
  void theIdleTimeoutComesFromClientOptions() {
    fake.faults().stallNextStream(1, Duration.ofSeconds(10));
    long start = System.nanoTime();
    Throwable e;
    try (AiClient client = AiClients.create("cheapsub", ClientOptions.builder().apiKey(fake.apiKey())
        .baseUrl(fake.baseUrl()).streamIdleTimeout(Duration.ofMillis(300)).build());
        ChatStream stream = client.chat().stream(question())) {
      e = catchThrowable(() -> stream.forEach(ChatChunk::text));
    }

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(e).isInstanceOf(StreamException.class)
        .hasMessageStartingWith("[cheapsub] the stream went silent after 1 events: no data for 300 ms (streamIdleTimeout)");
  }

  @Test
  void aPauseShorterThanTheIdleTimeoutIsWaitedThrough() {
    fake.faults().stallNextStream(2, Duration.ofMillis(300));
    try (CheapSubClient client = CheapSubClient.builder().baseUrl(fake.baseUrl()).apiKey(fake.apiKey())
        .streamIdleTimeout(Duration.ofSeconds(3)).build();
        ChatStream stream = client.chat().stream(question())) {
      assertThat(stream.text()).isEqualTo("one two three four five");
    }
  }
}
