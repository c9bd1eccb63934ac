package dev.aigw.cheapsub;

import dev.aigw.cheapsub.internal.CheapSubTasks;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.http.RetrySafety;
import dev.aigw.core.image.AspectRatio;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.image.ImageService;
import dev.aigw.core.image.Resolution;
import dev.aigw.core.json.RawJson;
import dev.aigw.core.media.MediaInput;
import dev.aigw.core.media.ReferenceHost;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.operation.OperationStatus;
import dev.aigw.core.operation.PollingStrategy;
import dev.aigw.core.profile.ImageProfile;
import dev.aigw.core.profile.ImageShapes;
import dev.aigw.core.profile.ReferenceRules;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.Checks;
import dev.aigw.core.spi.Gateway;
import dev.aigw.core.spi.ImageShape;
import dev.aigw.core.spi.JsonWithMedia;
import dev.aigw.core.spi.OperationDriver;
import dev.aigw.core.spi.OperationFactory;
import dev.aigw.core.spi.ReferencePlan;
import dev.aigw.core.spi.ResponseReader;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CheapSub images on {@code POST /api/v1/image}: always asynchronous, answered with a task id and
 * polled on {@code GET /api/v1/task}. Takes a model (one of its four documented image models,
 * {@code nano-banana-2} when none is given), a prompt, up to 4 reference image URLs, an aspect
 * ratio, {@code image_size} 1k/2k/4k (nano-banana-pro and nano-banana-2 only), and through {@link
 * CheapSubImageOptions} a {@code callback_url} and {@code failed_if_no_image}. An exact size is
 * sent as the ratio and class it equals ({@code 1024x576} is 16:9 at 1k). A local reference image
 * (a file, bytes, a {@code data:} URL) is published first by the client's {@link
 * dev.aigw.core.media.ReferenceHost}, and refused before sending without one. The credits a task
 * consumed come back exactly in {@link ImageResult#cost()}, in KRW (one credit is one won).
 * Thread-safe.
 */
public final class CheapSubImages implements ImageService {
  private static final Checks CHECKS = Checks.of(CheapSubClient.VENDOR);
  static final String PATH = "/api/v1/image";
  /** The most reference images CheapSub takes. */
  public static final int MAX_REFERENCES = 4;
  /** The models that take {@code image_size}. */
  public static final Set<String> SIZED_MODELS = Set.of("nano-banana-pro", "nano-banana-2");
  /** The aspect ratios CheapSub's documentation names (it says others work too). */
  static final List<AspectRatio> RATIOS = List.of(AspectRatio.of(1, 1), AspectRatio.of(16, 9), AspectRatio.of(9, 16),
      AspectRatio.of(4, 3), AspectRatio.of(3, 4));
  /** What CheapSub's images take, as documented. */
  static final ImageProfile PROFILE = new ImageProfile(CheapSubModels.IMAGE,
      ImageShapes.ofRatios(RATIOS, true, EnumSet.allOf(Resolution.class)), Set.of(), 1, false,
      ReferenceRules.of(EnumSet.of(MediaInput.Kind.URL), MAX_REFERENCES, Long.MAX_VALUE, Set.of()));

  private final Gateway transport;
  private final ImageProfile profile;
  private final ReferenceHost host;
  private final OperationFactory<ImageResult> operations;
  private final Raw raw = this::submitRaw;

  CheapSubImages(Gateway transport, PollingStrategy polling, ImageProfile profile, ReferenceHost host) {
    this.transport = transport;
    this.profile = profile;
    this.host = host;
    this.operations = new OperationFactory<>(transport, "task_id", OperationDriver.of(
        id -> CheapSubTasks.fetch(transport, id),
        (String id, JsonWithMedia json) -> CheapSubTasks.readImage(CheapSubClient.VENDOR, id, json, transport.downloader())),
        polling);
  }

  @Override
  public Operation<ImageResult> resume(String operationId) {
    return operations.resume(operationId);
  }

  @Override
  public Raw withRawResponse() {
    return raw;
  }

  private RawResponse<Operation<ImageResult>> submitRaw(ImageRequest request) {
    Planned planned = validate(request, CHECKS);
    RawResponse<RawJson> response;
    try (ReferencePlan.Prepared refs = planned.references().prepare(CheapSubClient.VENDOR, transport.downloader(), host)) {
      List<String> urls = refs.references().stream().map(MediaInput::url).toList();
      response = transport.execute(ApiRequest.post(PATH, RetrySafety.UNPROTECTED).json(planned.body(urls))
              .purpose(ApiRequest.Purpose.image((String) planned.head().get("model"))).build(),
          ResponseReader.rawJson());
    }
    CheapSubTasks.requireOk(CheapSubClient.VENDOR, response);
    return response.withBody(operations.started("image", CheapSubTasks.taskId(response.body()),
        OperationStatus.QUEUED, null, response.body()));
  }

  /**
   * A request after every pre-send check: the wire fields around the reference URLs, which are
   * known once the references are prepared.
   */
  record Planned(Map<String, Object> head, Map<String, Object> tail, ReferencePlan references) {
    /** The wire body with {@code urls} as {@code images}. */
    Map<String, Object> body(List<String> urls) {
      Map<String, Object> body = new LinkedHashMap<>(head);
      if (!urls.isEmpty()) {
        body.put("images", urls);
      }
      body.putAll(tail);
      return body;
    }
  }

  /** Every pre-send check, and the wire body. */
  Planned validate(ImageRequest request, Checks checks) {
    checks.ownOptions(request.vendorOptions());
    String model = checks.model(profile.models(), request.model());
    if (request.n() != null && request.n() > profile.maxImages()) {
      checks.reject("n", "CheapSub makes one image per task; was " + request.n());
    }
    ImageShape shape = ImageShape.resolve(request, profile.shapes(), checks);
    checks.unsupported("quality", request.quality(), null);
    checks.unsupported("seed", request.seed(), null);
    ReferencePlan references = ReferencePlan.of(request.references(), profile.references(), checks);
    if (shape.resolution() != null && !SIZED_MODELS.contains(model)) {
      checks.reject("resolution",
          "image_size is accepted only by nano-banana-pro and nano-banana-2, not by " + model);
    }
    Map<String, Object> head = new LinkedHashMap<>();
    head.put("model", model);
    head.put("prompt", request.prompt());
    Map<String, Object> tail = new LinkedHashMap<>();
    if (shape.aspectRatio() != null) {
      tail.put("aspect_ratio", shape.aspectRatio().toString());
    }
    if (shape.resolution() != null) {
      tail.put("image_size", shape.resolution().wireValue());
    }
    request.vendorOption(CheapSubImageOptions.class).ifPresent(o -> {
      if (o.callbackUrl() != null && checkCallbackUrl(o.callbackUrl(), checks)) {
        tail.put("callback_url", o.callbackUrl());
      }
      if (o.failedIfNoImage() != null) {
        tail.put("failed_if_no_image", o.failedIfNoImage());
      }
    });
    tail.putAll(request.extraBody());
    return new Planned(head, tail, references);
  }

  /** CheapSub POSTs to the callback URL: it must be an absolute http(s) URL. */
  private static boolean checkCallbackUrl(String url, Checks checks) {
    MediaInput parsed;
    try {
      parsed = MediaInput.url(url);
    } catch (ValidationException e) {
      parsed = null;
    }
    if (parsed == null || parsed.kind() != MediaInput.Kind.URL) {
      checks.reject("callbackUrl", "must be an absolute http or https URL that CheapSub can POST to");
      return false;
    }
    return true;
  }
}
