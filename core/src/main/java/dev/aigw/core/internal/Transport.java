package dev.aigw.core.internal;

import dev.aigw.core.Secret;
import dev.aigw.core.cost.Budget;
import dev.aigw.core.cost.PriceEstimate;
import dev.aigw.core.error.AigwException;
import dev.aigw.core.error.ApiException;
import dev.aigw.core.error.ConnectionException;
import dev.aigw.core.error.ErrorDetails;
import dev.aigw.core.error.MalformedResponseException;
import dev.aigw.core.http.RateLimit;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.http.RetrySafety;
import dev.aigw.core.listener.CallInfo;
import dev.aigw.core.listener.OperationInfo;
import dev.aigw.core.media.MediaDownloader;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.Checks;
import dev.aigw.core.spi.Gateway;
import dev.aigw.core.spi.HttpAnswer;
import dev.aigw.core.spi.HttpMethod;
import dev.aigw.core.spi.Listeners;
import dev.aigw.core.spi.PreparedCall;
import dev.aigw.core.spi.ResponseReader;
import dev.aigw.core.spi.SseDecoder;
import dev.aigw.core.spi.Urls;
import dev.aigw.core.stream.EventStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.EventListener;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns {@link ApiRequest}s into HTTP calls and answers into values or typed exceptions: base URL
 * joining, Bearer auth, {@code User-Agent}, JSON and streamed multipart bodies, retries by the
 * endpoint's {@link RetrySafety} with backoff and {@code Retry-After}, one idempotency key per
 * logical call, rate-limit headers, a concurrency limit, and DEBUG logs that never show a
 * credential. Thread-safe; one per client.
 */
