package dev.aigw.opentelemetry;

import static dev.aigw.opentelemetry.OpenTelemetryListener.AIGW_COST_AMOUNT;
import static dev.aigw.opentelemetry.OpenTelemetryListener.AIGW_COST_UNIT;
import static dev.aigw.opentelemetry.OpenTelemetryListener.AIGW_OPERATION_END;
import static dev.aigw.opentelemetry.OpenTelemetryListener.AIGW_OPERATION_ID;
import static dev.aigw.opentelemetry.OpenTelemetryListener.AIGW_OPERATION_POLLS;
import static dev.aigw.opentelemetry.OpenTelemetryListener.AIGW_OPERATION_STATUS;
import static dev.aigw.opentelemetry.OpenTelemetryListener.AIGW_STREAM_CHUNKS;
import static dev.aigw.opentelemetry.OpenTelemetryListener.AIGW_VENDOR;
import static dev.aigw.opentelemetry.OpenTelemetryListener.ERROR_TYPE;
import static dev.aigw.opentelemetry.OpenTelemetryListener.GEN_AI_OPERATION_NAME;
import static dev.aigw.opentelemetry.OpenTelemetryListener.GEN_AI_OUTPUT_TYPE;
import static dev.aigw.opentelemetry.OpenTelemetryListener.GEN_AI_PROVIDER_NAME;
import static dev.aigw.opentelemetry.OpenTelemetryListener.GEN_AI_REQUEST_MODEL;
import static dev.aigw.opentelemetry.OpenTelemetryListener.GEN_AI_RESPONSE_FINISH_REASONS;
import static dev.aigw.opentelemetry.OpenTelemetryListener.GEN_AI_RESPONSE_ID;
import static dev.aigw.opentelemetry.OpenTelemetryListener.GEN_AI_RESPONSE_MODEL;
import static dev.aigw.opentelemetry.OpenTelemetryListener.GEN_AI_TOKEN_TYPE;
import static dev.aigw.opentelemetry.OpenTelemetryListener.GEN_AI_USAGE_INPUT_TOKENS;
import static dev.aigw.opentelemetry.OpenTelemetryListener.GEN_AI_USAGE_OUTPUT_TOKENS;
import static dev.aigw.opentelemetry.OpenTelemetryListener.HTTP_REQUEST_METHOD;
import static dev.aigw.opentelemetry.OpenTelemetryListener.HTTP_REQUEST_RESEND_COUNT;
import static dev.aigw.opentelemetry.OpenTelemetryListener.HTTP_RESPONSE_STATUS_CODE;
import static dev.aigw.opentelemetry.OpenTelemetryListener.SERVER_ADDRESS;
import static dev.aigw.opentelemetry.OpenTelemetryListener.SERVER_PORT;
import static dev.aigw.opentelemetry.OpenTelemetryListener.URL_TEMPLATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aigw.cheapsub.CheapSubClient;
import dev.aigw.core.chat.ChatRequest;
import dev.aigw.core.chat.ChatResponse;
import dev.aigw.core.chat.ChatStream;
import dev.aigw.core.error.AuthenticationException;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.operation.PollingStrategy;
import dev.aigw.testkit.FakeCheapSub;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Real clients against the testkit's fake and a MockWebServer, exporting to the in-memory SDK. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OpenTelemetryListenerTest {
  private static final String QUESTION = "What is the capital of South Korea?";
  private final Telemetry telemetry = new Telemetry();
  private final FakeCheapSub fake = FakeCheapSub.start();

  @AfterEach
  void close() {
    fake.close();
    telemetry.close();
  }

  private CheapSubClient client() {
    return CheapSubClient.builder().apiKey(fake.apiKey()).baseUrl(fake.baseUrl()).listener(telemetry.listener)
        .polling(PollingStrategy.fixed(Duration.ofMillis(20), Duration.ofMinutes(1))).build();
  }

  @Test
  void aChatCallIsOneClientSpanWithTheGenAiAttributesAndMetrics() {
    fake.chatReply("Seoul is the capital");
    Span app = telemetry.sdk.getTracer("app").spanBuilder("handle request").startSpan();
    ChatResponse reply;
    try (CheapSubClient client = client(); Scope ignored = app.makeCurrent()) {
      reply = client.chat().create(ChatRequest.builder().model("gemini-3-flash").system("Be brief.").user(QUESTION)
          .build());
    } finally {
      app.end();
    }

    SpanData span = telemetry.span("chat gemini-3-flash");
    assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(span.getParentSpanId()).isEqualTo(app.getSpanContext().getSpanId());
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    var a = span.getAttributes();
    assertThat(a.get(GEN_AI_OPERATION_NAME)).isEqualTo("chat");
    assertThat(a.get(GEN_AI_PROVIDER_NAME)).isEqualTo("cheapsub");
    assertThat(a.get(GEN_AI_REQUEST_MODEL)).isEqualTo("gemini-3-flash");
    assertThat(a.get(GEN_AI_RESPONSE_MODEL)).isEqualTo("gemini-3-flash");
    assertThat(a.get(GEN_AI_RESPONSE_ID)).isEqualTo(reply.id());
    assertThat(a.get(GEN_AI_OUTPUT_TYPE)).isEqualTo("text");
    assertThat(a.get(GEN_AI_USAGE_INPUT_TOKENS)).isEqualTo(reply.usage().promptTokens()).isEqualTo(16);
    assertThat(a.get(GEN_AI_USAGE_OUTPUT_TOKENS)).isEqualTo(4);
    URI base = URI.create(fake.baseUrl());
    assertThat(a.get(SERVER_ADDRESS)).isEqualTo(base.getHost());
    assertThat(a.get(SERVER_PORT)).isEqualTo(base.getPort());
    assertThat(a.get(HTTP_REQUEST_METHOD)).isEqualTo("POST");
    assertThat(a.get(URL_TEMPLATE)).isEqualTo("/api/v1/chat");
    assertThat(a.get(HTTP_RESPONSE_STATUS_CODE)).isEqualTo(200);
    assertThat(a.get(HTTP_REQUEST_RESEND_COUNT)).isNull();
    assertThat(a.get(ERROR_TYPE)).isNull();

    Map<String, MetricData> metrics = telemetry.metrics();
    HistogramPointData duration = Telemetry.histogram(metrics.get("gen_ai.client.operation.duration")).get(0);
    assertThat(metrics.get("gen_ai.client.operation.duration").getUnit()).isEqualTo("s");
    assertThat(duration.getCount()).isEqualTo(1);
    assertThat(duration.getSum()).isPositive().isLessThan(10);
    assertThat(duration.getAttributes().get(GEN_AI_OPERATION_NAME)).isEqualTo("chat");
    assertThat(duration.getAttributes().get(GEN_AI_PROVIDER_NAME)).isEqualTo("cheapsub");
    assertThat(duration.getAttributes().get(GEN_AI_REQUEST_MODEL)).isEqualTo("gemini-3-flash");
    assertThat(duration.getAttributes().get(SERVER_PORT)).isEqualTo(base.getPort());
    List<HistogramPointData> tokens = Telemetry.histogram(metrics.get("gen_ai.client.token.usage"));
    assertThat(metrics.get("gen_ai.client.token.usage").getUnit()).isEqualTo("{token}");
    assertThat(tokens).extracting(p -> p.getAttributes().get(GEN_AI_TOKEN_TYPE) + "=" + (long) p.getSum())
        .containsExactlyInAnyOrder("input=16", "output=4");
    assertThat(telemetry.everything()).doesNotContain(fake.apiKey()).doesNotContain("csk_").doesNotContain("Bearer");
  }

  @Test
  void aStreamedChatsSpanEndsWithTheStreamAndCarriesItsUsage() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/event-stream")
          .body(chunk("Seoul", null, null) + chunk(" it is", "stop", null)
              + chunk("", null, "{\"prompt_tokens\":9,\"completion_tokens\":3,\"total_tokens\":12}") + "data: [DONE]\n\n")
          .build());
      server.start();
      try (CheapSubClient client = CheapSubClient.builder().apiKey("csk_stream_test_key_000000")
          .baseUrl(server.url("/").toString()).listener(telemetry.listener).build();
          ChatStream stream = client.chat().stream(ChatRequest.builder().model("gemini-3-flash").user(QUESTION).build())) {
        assertThat(telemetry.spans("chat gemini-3-flash")).as("open while the stream is").isEmpty();
        assertThat(stream.text()).isEqualTo("Seoul it is");
      }
    }

    SpanData span = telemetry.span("chat gemini-3-flash");
    var a = span.getAttributes();
    assertThat(a.get(GEN_AI_USAGE_INPUT_TOKENS)).isEqualTo(9);
    assertThat(a.get(GEN_AI_USAGE_OUTPUT_TOKENS)).isEqualTo(3);
    assertThat(a.get(GEN_AI_RESPONSE_MODEL)).isEqualTo("gemini-3-flash-001");
    assertThat(a.get(GEN_AI_RESPONSE_FINISH_REASONS)).containsExactly("stop");
    assertThat(a.get(AIGW_STREAM_CHUNKS)).isEqualTo(3);
    assertThat(span.getEvents()).extracting(EventData::getName).containsExactly("aigw.first_chunk");
    Map<String, MetricData> metrics = telemetry.metrics();
    assertThat(Telemetry.histogram(metrics.get("gen_ai.client.operation.duration"))).singleElement()
        .satisfies(p -> assertThat(p.getAttributes().get(GEN_AI_RESPONSE_MODEL)).isEqualTo("gemini-3-flash-001"));
    assertThat(Telemetry.histogram(metrics.get("gen_ai.client.token.usage")))
        .extracting(p -> p.getAttributes().get(GEN_AI_TOKEN_TYPE) + "=" + (long) p.getSum())
        .containsExactlyInAnyOrder("input=9", "output=3");
    assertThat(Telemetry.histogram(metrics.get("aigw.client.time_to_first_chunk"))).singleElement()
        .satisfies(p -> assertThat(p.getSum()).isPositive().isLessThanOrEqualTo(
            (span.getEndEpochNanos() - span.getStartEpochNanos()) / 1e9));
    assertThat(telemetry.everything()).doesNotContain("csk_stream_test_key_000000");
  }

  private static String chunk(String text, String finish, String usage) {
    return "data: {\"id\":\"c1\",\"model\":\"gemini-3-flash-001\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\""
        + text + "\"},\"finish_reason\":" + (finish == null ? "null" : "\"" + finish + "\"") + "}]"
        + (usage == null ? "" : ",\"usage\":" + usage) + "}\n\n";
  }

  @Test
  void anImageOperationWithThreePollsAndARetried429() throws Exception {
    fake.tasks().pollsToFinish(3);
    fake.faults().rateLimitNext("/api/v1/image", 0);
    List<SpanContext> seenInCallbacks = new CopyOnWriteArrayList<>();
    Span app = telemetry.sdk.getTracer("app").spanBuilder("draw a cat").startSpan();
    ImageResult result;
    Operation<ImageResult> op;
    try (CheapSubClient client = client(); Scope ignored = app.makeCurrent()) {
      op = client.images().submit(ImageRequest.builder().model("nano-banana-2").prompt("A cat on a windowsill")
          .aspectRatio(16, 9).build());
      op.onUpdate(s -> seenInCallbacks.add(Span.current().getSpanContext()));
      result = op.resultAsync().get(20, TimeUnit.SECONDS);
    } finally {
      app.end();
    }

    // the submission: one span, its retry visible
    SpanData submit = telemetry.span("generate_content nano-banana-2");
    assertThat(submit.getParentSpanId()).isEqualTo(app.getSpanContext().getSpanId());
    assertThat(submit.getAttributes().get(HTTP_REQUEST_RESEND_COUNT)).isEqualTo(1);
    assertThat(submit.getAttributes().get(GEN_AI_OUTPUT_TYPE)).isEqualTo("image");
    assertThat(submit.getAttributes().get(HTTP_RESPONSE_STATUS_CODE)).isEqualTo(200);
    assertThat(submit.getEvents()).singleElement().satisfies(e -> {
      assertThat(e.getName()).isEqualTo("aigw.attempt");
      assertThat(e.getAttributes().get(HTTP_RESPONSE_STATUS_CODE)).isEqualTo(429);
      assertThat(e.getAttributes().get(ERROR_TYPE)).isEqualTo("429");
      assertThat(e.getAttributes().get(OpenTelemetryListener.AIGW_ATTEMPT)).isEqualTo(1);
      assertThat(e.getAttributes().get(OpenTelemetryListener.AIGW_RETRY_WAIT)).isNotNull();
    });

    // the operation: from the submission to the end, with its polls below it
    SpanData operation = telemetry.span("aigw.operation image");
    assertThat(operation.getKind()).isEqualTo(SpanKind.INTERNAL);
    assertThat(operation.getParentSpanId()).isEqualTo(app.getSpanContext().getSpanId());
    assertThat(operation.getStartEpochNanos()).isEqualTo(submit.getStartEpochNanos());
    assertThat(operation.getEndEpochNanos()).isGreaterThan(submit.getEndEpochNanos());
    assertThat(operation.getLinks()).singleElement()
        .satisfies(l -> assertThat(l.getSpanContext()).isEqualTo(submit.getSpanContext()));
    var a = operation.getAttributes();
    assertThat(a.get(AIGW_OPERATION_ID)).isEqualTo(op.id());
    assertThat(a.get(AIGW_VENDOR)).isEqualTo("cheapsub");
    assertThat(a.get(GEN_AI_REQUEST_MODEL)).isEqualTo("nano-banana-2");
    assertThat(a.get(AIGW_OPERATION_END)).isEqualTo("succeeded");
    assertThat(a.get(AIGW_OPERATION_STATUS)).isEqualTo("SUCCEEDED");
    assertThat(a.get(AIGW_OPERATION_POLLS)).isEqualTo(3);
    assertThat(a.get(AIGW_COST_AMOUNT)).isEqualTo(0.5);
    assertThat(a.get(AIGW_COST_UNIT)).isEqualTo("KRW");
    assertThat(operation.getEvents()).extracting(e -> e.getAttributes().get(AIGW_OPERATION_STATUS))
        .endsWith("SUCCEEDED");
    List<SpanData> polls = telemetry.spans("GET /api/v1/task");
    assertThat(polls).hasSize(3).allSatisfy(p -> {
      assertThat(p.getParentSpanId()).isEqualTo(operation.getSpanId());
      assertThat(p.getTraceId()).isEqualTo(app.getSpanContext().getTraceId());
      assertThat(p.getAttributes().get(AIGW_OPERATION_ID)).isEqualTo(op.id());
      assertThat(p.getAttributes().get(GEN_AI_OPERATION_NAME)).isNull();
    });
    assertThat(seenInCallbacks).as("the context on the polling threads").isNotEmpty()
        .allSatisfy(c -> assertThat(c).isEqualTo(operation.getSpanContext()));

    // metrics
    Map<String, MetricData> metrics = telemetry.metrics();
    assertThat(metrics.get("aigw.client.retries").getLongSumData().getPoints()).singleElement().satisfies(p -> {
      assertThat(p.getValue()).isEqualTo(1);
      assertThat(p.getAttributes().get(URL_TEMPLATE)).isEqualTo("/api/v1/image");
      assertThat(p.getAttributes().get(ERROR_TYPE)).isEqualTo("429");
    });
    assertThat(Telemetry.histogram(metrics.get("aigw.operation.duration"))).singleElement().satisfies(p -> {
      assertThat(p.getCount()).isEqualTo(1);
      assertThat(p.getAttributes().get(AIGW_OPERATION_END)).isEqualTo("succeeded");
      assertThat(p.getAttributes().get(GEN_AI_OUTPUT_TYPE)).isEqualTo("image");
    });
    assertThat(metrics.get("aigw.client.cost").getDoubleSumData().getPoints()).singleElement().satisfies(p -> {
      assertThat(p.getValue()).isEqualTo(0.5);
      assertThat(p.getAttributes().get(AIGW_COST_UNIT)).isEqualTo("KRW");
    });
    assertThat(Telemetry.histogram(metrics.get("gen_ai.client.operation.duration"))).singleElement()
        .satisfies(p -> assertThat(p.getAttributes().get(GEN_AI_OPERATION_NAME)).isEqualTo("generate_content"));

    // nothing secret anywhere
    String url = result.first().url();
    assertThat(url).isNotBlank();
    assertThat(telemetry.everything()).doesNotContain(fake.apiKey()).doesNotContain("csk_")
        .doesNotContain(url).doesNotContain(URI.create(url).getPath()).doesNotContain("task_id=");
  }

  @Test
  void aFailedCallIsAnErrorSpanThatShowsNoKey() {
    String wrongKey = "csk_not_the_right_key_0123456789";
    try (CheapSubClient client = CheapSubClient.builder().apiKey(wrongKey).baseUrl(fake.baseUrl())
        .listener(telemetry.listener).maxRetries(0).build()) {
      catchThrowableOfType(AuthenticationException.class,
          () -> client.chat().create(ChatRequest.builder().model("gemini-3-flash").user(QUESTION).build()));
    }
    SpanData span = telemetry.span("chat gemini-3-flash");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getAttributes().get(ERROR_TYPE)).isEqualTo("dev.aigw.core.error.AuthenticationException");
    assertThat(span.getAttributes().get(HTTP_RESPONSE_STATUS_CODE)).isEqualTo(403);
    assertThat(span.getEvents()).extracting(EventData::getName).contains("exception");
    assertThat(Telemetry.histogram(telemetry.metrics().get("gen_ai.client.operation.duration"))).singleElement()
        .satisfies(p -> assertThat(p.getAttributes().get(ERROR_TYPE))
            .isEqualTo("dev.aigw.core.error.AuthenticationException"));
    assertThat(telemetry.everything()).doesNotContain(wrongKey);
  }
}
