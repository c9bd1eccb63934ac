package dev.aigw.testkit;

import dev.aigw.core.spi.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;

/**
 * What every fake gateway shares: an HTTP server on loopback, routing, keys and auth errors by
 * prefix, a {@link TaskEngine}, a credit balance, {@link Faults}, a {@link Journal}, files served
 * from memory, and callback delivery. A vendor's fake adds its routes and answer shapes.
 */
public abstract class FakeGateway implements AutoCloseable {

  /** Why a request was refused before routing. */
  protected enum AuthProblem {
    /** No bearer token. */
    MISSING,
    /** A token with the wrong prefix or unknown. */
    INVALID,
    /** A known token that was deactivated. */
    INACTIVE
  }

  /** Handles one routed request. */
  @FunctionalInterface
  protected interface Handler {
    /**
     * The answer.
     *
     * @param request the request, with its route's path groups
     * @return the answer
     * @throws Exception on any failure; the fake answers it with the vendor's error shape and
     *     status 500
     */
    MockResponse handle(FakeRequest request) throws Exception;
  }

  /** Who may call a route. */
  private enum Access {
    /** A valid key is required. */
    KEY,
    /** No key is needed, and none is checked. */
    PUBLIC,
    /** A key is optional; one that is given must be valid. */
    KEY_OPTIONAL
  }

  private record Route(String method, Pattern path, Access access, Handler handler) {}

  /** A file the fake serves. */
  private record StoredFile(byte[] bytes, String contentType) {}

  private final String vendor;
  private final String keyPrefix;
  private final MockWebServer server = new MockWebServer();
  private final List<Route> routes = new ArrayList<>();
  private final Set<String> keys = ConcurrentHashMap.newKeySet();
  private final Set<String> inactiveKeys = ConcurrentHashMap.newKeySet();
  private final Map<String, StoredFile> files = new ConcurrentHashMap<>();
  private final Journal journal = new Journal();
  private final Faults faults = new Faults();
  private final Clock clock;
  private final TaskEngine tasks;
  private final String defaultKey;
  /**
   * Delivers callbacks for every fake: its own daemon threads (a fake is the server side and must
   * not take the SDK's few async threads), no redirects followed (a gateway POSTs to the URL it
   * was given), 5 s per delivery.
   */
  private static final OkHttpClient CALLBACKS = new OkHttpClient.Builder()
      .dispatcher(new okhttp3.Dispatcher(java.util.concurrent.Executors.newCachedThreadPool(
          daemonThreads("aigw-fake-callback"))))
      .followRedirects(false)
      .followSslRedirects(false)
      .retryOnConnectionFailure(false)
      .callTimeout(Duration.ofSeconds(5))
      .build();
  private final OkHttpClient callbackClient = CALLBACKS;
  /** Schedules the fakes' own delayed work (webhook redeliveries): one daemon thread for all fakes. */
  static final java.util.concurrent.ScheduledExecutorService SCHEDULER =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(daemonThreads("aigw-fake-scheduler"));
  private BigDecimal balance;
  private volatile Duration streamPause = Duration.ofMillis(5);
  /** Set by {@link #close()}: a stream writer in a pause stops, so closing never waits for it. */
  private volatile boolean closing;

  /**
   * A fake with one valid key; a vendor's fake adds its routes, then calls {@link #startServer()}.
   *
   * @param vendor vendor name
   * @param keyPrefix what valid keys start with
   * @param startingBalance the credit balance
   */
  protected FakeGateway(String vendor, String keyPrefix, BigDecimal startingBalance) {
    this.vendor = vendor;
    this.keyPrefix = keyPrefix;
    this.balance = startingBalance;
    this.clock = Clock.systemUTC();
    this.tasks = new TaskEngine(clock);
    this.defaultKey = keyPrefix + "test" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    keys.add(defaultKey);
  }

