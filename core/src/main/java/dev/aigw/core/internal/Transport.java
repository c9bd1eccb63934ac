package dev.aigw.core.internal;

import dev.aigw.core.cost.Budget;
import dev.aigw.core.http.RateLimit;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.http.RetrySafety;
import dev.aigw.core.listener.OperationInfo;
import dev.aigw.core.media.MediaDownloader;
import dev.aigw.core.shared.ConcurrencyLimiter;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.Checks;
import dev.aigw.core.spi.Gateway;
import dev.aigw.core.spi.Listeners;
import dev.aigw.core.spi.PreparedCall;
import dev.aigw.core.spi.ResponseReader;
import dev.aigw.core.spi.SseDecoder;
import dev.aigw.core.stream.EventStream;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * Turns {@link ApiRequest}s into HTTP calls and answers into values or typed exceptions: base URL
 * joining, Bearer auth, {@code User-Agent}, JSON and streamed multipart bodies, retries by the
 * endpoint's {@link RetrySafety} with backoff and {@code Retry-After}, one idempotency key per
 * logical call, rate-limit headers, a concurrency limit, and DEBUG logs that never show a
 * credential. Thread-safe; one per client.
 *
 * <p>The facade providers see as a {@link Gateway}: it owns the config, the OkHttp clients, the
 * concurrency gate, the listeners and the budget, and hands each call, as an {@link Exchange}, to
 * the {@link AttemptLoop}; the exchange uses the {@link RequestEncoder}, the {@link AnswerReader}
 * and the {@link RetryRules} made here, one of each per transport.
 */
public final class Transport implements Gateway, AutoCloseable {
  /** The SDK version sent in {@code User-Agent}. */
  public static final String VERSION = "0.1.0";

  private final TransportConfig config;
  private final OkHttpClient http;
  private final OkHttpClient streamingHttp;
  private final Slots gate;
  private final HttpDownloader downloader;
  private final Checks checks;
  private final Listeners listeners;
  /** Spending limits checked before paid calls, or {@code null}. */
  final Budget budget;
  /** Encodes the OkHttp request of each attempt. */
  final RequestEncoder encoder;
  /** Reads answers, successful or not. */
  final AnswerReader answers;
  /** Decides whether and when a failed attempt is tried again, and words why not. */
  final RetryRules retryRules;
  private final AttemptLoop attempts;
  private volatile boolean closed;

  /** Creates a transport; the OkHttp client is derived from the config's (sharing its pool). */
  public Transport(TransportConfig config) {
    this(config, Listeners.NONE, null);
  }

  /**
   * Creates a transport that tells {@code listeners} about its calls and checks {@code budget}
   * before paid ones.
   *
   * @param config the settings
   * @param listeners the client's listeners ({@link Listeners#NONE} for none)
   * @param budget spending limits, or {@code null}
   */
  public Transport(TransportConfig config, Listeners listeners, Budget budget) {
    this(config, listeners, budget, null);
  }

  /**
   * Creates a transport that takes its request slots from {@code limiter}.
   *
   * @param config the settings
   * @param listeners the client's listeners ({@link Listeners#NONE} for none)
   * @param budget spending limits, or {@code null}
   * @param limiter where the per-key concurrency limit is counted, or {@code null} for the
   *     process-wide {@link dev.aigw.core.shared.LocalConcurrencyLimiter#shared()}
   */
  public Transport(TransportConfig config, Listeners listeners, Budget budget, ConcurrencyLimiter limiter) {
    this.listeners = Objects.requireNonNull(listeners, "listeners");
    this.budget = budget;
    this.config = config;
    this.http = config.httpClient().newBuilder()
        .retryOnConnectionFailure(false)
        .readTimeout(Duration.ZERO)
        .writeTimeout(Duration.ZERO)
        .build();
    this.streamingHttp = http.newBuilder().readTimeout(config.streamIdleTimeout()).build();
    this.gate = Slots.of(config.vendor(), config.baseUrl().toString(), config.apiKey(),
        config.maxConcurrentRequests(), limiter);
    this.downloader = new HttpDownloader(config.httpClient(), config.vendor(), Duration.ofSeconds(60));
    this.encoder = new RequestEncoder(config);
    this.answers = new AnswerReader(config, encoder);
    this.retryRules = new RetryRules(config.vendor(), config.retryPolicy(), config.clock(), config.callTimeout());
    this.attempts = new AttemptLoop(config, gate);
    this.checks = Checks.of(config.vendor());
  }

