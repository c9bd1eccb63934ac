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
 * model's {@code reference_image_limit} before sending it. Until the list is known, a request with
 * more than {@link #DEFAULT_REFERENCE_IMAGE_LIMIT} references is refused without any I/O; one with
 * fewer makes the first check fetch the list once (even when many threads check at once), a free
 * {@code GET} without the key — the one pre-send check that may send a request. {@link #catalog()}
 * and {@link #list()} always fetch and refresh it; call one at start-up and every later check is
 * made without I/O. Thread-safe.
 */
public final class GptImageHubModels implements ModelService {
  static final String PATH = "/api/v1/models";

  /**
   * The most reference images a request may carry while the model list is not known yet: 16, the
   * most images OpenAI's image edits take for the gpt-image models (GPTImageHub documents the
   * limit per model, as {@code reference_image_limit}, and no default). Once the list is known its
   * {@code reference_image_limit} replaces this, higher or lower.
   */
  public static final int DEFAULT_REFERENCE_IMAGE_LIMIT = 16;

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

  /** {@return every model with GPTImageHub's details; refreshes the cached list} */
  public List<GptImageHubModel> catalog() {
    return raw.catalog().body();
  }

  /** {@return the model list fetched last, fetching it once if it never was} */
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

  /**
   * The model {@code id} from the cached list (fetched once if needed).
   *
   * @param id the model id
   * @return the model, or empty when the list does not have it
   */
  public Optional<GptImageHubModel> find(String id) {
    return cachedCatalog().stream().filter(m -> m.id().equals(id)).findFirst();
  }

  /**
   * Checks that GPTImageHub lists {@code model} (a model its documentation does not name is looked
   * up in the model list) and, when there are references, their count against the model's {@code
   * reference_image_limit} (a model without a stated limit is not checked). Before the model list
   * is known, a count over {@link #DEFAULT_REFERENCE_IMAGE_LIMIT} is refused without any I/O.
   * Otherwise throwing checks fetch the list once if it was never fetched; collecting checks use it
   * only when it was, and otherwise record these rules as deferred.
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
    if (cache == null && count > DEFAULT_REFERENCE_IMAGE_LIMIT) {
      checks.reject("references", "at most " + DEFAULT_REFERENCE_IMAGE_LIMIT
          + " reference images are taken while the model list is not known (aigw's default; call models().catalog()"
          + " first to check against " + model + "'s own reference_image_limit), was given " + count);
      if (documented) {
        return;
      }
      count = 0; // the count is refused already; what is left is the model
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
    /** {@return what {@link GptImageHubModels#catalog()} returns, with HTTP details} */
    RawResponse<List<GptImageHubModel>> catalog();
  }
}
