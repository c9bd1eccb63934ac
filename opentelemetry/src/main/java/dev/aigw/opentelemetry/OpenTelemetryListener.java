package dev.aigw.opentelemetry;

import dev.aigw.core.chat.Usage;
import dev.aigw.core.cost.Cost;
import dev.aigw.core.listener.AigwListener;
import dev.aigw.core.listener.AttemptEnded;
import dev.aigw.core.listener.CallFinished;
import dev.aigw.core.listener.CallInfo;
import dev.aigw.core.listener.CallStarted;
import dev.aigw.core.listener.CostRecorded;
import dev.aigw.core.listener.OperationFinished;
import dev.aigw.core.listener.OperationInfo;
import dev.aigw.core.listener.OperationStarted;
import dev.aigw.core.listener.OperationStatusChanged;
import dev.aigw.core.listener.RateLimitSeen;
import dev.aigw.core.listener.StreamEnded;
import dev.aigw.core.listener.StreamFirstChunk;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleCounter;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Turns what aigw clients do into OpenTelemetry spans and metrics, following the semantic
 * conventions for generative-AI clients ({@code gen_ai.*}):
 *
 * <pre>{@code
 * OpenTelemetryListener telemetry = OpenTelemetryListener.create(openTelemetry);
 * CheapSubClient client = CheapSubClient.builder().apiKey(key).listener(telemetry).build();
 * }</pre>
 *
 * <p><b>Spans.</b> One {@code CLIENT} span per logical call, however many attempts it took: a chat
 * or a generation is named {@code chat gemini-3-flash} / {@code generate_content nano-banana-2}
 * and carries {@code gen_ai.operation.name}, {@code gen_ai.provider.name} (the gateway), {@code
 * gen_ai.request.model}, {@code gen_ai.response.model}, {@code gen_ai.response.id}, {@code
 * gen_ai.response.finish_reasons}, {@code gen_ai.usage.input_tokens} and {@code
 * gen_ai.usage.output_tokens} where reported, {@code gen_ai.output.type}; any other call (a poll, a
 * model list) is named {@code GET /api/v1/task}. Every call span has {@code server.address}, {@code
 * server.port}, {@code http.request.method}, {@code url.template} (never the URL itself), {@code
 * http.response.status_code}, {@code http.request.resend_count} when retried, an {@code
 * aigw.attempt} event per failed attempt (its status or {@code error.type}, whether the request was
 * sent, the wait before the retry), {@code aigw.request_id}, and {@code error.type} with an error
 * status when it failed. A streamed chat's span ends with the stream, with an {@code
 * aigw.first_chunk} event. An operation (an image or video task) has an {@code INTERNAL} span
 * {@code aigw.operation image} from the start of its submit call to its end, linked to that call,
 * with an event per status change, {@code aigw.operation.id}, {@code aigw.operation.polls}, {@code
 * aigw.operation.end} and the cost; its polls are child spans of it, and the context of the
 * operation span is current on the polling threads while a poll and its answer are handled (so
 * your {@code onUpdate} callbacks see it too).
 *
 * <p><b>Metrics.</b> {@code gen_ai.client.operation.duration} (s) and {@code
 * gen_ai.client.token.usage} ({@code {token}}, by {@code gen_ai.token.type}) for chats and
 * generations; aigw's own {@code aigw.client.retries} ({@code {retry}}, by {@code url.template}
 * and {@code error.type}), {@code aigw.client.time_to_first_chunk} (s), {@code
 * aigw.operation.duration} (s, from submission to the end, by {@code aigw.operation.end}) and
 * {@code aigw.client.cost} (by {@code aigw.cost.unit}: KRW, CNY, credits).
 *
 * <p>No attribute holds an API key, a cookie, a signature or a result URL: aigw's events carry
 * none. Thread-safe; one listener may serve every client.
 */
public final class OpenTelemetryListener implements AigwListener {
  /** The instrumentation scope's name. */
  public static final String SCOPE = "dev.aigw";