  /** {@code aigw-java/<version> <vendor>}. */
  public static String userAgent(String vendor) {
    return "aigw-java/" + VERSION + " " + vendor;
  }

  @Override
  public String vendor() {
    return config.vendor();
  }

  @Override
  public String baseUrl() {
    return config.baseUrl().toString();
  }

  @Override
  public boolean isAnonymous() {
    return config.apiKey() == null;
  }

  @Override
  public Checks checks() {
    return checks;
  }

  @Override
  public Listeners listeners() {
    return listeners;
  }

  /** The config. */
  public TransportConfig config() {
    return config;
  }

  @Override
  public MediaDownloader downloader() {
    return downloader;
  }

  /** The scheduler shared by every client, for polling. */
  public ScheduledExecutorService scheduler() {
    return SharedResources.scheduler();
  }

  /** How many calls are in flight now (only counted when a concurrency limit is set). */
  public int inFlight() {
    return gate.inFlight();
  }

  @Override
  public <T> PreparedCall<T> prepare(ApiRequest request, ResponseReader<T> reader) {
    return new PreparedCall<>() {
      @Override
      public RawResponse<T> execute() {
        return Transport.this.execute(request, reader);
      }

      @Override
      public CompletableFuture<RawResponse<T>> executeAsync() {
        return Transport.this.executeAsync(request, reader);
      }

      @Override
      public RawResponse<T> execute(String operationId, OperationInfo operation) {
        return Transport.this.execute(new Exchange(Transport.this, request, operationId, operation), reader);
      }

      @Override
      public CompletableFuture<RawResponse<T>> executeAsync(String operationId, OperationInfo operation) {
        return attempts.runAsync(new Exchange(Transport.this, request, operationId, operation), reader);
      }
    };
  }

  @Override
  public <T> RawResponse<T> execute(ApiRequest request, ResponseReader<T> reader) {
    return execute(new Exchange(this, request, null, null), reader);
  }

  private <T> RawResponse<T> execute(Exchange exchange, ResponseReader<T> reader) {
    exchange.begin();
    return attempts.runBlocking(exchange, false, (call, received, lease) -> {
      try (Response response = received) {
        return exchange.read(response, reader);
      }
    });
  }

  @Override
  public <T> CompletableFuture<RawResponse<T>> executeAsync(ApiRequest request, ResponseReader<T> reader) {
    return attempts.runAsync(new Exchange(this, request, null, null), reader);
  }

  @Override
  public <T> EventStream.Source<T> openStream(ApiRequest request, SseDecoder<T> decoder) {
    if (!request.streaming()) {
      throw new IllegalArgumentException("openStream needs a streaming request");
    }
    Exchange exchange = new Exchange(this, request, null, null);
    exchange.begin();
    return attempts.runBlocking(exchange, true, (call, received, lease) -> {
      exchange.logAnswer(received, null);
      answers.refuseNonStream(received, request);
      RateLimit rateLimit = HttpHeaders.rateLimit(received.headers(), config.clock());
      exchange.succeeded(received, rateLimit, null);
      return new SseSource<>(config.vendor(), call, received, decoder, config.apiKey(), lease::release,
          rateLimit, listeners, exchange.callInfo(), config.streamIdleTimeout(),
          request.retrySafety().paid() ? exchange.what() : null);
    });
  }

  /** Stops accepting calls. The shared pool is left alone; in-flight calls finish. */
  @Override
  public void close() {
    closed = true;
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  /** The OkHttp client for a streaming call (its read timeout is the stream idle timeout) or any other. */
  OkHttpClient client(boolean streaming) {
    return streaming ? streamingHttp : http;
  }
}
