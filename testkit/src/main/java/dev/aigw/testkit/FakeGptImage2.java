package dev.aigw.testkit;

import dev.aigw.core.Secret;
import dev.aigw.core.operation.OperationStatus;
import dev.aigw.core.spi.Json;
import dev.aigw.core.webhook.WebhookVerifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A fake of gptimage2.plus that follows its documentation: {@code gimg_} keys (401 without or
 * with a wrong one, 403 for a key on a plan without API access, see {@link #keyWithoutPlan()}),
 * {@code POST /api/v1/generate} answering 202 and deduplicating by {@code Idempotency-Key} per
 * key (a key seen before returns the existing generation and charges nothing), 400 with Zod-style
 * messages, 402 when the balance is short, 422 for prompts it blocks, generations polled through
 * queued → running → succeeded / failed / blocked (failed and blocked are refunded), the two-step
 * upload with presigned PUT URLs on a second loopback server, the storage host (which refuses an
 * {@code Authorization} header, a content type or size other than the one signed), and webhook
 * deliveries signed with HMAC-SHA256, retried with backoff after a non-2xx answer and disabled
 * after 8 failures in a row. Per key it allows 5 requests in flight and 600 an hour (429 with
 * {@code Retry-After} beyond), and every API answer carries {@code X-RateLimit-Limit}, {@code
 * -Remaining} and {@code -Reset}.
 *
 * <pre>{@code
 * try (FakeGptImage2 fake = FakeGptImage2.start()) {
 *   GptImage2Client client = GptImage2Client.builder().baseUrl(fake.baseUrl()).apiKey(fake.apiKey()).build();
 *   fake.faults().failNextAfterHandling("/api/v1/generate", 503);   // done and charged, answer lost
 *   client.images().generate(request);                              // retried with the same key
 *   assertEquals(1, fake.journal().chargesOnly().size());           // charged once
 * }
 * }</pre>
 *
 * <p>Prices per image: low 1, medium 2, high 4 credits; the balance starts at 1000.
 */
public final class FakeGptImage2 extends FakeGateway {
  /** Requests per hour per key. */
  public static final int HOURLY_LIMIT = 600;
  /** Requests in flight per key. */
  public static final int CONCURRENCY_LIMIT = 5;

  private static final Set<String> SIZES = Set.of("1024x1024", "1024x1536", "1536x1024");
  private static final Map<String, BigDecimal> PRICES = Map.of("low", BigDecimal.ONE, "medium", new BigDecimal("2"),
      "high", new BigDecimal("4"));
  private static final Set<String> CONTENT_TYPES = Set.of("image/png", "image/jpeg", "image/webp");

  /** Consecutive failed deliveries after which a webhook is disabled. */
  public static final int WEBHOOK_FAILURES_BEFORE_DISABLING = 8;

  /**
   * A request the storage host received.
   *
   * @param method the method
   * @param path the path (the storage key's place), without the query that holds the signature
   * @param headers the request headers, names in lower case
   * @param size the body's size in bytes
   * @param status the status it answered
   */
  public record StorageRequest(String method, String path, Map<String, String> headers, long size, int status) {}

  private final MockWebServer storage = new MockWebServer();
  /** Generation ids by API key and {@code Idempotency-Key}. */
  private final Map<String, String> idempotency = new ConcurrentHashMap<>();
  private final Map<String, PendingUpload> pendingUploads = new ConcurrentHashMap<>();
  private final Map<String, byte[]> uploads = new ConcurrentHashMap<>();
  private final Map<String, Webhook> webhooks = new ConcurrentHashMap<>();
  private final Set<String> noPlanKeys = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  /** Requests per API key in the current hour, by {@code key|hour}. */
  private final Map<String, AtomicInteger> hourly = new ConcurrentHashMap<>();
  private final List<StorageRequest> storageRequests = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final AtomicReference<Delivery> lastDelivery = new AtomicReference<>();
  private final String sessionCookie = "session=" + UUID.randomUUID();
  private volatile Duration processingDelay = Duration.ofMillis(20);
  private volatile List<Duration> webhookBackoff = List.of(Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(10));
  private volatile String blockedWord = "forbidden";
  private volatile int hourlyLimit = HOURLY_LIMIT;

  private record PendingUpload(String contentType, long size) {}

  private record Webhook(String id, String url, List<?> events, WebhookVerifier signer, AtomicInteger failuresInARow,
      java.util.concurrent.atomic.AtomicBoolean disabled) {}

  private record Delivery(Webhook webhook, String id, String event, String body) {}

  private FakeGptImage2() {
    super("gptimage2", "gimg_", new BigDecimal("1000"));
    route("POST", "/api/v1/generate", this::generate);
    route("GET", "/api/v1/generations/(?<id>[^/]+)", r -> generation(r.pathParam("id")));
    route("POST", "/api/v1/upload", this::upload);
    publicRoute("POST", "/api/account/webhooks", this::registerWebhook);
  }

  /**
   * Starts a fake (and its storage host) on free loopback ports.
   *
   * @return the running fake; close it to stop it
   */
  public static FakeGptImage2 start() {
    FakeGptImage2 fake = new FakeGptImage2();
    fake.startStorage();
    fake.startServer();
    return fake;
  }

  /** {@return a valid key on a plan without API access (requests with it get 403)} */
  public String keyWithoutPlan() {
    String key = newKey();
    noPlanKeys.add(key);
    return key;
  }

  /** {@return the {@code Cookie} value of a logged-in session, for webhook registration} */
  public Secret sessionCookie() {
    return Secret.of(sessionCookie);
  }

  /**
   * How long a generation submission takes to answer (20 ms by default).
   *
   * @param delay the delay
   * @return this fake
   */
  public FakeGptImage2 processingDelay(Duration delay) {
    this.processingDelay = delay;
    return this;
  }

  /**
   * The waits between webhook retries (the doc: 30 s, 2 min, 10 min).
   *
   * @param first the wait before the first retry
   * @param second the wait before the second
   * @param third the wait before the third
   * @return this fake
   */
  public FakeGptImage2 webhookBackoff(Duration first, Duration second, Duration third) {
    this.webhookBackoff = List.of(first, second, third);
    return this;
  }

  /**
   * Prompts containing this word are refused with 422 ({@code forbidden} by default).
   *
   * @param word the word, in lower case (prompts are lower-cased before the check)
   * @return this fake
   */
  public FakeGptImage2 blockPromptsContaining(String word) {
    this.blockedWord = word;
    return this;
  }

  /**
   * How many requests one key may make per hour (600, as documented); lower it to reach the
   * hourly 429 in a test. {@code X-RateLimit-Limit} reports it.
   *
   * @param limit requests an hour per key
   * @return this fake
   */
  public FakeGptImage2 hourlyLimit(int limit) {
    this.hourlyLimit = limit;
    return this;
  }

  /** {@return the most API requests that were in flight at once for one key} */
  public int maxConcurrentRequests() {
    return maxInFlight.get();
  }

  /**
   * {@return every request the storage host received, in order (the signature in its query is left out)}
   */
  public List<StorageRequest> storageRequests() {
    return List.copyOf(storageRequests);
  }

  /**
   * Whether the webhook with this id was disabled after {@value #WEBHOOK_FAILURES_BEFORE_DISABLING}
   * failed deliveries in a row (the vendor then stops delivering until it is re-enabled).
   *
   * @param webhookId the id from the registration
   * @return whether it was disabled
   */
  public boolean webhookDisabled(String webhookId) {
    Webhook w = webhooks.get(webhookId);
    return w != null && w.disabled().get();
  }

  /**
   * The bytes PUT for an upload key, or {@code null}.
   *
   * @param key the upload key
   * @return the bytes, or {@code null}
   */
  public byte[] uploadedBytes(String key) {
    byte[] bytes = uploads.get(key);
    return bytes == null ? null : bytes.clone();
  }

  /** Sends the last webhook delivery again, with the same delivery id (as a sender's retry does). */
  public void redeliverLast() {
    Delivery d = lastDelivery.get();
    if (d != null) {
      send(d, 0);
    }
  }

  @Override
  public void close() {
    storage.close();
    super.close();
  }

  @Override
  protected MockResponse authError(AuthProblem problem) {
    return error(401, "unauthorized", problem == AuthProblem.MISSING ? "Missing bearer key" : "Invalid API key");
  }

  @Override
  protected MockResponse error(int status, String code, String message) {
    return json(status, obj("error", message, "code", code));
  }

  /**
   * The rate limits, per API key: at most {@value #CONCURRENCY_LIMIT} requests in flight and
   * {@link #hourlyLimit(int)} an hour, else 429 with {@code Retry-After}; a key without a plan
   * gets 403; every API answer carries the {@code X-RateLimit-*} headers. Files (the CDN) and
   * cookie-authenticated account calls are not counted.
   */
  @Override
  protected MockResponse around(RecordedRequest recorded, Supplier<MockResponse> answer) {
    String path = recorded.getUrl().encodedPath();
    String key = bearer(recorded);
    if (key == null || !path.startsWith("/api/v1/")) {
      return answer.get();
    }
    AtomicInteger counter = inFlight.computeIfAbsent(key, k -> new AtomicInteger());
    int now = counter.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    try {
      long hour = clock().instant().getEpochSecond() / 3600;
      int count = hourly.computeIfAbsent(key + "|" + hour, k -> new AtomicInteger()).incrementAndGet();
      int limit = hourlyLimit;
      MockResponse response;
      if (now > CONCURRENCY_LIMIT) {
        response = error(429, "rate_limited", "Too many concurrent requests (at most " + CONCURRENCY_LIMIT + ")")
            .newBuilder().setHeader("Retry-After", "1").build();
      } else if (count > limit) {
        long wait = Math.max(1, (hour + 1) * 3600 - clock().instant().getEpochSecond());
        response = error(429, "rate_limited", "Hourly limit of " + limit + " requests reached")
            .newBuilder().setHeader("Retry-After", String.valueOf(wait)).build();
      } else if (noPlanKeys.contains(key)) {
        response = error(403, "plan_required", "The API requires a Pro or Max plan");
      } else {
        response = answer.get();
      }
      return response.newBuilder()
          .setHeader("X-RateLimit-Limit", String.valueOf(limit))
          .setHeader("X-RateLimit-Remaining", String.valueOf(Math.max(0, limit - count)))
          .setHeader("X-RateLimit-Reset", String.valueOf((hour + 1) * 3600))
          .build();
    } finally {
      counter.decrementAndGet();
    }
  }

  private static String bearer(RecordedRequest recorded) {
    String auth = recorded.getHeaders().get("Authorization");
    if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7) || auth.substring(7).isBlank()) {
      return null;
    }
    return auth.substring(7).strip();
  }

  // ----- generations -----

  private MockResponse generate(FakeRequest r) throws InterruptedException {
    Thread.sleep(processingDelay.toMillis());
    String idempotencyKey = r.header("Idempotency-Key");
    String scoped = idempotencyKey == null ? null : r.bearer() + "|" + idempotencyKey;
    if (scoped != null && idempotency.containsKey(scoped)) {
      // the documented replay: the existing row, nothing charged
      FakeTask existing = tasks().get(idempotency.get(scoped)).orElseThrow();
      return json(202, obj("generationId", existing.id(), "status", word(existing)));
    }
    String invalid = validate(r);
    if (invalid != null) {
      return error(400, "invalid_body", invalid);
    }
    if (r.string("prompt").toLowerCase(java.util.Locale.ROOT).contains(blockedWord)) {
      return error(422, "content_policy", "The prompt was blocked by the content policy");
    }
    int n = r.json().get("n") instanceof Number num ? num.intValue() : 1;
    String quality = r.string("quality") == null ? "medium" : r.string("quality");
    BigDecimal cost = PRICES.get(quality).multiply(BigDecimal.valueOf(n));
    if (balance().compareTo(cost) < 0) {
      return error(402, "insufficient_credits", "Not enough credits or monthly compute limit reached");
    }
    FakeTask task = tasks().create("image", r.json());
    if (!charge(task.id(), cost)) {
      return error(402, "insufficient_credits", "Not enough credits or monthly compute limit reached");
    }
    if (scoped != null) {
      String previous = idempotency.putIfAbsent(scoped, task.id());
      if (previous != null) {
        // the same key raced in twice: the later one gives its charge back and answers the first row
        refund(task.id(), cost);
        return json(202, obj("generationId", previous, "status", "queued"));
      }
    }
    return json(202, obj("generationId", task.id(), "status", "queued"));
  }

  private String validate(FakeRequest r) {
    if (!r.isJsonObject()) {
      return "Expected object, received " + r.body();
    }
    String prompt = r.string("prompt");
    if (prompt == null || prompt.isBlank()) {
      return "prompt: Required";
    }
    if (prompt.length() > 4000) {
      return "prompt: String must contain at most 4000 character(s)";
    }
    String type = r.string("type") == null ? "text2img" : r.string("type");
    if (!Set.of("text2img", "edit").contains(type)) {
      return "type: Invalid enum value. Expected 'text2img' | 'edit', received '" + type + "'";
    }
    if (r.string("size") != null && !SIZES.contains(r.string("size"))) {
      return "size: Invalid enum value. Expected '1024x1024' | '1024x1536' | '1536x1024', received '" + r.string("size") + "'";
    }
    if (r.string("quality") != null && !PRICES.containsKey(r.string("quality"))) {
      return "quality: Invalid enum value. Expected 'low' | 'medium' | 'high', received '" + r.string("quality") + "'";
    }
    Object n = r.json().get("n");
    if (n != null && (!(n instanceof Number num) || num.doubleValue() < 1 || num.doubleValue() > 4)) {
      return "n: Number must be between 1 and 4";
    }
    List<?> keys = r.list("inputImageKeys");
    if (keys.size() > 4) {
      return "inputImageKeys: Array must contain at most 4 element(s)";
    }
    if (type.equals("edit") && keys.isEmpty()) {
      return "inputImageKeys: Required for type 'edit'";
    }
    for (Object k : keys) {
      if (!uploads.containsKey(k)) {
        return "inputImageKeys: unknown key " + k;
      }
    }
    return null;
  }

  private MockResponse generation(String id) {
    return tasks().poll(id).map(t -> json(200, generationBody(t)))
        .orElseGet(() -> error(404, "not_found", "Generation not found"));
  }

  private static String word(FakeTask t) {
    return switch (t.status()) {
      case QUEUED -> "queued";
      case RUNNING -> "running";
      case SUCCEEDED -> "succeeded";
      case BLOCKED -> "blocked";
      default -> "failed";
    };
  }

  private Map<String, Object> generationBody(FakeTask t) {
    Object n = t.request().get("n");
    String quality = t.request().get("quality") instanceof String q ? q : "medium";
    BigDecimal cost = PRICES.getOrDefault(quality, new BigDecimal("2"))
        .multiply(BigDecimal.valueOf(n instanceof Number num ? num.intValue() : 1));
    return obj("id", t.id(), "status", word(t), "type", t.request().getOrDefault("type", "text2img"),
        "outputs", t.status() == OperationStatus.SUCCEEDED ? t.result() : List.of(),
        "error", t.failure(), "costCredits", cost,
        "createdAt", t.createdAt().toString(),
        "completedAt", t.completedAt() == null ? null : t.completedAt().toString());
  }

  @Override
  protected void taskFinished(FakeTask task) {
    String[] size = (task.request().get("size") instanceof String s ? s : "1024x1024").split("x");
    if (task.status() == OperationStatus.SUCCEEDED) {
      int n = task.request().get("n") instanceof Number num ? num.intValue() : 1;
      List<Map<String, Object>> outputs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        // small real images; width and height report the requested size, as the vendor does
        byte[] png = TestMedia.png(48, 32, task.id().hashCode() + i);
        outputs.add(obj("png", storeFile(png, "image/png", "png"),
            "webp", storeFile(png, "image/webp", "webp"),
            "width", Integer.parseInt(size[0]), "height", Integer.parseInt(size[1])));
      }
      task.result(outputs);
    } else {
      refund(task.id(), new BigDecimal(generationBody(task).get("costCredits").toString()));
    }
    Map<String, Object> body = generationBody(task);
    Map<String, Object> data = obj("generationId", task.id(), "type", body.get("type"), "status", body.get("status"),
        "outputs", body.get("outputs"), "createdAt", body.get("createdAt"), "completedAt", body.get("completedAt"));
    String event = task.status() == OperationStatus.SUCCEEDED ? "generation.succeeded" : "generation.failed";
    String json = Json.toJson(obj("event", event, "data", data));
    for (Webhook w : webhooks.values()) {
      if (w.events().contains(event) && !w.disabled().get()) {
        Delivery d = new Delivery(w, UUID.randomUUID().toString(), event, json);
        lastDelivery.set(d);
        send(d, 0);
      }
    }
  }

  private void send(Delivery d, int attempt) {
    Map<String, String> headers = Map.of("X-Gptimg-Event", d.event(),
        "X-Gptimg-Signature", d.webhook().signer().sign(d.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        "X-Gptimg-Delivery", d.id());
    deliverCallback(d.webhook().url(), headers, d.body(), status -> {
      if (status >= 200 && status <= 299) {
        d.webhook().failuresInARow().set(0);
        return;
      }
      if (d.webhook().failuresInARow().incrementAndGet() >= WEBHOOK_FAILURES_BEFORE_DISABLING) {
        d.webhook().disabled().set(true);
        return;
      }
      if (attempt < webhookBackoff.size()) {
        SCHEDULER.schedule(() -> send(d, attempt + 1),
            webhookBackoff.get(attempt).toMillis(), TimeUnit.MILLISECONDS);
      }
    });
  }

  // ----- uploads -----

  private MockResponse upload(FakeRequest r) {
    String filename = r.string("filename");
    String contentType = r.string("contentType");
    Object size = r.json().get("size");
    if (filename == null || filename.isBlank() || filename.length() > 200) {
      return error(400, "invalid_body", "filename: String must contain between 1 and 200 character(s)");
    }
    if (!CONTENT_TYPES.contains(contentType)) {
      return error(400, "invalid_body", "contentType: Invalid enum value. Expected 'image/png' | 'image/jpeg' | 'image/webp'");
    }
    if (!(size instanceof Number n) || n.longValue() < 1 || n.longValue() > 10L * 1024 * 1024) {
      return error(400, "invalid_body", "size: Number must be less than or equal to 10485760");
    }
    String key = "uploads/" + UUID.randomUUID() + "/" + filename.replaceAll("[^A-Za-z0-9._-]", "_");
    String token = UUID.randomUUID().toString().replace("-", "");
    pendingUploads.put(token, new PendingUpload(contentType, ((Number) size).longValue()));
    String url = storage.url("/bucket/" + key).newBuilder().addQueryParameter("X-Amz-Signature", token)
        .addQueryParameter("X-Amz-Expires", "300").addQueryParameter("key", key).build().toString();
    return json(200, obj("url", url, "key", key));
  }

  private void startStorage() {
    storage.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        MockResponse response = store(request);
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        for (String name : request.getHeaders().names()) {
          headers.put(name.toLowerCase(java.util.Locale.ROOT), request.getHeaders().get(name));
        }
        storageRequests.add(new StorageRequest(request.getMethod(), request.getUrl().encodedPath(), headers,
            request.getBodySize(), response.getCode()));
        return response;
      }
    });
    storage.setBodyLimit(Long.MAX_VALUE);
    try {
      storage.start(InetAddress.getLoopbackAddress(), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the gptimage2 storage fake", e);
    }
  }

  /** The storage host: a presigned PUT with the signed content type and size, and no other credential. */
  private MockResponse store(RecordedRequest request) {
    String token = request.getUrl().queryParameter("X-Amz-Signature");
    String key = request.getUrl().queryParameter("key");
    PendingUpload pending = token == null ? null : pendingUploads.get(token);
    if (!"PUT".equals(request.getMethod()) || pending == null || key == null) {
      return storageError(403, "SignatureDoesNotMatch");
    }
    if (request.getHeaders().get("Authorization") != null) {
      return storageError(400, "InvalidArgument: only one auth mechanism allowed");
    }
    String type = request.getHeaders().get("Content-Type");
    if (type == null || !type.split(";")[0].strip().equalsIgnoreCase(pending.contentType())) {
      return storageError(403, "SignatureDoesNotMatch: content type");
    }
    byte[] body = request.getBody() == null ? new byte[0] : request.getBody().toByteArray();
    if (body.length != pending.size()) {
      return storageError(400, "IncompleteBody");
    }
    pendingUploads.remove(token);
    uploads.put(key, body);
    return new MockResponse.Builder().code(200).setHeader("ETag", "\"" + Integer.toHexString(body.length) + "\"").build();
  }

  private static MockResponse storageError(int status, String code) {
    return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/xml")
        .body("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code></Error>").build();
  }

  /** {@return the storage host's base URL (where presigned uploads go)} */
  public String storageUrl() {
    String url = storage.url("/").toString();
    return url.substring(0, url.length() - 1);
  }

  // ----- webhooks -----

  private MockResponse registerWebhook(FakeRequest r) {
    String cookie = r.header("Cookie");
    if (cookie == null || !cookie.contains(sessionCookie)) {
      return error(401, "unauthorized", "Sign in first");
    }
    String url = r.string("url");
    List<?> events = r.list("events");
    if (url == null || events.isEmpty()) {
      return error(400, "invalid_body", "url and events are required");
    }
    String id = "wh_" + UUID.randomUUID().toString().substring(0, 8);
    String secret = "whsec_" + UUID.randomUUID().toString().replace("-", "");
    webhooks.put(id, new Webhook(id, url, events, WebhookVerifier.hmacSha256("gptimage2", Secret.of(secret)),
        new AtomicInteger(), new java.util.concurrent.atomic.AtomicBoolean()));
    return json(200, obj("id", id, "secret", secret));
  }
}