  static final AttributeKey<String> GEN_AI_OPERATION_NAME = AttributeKey.stringKey("gen_ai.operation.name");
  static final AttributeKey<String> GEN_AI_PROVIDER_NAME = AttributeKey.stringKey("gen_ai.provider.name");
  static final AttributeKey<String> GEN_AI_REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
  static final AttributeKey<String> GEN_AI_RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
  static final AttributeKey<String> GEN_AI_RESPONSE_ID = AttributeKey.stringKey("gen_ai.response.id");
  static final AttributeKey<List<String>> GEN_AI_RESPONSE_FINISH_REASONS =
      AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");
  static final AttributeKey<Long> GEN_AI_USAGE_INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
  static final AttributeKey<Long> GEN_AI_USAGE_OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
  static final AttributeKey<String> GEN_AI_OUTPUT_TYPE = AttributeKey.stringKey("gen_ai.output.type");
  static final AttributeKey<String> GEN_AI_TOKEN_TYPE = AttributeKey.stringKey("gen_ai.token.type");
  static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  static final AttributeKey<String> HTTP_REQUEST_METHOD = AttributeKey.stringKey("http.request.method");
  static final AttributeKey<Long> HTTP_RESPONSE_STATUS_CODE = AttributeKey.longKey("http.response.status_code");
  static final AttributeKey<Long> HTTP_REQUEST_RESEND_COUNT = AttributeKey.longKey("http.request.resend_count");
  static final AttributeKey<String> URL_TEMPLATE = AttributeKey.stringKey("url.template");
  static final AttributeKey<String> AIGW_VENDOR = AttributeKey.stringKey("aigw.vendor");
  static final AttributeKey<String> AIGW_REQUEST_ID = AttributeKey.stringKey("aigw.request_id");
  static final AttributeKey<Long> AIGW_ATTEMPT = AttributeKey.longKey("aigw.attempt");
  static final AttributeKey<Boolean> AIGW_REQUEST_SENT = AttributeKey.booleanKey("aigw.request_sent");
  static final AttributeKey<Double> AIGW_ATTEMPT_DURATION = AttributeKey.doubleKey("aigw.attempt.duration");
  static final AttributeKey<Double> AIGW_RETRY_WAIT = AttributeKey.doubleKey("aigw.retry.wait");
  static final AttributeKey<Long> AIGW_RATE_LIMIT_REMAINING = AttributeKey.longKey("aigw.rate_limit.remaining");
  static final AttributeKey<Long> AIGW_RATE_LIMIT_LIMIT = AttributeKey.longKey("aigw.rate_limit.limit");
  static final AttributeKey<Long> AIGW_STREAM_CHUNKS = AttributeKey.longKey("aigw.stream.chunks");
  static final AttributeKey<Boolean> AIGW_STREAM_COMPLETED = AttributeKey.booleanKey("aigw.stream.completed");
  static final AttributeKey<String> AIGW_OPERATION_ID = AttributeKey.stringKey("aigw.operation.id");
  static final AttributeKey<Boolean> AIGW_OPERATION_RESUMED = AttributeKey.booleanKey("aigw.operation.resumed");
  static final AttributeKey<String> AIGW_OPERATION_STATUS = AttributeKey.stringKey("aigw.operation.status");
  static final AttributeKey<String> AIGW_OPERATION_VENDOR_STATUS =
      AttributeKey.stringKey("aigw.operation.vendor_status");
  static final AttributeKey<String> AIGW_OPERATION_END = AttributeKey.stringKey("aigw.operation.end");
  static final AttributeKey<Long> AIGW_OPERATION_POLLS = AttributeKey.longKey("aigw.operation.polls");
  static final AttributeKey<Double> AIGW_COST_AMOUNT = AttributeKey.doubleKey("aigw.cost.amount");
  static final AttributeKey<String> AIGW_COST_UNIT = AttributeKey.stringKey("aigw.cost.unit");

  /** The GenAI conventions' advice for {@code gen_ai.client.operation.duration}, in seconds. */
  private static final List<Double> DURATION_BUCKETS = List.of(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56,
      5.12, 10.24, 20.48, 40.96, 81.92);
  /** The GenAI conventions' advice for {@code gen_ai.client.token.usage}. */
  private static final List<Long> TOKEN_BUCKETS = List.of(1L, 4L, 16L, 64L, 256L, 1024L, 4096L, 16384L, 65536L,
      262144L, 1048576L, 4194304L, 16777216L, 67108864L);
  /** Operations wait from seconds to half an hour. */
  private static final List<Double> OPERATION_BUCKETS = List.of(1.0, 2.0, 5.0, 10.0, 20.0, 30.0, 60.0, 120.0, 300.0,
      600.0, 1200.0, 1800.0);

