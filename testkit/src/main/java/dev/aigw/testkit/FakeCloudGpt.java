package dev.aigw.testkit;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import mockwebserver3.MockResponse;
import okio.Buffer;

/**
 * A fake of CloudGPT that follows its documentation: keys {@code cgpt_…}, an anonymous tier (no
 * key at all) with lower per-minute limits, OpenAI-style chat on {@code /api/chat} (streamed as
 * SSE chunk by chunk), images on {@code /api/image} answered with the image's bytes (a real PNG or
 * JPEG at the requested size, the same picture for the same seed), videos on {@code /api/video}
 * answered with MP4 bytes (a real small MP4, or a generated MP4-shaped body of any length streamed
 * without being held in memory), the three model catalogues, and key management on {@code
 * /api/keys}.
 *
 * <p>Every answer of chat, image and video carries {@code X-RateLimit-Remaining} and {@code
 * X-RateLimit-Reset} (a Unix timestamp, the end of the current one-minute window); past the limit
 * the answer is 429. The limits are the documented ones ({@link #ANONYMOUS_LIMITS}, {@link
 * #KEYED_LIMITS}) unless {@link #rateLimit} changes them. Errors have the documented shape {@code
 * {error:{message, type, code}}}, or the plain {@code {error:"…", details:"…"}} some deployments
 * answer with, after {@link #errorStyle(ErrorStyle)}.
 *
 * <p>Not documented by CloudGPT, chosen here: widths and heights go up to 4096 pixels; deleting an
 * unknown key is a 404; a deleted key is refused with 401 {@code invalid_api_key}.
 *
 * <p>{@link #startDeployed()} starts it in {@link Mode#DEPLOYED} mode instead, answering as the
 * CloudGPT server code really deployed does where it departs from its own document:
 *
 * <ul>
 *   <li>key management ({@code /api/keys}) takes the dashboard's session token ({@link
 *       #sessionToken()}, a bearer JWT), not a {@code cgpt_} key: a {@code cgpt_} key gets an empty
 *       500, no token a 401 {@code {"error":"Unauthorized"}}, another token a 401 {@code
 *       {"error":"Invalid token"}};
 *   <li>the key list is {@code {"keys":[{id, name, keyPreview, createdAt}]}} and a created key
 *       {@code {id:<uuid>, key, name, createdAt:<ISO string>, message}};
 *   <li>a key is deleted by {@code DELETE /api/keys} with the body {@code {"id"}}, answered {@code
 *       {"success":true}}; {@code /api/keys/{id}} is the framework's HTML 404 page;
 *   <li>the video endpoint reads {@code aspectRatio} (a string such as {@code "16:9"}) and ignores
 *       {@code width} and {@code height};
 *   <li>the catalogues carry the provider only in {@code owned_by};
 *   <li>an upstream refusal of an image or video ({@link #refuseNextMedia}) is a 200 with {@code
 *       {"error":"…"}};
 *   <li>{@code X-RateLimit-Remaining} counts down from 60 whatever the endpoint's real limit, {@code
 *       X-RateLimit-Reset} is in epoch milliseconds, and only successful plain answers and 429s
 *       carry them — no stream, model list or other error does.
 * </ul>
 */
public final class FakeCloudGpt extends FakeGateway {

  /** How errors are written. */
  public enum ErrorStyle {
    /** The documented {@code {"error":{"message":…,"type":…,"code":…}}}. */
    DOCUMENTED,
    /** A plain {@code {"error":"…","details":"…"}}, as some deployments answer. */
    PLAIN
  }

  /** Which CloudGPT the fake plays. */
  public enum Mode {
    /** CloudGPT as its documentation describes it. */
    DOCUMENTED,
    /** CloudGPT as its server code is really deployed (see the class comment). */
    DEPLOYED
  }

  /** What the deployed server counts {@code X-RateLimit-Remaining} down from, whatever the real limit. */
  public static final int DEPLOYED_REMAINING_BASE = 60;

