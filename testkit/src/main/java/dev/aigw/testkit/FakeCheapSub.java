package dev.aigw.testkit;

import dev.aigw.core.media.DataUrl;
import dev.aigw.core.operation.OperationStatus;
import dev.aigw.core.spi.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mockwebserver3.MockResponse;

/**
 * A fake of CheapSub that follows its documentation: keys {@code csk_…} (401 without a key, 403
 * for an invalid or inactive one), the model list, OpenAI-style chat (streamed as SSE chunk by
 * chunk), asynchronous images and videos polled on {@code /api/v1/task} in the two documented
 * answer shapes, {@code callback_url} delivery when a task ends, and the Gemini-native,
 * Claude-native and legacy endpoints. Images are real PNGs (served as URLs, or as {@code data:}
 * URLs after {@link #imagesAsDataUrls(boolean)}); videos are a real MP4.
 *
 * <p>Prices: an image costs {@link #IMAGE_PRICE}, a video {@link #VIDEO_PRICE}, chat {@link
 * #CHAT_PRICE_PER_TOKEN} per token (one token per word here). Charges are made on submission, as
 * CheapSub does; a call the balance does not cover is refused with 402 and charges nothing.
 */
public final class FakeCheapSub extends FakeGateway {
  /** Credits an image task costs. */
  public static final BigDecimal IMAGE_PRICE = new BigDecimal("0.500000");
  /** Credits a video task costs. */
  public static final BigDecimal VIDEO_PRICE = new BigDecimal("2.000000");
  /** Credits per chat token. */
  public static final BigDecimal CHAT_PRICE_PER_TOKEN = new BigDecimal("0.010000");

  private static final Set<String> IMAGE_MODELS = Set.of("nano-banana-2", "nano-banana-pro", "nano-banana", "gpt-image-1.5");
  private static final Set<String> SIZED_MODELS = Set.of("nano-banana-2", "nano-banana-pro");
  private static final Set<String> VIDEO_MODELS = Set.of("sora-2", "sora-2-stable", "sora-2-pro", "veo3-fast",
      "veo3-pro", "veo3.1", "veo3.1-fast", "veo3.1-components");

  /** Fetches reference URLs on loopback, as CheapSub fetches the URLs it is given. */
  private static final okhttp3.OkHttpClient FETCHER = new okhttp3.OkHttpClient.Builder()
      .callTimeout(java.time.Duration.ofSeconds(5)).build();

  /**
   * A reference image URL an image task was submitted with.
   *
   * @param url the URL, as submitted
   * @param bytes what the fake fetched from it (only loopback URLs are fetched), or {@code null}
   */
  public record ReceivedReference(String url, byte[] bytes) {
    /**
     * Copies the bytes.
     *
     * @param url the URL, as submitted
     * @param bytes what the fake fetched from it, or {@code null}
     */
    public ReceivedReference {
      bytes = bytes == null ? null : bytes.clone();
    }

    /**
     * A copy of the bytes.
     *
     * @return the bytes, or {@code null}
     */
    @Override
    public byte[] bytes() {
      return bytes == null ? null : bytes.clone();
    }
  }

  private final List<ReceivedReference> references = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile boolean dataUrls;
  private volatile int imageWidth = 64;
  private volatile int imageHeight = 48;
  private volatile String chatReply;

  private FakeCheapSub() {
    super("cheapsub", "csk_", new BigDecimal("1000.000000"));
    route("GET", "/api/v1/models", r -> json(200, obj("object", "list", "data", List.of(
        obj("id", "google/gemini-3-flash", "object", "model", "owned_by", "cheapsub"),
        obj("id", "openai/gpt-5.4", "object", "model", "owned_by", "cheapsub"),
        obj("id", "anthropic/claude-sonnet-4.6", "object", "model", "owned_by", "cheapsub"),
        obj("id", "nano-banana-2", "object", "model", "owned_by", "cheapsub"),
        obj("id", "sora-2", "object", "model", "owned_by", "cheapsub")))));
    route("POST", "/api/v1/chat", this::chat);
    route("POST", "/api/v1/image", this::image);
    route("POST", "/api/v1/video", this::video);
    route("GET", "/api/v1/task", r -> task(r.query("task_id")));
    route("POST", "/api/v1beta/models/(?<model>[^/:]+):generateContent", this::gemini);
    route("POST", "/api/v1beta/models/(?<model>[^/:]+):streamGenerateContent", this::gemini);
    route("POST", "/api/v1/messages", this::claude);
    route("POST", "/api/image/gen", r -> legacySubmit(r, "image"));
    route("POST", "/api/sora2/gen", r -> legacySubmit(r, "video"));
    route("POST", "/api/google/veo/generate", r -> legacySubmit(r, "video"));
    route("GET", "/api/task/query", r -> task(r.query("task_id")));
  }

