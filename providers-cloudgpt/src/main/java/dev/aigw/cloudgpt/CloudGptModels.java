package dev.aigw.cloudgpt;

import dev.aigw.core.http.RawResponse;
import dev.aigw.core.json.RawJson;
import dev.aigw.core.model.Modality;
import dev.aigw.core.model.ModelInfo;
import dev.aigw.core.model.ModelService;
import dev.aigw.core.profile.ModelCatalog;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.Gateway;
import dev.aigw.core.spi.Json;
import dev.aigw.core.spi.ResponseReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CloudGPT's model catalogues: chat on {@code GET /api/models/chat}, images on {@code
 * /api/models/image}, videos on {@code /api/models/video}, each {@code {object:"list",
 * data:[{id, name, provider, description, maxDuration?}]}}. Every entry becomes a {@link
 * ModelInfo} whose modality is the catalogue it came from; its provider is {@code provider}, or,
 * when an entry has none (the deployed server's catalogues name it only in the OpenAI-style {@code
 * owned_by}), {@code owned_by}. Two facts the answers do not carry
 * come from CloudGPT's documentation when the model is one it lists: the context window of chat
 * models ({@link #CONTEXT_WINDOWS}; "128k" read as 128,000 tokens) and, when an entry has no
 * {@code maxDuration}, the longest video ({@link #MAX_DURATIONS}). Reads are retried freely.
 * Thread-safe.
 */
public final class CloudGptModels implements ModelService {
  static final String CHAT_PATH = "/api/models/chat";
  static final String IMAGE_PATH = "/api/models/image";
  static final String VIDEO_PATH = "/api/models/video";

  /**
   * The chat models of CloudGPT's documentation, in its order; the default is {@code openai}, the
   * model of its examples. A deployment may offer others: add them with {@code
   * CloudGptClient.builder().extraModels(Modality.CHAT, …)}.
   */
  public static final ModelCatalog CHAT = new ModelCatalog(Modality.CHAT, List.of("openai", "openai-fast",
      "openai-large", "claude", "claude-fast", "gemini", "gemini-large", "deepseek", "grok", "mistral", "qwen-coder",
      "perplexity-fast", "perplexity-reasoning", "kimi-k2-thinking", "nova-micro", "chickytutor", "midijourney",
      "mapleai-gpt4o", "mapleai-claude", "mapleai-gemini"), "openai", true);
  /** The image models of CloudGPT's documentation; the default is {@code flux}, the model of its examples. */
  public static final ModelCatalog IMAGE = new ModelCatalog(Modality.IMAGE, List.of("kontext", "turbo", "nanobanana",
      "nanobanana-pro", "seedream", "seedream-pro", "gptimage", "gptimage-large", "flux", "zimage", "mapleai-dalle",
      "mapleai-flux"), "flux", true);
  /** The video models of CloudGPT's documentation; the default is {@code veo}, the model of its examples. */
  public static final ModelCatalog VIDEO = new ModelCatalog(Modality.VIDEO,
      List.of("veo", "seedance", "seedance-pro", "mapleai-veo"), "veo", true);

  /** Context windows in tokens of the chat models in CloudGPT's documentation ("128k" = 128,000). */
  public static final Map<String, Integer> CONTEXT_WINDOWS = Map.ofEntries(
      Map.entry("openai", 128_000), Map.entry("openai-fast", 128_000), Map.entry("openai-large", 128_000),
      Map.entry("claude", 200_000), Map.entry("claude-fast", 200_000), Map.entry("gemini", 1_000_000),
      Map.entry("gemini-large", 2_000_000), Map.entry("deepseek", 64_000), Map.entry("grok", 128_000),
      Map.entry("mistral", 128_000), Map.entry("qwen-coder", 32_000), Map.entry("perplexity-fast", 128_000),
      Map.entry("perplexity-reasoning", 128_000), Map.entry("kimi-k2-thinking", 128_000),
      Map.entry("nova-micro", 128_000), Map.entry("chickytutor", 128_000), Map.entry("midijourney", 128_000),
      Map.entry("mapleai-gpt4o", 128_000), Map.entry("mapleai-claude", 200_000),
      Map.entry("mapleai-gemini", 1_000_000));

  /** The longest video, in seconds, of the video models in CloudGPT's documentation. */
  public static final Map<String, Integer> MAX_DURATIONS = Map.of(
      "veo", 8, "seedance", 10, "seedance-pro", 10, "mapleai-veo", 8);

  private final Gateway transport;
  private final Raw raw = new Raw() {
    @Override
    public RawResponse<List<ModelInfo>> list() {
      return listRaw();
    }

    @Override
    public RawResponse<List<ModelInfo>> chat() {
      return catalogue(CHAT_PATH, Modality.CHAT);
    }

    @Override
    public RawResponse<List<ModelInfo>> image() {
      return catalogue(IMAGE_PATH, Modality.IMAGE);
    }

    @Override
    public RawResponse<List<ModelInfo>> video() {
      return catalogue(VIDEO_PATH, Modality.VIDEO);
    }
  };

  CloudGptModels(Gateway transport) {
    this.transport = transport;
  }

  /** {@return the chat models} */
  public List<ModelInfo> chat() {
    return raw.chat().body();
  }

  /** {@return the image models} */
  public List<ModelInfo> image() {
    return raw.image().body();
  }

  /** {@return the video models} */
  public List<ModelInfo> video() {
    return raw.video().body();
  }

  /** Every model: the chat, image and video catalogues in that order (three requests). */
  @Override
  public List<ModelInfo> list() {
    return raw.list().body();
  }

  @Override
  public Raw withRawResponse() {
    return raw;
  }

  /** {@link CloudGptModels} calls that also return HTTP details. */
  public interface Raw extends ModelService.Raw {
    /**
     * Every model, from three requests: the status, headers and rate limit are those of the last
     * (the video catalogue), {@code attempts} counts the attempts of all three and {@code elapsed}
     * spans them.
     */
    @Override
    RawResponse<List<ModelInfo>> list();

    /** {@return what {@link CloudGptModels#chat()} returns, with HTTP details} */
    RawResponse<List<ModelInfo>> chat();

    /** {@return what {@link CloudGptModels#image()} returns, with HTTP details} */
    RawResponse<List<ModelInfo>> image();

    /** {@return what {@link CloudGptModels#video()} returns, with HTTP details} */
    RawResponse<List<ModelInfo>> video();
  }

  private RawResponse<List<ModelInfo>> listRaw() {
    List<ModelInfo> all = new ArrayList<>();
    int attempts = 0;
    Duration elapsed = Duration.ZERO;
    RawResponse<List<ModelInfo>> last = null;
    for (RawResponse<List<ModelInfo>> part : List.of(raw.chat(), raw.image(), raw.video())) {
      all.addAll(part.body());
      attempts += part.attempts();
      elapsed = elapsed.plus(part.elapsed());
      last = part;
    }
    return new RawResponse<>(last.status(), last.headers(), last.requestId(), last.rateLimit(), attempts, elapsed,
        List.copyOf(all));
  }

  private RawResponse<List<ModelInfo>> catalogue(String path, Modality modality) {
    RawResponse<RawJson> response = transport.execute(ApiRequest.get(path).build(), ResponseReader.rawJson());
    List<ModelInfo> models = new ArrayList<>();
    if (response.body().get("data") instanceof List<?> data) {
      for (Object entry : data) {
        if (entry instanceof Map<?, ?> m && m.get("id") instanceof String id && !id.isBlank()) {
          models.add(model(id, m, modality));
        }
      }
    }
    return response.withBody(List.copyOf(models));
  }

  private static ModelInfo model(String id, Map<?, ?> entry, Modality modality) {
    Integer maxDuration = entry.get("maxDuration") instanceof Number n ? Integer.valueOf(n.intValue())
        : modality == Modality.VIDEO ? MAX_DURATIONS.get(id) : null;
    Integer contextWindow = modality == Modality.CHAT ? CONTEXT_WINDOWS.get(id) : null;
    String provider = text(entry.get("provider"));
    if (provider == null || provider.isBlank()) {
      provider = text(entry.get("owned_by")); // the deployed catalogues name it only there
    }
    return new ModelInfo(id, text(entry.get("name")), modality, provider,
        text(entry.get("description")), maxDuration, contextWindow, Json.raw(Json.toJson(entry)));
  }

  private static String text(Object value) {
    return value instanceof String s ? s : null;
  }
}