  /** Requests per minute without a key, by endpoint ({@code chat}, {@code image}, {@code video}). */
  public static final Map<String, Integer> ANONYMOUS_LIMITS = Map.of("chat", 10, "image", 5, "video", 2);
  /** Requests per minute with a key, by endpoint. */
  public static final Map<String, Integer> KEYED_LIMITS = Map.of("chat", 60, "image", 30, "video", 10);
  /** The widest or tallest image or video the fake makes. */
  public static final int MAX_SIDE = 4096;

  private static final String POLLINATIONS = "pollinations";
  private static final String MAPLEAI = "mapleai";

  /** The documented chat models: id, name, provider, description. */
  private static final List<List<String>> CHAT_MODELS = List.of(
      List.of("openai", "OpenAI GPT-4o", POLLINATIONS, "OpenAI GPT-4o model"),
      List.of("openai-fast", "GPT-4o Mini", POLLINATIONS, "GPT-4o Mini"),
      List.of("openai-large", "GPT-4.5", POLLINATIONS, "GPT-4.5"),
      List.of("claude", "Claude 3.5 Sonnet", POLLINATIONS, "Claude 3.5 Sonnet"),
      List.of("claude-fast", "Claude 3 Haiku", POLLINATIONS, "Claude 3 Haiku"),
      List.of("gemini", "Gemini 2.0 Flash", POLLINATIONS, "Gemini 2.0 Flash"),
      List.of("gemini-large", "Gemini 2.5 Pro", POLLINATIONS, "Gemini 2.5 Pro"),
      List.of("deepseek", "DeepSeek V3", POLLINATIONS, "DeepSeek V3"),
      List.of("grok", "Grok 3", POLLINATIONS, "Grok 3"),
      List.of("mistral", "Mistral Large", POLLINATIONS, "Mistral Large"),
      List.of("qwen-coder", "Qwen 2.5 Coder", POLLINATIONS, "Qwen 2.5 Coder"),
      List.of("perplexity-fast", "Perplexity Fast", POLLINATIONS, "Perplexity Fast"),
      List.of("perplexity-reasoning", "Perplexity Reasoning", POLLINATIONS, "Perplexity Reasoning"),
      List.of("kimi-k2-thinking", "Kimi K2 Thinking", POLLINATIONS, "Kimi K2 Thinking"),
      List.of("nova-micro", "Nova Micro", POLLINATIONS, "Nova Micro"),
      List.of("chickytutor", "ChickyTutor", POLLINATIONS, "ChickyTutor"),
      List.of("midijourney", "Midijourney", POLLINATIONS, "Midijourney"),
      List.of("mapleai-gpt4o", "MapleAI GPT-4o", MAPLEAI, "GPT-4o via MapleAI"),
      List.of("mapleai-claude", "MapleAI Claude", MAPLEAI, "Claude via MapleAI"),
      List.of("mapleai-gemini", "MapleAI Gemini", MAPLEAI, "Gemini via MapleAI"));

  /** The documented image models: id, name, provider, description. */
  private static final List<List<String>> IMAGE_MODELS = List.of(
      List.of("kontext", "Kontext", POLLINATIONS, "FLUX.1 Kontext - In-context editing"),
      List.of("turbo", "Turbo", POLLINATIONS, "SDXL Turbo - Real-time generation"),
      List.of("nanobanana", "Nanobanana", POLLINATIONS, "Gemini 2.5 Flash Image"),
      List.of("nanobanana-pro", "Nanobanana Pro", POLLINATIONS, "Gemini 3 Pro Image (4K)"),
      List.of("seedream", "Seedream", POLLINATIONS, "ByteDance ARK (better quality)"),
      List.of("seedream-pro", "Seedream Pro", POLLINATIONS, "ByteDance ARK (4K, Multi-Image)"),
      List.of("gptimage", "GPT Image", POLLINATIONS, "OpenAI image generation"),
      List.of("gptimage-large", "GPT Image Large", POLLINATIONS, "OpenAI advanced image generation"),
      List.of("flux", "Flux", POLLINATIONS, "High quality image generation"),
      List.of("zimage", "Z-Image", POLLINATIONS, "Fast 6B Flux with 2x upscaling"),
      List.of("mapleai-dalle", "MapleAI DALL-E", MAPLEAI, "DALL-E via MapleAI"),
      List.of("mapleai-flux", "MapleAI Flux", MAPLEAI, "Flux via MapleAI"));

