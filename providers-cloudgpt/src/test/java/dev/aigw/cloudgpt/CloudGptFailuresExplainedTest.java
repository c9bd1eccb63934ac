package dev.aigw.cloudgpt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.aigw.core.error.ServerException;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.testkit.FakeCloudGpt;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * A CloudGPT image call that fails with a 5xx after the image was made is not retried (nothing
 * documented says a failed call is free) and says so — why, and that aigw cannot find the work —
 * in the exception and one INFO line.
 */
@Timeout(30)
class CloudGptFailuresExplainedTest {
  private FakeCloudGpt fake;
  private CloudGptClient client;
  private final Logger logger = (Logger) LoggerFactory.getLogger("dev.aigw");
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeEach
  void start() {
    fake = FakeCloudGpt.start();
    client = CloudGptClient.builder().baseUrl(fake.baseUrl()).apiKey(fake.apiKey())
        .retryPolicy(CloudGptWire.FAST_RETRIES).build();
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
  void a500AfterTheImageWasMadeSaysWhyItWasNotRetried() {
    fake.faults().failNextAfterHandling("/api/image", 500);

    Throwable e = catchThrowable(() -> client.images().generate(ImageRequest.builder().model("flux")
        .prompt("A beautiful sunset over mountains").build()));

    String why = "nothing documented says a failed call is free, so a retry could charge twice; cloudgpt documents no"
        + " idempotency key for this call: the work may exist and be charged, and aigw cannot find it";
    assertThat(e).isInstanceOf(ServerException.class).hasMessageStartingWith("[cloudgpt] 500")
        .hasMessageEndingWith(" — not retried: " + why);
    assertThat(infoLines()).containsExactly("[cloudgpt] not retrying POST /api/image after HTTP 500: " + why);
    assertThat(fake.journal().requests("POST", "/api/image")).hasSize(1);
  }
}
