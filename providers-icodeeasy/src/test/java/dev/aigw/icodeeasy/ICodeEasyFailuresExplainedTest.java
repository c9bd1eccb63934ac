package dev.aigw.icodeeasy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.aigw.core.error.ConnectionException;
import dev.aigw.core.error.UpstreamTimeoutException;
import dev.aigw.core.http.RetryPolicy;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.testkit.FakeICodeEasy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * icodeeasy does not charge a failed generation, so an explicit 5xx is retried; but a 504 or a
 * lost answer may hide a generation that succeeded (and was charged): the failure says it was not
 * retried, why, and that the work cannot be found, in the exception and one INFO line.
 */
@Timeout(30)
class ICodeEasyFailuresExplainedTest {
  private static final String NO_RECOVERY = "icodeeasy documents no idempotency key for this call: the work may"
      + " exist and be charged, and aigw cannot find it";

  private FakeICodeEasy fake;
  private ICodeEasyClient client;
  private final Logger logger = (Logger) LoggerFactory.getLogger("dev.aigw");
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeEach
  void start() {
    fake = FakeICodeEasy.start();
    client = ICodeEasyClient.builder().baseUrl(fake.baseUrl()).apiKey(fake.apiKey())
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

  private static ImageRequest cat() {
    return ImageRequest.builder().prompt("an orange cat on a windowsill, watercolor").build();
  }

  @Test
  void a504OnASynchronousGenerationSaysWhyItWasNotRetried() {
    fake.faults().failNextAfterHandling("/v1/images/generations", 504);

    Throwable e = catchThrowable(() -> client.images().generateSync(cat()));

    assertThat(e).isInstanceOf(UpstreamTimeoutException.class).hasMessageEndingWith(" — not retried: a timeout may"
        + " hide work done upstream, so a retry could charge twice; " + NO_RECOVERY)
        .hasMessageStartingWith("[icodeeasy] 504");
    assertThat(infoLines()).containsExactly("[icodeeasy] not retrying POST /v1/images/generations after HTTP 504: a"
        + " timeout may hide work done upstream, so a retry could charge twice; " + NO_RECOVERY);
    assertThat(fake.journal().requests("POST", "/v1/images/generations")).hasSize(1);
  }

  @Test
  void aLostAnswerSaysTheGenerationMayExistAndCannotBeFound() {
    fake.faults().dropNextConnectionAfterHandling("/v1/images/generations");

    Throwable e = catchThrowable(() -> client.images().generateSync(cat()));

    assertThat(e).isInstanceOf(ConnectionException.class);
    assertThat(e.getMessage()).startsWith("[icodeeasy] POST /v1/images/generations failed: ")
        .endsWith(" — not retried: the request may have reached the server, so a retry could charge twice; "
            + NO_RECOVERY);
    assertThat(infoLines()).hasSize(1);
    assertThat(fake.journal().requests("POST", "/v1/images/generations")).hasSize(1);
  }
}
