package dev.aigw.gptimagehub;

import dev.aigw.core.cost.Cost;
import dev.aigw.core.cost.CostUnit;
import dev.aigw.core.cost.PriceEstimate;
import dev.aigw.core.error.OperationFailedException;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.http.RetrySafety;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.image.ImageService;
import dev.aigw.core.media.ImageFormat;
import dev.aigw.core.media.MediaInput;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.operation.OperationStatus;
import dev.aigw.core.operation.PollingStrategy;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.Checks;
import dev.aigw.core.spi.Gateway;
import dev.aigw.core.spi.Listeners;
import dev.aigw.core.spi.OperationDriver;
import dev.aigw.core.spi.OperationFactory;
import dev.aigw.core.spi.PreparedCall;
import dev.aigw.core.spi.ResponseReader;
import dev.aigw.gptimagehub.internal.GptImageHubWire;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * GPTImageHub image generation on {@code POST /api/v1/images/generations}: a JSON body, or
 * {@code multipart/form-data} when reference images are given (each uploaded as a {@code
 * reference_image} part streamed from disk). Takes a model ({@code gpt-image-2} when none is
 * given), a prompt, an exact {@code size} (or {@code auto} through {@link
 * GptImageHubImageOptions#AUTO_SIZE}), a quality (auto, low, medium, high) and {@code n} from 1 to
 * 4.
 *
 * <p>Two modes:
 *
 * <ul>
 *   <li>{@link #submit}, {@link #queue} and {@link #follow}: asynchronous ({@code async: true}),
 *       answered at once with 202 and a generation id, then polled on {@code GET
 *       /api/v1/generations/:id}. The neutral {@link ImageService} uses this mode, so no
 *       connection is held while the image is drawn.
 *   <li>{@link #generateSync}: the default mode, which holds the connection until the images are
 *       done; GPTImageHub documents up to 800 s, and the call allows the client's {@code
 *       syncTimeout} (15 minutes by default).
 * </ul>
 *
 * <p>Before anything is sent: {@code n}, the quality, each reference image's type (PNG, JPEG,
 * WebP, by its first bytes) and size (50 MiB at most), and the reference count against the model's
 * {@code reference_image_limit} are checked. The count is checked without I/O against the model
 * list once the client knows it, and, before that, against {@link
 * GptImageHubModels#DEFAULT_REFERENCE_IMAGE_LIMIT} (16); a request within that default on a client
 * that has not read the model list yet fetches it once first (see {@link GptImageHubModels}).
 *
 * <p>Retry safety: GPTImageHub refunds a failed generation, so a generation is retried after 429
 * and an explicit 5xx answer, but never after a timeout or a cut connection, which may hide a
 * success already charged. Reads are retried freely. Thread-safe.
 */
public final class GptImageHubImages implements ImageService {
  private static final Checks CHECKS = Checks.of(GptImageHubClient.VENDOR);
  static final String PATH = "/api/v1/images/generations";
  static final String GENERATION_PATH = "/api/v1/generations/{id}";

  /** The most images one generation makes. */
  public static final int MAX_IMAGES = 4;
  /** The largest reference image GPTImageHub takes: 50 MiB. */
  public static final long MAX_REFERENCE_BYTES = 50L * 1024 * 1024;
  /** The reference image formats GPTImageHub takes (PNG, JPG/JPEG, WebP). */
  public static final Set<ImageFormat> REFERENCE_FORMATS = Set.of(ImageFormat.PNG, ImageFormat.JPEG, ImageFormat.WEBP);
  /** The qualities GPTImageHub documents, as sent. */
  public static final List<String> QUALITIES = List.of("auto", "low", "medium", "high");
  /** The multipart field of each reference image. */
  public static final String REFERENCE_FIELD = "reference_image";

  private final Gateway transport;
  private final GptImageHubModels models;
  private final Duration syncTimeout;
  private final OperationFactory<ImageResult> operations;
  private final OperationFactory<GptImageHubGeneration> generations;
  private final Raw raw = new Raw() {
    @Override
    public RawResponse<Operation<ImageResult>> submit(ImageRequest request) {
      RawResponse<GptImageHubGeneration> r = queue(request);
      return r.withBody(operation(operations, r.body(), GptImageHubGeneration::toImageResult));
    }

    @Override
    public RawResponse<GptImageHubGeneration> queue(ImageRequest request) {
      return transport.execute(request(request, true), reader());
    }

    @Override
    public RawResponse<GptImageHubGeneration> generateSync(ImageRequest request) {
      RawResponse<GptImageHubGeneration> r = transport.execute(request(request, false), reader());
      GptImageHubGeneration g = r.body();
      OperationStatus status = g.operationStatus();
      Listeners listeners = transport.listeners();
      if (status.isTerminal() && status != OperationStatus.SUCCEEDED) {
        listeners.takeLastPaidCall(transport.vendor());
        throw new OperationFailedException(transport.vendor(), g.id(), status, g.errorCode(), g.errorMessage());
      }
      if (status == OperationStatus.SUCCEEDED) {
        listeners.costRecorded(transport.vendor(), g.cost(), g.id(), listeners.takeLastPaidCall(transport.vendor()),
            false);
      }
      return r;
    }

    @Override
    public RawResponse<GptImageHubGeneration> retrieve(String generationId) {
      transport.checks().required("generationId", generationId);
      return fetch(generationId.strip()).execute();
    }
  };

  GptImageHubImages(Gateway transport, GptImageHubModels models, PollingStrategy polling, Duration syncTimeout) {
    this.transport = transport;
    this.models = models;
    this.syncTimeout = syncTimeout;
    this.operations = new OperationFactory<>(transport, "id",
        OperationDriver.of(this::fetch, (String id, GptImageHubGeneration g) ->
            GptImageHubWire.snapshot(id, g, GptImageHubGeneration::toImageResult)), polling);
    this.generations = new OperationFactory<>(transport, "id",
        OperationDriver.of(this::fetch, (String id, GptImageHubGeneration g) ->
            GptImageHubWire.snapshot(id, g, Function.identity())), polling);
  }

  /**
   * Generates in the default, synchronous mode: the call returns when the images are done (up to
   * the client's {@code syncTimeout}), with the credits charged and the balance left.
   *
   * @param request what to generate
   * @return the finished generation, with its images, credits and balance
   * @throws ValidationException on bad input, before anything is sent
   * @throws OperationFailedException when the answer is a finished generation that failed
   * @throws dev.aigw.core.error.ServerException with code {@code generationFailed} when the
   *     generation failed (GPTImageHub refunds it)
   */
  public GptImageHubGeneration generateSync(ImageRequest request) {
    return raw.generateSync(request).body();
  }

  /**
   * Queues a generation ({@code async: true}) and returns GPTImageHub's answer: the generation id,
   * status {@code queued}, the credits requested and the {@code poll_url}. Follow it with {@link
   * #follow}.
   *
   * @param request what to generate
   * @return the accepted generation (status {@code queued})
   * @throws ValidationException on bad input, before anything is sent
   */
  public GptImageHubGeneration queue(ImageRequest request) {
    return raw.queue(request).body();
  }

  /**
   * An operation that polls a generation {@link #queue} returned, starting from that answer (nothing
   * is sent until it is polled). Its result is the whole generation log.
   *
   * @param accepted what {@link #queue} returned
   * @return the operation
   */
  public Operation<GptImageHubGeneration> follow(GptImageHubGeneration accepted) {
    return operation(generations, accepted, Function.identity());
  }

  /**
   * An operation for a generation queued earlier, from its id alone; its result is the whole log.
   *
   * @param generationId the generation id
   * @return the operation; nothing is sent until it is polled
   */
  public Operation<GptImageHubGeneration> resumeGeneration(String generationId) {
    return generations.resume(generationId);
  }

  /**
   * What a generation will cost: the model's credits per image (from the model list, fetched once
   * per client and needing no key) times {@code n}. Nothing is generated.
   *
   * @param request the request ({@code gpt-image-2} when it names no model)
   * @return the price in credits, or unknown when the model is not listed or lists no price
   */
  public PriceEstimate estimate(ImageRequest request) {
    String vendor = transport.vendor();
    String model = request.model() != null ? request.model() : GptImageHubModel.GPT_IMAGE_2;
    int n = request.n() != null ? request.n() : 1;
    Optional<GptImageHubModel> found = models.find(model);
    if (found.isEmpty()) {
      return PriceEstimate.unknown(vendor, model + " is not in GPTImageHub's model list");
    }
    BigDecimal each = found.get().creditsPerImage();
    if (each == null) {
      return PriceEstimate.unknown(vendor, "GPTImageHub's model list gives no credits per image for " + model);
    }
    Cost perImage = new Cost(each, CostUnit.CREDITS);
    return PriceEstimate.known(vendor, perImage.times(n),
        n + (n == 1 ? " image" : " images") + " of " + model + " at " + perImage + " each");
  }

  /**
   * Reads a generation's stored log and images once ({@code GET /api/v1/generations/:id}).
   *
   * @param generationId the generation id
   * @return the generation as stored now
   */
  public GptImageHubGeneration retrieve(String generationId) {
    return raw.retrieve(generationId).body();
  }

  @Override
  public Operation<ImageResult> resume(String operationId) {
    return operations.resume(operationId);
  }

  @Override
  public Raw withRawResponse() {
    return raw;
  }

  /** {@link GptImageHubImages} calls that also return HTTP details. */
  public interface Raw extends ImageService.Raw {
    /**
     * {@link GptImageHubImages#queue} with HTTP details.
     *
     * @param request what to generate
     * @return the accepted generation with the answer's HTTP details
     */
    RawResponse<GptImageHubGeneration> queue(ImageRequest request);

    /**
     * {@link GptImageHubImages#generateSync} with HTTP details.
     *
     * @param request what to generate
     * @return the finished generation with the answer's HTTP details
     */
    RawResponse<GptImageHubGeneration> generateSync(ImageRequest request);

    /**
     * {@link GptImageHubImages#retrieve} with HTTP details.
     *
     * @param generationId the generation id
     * @return the generation with the answer's HTTP details
     */
    RawResponse<GptImageHubGeneration> retrieve(String generationId);
  }

  private ResponseReader<GptImageHubGeneration> reader() {
    return GptImageHubWire.generation(transport.vendor(), transport.downloader());
  }

  private PreparedCall<GptImageHubGeneration> fetch(String id) {
    return transport.prepare(ApiRequest.get(GENERATION_PATH).pathParam("id", id).build(), reader());
  }

  /** An operation from a submission's answer: finished already, or to be polled by its id. */
  private static <T> Operation<T> operation(OperationFactory<T> factory, GptImageHubGeneration g,
      Function<GptImageHubGeneration, T> result) {
    return factory.startedFrom("image generation", g.id(), g.raw(), id -> GptImageHubWire.snapshot(id, g, result));
  }

  /** The wire request, after every pre-send check. */
  ApiRequest request(ImageRequest request, boolean async) {
    String vendor = transport.vendor();
    CHECKS.ownOptions(request.vendorOptions());
    CHECKS.range("n", request.n(), 1, MAX_IMAGES);
    String instead = "give an exact size(width, height), or GptImageHubImageOptions.AUTO_SIZE";
    CHECKS.unsupported("aspectRatio", request.aspectRatio(), instead);
    CHECKS.unsupported("resolution", request.resolution(), instead);
    CHECKS.unsupported("seed", request.seed(), null);
    boolean autoSize = request.vendorOption(GptImageHubImageOptions.class)
        .map(GptImageHubImageOptions::autoSize).orElse(false);
    if (autoSize && request.size() != null) {
      throw CHECKS.invalid("size",
          "give an exact size or GptImageHubImageOptions.AUTO_SIZE, not both; was " + request.size() + " and auto");
    }
    String quality = request.quality() == null ? null : request.quality().wireValue();
    CHECKS.oneOf("quality", quality, QUALITIES);
    String model = request.model() != null ? request.model() : GptImageHubModel.GPT_IMAGE_2;
    List<ApiRequest.Part> files = referenceParts(vendor, request.references());
    if (!files.isEmpty()) {
      models.checkReferenceCount(model, files.size());
    }

    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("model", model);
    fields.put("prompt", request.prompt());
    if (autoSize || request.size() != null) {
      fields.put("size", autoSize ? "auto" : request.size().toString());
    }
    if (quality != null) {
      fields.put("quality", quality);
    }
    if (request.n() != null) {
      fields.put("n", request.n());
    }
    if (async) {
      fields.put("async", true);
    }
    fields.putAll(request.extraBody());

    ApiRequest.Builder b = ApiRequest.post(PATH, RetrySafety.NOT_CHARGED_ON_ERROR)
        .purpose(ApiRequest.Purpose.image(model).withPrice(() -> estimate(request)));
    if (files.isEmpty()) {
      b.json(fields);
    } else {
      List<ApiRequest.Part> parts = new ArrayList<>();
      fields.forEach((name, value) -> parts.add(ApiRequest.Part.field(name, formValue(vendor, name, value))));
      parts.addAll(files);
      b.multipart(parts);
    }
    if (!async) {
      b.timeout(syncTimeout);
    }
    return b.build();
  }

  /** Each reference as a {@code reference_image} file part, after its type and size are checked. */
  private static List<ApiRequest.Part> referenceParts(String vendor, List<MediaInput> references) {
    List<ApiRequest.Part> parts = new ArrayList<>();
    for (MediaInput ref : references) {
      if (ref.kind() == MediaInput.Kind.URL) {
        throw CHECKS.invalid("references",
            "GPTImageHub takes reference images as uploaded files (a file, bytes or a data: URL), not as URLs");
      }
      ImageFormat format = ref.requireImage(vendor, "references", REFERENCE_FORMATS, MAX_REFERENCE_BYTES);
      MediaInput named = ref;
      if (ref.kind() == MediaInput.Kind.BYTES && !ref.filename().contains(".")) {
        // the server sees a file name; give bytes one that matches their type
        named = MediaInput.bytes(ref.bytes(), ref.filename() + "." + format.extension());
      }
      parts.add(ApiRequest.Part.file(REFERENCE_FIELD, named, format.mimeType()));
    }
    return parts;
  }

  /** A text value for a multipart field. */
  private static String formValue(String vendor, String name, Object value) {
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return String.valueOf(value);
    }
    throw CHECKS.invalid("extraBody",
        "'" + name + "' cannot be a multipart form field: only text, numbers and booleans can (references make the body multipart)");
  }
}