  /**
   * Starts a fake on a free loopback port.
   *
   * @return the running fake; close it to stop it
   */
  public static FakeCheapSub start() {
    FakeCheapSub fake = new FakeCheapSub();
    fake.startServer();
    return fake;
  }

  /**
   * Serve finished images as {@code data:image/png;base64,…} URLs instead of links.
   *
   * @param value {@code true} for data URLs, {@code false} for links
   * @return this fake
   */
  public FakeCheapSub imagesAsDataUrls(boolean value) {
    this.dataUrls = value;
    return this;
  }

  /**
   * The size of the PNG a finished image task makes ({@code TestMedia.png(width, height, task id's
   * hash)}); 64×48 by default. A 256×256 one is about 140 KB, so as a data URL it is larger than
   * the 64 KiB above which aigw spools data URLs to disk.
   *
   * @param width pixels across
   * @param height pixels down
   * @return this fake
   */
  public FakeCheapSub imageSize(int width, int height) {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("width and height must be 1 or more, were " + width + "x" + height);
    }
    this.imageWidth = width;
    this.imageHeight = height;
    return this;
  }

  /**
   * The reference URLs of accepted image tasks, in order, with the bytes the fake fetched from each:
   * like CheapSub, the fake fetches the URLs it is given — but only on loopback (a test's own
   * server, such as a {@link TestReferenceHost}); others are recorded without bytes.
   *
   * @return the references
   */
  public List<ReceivedReference> receivedReferences() {
    return List.copyOf(references);
  }

  /**
   * The chat reply (by default the fake echoes the last user message).
   *
   * @param reply the text every chat answers
   * @return this fake
   */
  public FakeCheapSub chatReply(String reply) {
    this.chatReply = reply;
    return this;
  }

  @Override
  protected MockResponse authError(AuthProblem problem) {
    return problem == AuthProblem.MISSING
        ? error(401, null, "API key is required (Authorization: Bearer csk_...)")
        : error(403, null, problem == AuthProblem.INACTIVE ? "API key is inactive" : "Invalid API key");
  }

  @Override
  protected MockResponse error(int status, String code, String message) {
    return json(status, obj("error", message, "code", code));
  }

  /** Whether the balance covers {@code price}: checked before a task is created, so a refused
   *  submission leaves no task behind and does not use up an outcome planned with {@code failNext}. */
  private boolean affords(BigDecimal price) {
    return balance().compareTo(price) >= 0;
  }

  private MockResponse noCredits() {
    return error(402, "insufficient_credits", "Not enough credits");
  }

  // ----- chat -----

  private MockResponse chat(FakeRequest r) {
    MockResponse invalid = checkChat(r);
    if (invalid != null) {
      return invalid;
    }
    String reply = reply(r);
    String[] words = reply.split(" ");
    if (!charge("chat", CHAT_PRICE_PER_TOKEN.multiply(BigDecimal.valueOf(words.length)))) {
      return noCredits();
    }
    return openAiChat(r, reply);
  }

  private MockResponse checkChat(FakeRequest r) {
    if (!r.isJsonObject()) {
      return error(400, "invalid_request", "Body must be a JSON object");
    }
    if (r.string("model") == null) {
      return error(400, "invalid_request", "model is required");
    }
    if (r.list("messages").isEmpty()) {
      return error(400, "invalid_request", "messages must not be empty");
    }
    for (Object m : r.list("messages")) {
      Object role = m instanceof Map<?, ?> map ? map.get("role") : null;
      if (!Set.of("system", "user", "assistant").contains(role)) {
        return error(400, "invalid_request", "role must be system, user or assistant");
      }
    }
    Object t = r.json().get("temperature");
    if (t instanceof Number n && (n.doubleValue() < 0 || n.doubleValue() > 2)) {
      return error(400, "invalid_request", "temperature must be between 0.0 and 2.0");
    }
    return null;
  }

  private String reply(FakeRequest r) {
    return chatReply != null ? chatReply : "You said: " + lastUserMessage(r);
  }


  // ----- images and videos -----

  private MockResponse image(FakeRequest r) {
    String model = r.string("model");
    if (model == null || !IMAGE_MODELS.contains(model)) {
      return error(400, "invalid_model", "Unknown image model: " + model);
    }
    if (r.string("prompt") == null || r.string("prompt").isBlank()) {
      return error(400, "invalid_request", "prompt is required");
    }
    if (r.list("images").size() > 4) {
      return error(400, "invalid_request", "images accepts at most 4 URLs");
    }
    String size = r.string("image_size");
    if (size != null && (!SIZED_MODELS.contains(model) || !Set.of("1k", "2k", "4k").contains(size))) {
      return error(400, "invalid_request", "image_size is only for nano-banana-pro and nano-banana-2 (1k, 2k, 4k)");
    }
    if (!affords(IMAGE_PRICE)) {
      return noCredits();
    }
    FakeTask task = tasks().create("image", r.json());
    if (!charge(task.id(), IMAGE_PRICE)) {
      return noCredits();
    }
    for (Object url : r.list("images")) {
      references.add(new ReceivedReference(String.valueOf(url), fetchLoopback(String.valueOf(url))));
    }
    return json(200, obj("code", 0, "message", "ok", "data", obj("task_id", task.id())));
  }

  /** The body of {@code url} when it is on loopback and answers 200; {@code null} otherwise. */
  private static byte[] fetchLoopback(String url) {
    okhttp3.HttpUrl parsed = okhttp3.HttpUrl.parse(url);
    if (parsed == null || !(parsed.host().equals("127.0.0.1") || parsed.host().equals("localhost"))) {
      return null;
    }
    try (okhttp3.Response response = FETCHER.newCall(new okhttp3.Request.Builder().url(parsed).build()).execute()) {
      return response.isSuccessful() ? response.body().bytes() : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }

  private MockResponse video(FakeRequest r) {
    String model = r.string("model");
    if (model == null || !VIDEO_MODELS.contains(model)) {
      return error(400, "invalid_model", "Unknown video model: " + model);
    }
    Object duration = r.json().get("duration");
    if (duration != null && !Set.of("10", "15", "25").contains(duration)) {
      return error(400, "invalid_request", "duration must be \"10\", \"15\" or \"25\"");
    }
    if (!affords(VIDEO_PRICE)) {
      return noCredits();
    }
    FakeTask task = tasks().create("video", r.json());
    if (!charge(task.id(), VIDEO_PRICE)) {
      return noCredits();
    }
    return json(200, obj("task_id", task.id(), "status", "processing", "message", "Video generation started"));
  }

  @Override
  protected void taskFinished(FakeTask task) {
    if (task.status() == OperationStatus.SUCCEEDED) {
      if (task.kind().equals("image")) {
        byte[] png = TestMedia.png(imageWidth, imageHeight, task.id().hashCode());
        task.result(dataUrls ? DataUrl.encode("image/png", png) : storeFile(png, "image/png", "png"));
      } else {
        task.result(storeFile(TestMedia.mp4(), "video/mp4", "mp4"));
      }
    }
    Object callback = task.request().get("callback_url");
    if (callback instanceof String url) {
      deliverCallback(url, taskBody(task));
    }
  }

  private MockResponse task(String id) {
    return tasks().poll(id).map(t -> json(200, taskBody(t)))
        .orElseGet(() -> json(404, obj("code", 404, "message", "task not found")));
  }

  private Map<String, Object> taskBody(FakeTask t) {
    String word = switch (t.status()) {
      case SUCCEEDED -> t.kind().equals("image") ? "success" : "completed";
      case FAILED, BLOCKED -> "failed";
      default -> "processing";
    };
    if (t.kind().equals("image")) {
      Object result = t.status() == OperationStatus.SUCCEEDED ? List.of(obj("image", t.result())) : null;
      return obj("code", 0, "message", "ok", "data", obj("task_id", t.id(), "status", word, "result", result,
          "error", t.failure(), "consumed", IMAGE_PRICE.toPlainString(), "created_at", t.createdAt().toString()));
    }
    Object result = t.status() == OperationStatus.SUCCEEDED ? obj("video_url", t.result()) : null;
    return obj("task_id", t.id(), "status", word, "result", result, "error", t.failure());
  }

  // ----- native and legacy -----

  private MockResponse gemini(FakeRequest r) {
    String text = "";
    Object parts = r.json().get("contents") instanceof List<?> c && !c.isEmpty() && c.get(c.size() - 1) instanceof Map<?, ?> m
        ? m.get("parts") : null;
    if (parts instanceof List<?> p && !p.isEmpty() && p.get(0) instanceof Map<?, ?> first && first.get("text") instanceof String s) {
      text = s;
    }
    if (text.isEmpty()) {
      return error(400, "invalid_request", "contents must hold a text part");
    }
    String reply = chatReply != null ? chatReply : "You said: " + text;
    if (!charge("gemini", CHAT_PRICE_PER_TOKEN)) {
      return noCredits();
    }
    if (r.path().endsWith(":streamGenerateContent")) {
      List<SseWriter.Event> events = new ArrayList<>();
      String[] words = reply.split(" ");
      for (int i = 0; i < words.length; i++) {
        boolean last = i == words.length - 1;
        events.add(event(Json.toJson(obj("candidates", List.of(obj("content", obj("role", "model",
            "parts", List.of(obj("text", (i == 0 ? "" : " ") + words[i]))), "finishReason", last ? "STOP" : null))))));
      }
      return sse(events);
    }
    return json(200, obj("candidates", List.of(obj("content", obj("role", "model", "parts", List.of(obj("text", reply))),
        "finishReason", "STOP")), "usageMetadata", obj("promptTokenCount", 3, "candidatesTokenCount", 4)));
  }

  private MockResponse claude(FakeRequest r) {
    if (r.string("model") == null || !(r.json().get("max_tokens") instanceof Number) || r.list("messages").isEmpty()) {
      return error(400, "invalid_request", "model, max_tokens and messages are required");
    }
    String reply = reply(r);
    if (!charge("claude", CHAT_PRICE_PER_TOKEN)) {
      return noCredits();
    }
    String id = "msg_" + Long.toHexString(System.nanoTime());
    if (Boolean.TRUE.equals(r.json().get("stream"))) {
      List<SseWriter.Event> events = new ArrayList<>();
      events.add(event("message_start", Json.toJson(obj("type", "message_start", "message", obj("id", id,
          "type", "message", "role", "assistant", "model", r.string("model"))))));
      for (String word : reply.split("(?<= )")) {
        events.add(event("content_block_delta", Json.toJson(obj("type", "content_block_delta", "index", 0,
            "delta", obj("type", "text_delta", "text", word)))));
      }
      events.add(event("message_stop", Json.toJson(obj("type", "message_stop"))));
      return sse(events);
    }
    return json(200, obj("id", id, "type", "message", "role", "assistant", "model", r.string("model"),
        "content", List.of(obj("type", "text", "text", reply)), "stop_reason", "end_turn",
        "usage", obj("input_tokens", 5, "output_tokens", reply.split(" ").length)));
  }

  private MockResponse legacySubmit(FakeRequest r, String kind) {
    if (r.string("prompt") == null) {
      return error(400, "invalid_request", "prompt is required");
    }
    BigDecimal price = kind.equals("image") ? IMAGE_PRICE : VIDEO_PRICE;
    if (!affords(price)) {
      return noCredits();
    }
    FakeTask task = tasks().create(kind, r.json());
    if (!charge(task.id(), price)) {
      return noCredits();
    }
    return json(200, obj("task_id", task.id(), "status", "processing"));
  }
}
