package dev.aigw.gptimagehub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.aigw.core.error.ConnectionException;
import dev.aigw.core.http.RetryPolicy;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.Quality;
import dev.aigw.testkit.FakeGptImageHub;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * GPTImageHub charges before it generates and refunds a failure it reports, but an answer lost
 * after the request reached it may hide a charged generation: the failure says it was not retried,
 * why, and that aigw cannot find the work, in the exception and one INFO line.
 */
@Timeout(30)
class GptImageHubFailuresExplainedTest {
  private FakeGptImageHub fake;
  private GptImageHubClient client;
  private final Logger logger = (Logger) LoggerFactory.getLogger("dev.aigw");
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeEach
  void start() {
    fake = FakeGptImageHub.start();
    client = GptImageHubClient.builder().baseUrl(fake.baseUrl()).apiKey(fake.apiKey())
        .retryPolicy(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(5))).build();
    logs.start();
    logger.addAppender(logs);
  }

  @AfterEach
  void stop() {
    logger.detachAppender(logs);
    client.close();
    fake.close();
  }

  private List<String> infoLines() {
    synchronized (logs) {
      return logs.list.stream().filter(e -> e.getLevel() == Level.INFO).map(ILoggingEvent::getFormattedMessage).toList();
    }
  }

  @Test
  void aLostAnswerSaysTheGenerationMayExistAndCannotBeFound() {
    fake.faults().dropNextConnectionAfterHandling("/api/v1/images/generations");

    Throwable e = catchThrowable(() -> client.images().generateSync(ImageRequest.builder().model("gpt-image-2")
        .prompt("A transparent perfume bottle on black marble").quality(Quality.LOW).build()));

    assertThat(e).isInstanceOf(ConnectionException.class);
    assertThat(e.getMessage()).startsWith("[gptimagehub] POST /api/v1/images/generations failed: ")
        .endsWith(" — not retried: the request may have reached the server, so a retry could charge twice;"
            + " gptimagehub documents no idempotency key for this call: the work may exist and be charged, and aigw"
            + " cannot find it");
    assertThat(infoLines()).singleElement().asString()
        .startsWith("[gptimagehub] not retrying POST /api/v1/images/generations after ");
    assertThat(fake.journal().requests("POST", "/api/v1/images/generations")).hasSize(1);
    assertThat(fake.journal().chargesOnly()).as("the generation was charged").isNotEmpty();
  }
}
