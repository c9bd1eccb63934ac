package dev.aigw.gptimage2;

import dev.aigw.core.error.ValidationException;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.http.RetrySafety;
import dev.aigw.core.image.AspectRatio;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.image.ImageService;
import dev.aigw.core.image.Quality;
import dev.aigw.core.json.RawJson;
import dev.aigw.core.media.MediaInput;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.operation.OperationSnapshot;
import dev.aigw.core.operation.OperationStatus;
import dev.aigw.core.operation.PollingStrategy;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.Checks;
import dev.aigw.core.spi.Gateway;
import dev.aigw.core.spi.OperationDriver;
import dev.aigw.core.spi.OperationFactory;
import dev.aigw.core.spi.PreparedCall;
import dev.aigw.core.spi.ResponseReader;
import dev.aigw.gptimage2.internal.GptImage2Wire;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * gptimage2.plus generations and edits: {@code POST /api/v1/generate} answers 202 with a
 * generation id, polled on {@code GET /api/v1/generations/:id}. Takes a prompt (at most 4000
 * characters), a size of 1024x1024, 1024x1536 or 1536x1024 (also as the aspect ratios 1:1, 2:3,
 * 3:2), a quality of low, medium or high, n from 1 to 4, and up to 4 input images: local
 * references are uploaded first (see {@link GptImage2Uploads}) and sent as {@code inputImageKeys}
 * with {@code type: edit}, together with keys given in {@link GptImage2Options}. Everything is
 * checked before anything is sent.
 *
 * <p>Every submission carries an {@code Idempotency-Key} (the caller's from {@link
 * GptImage2Options}, or a fresh UUID), reused on every retry, and gptimage2.plus answers a key it
 * has seen with the existing generation: so a submission is retried after a 5xx, a 429 (after its
 * {@code Retry-After}) or a lost connection, and is never charged twice. The key is on the
 * operation ({@link Operation#idempotencyKey()}) and on the exception of a submission that failed
 * after it may have reached the server ({@link dev.aigw.core.error.AigwException#idempotencyKey()}):
 * submitting the same request again with {@code GptImage2Options.idempotencyKey(key)} returns the
 * generation the lost attempt created, charged once.
 *
 * <p>A {@code failed} generation ends the operation with an {@link
 * dev.aigw.core.error.OperationFailedException} whose {@code reason()} is the vendor's {@code
 * error} exactly as sent ({@code null} when it sent none); a {@code blocked} one with status {@code
 * BLOCKED}, code {@code content_policy} and the same verbatim reason. Both are refunded, as
 * gptimage2.plus documents: {@link GptImage2Generation#creditsRefunded()} says so for a generation
 * read with {@link #generation(String)}. Thread-safe.
 */
public final class GptImage2Images implements ImageService {
  private static final Checks CHECKS = Checks.of(GptImage2Client.VENDOR);
  static final String GENERATE = "/api/v1/generate";
  static final String GENERATION = "/api/v1/generations/{id}";
  /** The documented sizes. */
  public static final List<String> SIZES = List.of("1024x1024", "1024x1536", "1536x1024");
  /** The documented qualities. */
  public static final List<Quality> QUALITIES = List.of(Quality.LOW, Quality.MEDIUM, Quality.HIGH);
  /** The longest prompt, in characters. */
  public static final int MAX_PROMPT = 4000;
  /** The most input images (references and {@code inputImageKeys} together). */
  public static final int MAX_INPUT_IMAGES = 4;
  /** The most images per generation. */
  public static final int MAX_N = 4;

  private final Gateway transport;
  private final GptImage2Uploads uploads;
  private final OperationFactory<ImageResult> operations;
  private final Raw raw = new Raw() {
    @Override
    public RawResponse<Operation<ImageResult>> submit(ImageRequest request) {
      return submitRaw(request);
    }

    @Override
    public RawResponse<GptImage2Generation> generation(String generationId) {
      CHECKS.required("generationId", generationId);
      return fetch(generationId.strip()).execute();
    }
  };

  GptImage2Images(Gateway transport, GptImage2Uploads uploads, PollingStrategy polling) {
    this.transport = transport;
    this.uploads = uploads;
    this.operations = new OperationFactory<>(transport, "generationId", OperationDriver.of(this::fetch, this::snapshot),
        polling);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Local references (files, bytes, data URLs) are uploaded first; the generation request
   * follows with their keys.
   *
   * @throws ValidationException on bad input, before anything is sent
   */
  @Override
  public Operation<ImageResult> submit(ImageRequest request) {
    return raw.submit(request).body();
  }

  @Override
  public Operation<ImageResult> resume(String operationId) {
    return operations.resume(operationId);
  }

  /** The same calls with HTTP details: status, headers, the rate-limit headers, attempts. */
  @Override
  public Raw withRawResponse() {
    return raw;
  }

  /**
   * One read of a generation's state, on {@code GET /api/v1/generations/:id}.
   *
   * @param generationId the generation id (the operation id)
   * @return the generation as it is now
   */
  public GptImage2Generation generation(String generationId) {
    return raw.generation(generationId).body();
  }

  /**
   * The vendor's view of a finished result: both formats of every output, credits, type, times.
   *
   * @param result a result of this client's images
   * @return the generation read from the result's raw answer
   */
  public static GptImage2Generation generation(ImageResult result) {
    return GptImage2Wire.generation(result.raw());
  }

  /** {@link GptImage2Images} calls that also return HTTP details. */
  public interface Raw extends ImageService.Raw {
    /**
     * {@link GptImage2Images#generation(String)} with the answer's HTTP details.
     *
     * @param generationId the generation id
     * @return the generation with the answer's HTTP details
     */
    RawResponse<GptImage2Generation> generation(String generationId);
  }

  private PreparedCall<GptImage2Generation> fetch(String id) {
    return transport.prepare(ApiRequest.get(GENERATION).pathParam("id", id).build(),
        ResponseReader.<GptImage2Wire.Generation, GptImage2Generation>json(GptImage2Wire.Generation.class,
            GptImage2Wire::generation));
  }

  private OperationSnapshot<ImageResult> snapshot(String id, GptImage2Generation generation) {
    return GptImage2Wire.snapshot(GptImage2Client.VENDOR, id, generation, transport.downloader());
  }

  private RawResponse<Operation<ImageResult>> submitRaw(ImageRequest request) {
    Checked checked = check(request);
    List<String> keys = new ArrayList<>(checked.inputImageKeys());
    for (MediaInput local : checked.uploads()) {
      keys.add(uploads.upload(local, "references").key());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("prompt", request.prompt());
    body.put("type", keys.isEmpty() ? "text2img" : "edit");
    if (checked.size() != null) {
      body.put("size", checked.size());
    }
    if (request.quality() != null) {
      body.put("quality", request.quality().wireValue());
    }
    if (request.n() != null) {
      body.put("n", request.n());
    }
    if (!keys.isEmpty()) {
      body.put("inputImageKeys", keys);
    }
    body.putAll(request.extraBody());
    // one key per logical submission, made here so that the operation can give it back
    String idempotencyKey = checked.idempotencyKey() != null ? checked.idempotencyKey() : UUID.randomUUID().toString();
    ApiRequest call = ApiRequest.post(GENERATE, RetrySafety.DEDUPLICATED_BY_KEY)
        .idempotencyKey(idempotencyKey).json(body).purpose(ApiRequest.Purpose.image(null)).build();
    RawResponse<RawJson> response = transport.execute(call, ResponseReader.rawJson());
    RawJson answer = response.body();
    String id = answer.getString("generationId");
    if (id == null) {
      id = answer.getString("id");
    }
    String word = answer.getString("status");
    OperationStatus status = GptImage2Generation.statusOf(word);
    if (status.isTerminal()) {
      // a replayed Idempotency-Key answers with the existing generation's status, but not its
      // outputs or error: one read of the generation completes the operation at once
      return response.withBody(operations.startedFrom("image", id, answer,
          generationId -> snapshot(generationId, fetch(generationId).execute().body()), idempotencyKey));
    }
    return response.withBody(operations.started("image", id, status, word, answer, idempotencyKey));
  }

  /** What a request becomes after every check, before any I/O. */
  record Checked(String size, List<String> inputImageKeys, List<MediaInput> uploads, String idempotencyKey) {}

  static Checked check(ImageRequest request) {
    String vendor = GptImage2Client.VENDOR;
    CHECKS.ownOptions(request.vendorOptions());
    CHECKS.required("prompt", request.prompt());
    CHECKS.maxLength("prompt", request.prompt(), MAX_PROMPT);
    if (request.model() != null) {
      throw CHECKS.invalid("model",
          "gptimage2.plus has a single model and takes no model field; leave model unset (was " + request.model() + ")");
    }
    CHECKS.range("n", request.n(), 1, MAX_N);
    CHECKS.oneOf("quality", request.quality(), QUALITIES);
    CHECKS.unsupported("resolution", request.resolution(), "quality HIGH renders at 2K");
    CHECKS.unsupported("seed", request.seed(), null);
    String size = size(request);
    GptImage2Options options = request.vendorOption(GptImage2Options.class).orElse(new GptImage2Options(null, null));
    int inputs = options.inputImageKeys().size() + request.references().size();
    if (inputs > MAX_INPUT_IMAGES) {
      throw CHECKS.invalid("references", "accepts at most " + MAX_INPUT_IMAGES
          + " input images, references and inputImageKeys together; was given " + inputs + " ("
          + request.references().size() + " references, " + options.inputImageKeys().size() + " inputImageKeys)");
    }
    for (String key : options.inputImageKeys()) {
      CHECKS.required("inputImageKeys", key);
    }
    for (MediaInput ref : request.references()) {
      if (ref.kind() == MediaInput.Kind.URL) {
        throw CHECKS.invalid("references",
            "gptimage2.plus takes input images as uploads; give a file, bytes or a data URL instead of a remote URL");
      }
      ref.requireImage(vendor, "references", GptImage2Uploads.FORMATS, GptImage2Uploads.MAX_BYTES);
      CHECKS.maxLength("filename", ref.filename(), GptImage2Uploads.MAX_FILENAME);
    }
    if (options.idempotencyKey() != null) {
      CHECKS.required("idempotencyKey", options.idempotencyKey());
    }
    return new Checked(size, options.inputImageKeys(), request.references(), options.idempotencyKey());
  }

  private static String size(ImageRequest request) {
    String vendor = GptImage2Client.VENDOR;
    String fromSize = request.size() == null ? null : request.size().toString();
    String fromRatio = request.aspectRatio() == null ? null : ratio(request.aspectRatio());
    if (fromSize != null) {
      CHECKS.oneOf("size", fromSize, SIZES);
    }
    if (request.aspectRatio() != null && fromRatio == null) {
      throw CHECKS.invalid("aspectRatio",
          "accepts 1:1, 2:3, 3:2 (the sizes 1024x1024, 1024x1536, 1536x1024); was " + request.aspectRatio());
    }
    if (fromSize != null && fromRatio != null && !fromSize.equals(fromRatio)) {
      throw CHECKS.invalid("aspectRatio",
          request.aspectRatio() + " contradicts the size " + fromSize + "; give one of them");
    }
    return fromSize != null ? fromSize : fromRatio;
  }

  private static String ratio(AspectRatio r) {
    if (r.width() == r.height()) {
      return "1024x1024";
    }
    if (r.width() * 3 == r.height() * 2) {
      return "1024x1536";
    }
    if (r.width() * 2 == r.height() * 3) {
      return "1536x1024";
    }
    return null;
  }
}