public final class Transport implements Gateway, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("dev.aigw.http");
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  /** Request headers whose values are credentials, masked in anything a server echoes back. */
  private static final java.util.Set<String> CREDENTIAL_HEADERS =
      java.util.Set.of("cookie", "authorization", "proxy-authorization", "x-api-key");
  /** At most this many resolved URLs are kept (see {@code urls}). */
  static final int MAX_CACHED_URLS = 64;
  /** The SDK version sent in {@code User-Agent}. */
  public static final String VERSION = "0.1.0";

  private final TransportConfig config;
  private final OkHttpClient http;
  private final OkHttpClient streamingHttp;
  private final RequestGate gate;
  private final HttpDownloader downloader;
  private final String userAgent;
  private final Checks checks;
  private final Listeners listeners;
  private final Budget budget;
  /**
   * The URLs of query-less paths already resolved (an {@link HttpUrl} is immutable): most calls
   * go to a few fixed paths, and joining the base URL with a path allocates about 800 bytes.
   */
  private final Map<String, HttpUrl> urls = new java.util.concurrent.ConcurrentHashMap<>();
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
    this.listeners = java.util.Objects.requireNonNull(listeners, "listeners");
    this.budget = budget;
    this.config = config;
    this.http = config.httpClient().newBuilder()
        .retryOnConnectionFailure(false)
        .readTimeout(Duration.ZERO)
        .writeTimeout(Duration.ZERO)
        .build();
    this.streamingHttp = http.newBuilder().readTimeout(config.streamIdleTimeout()).build();
    this.gate = RequestGate.shared(config.vendor(), config.baseUrl().toString(), config.apiKey(),
        config.maxConcurrentRequests());
    this.downloader = new HttpDownloader(config.httpClient(), config.vendor(), Duration.ofSeconds(60));
    this.userAgent = userAgent(config.vendor());
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
        return Transport.this.execute(new Exchange(request, operationId, operation), reader);
      }

      @Override
      public CompletableFuture<RawResponse<T>> executeAsync(String operationId, OperationInfo operation) {
        return Transport.this.executeAsync(new Exchange(request, operationId, operation), reader);
      }
    };
  }

  @Override
  public <T> RawResponse<T> execute(ApiRequest request, ResponseReader<T> reader) {
    return execute(new Exchange(request, null, null), reader);
  }

  private <T> RawResponse<T> execute(Exchange exchange, ResponseReader<T> reader) {
    exchange.begin();
    return runBlocking(exchange, false, (call, received) -> {
      try (Response response = received) {
        return exchange.read(response, reader);
      }
    });
  }

  /** What to do with a successful answer; it owns {@code response} (closes it or hands it on). */
  @FunctionalInterface
  private interface OnSuccess<R> {
    R accept(Call call, Response response) throws IOException;
  }

  /**
   * The blocking attempt loop shared by {@link #execute} and {@link #openStream}: takes a slot of
   * the concurrency gate, sends, and either hands a successful answer to {@code onSuccess} or asks
   * the exchange whether (and when) to try again; the wait before a retry holds no slot.
   *
   * @param keepsSlot whether a successful answer keeps the slot (a stream releases it when closed)
   */
  private <R> R runBlocking(Exchange exchange, boolean keepsSlot, OnSuccess<R> onSuccess) {
    try {
      return attemptBlocking(exchange, keepsSlot, onSuccess);
    } catch (RuntimeException e) {
      exchange.failed(e);
      throw e;
    }
  }

  private <R> R attemptBlocking(Exchange exchange, boolean keepsSlot, OnSuccess<R> onSuccess) {
    ApiRequest request = exchange.request;
    while (true) {
      CompletableFuture<Void> ticket = gate.acquire();
      try {
        awaitTicket(ticket, exchange);
      } catch (RuntimeException e) {
        gate.abandon(ticket);
        throw e;
      }
      Duration retryIn = null;
      boolean slotHandedOver = false;
      try {
        // inside the try: a refused call (closed client) must give its slot back
        Call call = exchange.newCall();
        Response received = null;
        try {
          received = call.execute();
        } catch (IOException e) {
          retryIn = exchange.onIoFailure(e, call);
        }
        if (received != null && received.isSuccessful()) {
          try {
            R value = onSuccess.accept(call, received);
            slotHandedOver = keepsSlot;
            return value;
          } catch (IOException e) {
            retryIn = exchange.onIoFailure(e, call);
          }
        } else if (received != null) {
          try (Response response = received) {
            retryIn = exchange.onErrorStatus(response);
          } catch (IOException e) {
            retryIn = exchange.onIoFailure(e, call);
          }
        }
      } finally {
        if (!slotHandedOver) {
          gate.release();
        }
      }
      sleep(retryIn, request);
    }
  }

  @Override
  public <T> CompletableFuture<RawResponse<T>> executeAsync(ApiRequest request, ResponseReader<T> reader) {
    return executeAsync(new Exchange(request, null, null), reader);
  }

  private <T> CompletableFuture<RawResponse<T>> executeAsync(Exchange exchange, ResponseReader<T> reader) {
    CompletableFuture<RawResponse<T>> result = new CompletableFuture<>();
    try {
      exchange.begin();
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
      return result;
    }
    if (exchange.callInfo != null) {
      result.whenComplete((value, error) -> {
        if (error != null) {
          exchange.failed(error instanceof java.util.concurrent.CompletionException && error.getCause() != null
              ? error.getCause() : error);
        }
      });
    }
    attemptAsync(exchange, reader, result);
    return result;
  }

  @Override
  public <T> EventStream.Source<T> openStream(ApiRequest request, SseDecoder<T> decoder) {
    if (!request.streaming()) {
      throw new IllegalArgumentException("openStream needs a streaming request");
    }
    Exchange exchange = new Exchange(request, null, null);
    exchange.begin();
    return runBlocking(exchange, true, (call, received) -> {
      exchange.logAnswer(received, null);
      refuseNonStream(received, request);
      RateLimit rateLimit = HttpHeaders.rateLimit(received.headers(), config.clock());
      exchange.succeeded(received, rateLimit, null);
      return new SseSource<>(config.vendor(), call, received, decoder, config.apiKey(), gate::release,
          rateLimit, listeners, exchange.callInfo, config.streamIdleTimeout(),
          request.retrySafety().paid() ? exchange.what() : null);
    });
  }

  /**
   * A 200 that is JSON or HTML is not a stream (a gateway that ignored {@code stream: true}, or a
   * proxy page): say so instead of ending the stream with nothing.
   */
  private void refuseNonStream(Response response, ApiRequest request) {
    MediaType type = response.body().contentType();
    String subtype = type == null ? "" : type.subtype().toLowerCase(Locale.ROOT);
    if (!subtype.contains("json") && !subtype.contains("html")) {
      return;
    }
    String text;
    try (response) {
      text = readCapped(response.body());
    } catch (IOException e) {
      text = "";
    }
    if (config.apiKey() != null) {
      text = config.apiKey().redactIn(text);
    }
    String snippet = text.length() > 300 ? text.substring(0, 300) + "…" : text;
    throw new dev.aigw.core.error.StreamException(config.vendor(), "[" + config.vendor() + "] " + request.describe()
        + " expected an event stream but the server answered " + type + ": " + snippet, null, null);
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

  private <T> void attemptAsync(Exchange exchange, ResponseReader<T> reader, CompletableFuture<RawResponse<T>> result) {
    CompletableFuture<Void> ticket;
    try {
      ticket = gate.acquire();
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
      return;
    }
    Duration slotLimit = exchange.slotWaitLimit();
    if (!ticket.isDone()) {
      // a ticket that times out is never granted: the gate skips it
      ticket.orTimeout(Math.max(1, slotLimit.toNanos()), TimeUnit.NANOSECONDS);
    }
    ticket.whenComplete((ignored, ticketError) -> {
      if (ticketError != null) {
        result.completeExceptionally(exchange.noSlot(slotLimit, ticketError));
        return;
      }
      if (result.isDone()) {
        gate.release();
        return;
      }
      Call call;
      try {
        call = exchange.newCall();
      } catch (RuntimeException e) {
        gate.release();
        result.completeExceptionally(e);
        return;
      }
      result.whenComplete((r, e) -> {
        if (result.isCancelled()) {
          call.cancel();
        }
      });
      call.enqueue(new Callback() {
        @Override
        public void onFailure(Call c, IOException e) {
          gate.release();
          decide(() -> exchange.onIoFailure(e, c)).run();
        }

        @Override
        public void onResponse(Call c, Response response) {
          Runnable outcome;
          try (response) {
            if (response.isSuccessful()) {
              try {
                RawResponse<T> value = exchange.read(response, reader);
                outcome = () -> result.complete(value);
              } catch (IOException e) {
                outcome = decide(() -> exchange.onIoFailure(e, c));
              } catch (RuntimeException e) {
                outcome = () -> result.completeExceptionally(e);
              }
            } else {
              outcome = decide(() -> exchange.onErrorStatus(response));
            }
          } finally {
            gate.release();
          }
          // complete only once the slot is free: code run on completion may itself need a slot
          outcome.run();
        }

        /** Decides (while the answer is open) what to do: fail the result, or schedule a retry. */
        private Runnable decide(IoDecision decision) {
          Duration wait;
          try {
            try {
              wait = decision.decide();
            } catch (IOException e) {
              wait = exchange.onIoFailure(e, call);
            }
          } catch (RuntimeException e) {
            return () -> result.completeExceptionally(e);
          }
          Duration retryIn = wait;
          return () -> SharedResources.scheduler().schedule(
              () -> attemptAsync(exchange, reader, result), retryIn.toNanos(), TimeUnit.NANOSECONDS);
        }
      });
    });
  }

  @FunctionalInterface
  private interface IoDecision {
    Duration decide() throws IOException;
  }

  private void awaitTicket(CompletableFuture<Void> ticket, Exchange exchange) {
    if (ticket.isDone()) {
      return;
    }
    Duration limit = exchange.slotWaitLimit();
    try {
      ticket.get(Math.max(1, limit.toNanos()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AigwException(config.vendor(), "interrupted while waiting for a free request slot", e);
    } catch (ExecutionException | CancellationException e) {
      throw new AigwException(config.vendor(), "could not get a request slot", e);
    } catch (TimeoutException e) {
      throw exchange.noSlot(limit, e);
    }
  }

  private void sleep(Duration d, ApiRequest request) {
    try {
      Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AigwException(config.vendor(), "interrupted before retrying " + request.describe(), e);
    }
  }

  HttpUrl url(ApiRequest request) {
    if (request.isExternal()) {
      HttpUrl.Builder b = HttpUrl.get(request.path()).newBuilder();
      request.query().forEach(b::addQueryParameter);
      return b.build();
    }
    Map<String, String> query = request.query();
    if (query.isEmpty()) {
      HttpUrl url = urls.get(request.path());
      if (url == null) {
        url = resolve(request.path()).build();
        if (urls.size() >= MAX_CACHED_URLS) {
          urls.clear(); // paths with ids in them (task polls) come and go: start over
        }
        urls.put(request.path(), url);
      }
      return url;
    }
    HttpUrl.Builder b = resolve(request.path());
    for (Map.Entry<String, String> q : query.entrySet()) {
      b.addQueryParameter(q.getKey(), q.getValue());
    }
    return b.build();
  }

  /** How many resolved URLs are kept now. */
  int cachedUrls() {
    return urls.size();
  }

  /** The base URL (with its path prefix) joined with {@code path}, which is already encoded. */
  private HttpUrl.Builder resolve(String path) {
    HttpUrl base = config.baseUrl();
    String basePath = base.encodedPath();
    if (basePath.endsWith("/")) {
      basePath = basePath.substring(0, basePath.length() - 1);
    }
    return base.newBuilder().encodedPath(basePath + (path.startsWith("/") ? path : "/" + path));
  }

  private RequestBody body(ApiRequest.RequestBody body) {
    if (body == null) {
      return null;
    }
    if (body instanceof ApiRequest.JsonBody json) {
      return RequestBody.create(PlainJson.bytes(json.value()), JSON);
    }
    if (body instanceof ApiRequest.BytesBody bytes) {
      MediaType type = MediaType.get(bytes.contentType());
      return bytes.file() != null ? new FileBody(bytes.file(), type) : RequestBody.create(bytes.bytes(), type);
    }
    ApiRequest.MultipartBody multipart = (ApiRequest.MultipartBody) body;
    MultipartBody.Builder b = new MultipartBody.Builder().setType(MultipartBody.FORM);
    for (ApiRequest.Part part : multipart.parts()) {
      if (part.media() == null) {
        b.addFormDataPart(part.name(), part.value());
      } else {
        b.addFormDataPart(part.name(), part.media().filename(), mediaBody(part));
      }
    }
    return b.build();
  }

  private static RequestBody mediaBody(ApiRequest.Part part) {
    MediaType type = MediaType.get(part.contentType());
    var media = part.media();
    return switch (media.kind()) {
      case FILE -> new FileBody(media.path(), type);
      case BYTES -> RequestBody.create(media.bytes(), type);
      case DATA_URL -> new StreamBody(media, type);
      case URL -> throw new IllegalArgumentException("a remote URL cannot be uploaded as a file part");
    };
  }

  /** A body streamed from a file, re-readable for retries. */
  private static final class FileBody extends RequestBody {
    private final java.nio.file.Path file;
    private final MediaType type;

    FileBody(java.nio.file.Path file, MediaType type) {
      this.file = file;
      this.type = type;
    }

    @Override
    public MediaType contentType() {
      return type;
    }

    @Override
    public long contentLength() throws IOException {
      return java.nio.file.Files.size(file);
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      try (Source source = Okio.source(file)) {
        sink.writeAll(source);
      }
    }
  }

  /** A body streamed from a data URL, decoded as it is written. */
  private static final class StreamBody extends RequestBody {
    private final dev.aigw.core.media.MediaInput media;
    private final MediaType type;

    StreamBody(dev.aigw.core.media.MediaInput media, MediaType type) {
      this.media = media;
      this.type = type;
    }

    @Override
    public MediaType contentType() {
      return type;
    }

    @Override
    public long contentLength() {
      return media.size();
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      try (Source source = Okio.source(media.openStream())) {
        sink.writeAll(source);
      }
    }
  }

  /** Records whether any byte of the request was written, to tell "never sent" from "maybe sent". */
  private static final class SendTracker extends EventListener {
    volatile boolean sent;

    @Override
    public void requestHeadersStart(Call call) {
      sent = true;
    }
  }

  /** One logical call: its attempts, idempotency key and timing, and what its listeners know of it. */
  private final class Exchange {
    private final ApiRequest request;
    private final long startNanos = System.nanoTime();
    /** The operation this call polls, for log lines, or {@code null}. */
    private final String operationId;
    private final OperationInfo operation;
    /** The call as listeners know it; {@code null} without listeners (then nothing is built). */
    private CallInfo callInfo;
    private boolean reported;
    private String generatedKey;
    private int attempt;
    private long attemptStartNanos;
    /** The status of the answer the current attempt got, or -1. */
    private int status = -1;
    private SendTracker tracker;

    Exchange(ApiRequest request, String operationId, OperationInfo operation) {
      this.request = request;
      this.operationId = operationId;
      this.operation = operation;
    }

    /**
     * Before the first attempt: describes the call to the listeners, lets the budget refuse a paid
     * call (nothing is sent then, and listeners hear nothing), and tells the listeners it starts.
     */
    void begin() {
      if (listeners.isEmpty()) {
        return;
      }
      HttpUrl target = request.isExternal() ? HttpUrl.parse(request.path()) : config.baseUrl();
      CallInfo info = listeners.describe(config.vendor(), request, target == null ? null : target.host(),
          target == null ? -1 : target.port(), operation);
      if (budget != null && request.purpose() != null) {
        var price = request.purpose().price();
        budget.admit(info, price != null ? price.get() : PriceEstimate.unknown(config.vendor(),
            config.vendor() + " publishes no price for " + request.describe()));
      }
      callInfo = info;
      listeners.callStarted(info);
    }

    /** Tells the listeners the attempt and the call succeeded (once). */
    void succeeded(Response response, RateLimit rateLimit, Object body) {
      if (callInfo == null || reported) {
        return;
      }
      reported = true;
      listeners.attemptEnded(callInfo, attempt, response.code(), System.nanoTime() - attemptStartNanos, true, null, null);
      listeners.rateLimitSeen(callInfo, rateLimit);
      listeners.callSucceeded(callInfo, response.code(), attempt, HttpHeaders.requestId(response.headers()), body);
    }

    /** Tells the listeners the call failed for good (once). */
    void failed(Throwable error) {
      if (callInfo == null || reported) {
        return;
      }
      reported = true;
      RuntimeException e = error instanceof RuntimeException re ? re
          : new AigwException(config.vendor(), String.valueOf(error), error);
      listeners.callFailed(callInfo, status, attempt, e instanceof ApiException api ? api.requestId() : null, e);
    }

    /** Tells the listeners an attempt failed, and whether (and when) another follows. */
    private void attemptFailed(String failure, Duration retryIn) {
      if (callInfo != null) {
        listeners.attemptEnded(callInfo, attempt, status, System.nanoTime() - attemptStartNanos,
            tracker != null && tracker.sent, failure, retryIn);
      }
    }

    /** {@code GET /api/v1/task for operation t-1}: the request and the operation it polls. */
    private String what() {
      return operationId == null ? request.describe() : request.describe() + " for operation " + operationId;
    }

    /**
     * The call's idempotency key: the caller's, or for a POST one generated when first needed (a
     * vendor without an idempotency header never needs it unless a retry is logged) and kept for
     * every attempt; {@code null} for an external host, which never gets (nor do logs claim to
     * send it) the vendor's idempotency header.
     */
    private String idempotencyKey() {
      if (request.isExternal()) {
        return null;
      }
      String key = request.idempotencyKey();
      if (key != null || request.method() != HttpMethod.POST) {
        return key;
      }
      if (generatedKey == null) {
        generatedKey = UUID.randomUUID().toString();
      }
      return generatedKey;
    }

    Call newCall() {
      if (closed) {
        throw new IllegalStateException("the " + config.vendor() + " client is closed");
      }
      attempt++;
      status = -1;
      Request.Builder b = new Request.Builder().url(url(request)).header("User-Agent", userAgent)
          .header("Accept", request.streaming() ? "text/event-stream" : "application/json, */*;q=0.8");
      Secret key = config.apiKey();
      if (request.authenticated() && key != null) {
        b.header("Authorization", "Bearer " + key.reveal());
      }
      String idempotencyKey = config.idempotencyHeader() == null ? null : idempotencyKey();
      if (idempotencyKey != null) {
        b.header(config.idempotencyHeader(), idempotencyKey);
      }
      request.headers().forEach(b::header);
      RequestBody body = body(request.body());
      b.method(request.method().name(),
          body == null && (request.method() == HttpMethod.POST || request.method() == HttpMethod.PUT) ? RequestBody.create(new byte[0], null) : body);
      OkHttpClient client = request.streaming() ? streamingHttp : http;
      Call call = client.newCall(b.build());
      if (!request.streaming()) {
        call.timeout().timeout(Math.max(1, attemptTimeout().toNanos()), TimeUnit.NANOSECONDS);
      }
      tracker = new SendTracker();
      call.addEventListener(tracker);
      if (LOG.isDebugEnabled()) {
        LOG.debug("[{}] --> {} (attempt {}{})", config.vendor(), what(), attempt,
            idempotencyKey != null ? ", idempotency key " + idempotencyKey : "");
      }
      attemptStartNanos = System.nanoTime();
      return call;
    }

    <T> RawResponse<T> read(Response response, ResponseReader<T> reader) throws IOException {
      logAnswer(response, null);
      ResponseBody body = response.body();
      HttpAnswer answer = new HttpAnswer(config.vendor(), response.code(), response.headers(),
          body.contentType(), body.contentLength(), body.source());
      T value;
      try {
        value = reader.read(answer);
      } catch (AigwException e) {
        throw unreadable(withoutKey(e), response.code());
      } catch (RuntimeException e) {
        if (!request.retrySafety().paid()) {
          throw e;
        }
        throw unreadable(withoutKey(new MalformedResponseException(config.vendor(), "[" + config.vendor()
            + "] the answer to " + request.describe() + " could not be read: " + e, e)), response.code());
      }
      RateLimit rateLimit = HttpHeaders.rateLimit(response.headers(), config.clock());
      succeeded(response, rateLimit, value);
      return new RawResponse<>(response.code(), headerMap(response.headers()),
          HttpHeaders.requestId(response.headers()), rateLimit,
          attempt, Duration.ofNanos(System.nanoTime() - startNanos), value);
    }

    /** {@code e}, or a plain copy with the key masked when a reader quoted an answer echoing it. */
    private AigwException withoutKey(AigwException e) {
      Secret key = config.apiKey();
      if (key == null || e.getMessage() == null || !e.getMessage().contains(key.reveal())) {
        return e;
      }
      AigwException safe = e instanceof MalformedResponseException
          ? new MalformedResponseException(e.vendor(), key.redactIn(e.getMessage()), null)
          : new AigwException(e.vendor(), key.redactIn(e.getMessage()), null);
      safe.setStackTrace(e.getStackTrace());
      return safe;
    }

    /**
     * A paid call's successful answer that could not be read: the server accepted the work, so
     * the failure says so and what recovery is possible ({@code e} itself for other calls, and for
     * a vendor's error a reader raised).
     */
    private AigwException unreadable(AigwException e, int status) {
      if (!request.retrySafety().paid() || e instanceof ApiException) {
        return e;
      }
      String why = "the server accepted the request (HTTP " + status + ") but its answer could not be read"
          + (request.retrySafety() == RetrySafety.DEDUPLICATED_BY_KEY ? "" : ", so a retry could charge twice");
      String note = notRetried("an unreadable answer", why, true);
      return new MalformedResponseException(config.vendor(), e.getMessage() + " — " + note, e, recoveryKey());
    }

    /**
     * The {@code <--} line: status, request, this attempt's time, the whole call's time when it took
     * more than one attempt (waits included), and the gateway's request id (from a header, or from
     * an error body when {@code requestId} is given).
     */
    void logAnswer(Response response, String requestId) {
      status = response.code();
      if (LOG.isDebugEnabled()) {
        long now = System.nanoTime();
        String rid = requestId != null ? requestId : HttpHeaders.requestId(response.headers());
        LOG.debug("[{}] <-- {} {} ({} ms{}{})", config.vendor(), response.code(), what(),
            (now - attemptStartNanos) / 1_000_000,
            attempt > 1 ? "; " + (now - startNanos) / 1_000_000 + " ms in all over " + attempt + " attempts" : "",
            rid == null ? "" : "; request id " + rid);
      }
    }

    /** Decides on an error answer: the wait before a retry, or throws the mapped exception. */
    Duration onErrorStatus(Response response) throws IOException {
      status = response.code();
      Headers headers = response.headers();
      RateLimit rateLimit = HttpHeaders.rateLimit(headers, config.clock());
      if (callInfo != null) {
        listeners.rateLimitSeen(callInfo, rateLimit);
      }
      ResponseBody body = response.body();
      String text = readCapped(body);
      ErrorDetails details = ErrorBodyParser.parse(config.vendor(), response.code(),
          body.contentType() == null ? null : body.contentType().toString(), text,
          HttpHeaders.requestId(headers), rateLimit, config.apiKey());
      details = withoutHeaderSecrets(details);
      logAnswer(response, details.requestId());
      if (request.isExternal()) {
        details = fromExternalHost(details);
      }
      int status = response.code();
      RetrySafety safety = request.retrySafety();
      String what = "HTTP " + status;
      String why;
      if (safety.retriesStatus(status)) {
        Duration retryAfter = details.retryAfter();
        boolean untilReset = false;
        if (retryAfter == null && status == 429 && rateLimit.reset() != null) {
          // no Retry-After, but the window's reset time (rateLimit().resetTime()) says when a retry can succeed
          Duration left = Duration.between(config.clock().instant(), rateLimit.reset());
          retryAfter = left.isNegative() ? Duration.ZERO : left;
          untilReset = true;
        }
        Duration maxWait = config.retryPolicy().maxRetryAfter();
        if (attempt > config.retryPolicy().maxRetries()) {
          why = retriesUsed();
        } else if (retryAfter != null && retryAfter.compareTo(maxWait) > 0) {
          why = (untilReset ? "the rate-limit window resets in " + human(retryAfter) + ", later than"
              : "the server asks to wait " + human(retryAfter) + ", longer than")
              + " the longest rate-limit wait allowed (maxRetryWait " + human(maxWait) + ")";
        } else {
          Duration wait = config.retryPolicy().delayBefore(attempt, retryAfter);
          why = pastDeadline(wait);
          if (why == null) {
            logRetry(what, wait);
            attemptFailed(what, wait);
            return wait;
          }
        }
      } else if (RetrySafety.IDEMPOTENT.retriesStatus(status)) {
        // a failure a read would retry, which this paid call may not: say why
        why = safety.whyNotRetried(status);
      } else {
        attemptFailed(what, null);
        throw config.errorMapping().toException(details, null, recoveryKey());
      }
      attemptFailed(what, null);
      throw config.errorMapping().toException(details, notRetried(what, why, safety.mayHaveDoneWork(status)),
          recoveryKey());
    }

    /** Decides on an I/O failure: the wait before a retry, or throws {@link ConnectionException}. */
    Duration onIoFailure(IOException e, Call call) {
      boolean sent = tracker != null && tracker.sent;
      String what = describeIo(e, call);
      String failed = "[" + config.vendor() + "] " + request.describe() + " failed: " + what
          + (!sent ? " (the request was not sent)" : "");
      if (call.isCanceled() && !(e instanceof InterruptedIOException && e.getMessage() != null
          && e.getMessage().contains("timeout"))) {
        attemptFailed(what, null);
        throw new ConnectionException(config.vendor(), failed, sent, e, recoveryKey()); // cancelled by the caller
      }
      RetrySafety safety = request.retrySafety();
      String why;
      if (safety.retriesIoFailure(sent)) {
        if (attempt > config.retryPolicy().maxRetries()) {
          why = retriesUsed();
        } else {
          Duration wait = config.retryPolicy().delayBefore(attempt, null);
          why = pastDeadline(wait);
          if (why == null) {
            logRetry(what, wait);
            attemptFailed(what, wait);
            return wait;
          }
        }
      } else {
        why = safety.whyNotRetriedAfterIoFailure(sent);
      }
      attemptFailed(what, null);
      String note = notRetried(what, why, safety.mayHaveDoneWorkAfterIoFailure(sent));
      throw new ConnectionException(config.vendor(), failed + " — " + note, sent, e, recoveryKey());
    }

    /** Time left before the call's deadline, or {@code null} when it has none. */
    private Duration remaining() {
      Duration limit = config.callTimeout();
      return limit == null ? null : limit.minusNanos(System.nanoTime() - startNanos);
    }

    /** The time one attempt may take: the request's timeout, cut to what is left of the deadline. */
    Duration attemptTimeout() {
      Duration t = request.timeout() != null ? request.timeout() : config.requestTimeout();
      Duration left = remaining();
      return left != null && left.compareTo(t) < 0 ? left : t;
    }

    /** The longest wait for a request slot: the attempt's time, within the deadline. */
    Duration slotWaitLimit() {
      return attemptTimeout();
    }

    /** The failure of a call that found no request slot within {@code limit}. */
    ConnectionException noSlot(Duration limit, Throwable cause) {
      Duration perAttempt = request.timeout() != null ? request.timeout() : config.requestTimeout();
      boolean byDeadline = limit.compareTo(perAttempt) < 0; // cut short by the deadline
      String slots = "one of the " + config.maxConcurrentRequests() + " concurrent request slots";
      return new ConnectionException(config.vendor(), "[" + config.vendor() + "] " + request.describe()
          + (byDeadline ? " waited for " + slots + " until the call's " + human(config.callTimeout())
              + " deadline (callTimeout) passed" : " waited " + human(limit) + " for " + slots)
          + " (the request was not sent)", false, cause, recoveryKey());
    }

    /** Why the retries stopped when none is left. */
    private String retriesUsed() {
      int max = config.retryPolicy().maxRetries();
      return max == 0 ? "retries are off (maxRetries 0)"
          : max == 1 ? "the one retry allowed was used" : "the " + max + " retries allowed were used";
    }

    /** Why a retry after {@code wait} is not made because of the deadline, or {@code null} when it may be. */
    private String pastDeadline(Duration wait) {
      Duration left = remaining();
      if (left == null) {
        return null;
      }
      if (left.isNegative() || left.isZero()) {
        return "the call's " + human(config.callTimeout()) + " deadline (callTimeout) has passed";
      }
      if (wait.compareTo(left) >= 0) {
        return "a retry in " + human(wait) + " would pass the call's " + human(config.callTimeout())
            + " deadline (callTimeout)";
      }
      return null;
    }

    /**
     * The idempotency key to give back with a failure: the one sent with a call the server
     * deduplicates by it (submitting again with it finds the first attempt's work), else {@code null}.
     */
    private String recoveryKey() {
      if (config.idempotencyHeader() == null || request.isExternal()
          || request.retrySafety() != RetrySafety.DEDUPLICATED_BY_KEY) {
        return null;
      }
      return idempotencyKey();
    }

    /** What can be done when paid work may exist although the call failed. */
    private String recovery() {
      String key = recoveryKey();
      if (key != null) {
        return "the work may have been done and charged: resubmit with idempotency key " + key
            + " to get it without a second charge";
      }
      return config.vendor() + " documents no idempotency key for this call: the work may exist and be charged,"
          + " and aigw cannot find it";
    }

    /**
     * The note a failure that ends the call carries, logged once at INFO: that it was not retried,
     * why, and, when paid work may exist, what recovery is possible.
     *
     * @param what what happened ({@code HTTP 504}, {@code timed out})
     * @param why why it was not retried
     * @param workMayExist whether paid work may have been done despite the failure
     */
    private String notRetried(String what, String why, boolean workMayExist) {
      String text = why + (workMayExist ? "; " + recovery() : "");
      LOG.info("[{}] not retrying {} after {}: {}", config.vendor(), what(), what, text);
      return "not retried: " + text;
    }

    /**
     * {@code d} with the values of the request's credential headers (a session {@code Cookie}, for
     * one) masked wherever the server echoed them.
     */
    private ErrorDetails withoutHeaderSecrets(ErrorDetails d) {
      ErrorDetails out = d;
      for (Map.Entry<String, String> h : request.headers().entrySet()) {
        String value = h.getValue();
        if (value == null || value.isBlank() || !CREDENTIAL_HEADERS.contains(h.getKey().toLowerCase(Locale.ROOT))) {
          continue;
        }
        Secret secret = Secret.of(value);
        out = new ErrorDetails(out.vendor(), out.status(), out.code(), out.type(), secret.redactIn(out.message()),
            secret.redactIn(out.requestId()), out.retryAfter(), out.rateLimit(), secret.redactIn(out.body()));
      }
      return out;
    }

    /**
     * An error from another host (a presigned upload URL): it names that host by scheme and host
     * only, and loses every piece of the URL it echoed (storage hosts quote the signed request
     * back, and its signature is a credential).
     */
    private ErrorDetails fromExternalHost(ErrorDetails d) {
      HttpUrl url = url(request);
      String message = "the host " + Urls.redact(url.toString()) + " answered " + request.method()
          + " with: " + scrubUrl(d.message(), url);
      return new ErrorDetails(d.vendor(), d.status(), d.code(), d.type(), message, d.requestId(), d.retryAfter(),
          d.rateLimit(), scrubUrl(d.body(), url));
    }

    /** The INFO line of a retry; it names the idempotency key only where one is sent. */
    private void logRetry(String cause, Duration wait) {
      String idempotencyKey = config.idempotencyHeader() == null ? null : idempotencyKey();
      LOG.info("[{}] retrying {} in {} ms after {} (retry {} of {}{})", config.vendor(), what(),
          wait.toMillis(), cause, attempt, config.retryPolicy().maxRetries(),
          idempotencyKey != null ? ", idempotency key " + idempotencyKey : "");
    }
  }

  /**
   * {@code text} without the path, the query, or any query value (encoded or not) of {@code url}:
   * what is left of a URL quoted in an answer shows no credential.
   */
  static String scrubUrl(String text, HttpUrl url) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    List<String> parts = new java.util.ArrayList<>();
    String encodedQuery = url.encodedQuery();
    if (encodedQuery != null) {
      parts.add(encodedQuery);
      parts.add(url.query());
      for (String pair : encodedQuery.split("&")) {
        int eq = pair.indexOf('=');
        if (eq >= 0) {
          parts.add(pair.substring(eq + 1));
        }
      }
      for (String name : url.queryParameterNames()) {
        parts.addAll(url.queryParameterValues(name));
      }
    }
    parts.add(url.encodedPath());
    parts.add(String.join("/", url.pathSegments()));
    parts.removeIf(p -> p == null || p.length() < 4);
    parts.sort((a, b) -> Integer.compare(b.length(), a.length()));
    String out = text;
    for (String p : parts) {
      out = out.replace(p, "…");
    }
    return out;
  }

  /** {@code 250 ms}, {@code 60 s}, {@code 60.3 s}, {@code 2 min}: a duration as people read it. */
  static String human(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return Math.max(0, ms) + " ms";
    }
    if (ms % 60_000 == 0 && ms >= 120_000) {
      return ms / 60_000 + " min";
    }
    return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
  }

  private static String describeIo(IOException e, Call call) {
    if (e instanceof InterruptedIOException && ("timeout".equals(e.getMessage()) || call.isCanceled())) {
      return "timed out";
    }
    String name = e.getClass().getSimpleName();
    return e.getMessage() == null ? name : name + ": " + e.getMessage();
  }

  private static String readCapped(ResponseBody body) throws IOException {
    okio.BufferedSource source = body.source();
    source.request(64 * 1024);
    long size = Math.min(source.getBuffer().size(), 64 * 1024);
    return source.getBuffer().readUtf8(size);
  }

  /**
   * The answer's headers as an immutable map of lower-case names to immutable lists of values, in
   * order. Every successful call builds one, so it is made in one pass over the headers, without
   * the case-insensitive name set and per-name scans of {@code Headers.names()} / {@code values()}.
   */
  static Map<String, List<String>> headerMap(Headers headers) {
    int n = headers.size();
    @SuppressWarnings("unchecked")
    Map.Entry<String, List<String>>[] entries = new Map.Entry[n];
    int count = 0;
    for (int i = 0; i < n; i++) {
      String name = headers.name(i).toLowerCase(Locale.ROOT);
      int at = -1;
      for (int j = 0; j < count; j++) {
        if (entries[j].getKey().equals(name)) {
          at = j;
          break;
        }
      }
      if (at < 0) {
        entries[count++] = Map.entry(name, List.of(headers.value(i)));
      } else { // a repeated header (Vary, Set-Cookie …): rare, so copying its few values is fine
        List<String> values = new java.util.ArrayList<>(entries[at].getValue());
        values.add(headers.value(i));
        entries[at] = Map.entry(name, List.copyOf(values));
      }
    }
    return Map.ofEntries(java.util.Arrays.copyOf(entries, count));
  }

}
