package dev.aigw.cheapsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.aigw.core.chat.ChatRequest;
import dev.aigw.core.chat.ChatStream;
import dev.aigw.core.error.AigwException;
import dev.aigw.core.error.ConnectionException;
import dev.aigw.core.error.ServerException;
import dev.aigw.core.error.StreamException;
import dev.aigw.core.error.UpstreamTimeoutException;
import dev.aigw.core.http.RetryPolicy;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.operation.PollingStrategy;
import dev.aigw.testkit.FakeCheapSub;
import dev.aigw.testkit.Journal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * Every failure of paid work at CheapSub explains itself against {@link FakeCheapSub} with the
 * fault injected: what happened, that it was not retried, why (the rule for work nothing
 * protects), and that the task may exist and be charged but cannot be found (CheapSub documents no
 * idempotency key) — in the exception and in one INFO line. Task polls survive bad answers.
 */
@Timeout(30)
class CheapSubFailuresExplainedTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final String NO_RECOVERY = "cheapsub documents no idempotency key for this call: the work may exist"
      + " and be charged, and aigw cannot find it";

  private FakeCheapSub fake;
  private CheapSubClient client;
  private final Logger logger = (Logger) LoggerFactory.getLogger("dev.aigw");
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeEach
  void start() {
    fake = FakeCheapSub.start();
    client = CheapSubClient.builder().baseUrl(fake.baseUrl()).apiKey(fake.apiKey())
        .retryPolicy(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(5)))
        .polling(new PollingStrategy(Duration.ofMillis(5), 1.0, Duration.ofMillis(10), 3, Duration.ofSeconds(5)))
        .build();
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
    return ImageRequest.builder().model("nano-banana-2").prompt("A cute cat on a windowsill watching the rain").build();
  }

  private static ChatRequest question() {
    return ChatRequest.builder().model("gemini-3-flash").user("count to five").build();
  }

  @Test
  void a504AfterTheTaskWasCreatedSaysWhyItWasNotRetriedAndThatTheTaskCannotBeFound() {
    fake.faults().failNextAfterHandling("/api/v1/image", 504);

    Throwable e = catchThrowable(() -> client.images().submit(cat()));

    assertThat(e).isInstanceOf(UpstreamTimeoutException.class).hasMessage("[cheapsub] 504: Upstream timeout — not"
        + " retried: a timeout may hide work done upstream, so a retry could charge twice; " + NO_RECOVERY);
    assertThat(infoLines()).containsExactly("[cheapsub] not retrying POST /api/v1/image after HTTP 504: a timeout may"
        + " hide work done upstream, so a retry could charge twice; " + NO_RECOVERY);
    assertThat(fake.journal().requests("POST", "/api/v1/image")).extracting(Journal.Entry::status).containsExactly(504);
    assertThat(fake.tasks().size()).as("the task exists").isEqualTo(1);
    assertThat(fake.journal().chargesOnly()).as("and is charged").hasSize(1);
  }

  @Test
  void a502OnChatSaysNothingDocumentedMakesAFailedCallFree() {
    fake.faults().failNextAfterHandling("/api/v1/chat", 502);

    Throwable e = catchThrowable(() -> client.chat().create(question()));

    assertThat(e).isInstanceOf(ServerException.class).hasMessage("[cheapsub] 502: Upstream server error — not"
        + " retried: nothing documented says a failed call is free, so a retry could charge twice; " + NO_RECOVERY);
    assertThat(infoLines()).containsExactly("[cheapsub] not retrying POST /api/v1/chat after HTTP 502: nothing"
        + " documented says a failed call is free, so a retry could charge twice; " + NO_RECOVERY);
    assertThat(fake.journal().requests("POST", "/api/v1/chat")).hasSize(1);
  }

  @Test
  void aConnectionCutAfterTheTaskWasCreatedSaysTheTaskMayExistAndCannotBeFound() {
    fake.faults().dropNextConnectionAfterHandling("/api/v1/image");

    Throwable e = catchThrowable(() -> client.images().submit(cat()));

    assertThat(e).isInstanceOf(ConnectionException.class);
    assertThat(((ConnectionException) e).requestSent()).isTrue();
    assertThat(e.getMessage()).startsWith("[cheapsub] POST /api/v1/image failed: ")
        .endsWith(" — not retried: the request may have reached the server, so a retry could charge twice; "
            + NO_RECOVERY);
    assertThat(infoLines()).singleElement().asString().startsWith("[cheapsub] not retrying POST /api/v1/image after ")
        .endsWith(": the request may have reached the server, so a retry could charge twice; " + NO_RECOVERY);
    assertThat(fake.journal().chargesOnly()).hasSize(1);
  }

  @Test
  void aStreamCutMidwaySaysItIsNotRetriedAndWhy() {
    fake.chatReply("one two three four five");
    fake.faults().cutNextStream(2);

    Throwable e;
    try (ChatStream stream = client.chat().stream(question())) {
      e = catchThrowable(() -> stream.forEach(chunk -> { }));
    }

    assertThat(e).isInstanceOf(StreamException.class).hasMessageStartingWith("[cheapsub] the stream was cut after 2"
        + " events: ").hasMessageEndingWith(" — not retried: a stream that has started is not retried, since its reply"
        + " was already produced and billed");
    assertThat(infoLines()).singleElement().asString().startsWith("[cheapsub] not retrying POST /api/v1/chat after the"
        + " stream was cut after 2 events: ").endsWith(": a stream that has started is not retried, since its reply"
        + " was already produced and billed");
  }

  @Test
  void taskPollsAnsweredWithMalformedJsonOrAnEmptyBodyAreTolerated() {
    Operation<ImageResult> op = client.images().submit(cat());
    fake.faults().replaceNextAnswer("/api/v1/task", 200, "application/json", "{\"code\":0,\"data\":");
    fake.faults().replaceNextAnswer("/api/v1/task", 200, null, "");

    ImageResult result = op.waitForCompletion(WAIT);

    assertThat(result.images()).hasSize(1);
    assertThat(fake.faults().pending()).isZero();
    assertThat(fake.journal().requests("GET", "/api/v1/task")).hasSizeGreaterThanOrEqualTo(3);
  }

  @Test
  void tooManyBadPollAnswersInARowNameTheTaskAndSayItCanBeResumed() {
    Operation<ImageResult> op = client.images().submit(cat());
    for (int i = 0; i < 4; i++) {
      fake.faults().replaceNextAnswer("/api/v1/task", 200, "text/html", "<html>maintenance</html>");
    }

    Throwable e = catchThrowable(() -> op.waitForCompletion(WAIT));

    assertThat(e).isInstanceOf(AigwException.class).hasMessage("[cheapsub] operation " + op.id() + ": 4 polls in a"
        + " row failed, so polling stopped; the last: expected a JSON answer but got: <html>maintenance</html>. The"
        + " task may still finish on the server (last status seen: QUEUED): resume(\"" + op.id() + "\") to follow it"
        + " again");
    assertThat(client.images().resume(op.id()).waitForCompletion(WAIT).images()).hasSize(1);
    assertThat(fake.journal().chargesOnly()).hasSize(1);
  }

  @Test
  void oneBadPollAnswerNamesCheapSub() {
    Operation<ImageResult> op = client.images().submit(cat());
    fake.faults().replaceNextAnswer("/api/v1/task", 200, "text/plain", "OK");

    Throwable e = catchThrowable(op::poll);

    assertThat(e).isInstanceOf(AigwException.class).hasMessage("[cheapsub] expected a JSON answer but got: OK");
    assertThat(((AigwException) e).vendor()).isEqualTo("cheapsub");
  }
}
