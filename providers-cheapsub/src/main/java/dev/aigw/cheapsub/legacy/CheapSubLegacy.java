package dev.aigw.cheapsub.legacy;

import dev.aigw.cheapsub.internal.CheapSubTasks;
import dev.aigw.core.error.StreamException;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.http.RetrySafety;
import dev.aigw.core.json.RawJson;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.Gateway;
import dev.aigw.core.spi.Json;
import dev.aigw.core.spi.ResponseReader;
import dev.aigw.core.spi.SseDecoder;
import dev.aigw.core.stream.EventStream;

/**
 * CheapSub's Gemini-native, Claude-native and legacy endpoints. Paid calls here follow the same
 * retry rule as the rest of CheapSub (only after a 429 or a connection that never sent the
 * request). Thread-safe.
 */
public final class CheapSubLegacy {
  static final String GEMINI = "/api/v1beta/models/{model}:generateContent";
  static final String GEMINI_STREAM = "/api/v1beta/models/{model}:streamGenerateContent";
  static final String CLAUDE = "/api/v1/messages";
  static final String IMAGE = "/api/image/gen";
  static final String SORA = "/api/sora2/gen";
  static final String VEO = "/api/google/veo/generate";
  static final String TASK_QUERY = "/api/task/query";

  private final Gateway transport;

  /**
   * Used by {@code CheapSubClient}.
   *
   * @param transport the client's gateway
   */
  public CheapSubLegacy(Gateway transport) {
    this.transport = transport;
  }

  /**
   * {@code POST /api/v1beta/models/{model}:generateContent}.
   *
   * @param request the Gemini-native request
   * @return the whole answer
   */
  public GeminiResponse generateContent(GeminiRequest request) {
    ApiRequest call = ApiRequest.post(GEMINI, RetrySafety.UNPROTECTED).pathParam("model", request.model())
        .json(request.body()).purpose(ApiRequest.Purpose.chat(request.model())).build();
    return GeminiResponse.from(transport.execute(call, ResponseReader.rawJson()).body());
  }

  /**
   * {@code POST /api/v1beta/models/{model}:streamGenerateContent?alt=sse}: pieces as they arrive.
   *
   * @param request the Gemini-native request
   * @return the open stream; close it to free the connection
   */
  public EventStream<GeminiResponse> streamGenerateContent(GeminiRequest request) {
    ApiRequest call = ApiRequest.post(GEMINI_STREAM, RetrySafety.UNPROTECTED).pathParam("model", request.model())
        .query("alt", "sse").json(request.body()).streaming(true).purpose(ApiRequest.Purpose.chat(request.model()))
        .build();
    return new EventStream<>(transport.openStream(call, (type, data) -> GeminiResponse.from(parse(data))));
  }

  /**
   * {@code POST /api/v1/messages} (Claude-native).
   *
   * @param request the Claude-native request
   * @return the whole message
   */
  public ClaudeMessage messages(ClaudeRequest request) {
    ApiRequest call = ApiRequest.post(CLAUDE, RetrySafety.UNPROTECTED).json(request.body(false))
        .purpose(ApiRequest.Purpose.chat(request.model())).build();
    return ClaudeMessage.from(transport.execute(call, ResponseReader.rawJson()).body());
  }

  /**
   * {@code POST /api/v1/messages} with {@code stream: true}: events until {@code message_stop}.
   *
   * @param request the Claude-native request
   * @return the open stream; close it to free the connection
   */
  public EventStream<ClaudeStreamEvent> streamMessages(ClaudeRequest request) {
    ApiRequest call = ApiRequest.post(CLAUDE, RetrySafety.UNPROTECTED).json(request.body(true)).streaming(true)
        .purpose(ApiRequest.Purpose.chat(request.model())).build();
    return new EventStream<>(transport.openStream(call, new SseDecoder<>() {
      @Override
      public ClaudeStreamEvent decode(String type, String data) {
        RawJson raw = parse(data);
        String eventType = type != null ? type : raw.getString("type");
        String text = "content_block_delta".equals(eventType) ? raw.getString("delta", "text") : null;
        return new ClaudeStreamEvent(eventType, text == null ? "" : text, raw);
      }

      @Override
      public boolean isEnd(String type, String data) {
        return "message_stop".equals(type) || data.contains("\"message_stop\"");
      }
    }));
  }

  /**
   * {@code POST /api/image/gen} (legacy image generation).
   *
   * @param request the model, prompt and extra fields
   * @return the submitted task (poll it with {@link #queryTask})
   */
  public LegacyTask legacyImage(LegacyGenerationRequest request) {
    return submit(IMAGE, request, ApiRequest.Purpose.image(request.model()));
  }

  /**
   * {@code POST /api/sora2/gen} (legacy Sora video generation).
   *
   * @param request the model, prompt and extra fields
   * @return the submitted task (poll it with {@link #queryTask})
   */
  public LegacyTask legacySora(LegacyGenerationRequest request) {
    return submit(SORA, request, ApiRequest.Purpose.video(request.model()));
  }

  /**
   * {@code POST /api/google/veo/generate} (legacy Veo video generation).
   *
   * @param request the model, prompt and extra fields
   * @return the submitted task (poll it with {@link #queryTask})
   */
  public LegacyTask legacyVeo(LegacyGenerationRequest request) {
    return submit(VEO, request, ApiRequest.Purpose.video(request.model()));
  }

  /**
   * {@code GET /api/task/query?task_id=…} (legacy task query).
   *
   * @param taskId the id a legacy submission returned
   * @return the task's state now
   */
  public LegacyTask queryTask(String taskId) {
    transport.checks().required("taskId", taskId);
    return task(transport.execute(ApiRequest.get(TASK_QUERY).query("task_id", taskId).build(), ResponseReader.rawJson()));
  }

  private LegacyTask submit(String path, LegacyGenerationRequest request, ApiRequest.Purpose purpose) {
    RawResponse<RawJson> response = transport.execute(
        ApiRequest.post(path, RetrySafety.UNPROTECTED).json(request.body()).purpose(purpose).build(),
        ResponseReader.rawJson());
    CheapSubTasks.requireOk("cheapsub", response);
    return task(response);
  }

  private static LegacyTask task(RawResponse<RawJson> response) {
    RawJson raw = response.body();
    String id = CheapSubTasks.taskId(raw);
    String word = raw.getString("status");
    if (word == null) {
      word = raw.getString("data", "status");
    }
    return new LegacyTask(id, CheapSubTasks.status(word), word, raw);
  }

  private RawJson parse(String data) {
    // strictly: the lenient reader would take "<html>…" for a bare string and RawJson would fail later
    Object tree;
    try {
      tree = Json.parseTree(data);
    } catch (RuntimeException e) {
      tree = null;
    }
    if (!(tree instanceof java.util.Map)) {
      String snippet = data.length() > 200 ? data.substring(0, 200) + "…" : data;
      throw new StreamException("cheapsub", "[cheapsub] a stream event is not a JSON object: " + snippet, null, null);
    }
    return Json.raw(data);
  }
}
