package dev.aigw.cheapsub;

import dev.aigw.cheapsub.internal.CheapSubTasks;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CheapSub's model list on {@code GET /api/v1/models}. Ids may carry a vendor prefix ({@code
 * google/gemini-3-flash}); the prefix becomes {@link ModelInfo#provider()}, and the modality comes
 * from the model tables of CheapSub's documentation (unknown ids are {@code UNKNOWN}).
 */
public final class CheapSubModels implements ModelService {
  static final String PATH = "/api/v1/models";

  /**
   * The chat models of CheapSub's documentation (13), in its order; the default is {@code
   * gemini-3-flash}, the model of its examples.
   */
  public static final ModelCatalog CHAT = new ModelCatalog(Modality.CHAT, List.of("gemini-3.1-pro-preview",
      "gemini-3-pro-thinking", "gemini-3-pro", "gemini-3-flash-thinking", "gemini-3-flash", "claude-sonnet-4.6",
      "claude-opus-4.6", "claude-haiku-4.5-thinking", "claude-haiku-4.5", "claude-opus-4.5", "claude-sonnet-4.5",
      "gpt-5.4", "gpt-5.2"), "gemini-3-flash", true);
  /** The image models of CheapSub's documentation (4); the default is {@code nano-banana-2}, the model of its examples. */
  public static final ModelCatalog IMAGE = new ModelCatalog(Modality.IMAGE,
      List.of("nano-banana-2", "nano-banana-pro", "nano-banana", "gpt-image-1.5"), "nano-banana-2", true);
  /** The video models of CheapSub's documentation (8); the default is {@code sora-2}, the model of its examples. */
  public static final ModelCatalog VIDEO = new ModelCatalog(Modality.VIDEO, List.of("sora-2", "sora-2-stable",
      "sora-2-pro", "veo3-fast", "veo3-pro", "veo3.1", "veo3.1-fast", "veo3.1-components"), "sora-2", true);

  /** Chat model ids in CheapSub's documentation. */
  public static final Set<String> CHAT_MODELS = Set.copyOf(CHAT.ids());
  /** Image model ids in CheapSub's documentation. */
  public static final Set<String> IMAGE_MODELS = Set.copyOf(IMAGE.ids());
  /** Video model ids in CheapSub's documentation. */
  public static final Set<String> VIDEO_MODELS = Set.copyOf(VIDEO.ids());

  private final Gateway transport;
  private final Raw raw = this::listRaw;

  CheapSubModels(Gateway transport) {
    this.transport = transport;
  }

  @Override
  public Raw withRawResponse() {
    return raw;
  }

  private RawResponse<List<ModelInfo>> listRaw() {
    RawResponse<RawJson> response = transport.execute(ApiRequest.get(PATH).build(), ResponseReader.rawJson());
    List<ModelInfo> models = new ArrayList<>();
    if (response.body().get("data") instanceof List<?> data) {
      for (Object entry : data) {
        if (entry instanceof Map<?, ?> m && m.get("id") != null) {
          models.add(model(m));
        }
      }
    }
    return response.withBody(List.copyOf(models));
  }

  private static ModelInfo model(Map<?, ?> entry) {
    String id = CheapSubTasks.string(entry.get("id"));
    int slash = id.indexOf('/');
    String shortId = slash < 0 ? id : id.substring(id.lastIndexOf('/') + 1);
    String provider = slash < 0 ? CheapSubTasks.string(entry.get("owned_by")) : id.substring(0, slash);
    Modality modality = CHAT_MODELS.contains(shortId) ? Modality.CHAT
        : IMAGE_MODELS.contains(shortId) ? Modality.IMAGE
        : VIDEO_MODELS.contains(shortId) ? Modality.VIDEO : Modality.UNKNOWN;
    return new ModelInfo(id, CheapSubTasks.string(entry.get("name")), modality, provider,
        CheapSubTasks.string(entry.get("description")), null, null, Json.raw(Json.toJson(entry)));
  }
}
