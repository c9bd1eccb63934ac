package dev.aigw.testkit;

import static dev.aigw.testkit.RawHttp.get;
import static dev.aigw.testkit.RawHttp.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each kind and stage of {@link Faults}, seen over plain HTTP against {@link FakeCheapSub}. */
@Timeout(30) // a stream that never ends must fail the test, not stall the build
class FaultsTest {
  private static final String CAT = "{\"model\":\"nano-banana\",\"prompt\":\"a cat\"}";
  private static final String STREAM = "{\"stream\":true,\"model\":\"gpt-5.4\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";

  private FakeCheapSub fake;

  @BeforeEach
  void start() {
    fake = FakeCheapSub.start();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private RawHttp.Answer image() throws IOException {
    return post(fake, "/api/v1/image", fake.apiKey(), CAT);
  }

  private RawHttp.Answer models() throws IOException {
    return get(fake, "/api/v1/models", fake.apiKey());
  }

  @Test
  void statusBeforeHandlingReplacesTheRequestAndChargesNothing() throws IOException {
    fake.faults().failNext(503);

    RawHttp.Answer failed = image();

    assertThat(failed.code()).isEqualTo(503);
    assertThat(failed.json()).containsEntry("error", "Service unavailable").doesNotContainKey("code");
    assertThat(fake.tasks().size()).isZero();
    assertThat(fake.journal().charges()).isEmpty();
    assertThat(fake.faults().pending()).isZero();
    assertThat(image().code()).as("a fault applies once").isEqualTo(200);
  }

  @Test
  void statusBeforeHandlingComesEvenBeforeAuthentication() throws IOException {
    fake.faults().failNext(500);

    RawHttp.Answer answer = get(fake, "/api/v1/models", null);

    assertThat(answer.code()).isEqualTo(500);
    assertThat(answer.json()).containsEntry("error", "Internal server error");
  }

  @Test
  void failNextCountFailsThatManyRequests() throws IOException {
    fake.faults().failNext(2, 504);
    assertThat(fake.faults().pending()).isEqualTo(2);

    assertThat(List.of(models().code(), models().code(), models().code())).containsExactly(504, 504, 200);
    assertThat(fake.journal().requests()).extracting(Journal.Entry::status).containsExactly(504, 504, 200);
  }

  @Test
  void pathPrefixLimitsAFaultToMatchingPaths() throws IOException {
    fake.faults().failNext("/api/v1/image", 418);

    assertThat(models().code()).isEqualTo(200);
    assertThat(fake.faults().pending()).as("a request elsewhere leaves it pending").isEqualTo(1);
    RawHttp.Answer teapot = image();
    assertThat(teapot.code()).isEqualTo(418);
    assertThat(teapot.json()).containsEntry("error", "Injected failure 418");
    assertThat(fake.faults().pending()).isZero();
  }

  @Test
  void prefixMatchesTheStartOfThePath() throws IOException {
    fake.faults().failNext("/api/v1", 502);

    assertThat(get(fake, "/api/task/query?task_id=x", fake.apiKey()).code()).isEqualTo(404);
    assertThat(image().code()).isEqualTo(502);
  }

  @Test
  void faultsApplyInTheOrderAdded() throws IOException {
    fake.faults().failNext("/api/v1/models", 500).failNext(502);

    assertThat(image().code()).as("the first fault does not match; the second does").isEqualTo(502);
    assertThat(models().code()).isEqualTo(500);
    assertThat(models().code()).isEqualTo(200);
  }

  @Test
  void statusAfterHandlingDoesTheWorkAndChargesButAnswersWithTheFailure() throws IOException {
    fake.faults().failNextAfterHandling("/api/v1/image", 502);

    RawHttp.Answer answer = image();

    assertThat(answer.code()).isEqualTo(502);
    assertThat(answer.json()).containsEntry("error", "Upstream server error");
    assertThat(fake.tasks().size()).isEqualTo(1);
    assertThat(fake.journal().chargesOnly()).hasSize(1);
    assertThat(fake.journal().requests("POST", "/api/v1/image").get(0).status()).isEqualTo(502);
  }

  @Test
  void rateLimitSendsRetryAfter() throws IOException {
    fake.faults().rateLimitNext(7);

    RawHttp.Answer answer = image();

    assertThat(answer.code()).isEqualTo(429);
    assertThat(answer.headers().get("Retry-After")).isEqualTo("7");
    assertThat(answer.json()).containsEntry("error", "Too many requests");
    assertThat(fake.journal().charges()).isEmpty();
  }

  @Test
  void rateLimitOnAPathWaitsForThatPathAndSendsRetryAfter() throws IOException {
    fake.faults().rateLimitNext("/api/v1/image", 3);

    assertThat(models().code()).as("another path").isEqualTo(200);
    assertThat(fake.faults().pending()).isEqualTo(1);
    RawHttp.Answer answer = image();

    assertThat(answer.code()).isEqualTo(429);
    assertThat(answer.headers().get("Retry-After")).isEqualTo("3");
    assertThat(fake.journal().charges()).isEmpty();
    assertThat(fake.faults().pending()).isZero();
  }

  @Test
  void statusFaultsSendNoRetryAfterUnlessRateLimiting() throws IOException {
    fake.faults().failNext(503);

    assertThat(models().headers().get("Retry-After")).isNull();
  }

  @Test
  void droppedConnectionBeforeHandlingLosesTheRequest() {
    fake.faults().dropNextConnection("/api/v1/image");

    assertThatThrownBy(this::image).isInstanceOf(IOException.class);

    assertThat(fake.tasks().size()).isZero();
    assertThat(fake.journal().charges()).isEmpty();
    assertThat(fake.journal().requests("POST", "/api/v1/image")).singleElement()
        .extracting(Journal.Entry::status).isEqualTo(-1);
  }

  @Test
  void droppedConnectionAfterHandlingHidesWorkThatWasDoneAndCharged() throws IOException {
    fake.faults().dropNextConnectionAfterHandling("/api/v1/image");

    assertThatThrownBy(this::image).isInstanceOf(IOException.class);

    assertThat(fake.tasks().size()).isEqualTo(1);
    assertThat(fake.journal().chargesOnly()).hasSize(1);
    assertThat(fake.journal().requests("POST", "/api/v1/image")).singleElement()
        .extracting(Journal.Entry::status).isEqualTo(-1);
    assertThat(image().code()).isEqualTo(200);
  }

  @Test
  void delayHoldsTheAnswerBack() throws IOException {
    fake.faults().delayNext("/api/v1/models", Duration.ofMillis(300));

    RawHttp.Answer slow = models();
    RawHttp.Answer fast = models();

    assertThat(slow.code()).isEqualTo(200);
    assertThat(slow.millis()).isGreaterThanOrEqualTo(280);
    assertThat(fast.millis()).as("only the next answer is delayed").isLessThan(slow.millis());
  }

  @Test
  void delayBeforeHandlingAnswers503Late() throws IOException {
    fake.faults().add(new Faults.Fault(Faults.Kind.DELAY, Faults.Stage.BEFORE_HANDLING, 0, -1,
        Duration.ofMillis(200), 0, null));

    RawHttp.Answer answer = image();

    assertThat(answer.code()).isEqualTo(503);
    assertThat(answer.millis()).isGreaterThanOrEqualTo(180);
    assertThat(fake.tasks().size()).isZero();
  }

  @Test
  void delayWithoutPrefixAlsoHoldsBackAStreamWithoutBeingLost() throws IOException {
    fake.faults().delayNext(null, Duration.ofMillis(300));

    RawHttp.Answer stream = post(fake, "/api/v1/chat", fake.apiKey(), STREAM);

    assertThat(stream.millis()).isGreaterThanOrEqualTo(280);
    assertThat(stream.body()).endsWith("data: [DONE]\n\n");
    assertThat(fake.faults().pending()).isZero();
  }

  @Test
  void cutStreamSendsSomeEventsThenBreaksTheConnection() throws IOException {
    fake.chatReply("one two three four");
    fake.faults().cutNextStream(2);
    List<String> events = new ArrayList<>();

    try (Response response = RawHttp.open(fake, "/api/v1/chat", fake.apiKey(), STREAM)) {
      assertThat(response.code()).isEqualTo(200);
      assertThatThrownBy(() -> {
        String line;
        String data = null;
        while ((line = response.body().source().readUtf8Line()) != null) {
          if (line.startsWith("data: ")) {
            data = line;
          } else if (line.isEmpty() && data != null) {
            events.add(data); // an event is whole once its blank line arrives
            data = null;
          }
        }
      }).isInstanceOf(IOException.class);
    }

    assertThat(events).hasSize(2);
    assertThat(events.get(0)).contains("\"content\":\"one\"");
    assertThat(events.get(1)).contains("\"content\":\" two\"");
    assertThat(post(fake, "/api/v1/chat", fake.apiKey(), STREAM).body()).as("the next stream is whole")
        .endsWith("data: [DONE]\n\n");
  }

  @Test
  void replacedAnswerComesAfterTheWorkWasDone() throws IOException {
    fake.faults().replaceNextAnswer("/api/v1/image", 200, "application/json", "{\"code\":0,\"data\":");

    RawHttp.Answer garbled = image();

    assertThat(garbled.code()).isEqualTo(200);
    assertThat(garbled.body()).isEqualTo("{\"code\":0,\"data\":");
    assertThat(garbled.headers().get("Content-Type")).isEqualTo("application/json");
    assertThat(fake.tasks().size()).as("the task was created").isEqualTo(1);
    assertThat(fake.journal().chargesOnly()).as("and charged").hasSize(1);
    assertThat(fake.journal().requests("POST", "/api/v1/image")).extracting(Journal.Entry::status).containsExactly(200);
    assertThat(image().body()).as("a fault applies once").contains("task_id");
  }

  @Test
  void replacedAnswerMayBeEmptyWithoutAContentType() throws IOException {
    fake.faults().replaceNextAnswer(null, 200, null, null);

    RawHttp.Answer empty = models();

    assertThat(empty.code()).isEqualTo(200);
    assertThat(empty.body()).isEmpty();
    assertThat(empty.headers().get("Content-Type")).isNull();
  }

  @Test
  void stallStreamSendsSomeEventsThenFallsSilentThenGoesOn() throws IOException {
    fake.chatReply("one two three");
    fake.faults().stallNextStream(2, Duration.ofMillis(600));
    List<Long> arrivals = new ArrayList<>();
    List<String> events = new ArrayList<>();
    long start = System.nanoTime();

    try (Response response = RawHttp.open(fake, "/api/v1/chat", fake.apiKey(), STREAM)) {
      assertThat(response.code()).isEqualTo(200);
      String line;
      while ((line = response.body().source().readUtf8Line()) != null) {
        if (line.startsWith("data: ")) {
          events.add(line);
          arrivals.add((System.nanoTime() - start) / 1_000_000);
        }
      }
    }

    assertThat(events).hasSize(5).last().isEqualTo("data: [DONE]");
    assertThat(arrivals.get(1)).as("the first two events come at once").isLessThan(400);
    assertThat(arrivals.get(2) - arrivals.get(1)).as("then the silence").isGreaterThanOrEqualTo(550);
    assertThat(fake.faults().pending()).isZero();
  }

  @Test
  void streamStallWaitsForAStream() throws IOException {
    fake.faults().stallNextStream(0, Duration.ofSeconds(5));

    RawHttp.Answer plain = post(fake, "/api/v1/chat", fake.apiKey(), STREAM.replace("\"stream\":true,", ""));

    assertThat(plain.code()).isEqualTo(200);
    assertThat(plain.millis()).isLessThan(2000);
    assertThat(fake.faults().pending()).isEqualTo(1);
  }

  @Test
  void cutAfterEveryEventStillBreaksTheEnd() {
    fake.chatReply("solo");
    fake.faults().cutNextStream(99);

    assertThatThrownBy(() -> post(fake, "/api/v1/chat", fake.apiKey(), STREAM)).isInstanceOf(IOException.class);
  }

  @Test
  void streamCutWaitsForAStreamAndLeavesOtherAnswersAlone() throws IOException {
    fake.faults().cutNextStream(1);

    assertThat(models().code()).isEqualTo(200);
    assertThat(post(fake, "/api/v1/chat", fake.apiKey(), STREAM.replace("\"stream\":true,", "")).code()).isEqualTo(200);
    assertThat(fake.faults().pending()).isEqualTo(1);
  }

  @Test
  void clearRemovesEveryPendingFault() throws IOException {
    fake.faults().failNext(500).rateLimitNext(1).cutNextStream(0).dropNextConnection(null);
    assertThat(fake.faults().pending()).isEqualTo(4);

    fake.faults().clear();

    assertThat(fake.faults().pending()).isZero();
    assertThat(models().code()).isEqualTo(200);
  }

  @Test
  void filesAreServedWhateverFaultsArePending() throws IOException {
    fake.tasks().pollsToFinish(1);
    String id = image().string("data", "task_id");
    String url = get(fake, "/api/v1/task?task_id=" + id, fake.apiKey()).string("data", "result", 0, "image");
    fake.faults().failNext(500);

    assertThat(RawHttp.send("GET", url, null, null).code()).isEqualTo(200);
    assertThat(fake.faults().pending()).isEqualTo(1);
  }
}