  /**
   * Starts serving on a free loopback port, and from then on calls {@link #taskFinished} when a
   * task ends. A vendor's fake calls it once it is fully built (no task exists before a request).
   */
  protected final void startServer() {
    tasks.onFinish(this::taskFinished);
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return FakeGateway.this.dispatch(request);
      }
    });
    try {
      server.start(InetAddress.getLoopbackAddress(), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the " + vendor + " fake", e);
    }
  }

  /** {@return the vendor name} */
  public String vendor() {
    return vendor;
  }

  /** {@return the base URL to give a client, e.g. {@code http://127.0.0.1:54321}} */
  public String baseUrl() {
    String url = server.url("/").toString();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** {@return a valid API key} */
  public String apiKey() {
    return defaultKey;
  }

  /**
   * Adds another valid key.
   *
   * @return the new key, with the vendor's prefix
   */
  public String newKey() {
    String key = keyPrefix + "test" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    keys.add(key);
    return key;
  }

  /**
   * Makes {@code key} inactive: requests with it are refused as the vendor refuses inactive keys.
   *
   * @param key a key of this fake
   */
  public void deactivate(String key) {
    inactiveKeys.add(key);
  }

  /** {@return the request and charge journal} */
  public Journal journal() {
    return journal;
  }

  /** {@return fault injection for the next answers} */
  public Faults faults() {
    return faults;
  }

  /** {@return the task engine (how many polls tasks take, failures to plan)} */
  public TaskEngine tasks() {
    return tasks;
  }

  /** {@return the credit balance now} */
  public synchronized BigDecimal balance() {
    return balance;
  }

  /**
   * Sets the credit balance.
   *
   * @param value the new balance
   */
  public synchronized void balance(BigDecimal value) {
    this.balance = value;
  }

  /**
   * The pause between streamed events (5 ms by default).
   *
   * @param pause the pause; zero for none
   */
  public void streamPause(Duration pause) {
    this.streamPause = pause;
  }

  /** Stops the server (a stream paused by a fault stops at once). */
  @Override
  public void close() {
    closing = true;
    server.close();
  }

  // ----- for vendor fakes -----

  /**
   * Registers a route; {@code pathRegex} may use named groups, read with {@link FakeRequest#pathParam}.
   *
   * @param method the HTTP method, e.g. {@code POST}
   * @param pathRegex a regular expression the whole path must match
   * @param handler answers the matching requests
   */
  protected final void route(String method, String pathRegex, Handler handler) {
    routes.add(new Route(method, Pattern.compile(pathRegex), Access.KEY, handler));
  }

  /**
   * Registers a route that needs no key.
   *
   * @param method the HTTP method, e.g. {@code POST}
   * @param pathRegex a regular expression the whole path must match
   * @param handler answers the matching requests
   */
  protected final void publicRoute(String method, String pathRegex, Handler handler) {
    routes.add(new Route(method, Pattern.compile(pathRegex), Access.PUBLIC, handler));
  }

  /**
   * Registers a route open to anonymous callers: without a key the handler runs with {@link
   * FakeRequest#bearer()} {@code null}; a key that is given must be valid and active, as on {@link
   * #route}. For vendors with an anonymous tier.
   *
   * @param method the HTTP method, e.g. {@code POST}
   * @param pathRegex a regular expression the whole path must match
   * @param handler answers the matching requests
   */
  protected final void routeAllowingAnonymous(String method, String pathRegex, Handler handler) {
    routes.add(new Route(method, Pattern.compile(pathRegex), Access.KEY_OPTIONAL, handler));
  }

  /**
   * The vendor's answer to a refused key.
   *
   * @param problem why the key was refused
   * @return the answer the vendor gives
   */
  protected abstract MockResponse authError(AuthProblem problem);

  /**
   * The vendor's answer to a refused key, knowing the key presented (for vendors whose answer
   * depends on which key it was, e.g. an expired one); {@link #authError(AuthProblem)} by default.
   *
   * @param problem why it was refused
   * @param key the bearer token presented, or {@code null} when there was none
   * @return the answer the vendor gives
   */
  protected MockResponse authError(AuthProblem problem, String key) {
    return authError(problem);
  }

  /**
   * The vendor's error answer with {@code status} and {@code message}.
   *
   * @param status the HTTP status
   * @param code the vendor's error code
   * @param message the message
   * @return the answer in the vendor's error shape
   */
  protected abstract MockResponse error(int status, String code, String message);

  /**
   * Called when a task ends (after its last poll, or when finished by hand).
   *
   * @param task the task that ended
   */
  protected void taskFinished(FakeTask task) {}

  /** {@return the clock} */
  protected final Clock clock() {
    return clock;
  }

  /**
   * Takes {@code amount} credits for {@code reference}, recording the charge.
   *
   * @param reference what the charge is for (a task id …), as the journal shows it
   * @param amount the credits to take
   * @return {@code false} (and nothing charged) when the balance is too low
   */
  protected final synchronized boolean charge(String reference, BigDecimal amount) {
    if (balance.compareTo(amount) < 0) {
      return false;
    }
    balance = balance.subtract(amount);
    journal.charge(new Journal.Charge(reference, amount, clock.instant()));
    return true;
  }

  /**
   * Gives back {@code amount} credits for {@code reference}.
   *
   * @param reference what the refund is for
   * @param amount the credits to give back
   */
  protected final synchronized void refund(String reference, BigDecimal amount) {
    balance = balance.add(amount);
    journal.charge(new Journal.Charge(reference, amount.negate(), clock.instant()));
  }

  /**
   * Stores a file and returns the absolute URL it is served at.
   *
   * @param bytes the content
   * @param contentType its {@code Content-Type}
   * @param extension the file name's extension, without a dot
   * @return the file's URL under {@code /files/}
   */
  protected final String storeFile(byte[] bytes, String contentType, String extension) {
    String name = UUID.randomUUID() + "." + extension;
    files.put(name, new StoredFile(bytes, contentType));
    return baseUrl() + "/files/" + name;
  }

  /**
   * A JSON answer.
   *
   * @param status the HTTP status
   * @param body maps, lists and values to write as JSON
   * @return the answer
   */
  protected static MockResponse json(int status, Object body) {
    return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json")
        .body(Json.toJson(body)).build();
  }

  /**
   * A map with keys and values in order ({@code null} values left out).
   *
   * @param keyValues keys (strings) and values, alternating
   * @return a new map
   */
  protected static Map<String, Object> obj(Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      if (keyValues[i + 1] != null) {
        m.put((String) keyValues[i], keyValues[i + 1]);
      }
    }
    return m;
  }

  /**
   * A streamed answer of server-sent events, honouring stream faults.
   *
   * @param events the events, in order
   * @return a chunked {@code text/event-stream} answer
   */
  final MockResponse sse(List<SseWriter.Event> events) {
    Faults.Fault fault = faults.take(Faults.Stage.AFTER_HANDLING, "", true);
    Faults.Fault cut = fault != null && fault.kind() == Faults.Kind.CUT_STREAM ? fault : null;
    Faults.Fault stall = fault != null && fault.kind() == Faults.Kind.STALL_STREAM ? fault : null;
    int cutAfter = cut != null ? cut.afterEvents() : -1;
    // body() sets "Content-Length: -1", which a client reads as "until the connection closes" and
    // so never sees the end of a stream without [DONE]; the writer frames the events in chunks.
    MockResponse.Builder b = new MockResponse.Builder().code(200).setHeader("Content-Type", "text/event-stream")
        .setHeader("Cache-Control", "no-cache")
        .body(new SseWriter(events, streamPause, cutAfter, stall != null ? stall.afterEvents() : -1,
            stall != null ? stall.delay() : Duration.ZERO, () -> closing))
        .removeHeader("Content-Length").setHeader("Transfer-Encoding", "chunked");
    if (cutAfter >= 0) {
      b.onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE);
    }
    return b.build();
  }

  /**
   * An SSE event with only data.
   *
   * @param data the {@code data:} line
   * @return the event
   */
  static SseWriter.Event event(String data) {
    return new SseWriter.Event(null, data);
  }

  /**
   * An SSE event with a type.
   *
   * @param type the {@code event:} line
   * @param data the {@code data:} line
   * @return the event
   */
  static SseWriter.Event event(String type, String data) {
    return new SseWriter.Event(type, data);
  }

  /**
   * The text of the last {@code user} message of an OpenAI-style {@code messages} body, or {@code ""}.
   *
   * @param request a chat request
   * @return the message's text
   */
  protected static String lastUserMessage(FakeRequest request) {
    String last = "";
    for (Object m : request.list("messages")) {
      if (m instanceof Map<?, ?> map && "user".equals(map.get("role")) && map.get("content") instanceof String s) {
        last = s;
      }
    }
    return last;
  }

  /**
   * An OpenAI-style chat answer carrying {@code reply}: a {@code chat.completion} with usage (8
   * prompt tokens a message, a completion token a word), or, when the body says {@code "stream":
   * true}, one {@code chat.completion.chunk} a word, a finish chunk and {@code [DONE]}, as SSE.
   *
   * @param request the chat request
   * @param reply the text to answer
   * @return the answer
   */
  protected final MockResponse openAiChat(FakeRequest request, String reply) {
    String model = request.string("model");
    String[] words = reply.split(" ");
    String id = "chatcmpl-" + Long.toHexString(System.nanoTime());
    if (Boolean.TRUE.equals(request.json().get("stream"))) {
      List<SseWriter.Event> events = new ArrayList<>();
      for (int i = 0; i < words.length; i++) {
        String piece = (i == 0 ? "" : " ") + words[i];
        events.add(event(Json.toJson(obj("id", id, "object", "chat.completion.chunk", "model", model,
            "choices", List.of(obj("index", 0, "delta", obj("content", piece)))))));
      }
      events.add(event(Json.toJson(obj("id", id, "object", "chat.completion.chunk", "model", model,
          "choices", List.of(obj("index", 0, "delta", obj(), "finish_reason", "stop"))))));
      events.add(event("[DONE]"));
      return sse(events);
    }
    int prompt = request.list("messages").size() * 8;
    return json(200, obj("id", id, "object", "chat.completion", "created", clock.instant().getEpochSecond(),
        "model", model, "choices", List.of(obj("index", 0, "message", obj("role", "assistant", "content", reply),
            "finish_reason", "stop")),
        "usage", obj("prompt_tokens", prompt, "completion_tokens", words.length, "total_tokens", prompt + words.length)));
  }

  /**
   * POSTs {@code body} as JSON to {@code url}, in the background, recording the delivery.
   *
   * @param url where to POST
   * @param body maps, lists and values to write as JSON
   */
  protected final void deliverCallback(String url, Object body) {
    deliverCallback(url, Map.of(), Json.toJson(body), status -> {});
  }

  /**
   * POSTs the JSON text {@code json} with {@code headers} to {@code url}, in the background,
   * recording the delivery and telling {@code onStatus} the answer's status (-1 on failure).
   *
   * @param url where to POST
   * @param headers extra request headers
   * @param json the body
   * @param onStatus told the status, on a callback thread
   */
  protected final void deliverCallback(String url, Map<String, String> headers, String json,
      java.util.function.IntConsumer onStatus) {
    Request request;
    try {
      Request.Builder b = new Request.Builder().url(url).post(RequestBody.create(json, MediaType.get("application/json")));
      headers.forEach(b::header);
      request = b.build();
    } catch (IllegalArgumentException e) {
      journal.callback(new Journal.Callback(url, json, -1));
      onStatus.accept(-1);
      return;
    }
    callbackClient.newCall(request).enqueue(new okhttp3.Callback() {
      @Override
      public void onFailure(okhttp3.Call call, IOException e) {
        journal.callback(new Journal.Callback(url, json, -1));
        onStatus.accept(-1);
      }

      @Override
      public void onResponse(okhttp3.Call call, Response response) {
        int code;
        try (response) {
          code = response.code();
          journal.callback(new Journal.Callback(url, json, code));
        }
        onStatus.accept(code);
      }
    });
  }

  // ----- dispatching -----

  /**
   * Wraps every answer (faults included): a vendor fake may count requests in flight, refuse
   * some, or add headers. The default returns {@code answer.get()}.
   *
   * @param recorded the request as received
   * @param answer produces the answer the fake would give
   * @return the answer to send
   */
  protected MockResponse around(RecordedRequest recorded, java.util.function.Supplier<MockResponse> answer) {
    return answer.get();
  }

  private MockResponse dispatch(RecordedRequest recorded) {
    String path = recorded.getUrl().encodedPath();
    MockResponse response = around(recorded, () -> answer(recorded, path));
    recordRequest(recorded, response);
    return response;
  }

  /**
   * Records in the journal, key masked, a request that reached this fake — also one that reached
   * another server the fake runs (a separate file host, say), whose dispatcher calls this.
   *
   * @param recorded the request
   * @param response the answer given (a dropped connection is recorded as status -1)
   */
  protected final void recordRequest(RecordedRequest recorded, MockResponse response) {
    int status = response.getOnResponseStart() != null || response.getOnRequestStart() != null ? -1 : response.getCode();
    journal.request(new Journal.Entry(recorded.getMethod(), recorded.getUrl().encodedPath(), recorded.getUrl().encodedQuery(),
        maskedHeaders(recorded), recorded.getBody() == null ? "" : recorded.getBody().utf8(), status, clock.instant()));
  }

  private MockResponse answer(RecordedRequest recorded, String path) {
    if (path.startsWith("/files/") && "GET".equals(recorded.getMethod())) {
      StoredFile file = files.get(path.substring("/files/".length()));
      if (file == null) {
        return error(404, "not_found", "no such file");
      }
      return new MockResponse.Builder().code(200).setHeader("Content-Type", file.contentType())
          .body(new Buffer().write(file.bytes())).build();
    }
    Faults.Fault before = faults.take(Faults.Stage.BEFORE_HANDLING, path, false);
    if (before != null) {
      return faultResponse(before);
    }
    Route match = null;
    Matcher matcher = null;
    boolean pathKnown = false;
    for (Route r : routes) {
      Matcher m = r.path().matcher(path);
      if (m.matches()) {
        pathKnown = true;
        if (r.method().equals(recorded.getMethod())) {
          match = r;
          matcher = m;
          break;
        }
      }
    }
    if (match == null) {
      return pathKnown ? error(405, "method_not_allowed", "Method " + recorded.getMethod() + " not allowed")
          : error(404, "not_found", "Unknown endpoint " + path);
    }
    FakeRequest request = new FakeRequest(recorded, matcher);
    if (match.access() != Access.PUBLIC) {
      String key = request.bearer();
      if (key == null && match.access() == Access.KEY) {
        return authError(AuthProblem.MISSING, null);
      }
      if (key == null) {
        return handle(match, request);
      }
      if (!key.startsWith(keyPrefix) || !keys.contains(key)) {
        return authError(AuthProblem.INVALID, key);
      }
      if (inactiveKeys.contains(key)) {
        return authError(AuthProblem.INACTIVE, key);
      }
    }
    return handle(match, request);
  }

  private MockResponse handle(Route match, FakeRequest request) {
    String path = request.path();
    MockResponse response;
    try {
      response = match.handler().handle(request);
    } catch (Exception e) {
      response = error(500, "internal_error", "fake failed: " + e);
    }
    Faults.Fault after = faults.take(Faults.Stage.AFTER_HANDLING, path, false);
    if (after != null) {
      if (after.kind() == Faults.Kind.DELAY) {
        return response.newBuilder().headersDelay(after.delay().toMillis(), TimeUnit.MILLISECONDS).build();
      }
      return faultResponse(after);
    }
    return response;
  }

  private MockResponse faultResponse(Faults.Fault fault) {
    return switch (fault.kind()) {
      case STATUS -> {
        MockResponse r = error(fault.status(), null, defaultMessage(fault.status()));
        yield fault.retryAfterSeconds() >= 0
            ? r.newBuilder().setHeader("Retry-After", String.valueOf(fault.retryAfterSeconds())).build() : r;
      }
      case DROP_CONNECTION -> new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build();
      case DELAY -> new MockResponse.Builder().headersDelay(fault.delay().toMillis(), TimeUnit.MILLISECONDS)
          .code(503).build();
      case CUT_STREAM, STALL_STREAM -> error(500, null, "stream fault outside a stream");
      case REPLACE_ANSWER -> {
        MockResponse.Builder b = new MockResponse.Builder().code(fault.status()).body(fault.body());
        yield fault.contentType() == null ? b.build() : b.setHeader("Content-Type", fault.contentType()).build();
      }
    };
  }

  private static String defaultMessage(int status) {
    return switch (status) {
      case 429 -> "Too many requests";
      case 500 -> "Internal server error";
      case 502 -> "Upstream server error";
      case 503 -> "Service unavailable";
      case 504 -> "Upstream timeout";
      default -> "Injected failure " + status;
    };
  }

  /**
   * Keeps a {@code Bearer} scheme and the start of the token (at most 8 characters, and never
   * more than half of it) — with or without the scheme — and hides the rest.
   */
  private static String maskCredential(String value) {
    Matcher m = BEARER.matcher(value);
    String scheme = m.matches() && m.group(1) != null ? m.group(1) : "";
    String token = value.substring(scheme.length());
    return scheme + token.substring(0, Math.min(8, token.length() / 2)) + "****";
  }

  private static final Pattern BEARER = Pattern.compile("(?is)^(bearer\\s+)?.*$");

  private Map<String, String> maskedHeaders(RecordedRequest recorded) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String name : recorded.getHeaders().names()) {
      String value = recorded.getHeaders().get(name);
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.equals("authorization")) {
        value = value == null ? null : maskCredential(value);
      } else if (lower.equals("cookie")) {
        value = "****";
      }
      headers.put(lower, value);
    }
    return headers;
  }

  /** A factory of daemon threads named {@code prefix-N}: a fake never keeps a JVM alive. */
  static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
