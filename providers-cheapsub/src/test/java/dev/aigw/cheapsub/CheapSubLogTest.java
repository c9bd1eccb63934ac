package dev.aigw.cheapsub;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.aigw.core.chat.ChatRequest;
import dev.aigw.core.chat.ChatStream;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.operation.PollingStrategy;
import dev.aigw.testkit.FakeCheapSub;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/** What CheapSub's calls write to the log: as much as helps, and nothing at INFO when all is well. */
@Timeout(30)
class CheapSubLogTest {
  private final Logger logger = (Logger) LoggerFactory.getLogger("dev.aigw");
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private FakeCheapSub fake;
  private CheapSubClient client;

  @BeforeEach
  void start() {
    appender.start();
    logger.addAppender(appender);
    fake = FakeCheapSub.start();
    fake.chatReply("Seoul");
    fake.tasks().pollsToFinish(2);
    client = CheapSubClient.builder().baseUrl(fake.baseUrl()).apiKey(fake.apiKey())
        .polling(PollingStrategy.fixed(Duration.ofMillis(10), Duration.ofSeconds(10))).build();
  }

  @AfterEach
  void stop() {
    client.close();
    fake.close();
    logger.detachAppender(appender);
  }

  private List<String> lines(Level atLeast) {
    synchronized (appender) {
      return appender.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(atLeast))
          .map(ILoggingEvent::getFormattedMessage).toList();
    }
  }

  @Test
  void everyPollLineNamesTheTaskItPolls() {
    Operation<ImageResult> op = client.images().submit(ImageRequest.builder().model("nano-banana-2").prompt("cat").build());
    op.waitForCompletion();

    List<String> polls = lines(Level.DEBUG).stream().filter(l -> l.contains("GET /api/v1/task")).toList();
    assertThat(polls).hasSize(4).allSatisfy(l -> assertThat(l).contains("GET /api/v1/task for operation " + op.id()));
    assertThat(polls.get(0)).isEqualTo("[cheapsub] --> GET /api/v1/task for operation " + op.id() + " (attempt 1)");
    assertThat(polls.get(1)).matches("\\[cheapsub] <-- 200 GET /api/v1/task for operation " + op.id() + " \\(\\d+ ms\\)");
  }

  @Test
  void aRetryNamesNoIdempotencyKeyForCheapSubSendsNone() {
    fake.faults().rateLimitNext("/api/v1/chat", 0);
    client.chat().create(ChatRequest.builder().model("gemini-3-flash").user("hi").build());

    assertThat(lines(Level.INFO)).singleElement().asString()
        .startsWith("[cheapsub] retrying POST /api/v1/chat in 0 ms after HTTP 429 (retry 1 of 2)")
        .doesNotContain("idempotency");
    assertThat(fake.journal().requests("POST", "/api/v1/chat"))
        .allSatisfy(e -> assertThat(e.headers().keySet()).noneMatch(h -> h.equalsIgnoreCase("Idempotency-Key")));
    assertThat(lines(Level.DEBUG)).anyMatch(l -> l.matches(
        "\\[cheapsub] <-- 200 POST /api/v1/chat \\(\\d+ ms; \\d+ ms in all over 2 attempts\\)"));
  }

  @Test
  void callsThatSucceedFirstTimeWriteNothingAtInfo() {
    client.models().list();
    client.chat().create(ChatRequest.builder().model("gemini-3-flash").user("hi").build());
    try (ChatStream stream = client.chat().stream(ChatRequest.builder().model("gemini-3-flash").user("hi").build())) {
      assertThat(stream.text()).isEqualTo("Seoul");
    }
    client.images().generate(ImageRequest.builder().model("nano-banana-2").prompt("cat").build());

    assertThat(lines(Level.DEBUG)).hasSizeGreaterThan(8);
    assertThat(lines(Level.INFO)).isEmpty();
  }
}
