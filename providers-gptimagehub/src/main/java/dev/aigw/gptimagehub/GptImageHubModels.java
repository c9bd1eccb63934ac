package dev.aigw.gptimagehub;

import dev.aigw.core.http.RawResponse;
import dev.aigw.core.model.ModelInfo;
import dev.aigw.core.model.ModelService;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.Checks;
import dev.aigw.core.spi.Gateway;
import dev.aigw.gptimagehub.internal.GptImageHubWire;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * GPTImageHub's model list on {@code GET /api/v1/models}, which needs no key (none is sent): each
 * model's id, provider, aspect ratios, qualities, reference-image limit and credits per image.
 *
 * <p>The client keeps the list it last fetched, to check a request's reference images against the
 * model's {@code reference_image_limit} before sending it. The first check fetches it once (even
 * when many threads check at once); {@link #catalog()} and {@link #list()} always fetch and refresh
 * it. Thread-safe.
 */
public final class GptImageHubModels implements ModelService {
  static final String PATH = "/api/v1/models";

  private final Gateway transport;
  private final Object lock = new Object();
  private volatile List<GptImageHubModel> cache;
  private final Raw raw = new Raw() {
    @Override
    public RawResponse<List<ModelInfo>> list() {
      RawResponse<List<GptImageHubModel>> r = catalog();
      return r.withBody(r.body().stream().map(GptImageHubModel::toModelInfo).toList());
    }

    @Override
    public RawResponse<List<GptImageHubModel>> catalog() {
      RawResponse<List<GptImageHubModel>> r = transport.execute(
          ApiRequest.get(PATH).authenticated(false).build(), GptImageHubWire.models(transport.vendor()));
      cache = r.body();
      return r;
    }
  };

  GptImageHubModels(Gateway transport) {
    this.transport = transport;
  }

  /** Every model with GPTImageHub's details; refreshes the cached list. */
  public List<GptImageHubModel> catalog() {
    return raw.catalog().body();
  }

  /** The model list fetched last, fetching it once if it never was. */
  public List<GptImageHubModel> cachedCatalog() {
    List<GptImageHubModel> models = cache;
    if (models != null) {
      return models;
    }
    synchronized (lock) {
      if (cache == null) {
        catalog();
      }
      return cache;
    }
  }

  /** The model list fetched last, without any I/O: empty when it was never fetched. */
  Optional<List<GptImageHubModel>> cached() {
    return Optional.ofNullable(cache);
  }

  /** The model {@code id} from the cached list (fetched once if needed). */
  public Optional<GptImageHubModel> find(String id) {
    return cachedCatalog().stream().filter(m -> m.id().equals(id)).findFirst();
  }

  /**
   * Checks that GPTImageHub lists {@code model} (a model its documentation does not name is looked
   * up in the model list) and, when there are references, their count against the model's {@code
   * reference_image_limit} (a model without a stated limit is not checked). Throwing checks fetch
   * the list once if it was never fetched; collecting checks use it only when it was, and otherwise
   * record these rules as deferred.
   *
   * @param model the model to send
   * @param documented whether GPTImageHub's documentation names the model
   * @param count how many reference images the request has
   * @param checks where refusals go
   */
  void check(String model, boolean documented, int count, Checks checks) {
    if (documented && count == 0) {
      return;
    }
    List<GptImageHubModel> list = checks.isCollecting() ? cache : cachedCatalog();
    if (list == null) {
      if (!documented) {
        checks.defer("the model " + model + " is looked up in GPTImageHub's model list (GET " + PATH + ") when sent");
      }
      if (count > 0) {
        checks.defer("the reference count is checked against the model's reference_image_limit, from GPTImageHub's"
            + " model list (GET " + PATH + "), when sent");
      }
      return;
    }
    GptImageHubModel found = list.stream().filter(m -> m.id().equals(model)).findFirst().orElse(null);
    if (found == null) {
      checks.reject("model", "GPTImageHub lists " + list.stream().map(GptImageHubModel::id).collect(Collectors.joining(", "))
          + "; was " + model + (count > 0 ? " (its reference_image_limit cannot be checked)" : ""));
      return;
    }
    Integer limit = found.referenceImageLimit();
    if (limit != null && count > limit) {
      checks.reject("references",
          model + " takes at most " + limit + " reference images (its reference_image_limit), was given " + count);
    }
  }

  @Override
  public Raw withRawResponse() {
    return raw;
  }

  /** {@link GptImageHubModels} calls that also return HTTP details. */
  public interface Raw extends ModelService.Raw {
    /** {@link GptImageHubModels#catalog()} with HTTP details. */
    RawResponse<List<GptImageHubModel>> catalog();
  }
}
