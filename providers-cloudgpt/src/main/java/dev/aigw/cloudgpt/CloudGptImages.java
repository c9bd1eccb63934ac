package dev.aigw.cloudgpt;

import dev.aigw.cloudgpt.internal.CloudGptMedia;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.http.RetrySafety;
import dev.aigw.core.image.GeneratedImage;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.image.ImageService;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.profile.ImageProfile;
import dev.aigw.core.profile.ImageShapes;
import dev.aigw.core.profile.ReferenceRules;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.Checks;
import dev.aigw.core.spi.Gateway;
import dev.aigw.core.spi.ImageShape;
import dev.aigw.core.spi.ReferencePlan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CloudGPT images on {@code POST /api/image}: {@code prompt}, {@code model} (a documented image
 * model, {@code flux} when none is given), {@code width} and {@code height} (from {@code size(w,
 * h)}, or from an aspect ratio and resolution class where they equal an exact size: {@code 16:9} is
 * {@code 1024x576}; CloudGPT's default 1024×1024) and {@code seed}, each sent exactly as given (a
 * seed of 0 is sent as 0). The answer is the image itself:
 * its bytes are streamed into a temporary file, never held whole on the heap, and {@code
 * saveTo(Path)} streams them on to where you want them.
 *
 * <p>The format: CloudGPT answers PNG or JPEG and says which in {@code Content-Type}. This client
 * reads the header and checks it against the image's first bytes: {@link
 * GeneratedImage#mimeType()} is {@code image/png} or {@code image/jpeg} as the header says when
 * the bytes agree; when a server mislabels an image, the bytes win; a body that is no image (JSON,
 * text, or bytes that are no image format) is an {@link dev.aigw.core.error.AigwException} naming
 * what came, never a corrupt file.
 *
 * <p>The call is synchronous, so {@link #submit} returns an {@link Operation} that is already
 * complete, and there is nothing to {@link #resume}. The result's {@code cost} is {@code null}
 * (CloudGPT reports none) and its {@code raw()} is empty (the answer is not JSON).
 *
 * <p>An image is paid work that nothing protects from being done twice: it is retried only after
 * a 429 or a connection that failed before the request was sent. Thread-safe.
 */
public final class CloudGptImages implements ImageService {
  private static final Checks CHECKS = Checks.of(CloudGptClient.VENDOR);
  static final String PATH = "/api/image";
  /** What CloudGPT's images take, as documented: any width and height, one image, a seed, no references. */
  static final ImageProfile PROFILE = new ImageProfile(CloudGptModels.IMAGE, ImageShapes.ofAnySize(), Set.of(), 1,
      true, ReferenceRules.none());

  private final Gateway transport;
  private final ImageProfile profile;
  private final Raw raw = this::submitRaw;

  CloudGptImages(Gateway transport, ImageProfile profile) {
    this.transport = transport;
    this.profile = profile;
  }

  /**
   * Generates the image and returns it as an operation that has already succeeded; its id is
   * local to this process (CloudGPT gives none).
   *
   * @throws ValidationException on a field CloudGPT cannot take, before anything is sent
   */
  @Override
  public Operation<ImageResult> submit(ImageRequest request) {
    return submitRaw(request).body();
  }

  /**
   * CloudGPT has no image tasks to resume: the image comes back in the call that asked for it.
   *
   * @throws ValidationException always
   */
  @Override
  public Operation<ImageResult> resume(String operationId) {
    throw CloudGptMedia.nothingToResume("image");
  }

  @Override
  public Raw withRawResponse() {
    return raw;
  }

  private RawResponse<Operation<ImageResult>> submitRaw(ImageRequest request) {
    Map<String, Object> body = validate(request, CHECKS);
    ApiRequest call = ApiRequest.post(PATH, RetrySafety.UNPROTECTED).json(body)
        .purpose(ApiRequest.Purpose.image((String) body.get("model"))).build();
    RawResponse<GeneratedImage> response = transport.execute(call,
        CloudGptMedia.image(CloudGptClient.VENDOR, CloudGptClient.SPEC.errorMapping()));
    ImageResult result = new ImageResult(null, List.of(response.body()), null, null);
    return response.withBody(Operation.succeeded(CloudGptClient.VENDOR, null, result, transport.listeners()));
  }

  /** Every pre-send check, and the wire body. */
  Map<String, Object> validate(ImageRequest request, Checks checks) {
    checks.ownOptions(request.vendorOptions());
    String model = checks.model(profile.models(), request.model());
    if (request.n() != null && request.n() > profile.maxImages()) {
      checks.reject("n", "CloudGPT makes one image per call; was " + request.n());
    }
    ImageShape shape = ImageShape.resolve(request, profile.shapes(), checks);
    checks.unsupported("quality", request.quality(), null);
    ReferencePlan.of(request.references(), profile.references(), checks);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("prompt", request.prompt());
    body.put("model", model);
    if (shape.size() != null) {
      body.put("width", shape.size().width());
      body.put("height", shape.size().height());
    }
    if (request.seed() != null) {
      body.put("seed", request.seed());
    }
    body.putAll(request.extraBody());
    return body;
  }
}
