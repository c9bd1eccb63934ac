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
import dev.aigw.core.image.Quality;
import dev.aigw.core.media.ImageFormat;
import dev.aigw.core.media.MediaInput;
import dev.aigw.core.model.Modality;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.operation.OperationStatus;
import dev.aigw.core.operation.PollingStrategy;
import dev.aigw.core.profile.ImageProfile;
import dev.aigw.core.profile.ImageShapes;
import dev.aigw.core.profile.ModelCatalog;
import dev.aigw.core.profile.ReferenceRules;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.Checks;
import dev.aigw.core.spi.Gateway;
import dev.aigw.core.spi.ImageShape;
import dev.aigw.core.spi.Listeners;
import dev.aigw.core.spi.OperationDriver;
import dev.aigw.core.spi.OperationFactory;
import dev.aigw.core.spi.PreparedCall;
import dev.aigw.core.spi.ReferencePlan;
import dev.aigw.core.spi.ResponseReader;
import dev.aigw.gptimagehub.internal.GptImageHubWire;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
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
  /**
   * The image models GPTImageHub's documentation names ({@code gpt-image-2}, the default); its
   * model list may offer more, looked up when a request names one.
   */
  public static final ModelCatalog MODELS = new ModelCatalog(Modality.IMAGE, List.of(GptImageHubModel.GPT_IMAGE_2),
      GptImageHubModel.GPT_IMAGE_2, false);
  /**
   * What GPTImageHub's images take, as documented. The reference count has no fixed maximum here:
   * it is each model's {@code reference_image_limit}, and before the client knows the model list a
   * count over {@link GptImageHubModels#DEFAULT_REFERENCE_IMAGE_LIMIT} is refused without I/O (by
   * {@link GptImageHubModels#check}, which {@code check(request)} runs as well).
   */
  static final ImageProfile PROFILE = new ImageProfile(MODELS, ImageShapes.ofAnySize(),
      EnumSet.copyOf(QUALITIES.stream().map(q -> Quality.valueOf(q.toUpperCase(java.util.Locale.ROOT))).toList()),
      MAX_IMAGES, false,
      ReferenceRules.of(EnumSet.of(MediaInput.Kind.FILE, MediaInput.Kind.BYTES, MediaInput.Kind.DATA_URL), null,
          MAX_REFERENCE_BYTES, REFERENCE_FORMATS));

  private final Gateway transport;
  private final GptImageHubModels models;
  private final ImageProfile profile;
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
      return send(request, true);
    }

    @Override
    public RawResponse<GptImageHubGeneration> generateSync(ImageRequest request) {
      RawResponse<GptImageHubGeneration> r = send(request, false);
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

  GptImageHubImages(Gateway transport, GptImageHubModels models, PollingStrategy polling, Duration syncTimeout,
      ImageProfile profile) {
    this.transport = transport;
    this.models = models;
    this.profile = profile;
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

  /** A request after every pre-send check: its form fields, and its references to prepare. */
  record Planned(Map<String, Object> fields, ReferencePlan references) {}

  /** Every pre-send check, and the form fields. */
  Planned validate(ImageRequest request, boolean async, Checks checks) {
    checks.ownOptions(request.vendorOptions());
    String model = checks.model(profile.models(), request.model());
    checks.range("n", request.n(), 1, profile.maxImages());
    ImageShape shape = ImageShape.resolve(request, profile.shapes(), checks);
    checks.unsupported("seed", request.seed(), null);
    boolean autoSize = request.vendorOption(GptImageHubImageOptions.class)
        .map(GptImageHubImageOptions::autoSize).orElse(false);
    if (autoSize && shape.size() != null) {
      checks.reject("size",
          "give an exact size or GptImageHubImageOptions.AUTO_SIZE, not both; was " + shape.size() + " and auto");
    }
    String quality = request.quality() == null ? null : request.quality().wireValue();
    checks.oneOf("quality", quality, QUALITIES);
    ReferencePlan references = ReferencePlan.of(request.references(), profile.references(), checks);
    models.check(model, profile.models().offers(model), request.references().size(), checks);
    if (!request.references().isEmpty()) {
      request.extraBody().forEach((name, value) -> {
        if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
          checks.reject("extraBody", "'" + name + "' cannot be a multipart form field: only text, numbers and"
              + " booleans can (references make the body multipart)");
        }
      });
    }

    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("model", model);
    fields.put("prompt", request.prompt());
    if (autoSize || shape.size() != null) {
      fields.put("size", autoSize ? "auto" : shape.size().toString());
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
    return new Planned(fields, references);
  }

  /** Checks, prepares the references (downloading URLs), sends, and deletes what was downloaded. */
  private RawResponse<GptImageHubGeneration> send(ImageRequest request, boolean async) {
    Planned planned = validate(request, async, CHECKS);
    ApiRequest.Purpose purpose = ApiRequest.Purpose.image((String) planned.fields().get("model"))
        .withPrice(() -> estimate(request));
    try (ReferencePlan.Prepared refs = planned.references().prepare(transport.vendor(), transport.downloader(), null)) {
      return transport.execute(request(planned.fields(), refs.references(), async, purpose), reader());
    }
  }

  /** The wire request: JSON, or multipart when there are reference files. */
  ApiRequest request(Map<String, Object> fields, List<MediaInput> references, boolean async) {
    return request(fields, references, async, null);
  }

  /** The wire request, for {@code purpose} when it is not {@code null}. */
  private ApiRequest request(Map<String, Object> fields, List<MediaInput> references, boolean async,
      ApiRequest.Purpose purpose) {
    String vendor = transport.vendor();
    List<ApiRequest.Part> files = referenceParts(vendor, references);
    ApiRequest.Builder b = ApiRequest.post(PATH, RetrySafety.NOT_CHARGED_ON_ERROR);
    if (purpose != null) {
      b.purpose(purpose);
    }
    if (files.isEmpty()) {
      b.json(fields);
    } else {
      List<ApiRequest.Part> parts = new ArrayList<>();
      // validate() refused anything but text, numbers and booleans beside references
      fields.forEach((name, value) -> parts.add(ApiRequest.Part.field(name, String.valueOf(value))));
      parts.addAll(files);
      b.multipart(parts);
    }
    if (!async) {
      b.timeout(syncTimeout);
    }
    return b.build();
  }

  /** Each reference (checked already, or downloaded and checked) as a {@code reference_image} file part. */
  private static List<ApiRequest.Part> referenceParts(String vendor, List<MediaInput> references) {
    List<ApiRequest.Part> parts = new ArrayList<>();
    for (MediaInput ref : references) {
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

}
