package dev.aigw.core.internal;

import static dev.aigw.core.internal.TransportTestSupport.config;
import static dev.aigw.core.internal.TransportTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.aigw.core.chat.ChatRequest;
import dev.aigw.core.chat.ChatStream;
import dev.aigw.core.http.RetryPolicy;
import dev.aigw.core.http.RetrySafety;
import dev.aigw.core.internal.TransportTestSupport.LogCapture;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.ErrorMapping;
import dev.aigw.core.spi.OpenAiChat;
import dev.aigw.core.spi.ResponseReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** The DEBUG and INFO lines a user reads: what they name, and what they leave out. */
class TransportLogTest {
  private static final Pattern ANSWER = Pattern.compile(
      "\\[acme] <-- (\\d+) (.+) \\((\\d+) ms(?:; (\\d+) ms in all over (\\d+) attempts)?(?:; request id (.+))?\\)");

  @StartStop final MockWebServer server = new MockWebServer();

  private static ApiRequest post() {
    return ApiRequest.post("/v1/images", RetrySafety.NOT_CHARGED_ON_ERROR).json(Map.of("prompt", "cat")).build();
  }

  @Test
  void theAnswerLineGivesTheAttemptsOwnTimeTheWholeCallsTimeAndTheRequestId() {
    server.enqueue(json(503, "{\"error\":{\"message\":\"busy\"},\"request_id\":\"body-7\"}"));
    server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
        .setHeader("X-Request-Id", "req-2").body("{}").build());
    // one retry after 200 to 400 ms (400 ms with jitter): the call takes longer than either attempt
    TransportConfig c = config(server).withRetryPolicy(
        new RetryPolicy(1, Duration.ofMillis(400), Duration.ofMillis(400), Duration.ofSeconds(5)));

    List<String> lines;
    try (LogCapture logs = new LogCapture(); Transport transport = new Transport(c)) {
      transport.execute(post(), ResponseReader.rawJson());
      lines = logs.lines(Level.DEBUG);
    }

    List<Matcher> answers = lines.stream().map(ANSWER::matcher).filter(Matcher::matches).toList();
    assertThat(answers).hasSize(2);
    Matcher first = answers.get(0);
    assertThat(first.group(1)).isEqualTo("503");
    assertThat(first.group(2)).isEqualTo("POST /v1/images");
    assertThat(first.group(4)).as("no total on a first attempt").isNull();
    assertThat(first.group(6)).as("the request id from the error body").isEqualTo("body-7");
    Matcher second = answers.get(1);
    assertThat(second.group(1)).isEqualTo("200");
    long attemptMs = Long.parseLong(second.group(3));
    long totalMs = Long.parseLong(second.group(4));
    assertThat(second.group(5)).isEqualTo("2");
    assertThat(totalMs).as("the whole call, with the wait").isGreaterThanOrEqualTo(200);
    assertThat(attemptMs).as("the second attempt alone").isLessThan(totalMs - 150);
    assertThat(second.group(6)).isEqualTo("req-2");
  }

  @Test
  void everyLineOfAPollNamesTheOperation() throws Exception {
    server.enqueue(json(503, "{}"));
    server.enqueue(json(200, "{\"status\":\"running\"}"));
    server.enqueue(json(200, "{\"status\":\"running\"}"));
    List<String> lines;
    try (LogCapture logs = new LogCapture(); Transport transport = new Transport(config(server))) {
      ApiRequest poll = ApiRequest.get("/api/v1/task").query("task_id", "t-7").build();
      transport.prepare(poll, ResponseReader.rawJson()).executeAsync("t-7", null).get(5, TimeUnit.SECONDS);
      transport.prepare(poll, ResponseReader.rawJson()).execute("t-8", null);
      lines = logs.lines();
    }

    assertThat(lines).filteredOn(l -> l.contains("GET /api/v1/task")).hasSize(7).allSatisfy(
        l -> assertThat(l).containsPattern("GET /api/v1/task for operation t-[78]"));
    assertThat(lines).anyMatch(l -> l.startsWith("[acme] retrying GET /api/v1/task for operation t-7 in "));
    assertThat(lines).anyMatch(l -> l.startsWith("[acme] --> GET /api/v1/task for operation t-8 (attempt 1)"));
  }

  @Test
  void theRetryLineNamesAnIdempotencyKeyOnlyWhereOneIsSent() throws Exception {
    server.enqueue(json(429, "{}"));
    server.enqueue(json(200, "{}"));
    server.enqueue(json(429, "{}"));
    server.enqueue(json(200, "{}"));
    List<String> withoutHeader;
    List<String> withHeader;
    try (LogCapture logs = new LogCapture(); Transport transport = new Transport(config(server))) {
      transport.execute(post(), ResponseReader.rawJson());
      withoutHeader = logs.lines();
    }
    TransportConfig keyed = config(server).withErrors(ErrorMapping.STANDARD, "Idempotency-Key");
    try (LogCapture logs = new LogCapture(); Transport transport = new Transport(keyed)) {
      transport.execute(post(), ResponseReader.rawJson());
      withHeader = logs.lines(Level.INFO);
    }

    assertThat(withoutHeader).anyMatch(l -> l.startsWith("[acme] retrying POST /v1/images in "))
        .noneMatch(l -> l.contains("idempotency key"));
    server.takeRequest();
    server.takeRequest();
    RecordedRequest first = server.takeRequest();
    String sent = first.getHeaders().get("Idempotency-Key");
    assertThat(sent).isNotBlank();
    assertThat(withHeader).singleElement().asString()
        .startsWith("[acme] retrying POST /v1/images in ").endsWith("(retry 1 of 2, idempotency key " + sent + ")");
  }

  @Test
  void aCallThatSucceedsFirstTimeWritesNothingAtInfo() throws Exception {
    server.enqueue(json(200, "{}"));
    server.enqueue(json(200, "{}"));
    server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/event-stream")
        .body("data: {\"choices\":[{\"delta\":{\"content\":\"hi\"}}]}\n\ndata: [DONE]\n\n").build());
    try (LogCapture logs = new LogCapture(); Transport transport = new Transport(config(server))) {
      transport.execute(post(), ResponseReader.rawJson());
      transport.executeAsync(ApiRequest.get("/v1/models").build(), ResponseReader.rawJson()).get(5, TimeUnit.SECONDS);
      try (ChatStream stream = OpenAiChat.stream(transport, "/v1/chat", RetrySafety.UNPROTECTED,
          OpenAiChat.body(ChatRequest.builder().model("m").user("hi").build(), true))) {
        assertThat(stream.text()).isEqualTo("hi");
      }
      assertThat(logs.lines(Level.DEBUG)).as("the calls are logged at DEBUG").hasSizeGreaterThanOrEqualTo(6);
      assertThat(logs.events()).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.INFO)).isEmpty();
    }
  }
}
