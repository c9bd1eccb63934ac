package dev.aigw.gptimagehub;

import dev.aigw.core.error.ValidationException;
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
  private static final Checks CHECKS = Checks.of(GptImageHubClient.VENDOR);
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
   * Checks {@code count} reference images against {@code model}'s {@code reference_image_limit}
   * (a model without a stated limit is not checked). Before the model list is known, a count over
   * {@link #DEFAULT_REFERENCE_IMAGE_LIMIT} is refused without any I/O; a smaller one fetches the list.
   *
   * @param model the model id
   * @param count how many reference images the request carries
   * @throws ValidationException when the model is not listed or the count is over its limit
   */
  void checkReferenceCount(String model, int count) {
    if (cache == null && count > DEFAULT_REFERENCE_IMAGE_LIMIT) {
      throw CHECKS.invalid("references", "at most " + DEFAULT_REFERENCE_IMAGE_LIMIT
          + " reference images are taken while the model list is not known (aigw's default; call models().catalog()"
          + " first to check against " + model + "'s own reference_image_limit), was given " + count);
    }
    GptImageHubModel found = find(model).orElseThrow(() -> CHECKS.invalid("model",
        "GPTImageHub lists " + cachedCatalog().stream().map(GptImageHubModel::id).collect(Collectors.joining(", "))
            + "; was " + model + " (its reference_image_limit cannot be checked)"));
    Integer limit = found.referenceImageLimit();
    if (limit != null && count > limit) {
      throw CHECKS.invalid("references",
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