  /** The documented video models: id, name, provider, description, max duration in seconds. */
  private static final List<List<String>> VIDEO_MODELS = List.of(
      List.of("veo", "Veo", POLLINATIONS, "Google Veo video generation", "8"),
      List.of("seedance", "Seedance", POLLINATIONS, "Seedance video generation", "10"),
      List.of("seedance-pro", "Seedance Pro", POLLINATIONS, "Seedance Pro video generation", "10"),
      List.of("mapleai-veo", "MapleAI Veo", MAPLEAI, "Veo via MapleAI", "8"));

  /** A key the fake issued through {@code POST /api/keys} (or its default key). */
  private static final class IssuedKey {
    final String id;
    final String name;
    final String key;
    final Instant created;
    volatile Instant lastUsed;

    IssuedKey(String id, String name, String key, Instant created) {
      this.id = id;
      this.name = name;
      this.key = key;
      this.created = created;
    }
  }

  /** One caller's requests to one endpoint in the current minute. */
  private static final class Window {
    Instant start;
    int used;
  }

  private final Map<String, IssuedKey> issued = new LinkedHashMap<>(); // guarded by itself
  private final Map<String, Window> windows = new ConcurrentHashMap<>();
  private final Map<String, Integer> anonymousLimits = new ConcurrentHashMap<>(ANONYMOUS_LIMITS);
  private final Map<String, Integer> keyedLimits = new ConcurrentHashMap<>(KEYED_LIMITS);
  private volatile ErrorStyle errorStyle = ErrorStyle.DOCUMENTED;
  private volatile String chatReply;
  private volatile String imageType = "image/png";
  private volatile String imageLabel;
  private volatile long videoBytes = -1;
  private volatile boolean mediaAsJson;
  private final java.util.Queue<String> mediaRefusals = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final Mode mode;
  private final String sessionToken;