  /** Where a call's span sits in its {@link CallInfo#attributes()} until it ends. */
  private final Object spanKey = new Object();
  /** Where a call's span context stays after the span ended (an operation links to it). */
  private final Object spanContextKey = new Object();
  /** Where an operation's span and context sit in its {@link OperationInfo#attributes()}. */
  private final Object operationKey = new Object();

  private final Tracer tracer;
  private final DoubleHistogram operationDuration;
  private final LongHistogram tokenUsage;
  private final LongCounter retries;
  private final DoubleHistogram timeToFirstChunk;
  private final DoubleHistogram operationWait;
  private final DoubleCounter cost;

  private record OperationSpan(Span span, Context context) {}

  private OpenTelemetryListener(OpenTelemetry openTelemetry) {
    String version = OpenTelemetryListener.class.getPackage().getImplementationVersion();
    var tracerBuilder = openTelemetry.tracerBuilder(SCOPE);
    var meterBuilder = openTelemetry.meterBuilder(SCOPE);
    if (version != null) {
      tracerBuilder.setInstrumentationVersion(version);
      meterBuilder.setInstrumentationVersion(version);
    }
    this.tracer = tracerBuilder.build();
    Meter meter = meterBuilder.build();
    this.operationDuration = meter.histogramBuilder("gen_ai.client.operation.duration").setUnit("s")
        .setDescription("GenAI operation duration").setExplicitBucketBoundariesAdvice(DURATION_BUCKETS).build();
    this.tokenUsage = meter.histogramBuilder("gen_ai.client.token.usage").ofLongs().setUnit("{token}")
        .setDescription("Number of input and output tokens used").setExplicitBucketBoundariesAdvice(TOKEN_BUCKETS)
        .build();
    this.retries = meter.counterBuilder("aigw.client.retries").setUnit("{retry}")
        .setDescription("Attempts of aigw calls that were retried").build();
    this.timeToFirstChunk = meter.histogramBuilder("aigw.client.time_to_first_chunk").setUnit("s")
        .setDescription("Time from the start of a streamed call to its first chunk")
        .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS).build();
    this.operationWait = meter.histogramBuilder("aigw.operation.duration").setUnit("s")
        .setDescription("Time from an operation's submission to its end, polls included")
        .setExplicitBucketBoundariesAdvice(OPERATION_BUCKETS).build();
    this.cost = meter.counterBuilder("aigw.client.cost").ofDoubles()
        .setDescription("What gateways charged, in the unit aigw.cost.unit names").build();
  }

  /**
   * A listener that reports to {@code openTelemetry}.
   *
   * @param openTelemetry the SDK (or {@code GlobalOpenTelemetry.get()})
   * @return the listener, to add to clients with {@code listener(…)}
   */
  public static OpenTelemetryListener create(OpenTelemetry openTelemetry) {
    return new OpenTelemetryListener(Objects.requireNonNull(openTelemetry, "openTelemetry"));
  }

  // ---- calls --------------------------------------------------------------------------------

  /**
   * Starts the call's span: a child of the operation it polls, else of the current context.
   *
   * @param event the call
   */
  @Override
  public void onCallStarted(CallStarted event) {
    CallInfo call = event.call();
    Context parent = Context.current();
    OperationInfo operation = call.operation();
    if (operation != null && operation.attributes().get(operationKey) instanceof OperationSpan op) {
      parent = op.context();
    }
    SpanBuilder builder = tracer.spanBuilder(spanName(call)).setSpanKind(SpanKind.CLIENT).setParent(parent)
        .setStartTimestamp(call.startedAt())
        .setAttribute(AIGW_VENDOR, call.vendor())
        .setAttribute(HTTP_REQUEST_METHOD, call.method())
        .setAttribute(URL_TEMPLATE, call.endpoint());
    if (call.serverAddress() != null) {
      builder.setAttribute(SERVER_ADDRESS, call.serverAddress());
      builder.setAttribute(SERVER_PORT, (long) call.serverPort());
    }
    if (call.isPaid()) {
      builder.setAttribute(GEN_AI_OPERATION_NAME, call.operationName());
      builder.setAttribute(GEN_AI_PROVIDER_NAME, call.vendor());
      if (call.outputType() != null) {
        builder.setAttribute(GEN_AI_OUTPUT_TYPE, call.outputType());
      }
      if (call.requestModel() != null) {
        builder.setAttribute(GEN_AI_REQUEST_MODEL, call.requestModel());
      }
    }
    if (operation != null) {
      builder.setAttribute(AIGW_OPERATION_ID, operation.id());
    }
    Span span = builder.startSpan();
    call.attributes().put(spanKey, span);
    call.attributes().put(spanContextKey, span.getSpanContext());
  }

  private static String spanName(CallInfo call) {
    if (call.isPaid()) {
      return call.requestModel() == null ? call.operationName() : call.operationName() + " " + call.requestModel();
    }
    return call.method() + " " + call.endpoint();
  }

  /**
   * Adds an {@code aigw.attempt} event for a failed attempt, and counts a retry.
   *
   * @param event the attempt
   */
  @Override
  public void onAttempt(AttemptEnded event) {
    if (event.failure() == null) {
      return;
    }
    String errorType = attemptErrorType(event);
    Span span = span(event.call());
    if (span != null) {
      AttributesBuilder a = Attributes.builder()
          .put(AIGW_ATTEMPT, (long) event.attempt())
          .put(ERROR_TYPE, errorType)
          .put(AIGW_REQUEST_SENT, event.requestSent())
          .put(AIGW_ATTEMPT_DURATION, seconds(event.duration()));
      if (event.status() > 0) {
        a.put(HTTP_RESPONSE_STATUS_CODE, (long) event.status());
      }
      if (event.willRetry()) {
        a.put(AIGW_RETRY_WAIT, seconds(event.retryIn()));
      }
      span.addEvent("aigw.attempt", a.build());
    }
    if (event.willRetry()) {
      retries.add(1, Attributes.builder()
          .put(AIGW_VENDOR, event.call().vendor())
          .put(URL_TEMPLATE, event.call().endpoint())
          .put(ERROR_TYPE, errorType)
          .build());
    }
  }

  /** A failed attempt's low-cardinality type: its status, {@code timeout}, or the exception's simple name. */
  static String attemptErrorType(AttemptEnded event) {
    if (event.status() > 0) {
      return String.valueOf(event.status());
    }
    String failure = event.failure();
    if (failure.startsWith("timed out")) {
      return "timeout";
    }
    int colon = failure.indexOf(':');
    return colon > 0 ? failure.substring(0, colon) : failure;
  }

  /**
   * Notes the rate-limit headers on the call's span.
   *
   * @param event the headers
   */
  @Override
  public void onRateLimit(RateLimitSeen event) {
    Span span = span(event.call());
    if (span == null) {
      return;
    }
    if (event.rateLimit().remaining() >= 0) {
      span.setAttribute(AIGW_RATE_LIMIT_REMAINING, event.rateLimit().remaining());
    }
    if (event.rateLimit().limit() >= 0) {
      span.setAttribute(AIGW_RATE_LIMIT_LIMIT, event.rateLimit().limit());
    }
  }

  /**
   * Ends the call's span (a successful stream's span ends with the stream) and records the GenAI
   * metrics of a chat or a generation.
   *
   * @param event the outcome
   */
  @Override
  public void onCallFinished(CallFinished event) {
    CallInfo call = event.call();
    Span span = span(call);
    if (span == null) {
      return;
    }
    if (event.status() > 0) {
      span.setAttribute(HTTP_RESPONSE_STATUS_CODE, (long) event.status());
    }
    if (event.attempts() > 1) {
      span.setAttribute(HTTP_REQUEST_RESEND_COUNT, (long) event.attempts() - 1);
    }
    if (event.requestId() != null) {
      span.setAttribute(AIGW_REQUEST_ID, event.requestId());
    }
    if (event.responseModel() != null) {
      span.setAttribute(GEN_AI_RESPONSE_MODEL, event.responseModel());
    }
    if (event.responseId() != null) {
      span.setAttribute(GEN_AI_RESPONSE_ID, event.responseId());
    }
    usage(span, event.usage());
    if (event.error() != null) {
      failed(span, event.errorType(), event.error());
    } else if (call.streaming()) {
      return; // ends with the stream
    }
    end(call, span);
    if (call.isPaid()) {
      record(call, event.duration(), event.responseModel(), event.usage(), event.errorType());
    }
  }

  /**
   * Marks the first chunk on the stream's span.
   *
   * @param event the stream
   */
  @Override
  public void onFirstChunk(StreamFirstChunk event) {
    Span span = span(event.call());
    if (span != null) {
      span.addEvent("aigw.first_chunk");
    }
    timeToFirstChunk.record(seconds(event.sinceStart()), genAiAttributes(event.call(), null, null).build());
  }

  /**
   * Ends the stream's span with the usage it reported, and records the GenAI metrics.
   *
   * @param event the outcome
   */
  @Override
  public void onStreamEnded(StreamEnded event) {
    CallInfo call = event.call();
    Span span = span(call);
    if (span == null) {
      return;
    }
    span.setAttribute(AIGW_STREAM_CHUNKS, event.chunks());
    span.setAttribute(AIGW_STREAM_COMPLETED, event.completed());
    if (event.responseModel() != null) {
      span.setAttribute(GEN_AI_RESPONSE_MODEL, event.responseModel());
    }
    if (event.finishReason() != null) {
      span.setAttribute(GEN_AI_RESPONSE_FINISH_REASONS, List.of(event.finishReason()));
    }
    usage(span, event.usage());
    String errorType = event.error() == null ? null : event.error().getClass().getName();
    if (event.error() != null) {
      failed(span, errorType, event.error());
    }
    end(call, span);
    if (call.isPaid()) {
      record(call, event.duration(), event.responseModel(), event.usage(), errorType);
    }
  }

  // ---- operations ---------------------------------------------------------------------------

  /**
   * Starts the operation's span, in the current context, from the start of its submit call.
   *
   * @param event the operation
   */
  @Override
  public void onOperationStarted(OperationStarted event) {
    OperationInfo op = event.operation();
    Context parent = Context.current();
    SpanBuilder builder = tracer.spanBuilder("aigw.operation " + (op.outputType() != null ? op.outputType() : "task"))
        .setSpanKind(SpanKind.INTERNAL).setParent(parent).setStartTimestamp(op.startedAt())
        .setAttribute(AIGW_VENDOR, op.vendor())
        .setAttribute(GEN_AI_PROVIDER_NAME, op.vendor())
        .setAttribute(AIGW_OPERATION_ID, op.id())
        .setAttribute(AIGW_OPERATION_RESUMED, op.resumed())
        .setAttribute(AIGW_OPERATION_STATUS, event.status().name());
    CallInfo submit = op.submitCall();
    if (submit != null) {
      if (submit.operationName() != null) {
        builder.setAttribute(GEN_AI_OPERATION_NAME, submit.operationName());
      }
      if (submit.requestModel() != null) {
        builder.setAttribute(GEN_AI_REQUEST_MODEL, submit.requestModel());
      }
      if (submit.outputType() != null) {
        builder.setAttribute(GEN_AI_OUTPUT_TYPE, submit.outputType());
      }
      if (submit.attributes().get(spanContextKey) instanceof SpanContext submitted) {
        builder.addLink(submitted);
      }
    }
    Span span = builder.startSpan();
    op.attributes().put(operationKey, new OperationSpan(span, parent.with(span)));
  }

  /**
   * Adds an event for the status change to the operation's span.
   *
   * @param event the change
   */
  @Override
  public void onOperationStatus(OperationStatusChanged event) {
    if (event.operation().attributes().get(operationKey) instanceof OperationSpan op) {
      AttributesBuilder a = Attributes.builder().put(AIGW_OPERATION_STATUS, event.status().name());
      if (event.vendorStatus() != null) {
        a.put(AIGW_OPERATION_VENDOR_STATUS, event.vendorStatus());
      }
      op.span().addEvent("aigw.operation.status", a.build());
      op.span().setAttribute(AIGW_OPERATION_STATUS, event.status().name());
    }
  }

  /**
   * Ends the operation's span, and records how long it took.
   *
   * @param event the outcome
   */
  @Override
  public void onOperationFinished(OperationFinished event) {
    OperationInfo op = event.operation();
    String end = event.end().name().toLowerCase(Locale.ROOT);
    if (op.attributes().remove(operationKey) instanceof OperationSpan s) {
      Span span = s.span();
      span.setAttribute(AIGW_OPERATION_END, end);
      span.setAttribute(AIGW_OPERATION_POLLS, (long) event.polls());
      Cost c = event.cost();
      if (c != null) {
        span.setAttribute(AIGW_COST_AMOUNT, c.amount().doubleValue());
        span.setAttribute(AIGW_COST_UNIT, c.unit().code());
      }
      if (event.error() != null) {
        failed(span, event.error().getClass().getName(), event.error());
      }
      span.end();
    }
    AttributesBuilder a = Attributes.builder().put(AIGW_VENDOR, op.vendor()).put(AIGW_OPERATION_END, end);
    if (op.outputType() != null) {
      a.put(GEN_AI_OUTPUT_TYPE, op.outputType());
    }
    operationWait.record(seconds(event.duration()), a.build());
  }

  /**
   * Polls, and the handling of their answers, run inside the operation span's context.
   *
   * @param operation the operation
   * @param work a poll, or the handling of its answer
   * @return {@code work} inside the operation's context
   */
  @Override
  public Runnable aroundPolling(OperationInfo operation, Runnable work) {
    return operation.attributes().get(operationKey) instanceof OperationSpan op ? op.context().wrap(work) : work;
  }

  // ---- costs --------------------------------------------------------------------------------

  /**
   * Counts a charge in {@code aigw.client.cost}.
   *
   * @param event the charge
   */
  @Override
  public void onCost(CostRecorded event) {
    cost.add(event.cost().amount().doubleValue(), Attributes.of(AIGW_VENDOR, event.vendor(),
        AIGW_COST_UNIT, event.cost().unit().code()));
  }

  // ---- helpers ------------------------------------------------------------------------------

  private Span span(CallInfo call) {
    return call.attributes().get(spanKey) instanceof Span s ? s : null;
  }

  private void end(CallInfo call, Span span) {
    call.attributes().remove(spanKey);
    span.end();
  }

  private static void usage(Span span, Usage usage) {
    if (usage == null) {
      return;
    }
    if (usage.promptTokens() >= 0) {
      span.setAttribute(GEN_AI_USAGE_INPUT_TOKENS, usage.promptTokens());
    }
    if (usage.completionTokens() >= 0) {
      span.setAttribute(GEN_AI_USAGE_OUTPUT_TOKENS, usage.completionTokens());
    }
  }

  private static void failed(Span span, String errorType, RuntimeException error) {
    span.setAttribute(ERROR_TYPE, errorType);
    span.setStatus(StatusCode.ERROR, error.getMessage() == null ? errorType : error.getMessage());
    span.recordException(error);
  }

  private void record(CallInfo call, Duration duration, String responseModel, Usage usage, String errorType) {
    AttributesBuilder a = genAiAttributes(call, responseModel, errorType);
    operationDuration.record(seconds(duration), a.build());
    if (usage != null) {
      if (usage.promptTokens() >= 0) {
        tokenUsage.record(usage.promptTokens(), a.put(GEN_AI_TOKEN_TYPE, "input").build());
      }
      if (usage.completionTokens() >= 0) {
        tokenUsage.record(usage.completionTokens(), a.put(GEN_AI_TOKEN_TYPE, "output").build());
      }
    }
  }

  private static AttributesBuilder genAiAttributes(CallInfo call, String responseModel, String errorType) {
    AttributesBuilder a = Attributes.builder()
        .put(GEN_AI_OPERATION_NAME, call.operationName() != null ? call.operationName() : call.method())
        .put(GEN_AI_PROVIDER_NAME, call.vendor());
    if (call.requestModel() != null) {
      a.put(GEN_AI_REQUEST_MODEL, call.requestModel());
    }
    if (responseModel != null) {
      a.put(GEN_AI_RESPONSE_MODEL, responseModel);
    }
    if (call.serverAddress() != null) {
      a.put(SERVER_ADDRESS, call.serverAddress());
      a.put(SERVER_PORT, (long) call.serverPort());
    }
    if (errorType != null) {
      a.put(ERROR_TYPE, errorType);
    }
    return a;
  }

  private static double seconds(Duration d) {
    return d.toNanos() / (double) TimeUnit.SECONDS.toNanos(1);
  }

  /** The scope it reports under. */
  @Override
  public String toString() {
    return "OpenTelemetryListener[" + SCOPE + "]";
  }
}