  private FakeCloudGpt(Mode mode) {
    super("cloudgpt", "cgpt_", BigDecimal.ZERO);
    this.mode = mode;
    this.sessionToken = jwt();
    issue(mode == Mode.DEPLOYED ? UUID.randomUUID().toString() : "key_default", "Default key", apiKey());
    routeAllowingAnonymous("POST", "/api/chat", r -> limited("chat", r, this::chat));
    routeAllowingAnonymous("POST", "/api/image", r -> limited("image", r, this::image));
    routeAllowingAnonymous("POST", "/api/video", r -> limited("video", r, this::video));
    routeAllowingAnonymous("GET", "/api/models/chat", r -> touched(r, models(CHAT_MODELS)));
    routeAllowingAnonymous("GET", "/api/models/image", r -> touched(r, models(IMAGE_MODELS)));
    routeAllowingAnonymous("GET", "/api/models/video", r -> touched(r, models(VIDEO_MODELS)));
    if (mode == Mode.DEPLOYED) {
      publicRoute("POST", "/api/keys", r -> bySession(r, () -> createKey(r)));
      publicRoute("GET", "/api/keys", r -> bySession(r, this::listKeys));
      publicRoute("DELETE", "/api/keys", r -> bySession(r, () -> deleteKey(r.string("id"))));
      for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE")) {
        publicRoute(method, "/api/keys/.+", r -> htmlNotFound());
      }
    } else {
      route("POST", "/api/keys", r -> touched(r, createKey(r)));
      route("GET", "/api/keys", r -> touched(r, listKeys()));
      route("DELETE", "/api/keys/(?<id>[^/]+)", r -> touched(r, deleteKey(r.pathParam("id"))));
    }
  }

  /**
   * Starts a fake of the documented CloudGPT on a free loopback port.
   *
   * @return the running fake; close it to stop it
   */
  public static FakeCloudGpt start() {
    return start(Mode.DOCUMENTED);
  }

  /**
   * Starts a fake of CloudGPT as really deployed (see the class comment) on a free loopback port.
   *
   * @return the running fake; close it to stop it
   */
  public static FakeCloudGpt startDeployed() {
    return start(Mode.DEPLOYED);
  }

  /**
   * Starts a fake playing {@code mode} on a free loopback port.
   *
   * @param mode the documented or the deployed CloudGPT
   * @return the running fake
   */
  public static FakeCloudGpt start(Mode mode) {
    FakeCloudGpt fake = new FakeCloudGpt(java.util.Objects.requireNonNull(mode, "mode"));
    fake.startServer();
    return fake;
  }

  /**
   * Which CloudGPT this fake plays.
   *
   * @return the mode it was started in
   */
  public Mode mode() {
    return mode;
  }

  /**
   * The dashboard's session token (a JWT), which key management takes in {@link Mode#DEPLOYED}
   * mode (the documented mode takes the API key there, and ignores this).
   *
   * @return the token, to be sent as {@code Authorization: Bearer <token>}
   */
  public String sessionToken() {
    return sessionToken;
  }

  /**
   * The next image or video request is refused by the upstream provider with {@code message}: in
   * {@link Mode#DEPLOYED} mode a 200 with {@code {"error": message}}, as the deployed server
   * answers; in the documented mode a 400 in the documented shape with code {@code
   * content_policy_violation} when the words are about content policy or safety, else a 502 with
   * code {@code upstream_error}. Calls queue up: each takes the next message.
   *
   * @param message the upstream's words
   * @return this fake
   */
  public FakeCloudGpt refuseNextMedia(String message) {
    mediaRefusals.add(java.util.Objects.requireNonNull(message, "message"));
    return this;
  }

  /**
   * The chat reply (by default the fake echoes the last user message).
   *
   * @param reply the text every chat answers
   * @return this fake
   */
  public FakeCloudGpt chatReply(String reply) {
    this.chatReply = reply;
    return this;
  }

  /**
   * How errors are written from now on.
   *
   * @param style the documented or the plain shape
   * @return this fake
   */
  public FakeCloudGpt errorStyle(ErrorStyle style) {
    this.errorStyle = java.util.Objects.requireNonNull(style, "style");
    return this;
  }

  /**
   * The format of the images made from now on: {@code image/png} (the default) or {@code
   * image/jpeg}; the bytes and the {@code Content-Type} agree.
   *
   * @param contentType {@code image/png} or {@code image/jpeg}
   * @return this fake
   */
  public FakeCloudGpt imagesAs(String contentType) {
    if (!Set.of("image/png", "image/jpeg").contains(contentType)) {
      throw new IllegalArgumentException("image/png or image/jpeg, was " + contentType);
    }
    this.imageType = contentType;
    return this;
  }

  /**
   * Sends images with this {@code Content-Type} whatever their bytes are (a mislabelling server),
   * or with their true type again when {@code null}.
   *
   * @param contentType the type to claim, or {@code null}
   * @return this fake
   */
  public FakeCloudGpt imageContentType(String contentType) {
    this.imageLabel = contentType;
    return this;
  }

  /**
   * Videos from now on are an MP4-shaped body of exactly {@code bytes} bytes, generated as it is
   * sent (nothing of that size is held in memory); a value of 0 or less restores the real
   * one-second sample MP4.
   *
   * @param bytes the size of each video
   * @return this fake
   */
  public FakeCloudGpt videoSize(long bytes) {
    if (bytes > 0) {
      new Mp4Body(bytes); // checks the length now rather than on the server thread
    }
    this.videoBytes = bytes;
    return this;
  }

  /**
   * When {@code true}, image and video requests are answered {@code 200} with a JSON body instead
   * of the media, as a misbehaving deployment might.
   *
   * @param value whether to answer media requests with JSON
   * @return this fake
   */
  public FakeCloudGpt mediaAsJson(boolean value) {
    this.mediaAsJson = value;
    return this;
  }

  /**
   * Changes the per-minute limit of {@code endpoint} ({@code chat}, {@code image} or {@code
   * video}) for anonymous and keyed callers.
   *
   * @param endpoint {@code chat}, {@code image} or {@code video}
   * @param anonymousPerMinute requests a minute without a key
   * @param keyedPerMinute requests a minute with a key
   * @return this fake
   */
  public FakeCloudGpt rateLimit(String endpoint, int anonymousPerMinute, int keyedPerMinute) {
    if (!ANONYMOUS_LIMITS.containsKey(endpoint)) {
      throw new IllegalArgumentException("chat, image or video, was " + endpoint);
    }
    anonymousLimits.put(endpoint, anonymousPerMinute);
    keyedLimits.put(endpoint, keyedPerMinute);
    return this;
  }

  /** Starts every caller's rate-limit window afresh. */
  public void resetRateLimits() {
    windows.clear();
  }

  /**
   * {@return the ids of the keys that exist now, oldest first (the default key is {@code key_default})}
   */
  public List<String> keyIds() {
    synchronized (issued) {
      return List.copyOf(issued.keySet());
    }
  }

  @Override
  protected MockResponse authError(AuthProblem problem) {
    return switch (problem) {
      case MISSING -> error(401, "missing_api_key", "API key is required");
      case INVALID -> error(401, "invalid_api_key", "Invalid API key");
      case INACTIVE -> error(401, "invalid_api_key", "API key has been deleted");
    };
  }

  @Override
  protected MockResponse error(int status, String code, String message) {
    return error(status, code, message, null);
  }

  private MockResponse error(int status, String code, String message, String details) {
    if (errorStyle == ErrorStyle.PLAIN) {
      return json(status, obj("error", message, "details", details));
    }
    String type = status == 429 ? "rate_limit_error" : status >= 500 ? "server_error" : "invalid_request_error";
    return json(status, obj("error", obj("message", message, "type", type, "code", code)));
  }

  private MockResponse invalid(String message) {
    return error(400, "invalid_request", message);
  }

  // ----- keys and limits -----

  private void issue(String id, String name, String key) {
    synchronized (issued) {
      issued.put(id, new IssuedKey(id, name, key, clock().instant()));
    }
  }

  /** Records when the caller's key was last used, and returns {@code response}. */
  private MockResponse touched(FakeRequest r, MockResponse response) {
    String key = r.bearer();
    if (key != null) {
      synchronized (issued) {
        issued.values().stream().filter(k -> k.key.equals(key)).forEach(k -> k.lastUsed = clock().instant());
      }
    }
    return response;
  }

  private MockResponse limited(String endpoint, FakeRequest r, Handler handler) throws Exception {
    String caller = r.bearer() == null ? "anonymous" : r.bearer();
    int limit = (r.bearer() == null ? anonymousLimits : keyedLimits).get(endpoint);
    Instant now = clock().instant();
    int remaining;
    Instant reset;
    Window w = windows.computeIfAbsent(caller + " " + endpoint, k -> new Window());
    synchronized (w) {
      if (w.start == null || !now.isBefore(w.start.plus(Duration.ofMinutes(1)))) {
        w.start = now;
        w.used = 0;
      }
      reset = w.start.plus(Duration.ofMinutes(1));
      if (w.used >= limit) {
        remaining = -1;
      } else {
        w.used++;
        remaining = limit - w.used;
      }
    }
    long resetSeconds = (reset.toEpochMilli() + 999) / 1000;
    MockResponse response;
    boolean limitedNow = remaining < 0;
    if (limitedNow) {
      long wait = Math.max(1, resetSeconds - now.getEpochSecond());
      response = error(429, "rate_limit_exceeded", "Rate limit exceeded",
          (r.bearer() == null ? "Anonymous" : "Authenticated") + " users may make " + limit + " " + endpoint
              + " requests per minute; try again in " + wait + " seconds");
      remaining = 0;
    } else {
      response = touched(r, handler.handle(r));
    }
    if (mode == Mode.DEPLOYED) {
      // counted down from 60 whatever the real limit, reset in epoch milliseconds, and only on a
      // 429 or a plain successful answer (no stream, no other error)
      boolean stream = "text/event-stream".equals(response.getHeaders().get("Content-Type"));
      if (!limitedNow && (response.getCode() != 200 || stream)) {
        return response;
      }
      long used = limit - remaining;
      return response.newBuilder()
          .setHeader("X-RateLimit-Remaining", Math.max(0, DEPLOYED_REMAINING_BASE - used))
          .setHeader("X-RateLimit-Reset", reset.toEpochMilli()).build();
    }
    return response.newBuilder().setHeader("X-RateLimit-Remaining", remaining)
        .setHeader("X-RateLimit-Reset", resetSeconds).build();
  }

  /** Runs {@code handler} when the caller presents the dashboard session token (deployed key management). */
  private MockResponse bySession(FakeRequest r, java.util.concurrent.Callable<MockResponse> handler) throws Exception {
    String token = r.bearer();
    if (token == null) {
      return json(401, obj("error", "Unauthorized"));
    }
    if (token.startsWith("cgpt_")) {
      // the deployed route verifies the bearer as a session JWT and fails on an API key: an empty 500
      return new MockResponse.Builder().code(500).build();
    }
    if (!token.equals(sessionToken)) {
      return json(401, obj("error", "Invalid token"));
    }
    return handler.call();
  }

  /** The deployed framework's page for a path it has no route for. */
  private static MockResponse htmlNotFound() {
    return new MockResponse.Builder().code(404).setHeader("Content-Type", "text/html; charset=utf-8")
        .body("<!DOCTYPE html><html><head><title>404: This page could not be found.</title></head>"
            + "<body><h1>404</h1><h2>This page could not be found.</h2></body></html>").build();
  }

  /** A JWT-shaped session token (header.payload.signature, base64url). */
  private static String jwt() {
    java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
    String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String payload = b64.encodeToString(("{\"sub\":\"" + UUID.randomUUID() + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String signature = b64.encodeToString(UUID.randomUUID().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return header + "." + payload + "." + signature;
  }

  private MockResponse createKey(FakeRequest r) {
    String name = r.string("name");
    boolean deployed = mode == Mode.DEPLOYED;
    if (name == null || name.isBlank()) {
      return deployed ? json(400, obj("error", "Name is required")) : invalid("name is required");
    }
    String key = newKey();
    String id = deployed ? UUID.randomUUID().toString()
        : "key_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    issue(id, name, key);
    Instant now = issuedAt(id);
    if (deployed) {
      return json(200, obj("id", id, "key", key, "name", name, "createdAt", now.toString(),
          "message", "API key created successfully. Make sure to copy it now - you won't be able to see it again!"));
    }
    return json(200, obj("id", id, "key", key, "name", name, "created", now.getEpochSecond()));
  }

  private Instant issuedAt(String id) {
    synchronized (issued) {
      return issued.get(id).created;
    }
  }

  private MockResponse listKeys() {
    List<Map<String, Object>> data = new ArrayList<>();
    synchronized (issued) {
      for (IssuedKey k : issued.values()) {
        data.add(mode == Mode.DEPLOYED
            ? obj("id", k.id, "name", k.name, "keyPreview", k.key.substring(0, 12) + "...", "createdAt", k.created.toString())
            : obj("id", k.id, "name", k.name, "prefix", k.key.substring(0, 8) + "...", "created", k.created.getEpochSecond(),
                "lastUsed", k.lastUsed == null ? null : k.lastUsed.getEpochSecond()));
      }
    }
    return json(200, mode == Mode.DEPLOYED ? obj("keys", data) : obj("data", data));
  }

  private MockResponse deleteKey(String id) {
    boolean deployed = mode == Mode.DEPLOYED;
    if (deployed && (id == null || id.isBlank())) {
      return json(400, obj("error", "Key ID is required"));
    }
    IssuedKey removed;
    synchronized (issued) {
      removed = issued.remove(id);
    }
    if (removed == null) {
      return deployed ? json(404, obj("error", "API key not found"))
          : error(404, "key_not_found", "API key not found: " + id);
    }
    deactivate(removed.key);
    return json(200, deployed ? obj("success", true) : obj("deleted", true, "id", id));
  }

  // ----- models -----

  private MockResponse models(List<List<String>> table) {
    boolean deployed = mode == Mode.DEPLOYED;
    List<Map<String, Object>> data = new ArrayList<>();
    for (List<String> m : table) {
      data.add(obj("id", m.get(0), "object", deployed ? "model" : null, "name", m.get(1),
          deployed ? "owned_by" : "provider", m.get(2), "description", m.get(3),
          "maxDuration", m.size() > 4 ? Integer.valueOf(m.get(4)) : null));
    }
    return json(200, obj("object", "list", "data", data));
  }

  /** The next queued upstream refusal of an image or video, as this mode answers it; {@code null} when none. */
  private MockResponse mediaRefusal() {
    String message = mediaRefusals.poll();
    if (message == null) {
      return null;
    }
    if (mode == Mode.DEPLOYED) {
      return json(200, obj("error", message));
    }
    boolean policy = message.toLowerCase(java.util.Locale.ROOT).matches("(?s).*(content|safety|policy|moderat).*");
    return policy ? error(400, "content_policy_violation", message) : error(502, "upstream_error", message);
  }

  private static List<String> find(List<List<String>> table, String id) {
    return table.stream().filter(m -> m.get(0).equals(id)).findFirst().orElse(null);
  }

  private MockResponse unknownModel(String kind, String model, List<List<String>> table) {
    return error(400, "model_not_found", "Unknown " + kind + " model: " + model,
        "Available " + kind + " models: " + String.join(", ", table.stream().map(m -> m.get(0)).toList()));
  }

  // ----- chat -----

  private MockResponse chat(FakeRequest r) {
    MockResponse invalid = checkChat(r);
    return invalid != null ? invalid : openAiChat(r, chatReply != null ? chatReply : "You said: " + lastUserMessage(r));
  }

  private MockResponse checkChat(FakeRequest r) {
    if (!r.isJsonObject()) {
      return invalid("Body must be a JSON object");
    }
    String model = r.string("model");
    if (model == null) {
      return invalid("model is required");
    }
    if (find(CHAT_MODELS, model) == null) {
      return unknownModel("chat", model, CHAT_MODELS);
    }
    if (r.list("messages").isEmpty()) {
      return invalid("messages must be a non-empty array");
    }
    for (Object m : r.list("messages")) {
      if (!(m instanceof Map<?, ?> map) || !(map.get("role") instanceof String) || !(map.get("content") instanceof String)) {
        return invalid("each message needs a role and a content");
      }
    }
    Object t = r.json().get("temperature");
    if (t != null && (!(t instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() > 2)) {
      return invalid("temperature must be a number between 0 and 2");
    }
    Object max = r.json().get("max_tokens");
    if (max != null && !isWhole(max, 1, Integer.MAX_VALUE)) {
      return invalid("max_tokens must be a positive integer");
    }
    return null;
  }

  // ----- images and videos -----

  private static boolean isWhole(Object value, double min, double max) {
    return value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
        && n.doubleValue() >= min && n.doubleValue() <= max;
  }

  /** Checks prompt, model and the integer fields; {@code null} when the request is fine. */
  private MockResponse checkMedia(FakeRequest r, String kind, List<List<String>> table, List<String> integers) {
    if (r.string("prompt") == null || r.string("prompt").isBlank()) {
      return invalid("prompt is required");
    }
    String model = r.string("model");
    if (model == null) {
      return invalid("model is required");
    }
    if (find(table, model) == null) {
      return unknownModel(kind, model, table);
    }
    for (String field : integers) {
      Object v = r.json().get(field);
      double max = field.equals("seed") ? Long.MAX_VALUE : MAX_SIDE;
      double min = field.equals("seed") ? Long.MIN_VALUE : 1;
      if (v != null && !isWhole(v, min, max)) {
        return invalid(field + " must be an integer" + (field.equals("seed") ? "" : " from 1 to " + MAX_SIDE));
      }
    }
    return null;
  }

  private MockResponse jsonInsteadOfMedia(String kind) {
    return json(200, obj("status", "queued", "message", "Your " + kind + " is being generated"));
  }

  private MockResponse image(FakeRequest r) {
    MockResponse invalid = checkMedia(r, "image", IMAGE_MODELS, List.of("width", "height", "seed"));
    if (invalid != null) {
      return invalid;
    }
    MockResponse refusal = mediaRefusal();
    if (refusal != null) {
      return refusal;
    }
    if (mediaAsJson) {
      return jsonInsteadOfMedia("image");
    }
    int width = intOr(r.json().get("width"), 1024);
    int height = intOr(r.json().get("height"), 1024);
    Object seedValue = r.json().get("seed");
    int seed = seedValue instanceof Number n ? Long.hashCode(n.longValue()) : (int) System.nanoTime();
    String type = imageType;
    byte[] bytes = type.equals("image/jpeg") ? TestMedia.jpeg(width, height, seed) : TestMedia.png(width, height, seed);
    String label = imageLabel != null ? imageLabel : type;
    return new MockResponse.Builder().code(200).setHeader("Content-Type", label).body(new Buffer().write(bytes)).build();
  }

  private MockResponse video(FakeRequest r) {
    boolean deployed = mode == Mode.DEPLOYED;
    // the deployed server reads aspectRatio and never looks at width or height
    MockResponse invalid = checkMedia(r, "video", VIDEO_MODELS, deployed ? List.of() : List.of("width", "height"));
    if (invalid != null) {
      return invalid;
    }
    Object ratio = r.json().get("aspectRatio");
    if (deployed && ratio != null && !(ratio instanceof String s && s.matches("[1-9][0-9]*:[1-9][0-9]*"))) {
      return invalid("aspectRatio must be a ratio such as \"16:9\"");
    }
    int maxDuration = Integer.parseInt(find(VIDEO_MODELS, r.string("model")).get(4));
    Object duration = r.json().get("duration");
    if (duration != null && !isWhole(duration, 1, maxDuration)) {
      return invalid("duration must be an integer from 1 to " + maxDuration + " seconds for " + r.string("model"));
    }
    MockResponse refusal = mediaRefusal();
    if (refusal != null) {
      return refusal;
    }
    if (mediaAsJson) {
      return jsonInsteadOfMedia("video");
    }
    long size = videoBytes;
    MockResponse.Builder b = new MockResponse.Builder().code(200).setHeader("Content-Type", "video/mp4");
    return (size > 0 ? b.body(new Mp4Body(size)) : b.body(new Buffer().write(TestMedia.mp4()))).build();
  }

  private static int intOr(Object value, int fallback) {
    return value instanceof Number n ? n.intValue() : fallback;
  }
}
