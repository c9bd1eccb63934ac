package dev.aigw.cheapsub;

import dev.aigw.cheapsub.internal.CheapSubTasks;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.http.RetrySafety;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.image.ImageService;
import dev.aigw.core.json.RawJson;
import dev.aigw.core.media.MediaInput;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.operation.OperationStatus;
import dev.aigw.core.operation.PollingStrategy;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.Checks;
import dev.aigw.core.spi.Gateway;
import dev.aigw.core.spi.JsonWithMedia;
import dev.aigw.core.spi.OperationDriver;
import dev.aigw.core.spi.OperationFactory;
import dev.aigw.core.spi.ResponseReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CheapSub images on {@code POST /api/v1/image}: always asynchronous, answered with a task id and
 * polled on {@code GET /api/v1/task}. Takes a model, a prompt, up to 4 reference image URLs, an
 * aspect ratio, {@code image_size} 1k/2k/4k (nano-banana-pro and nano-banana-2 only), and through
 * {@link CheapSubImageOptions} a {@code callback_url} and {@code failed_if_no_image}. The credits a
 * task consumed come back exactly in {@link ImageResult#cost()}, in KRW (one credit is one won).
 * Thread-safe.
 */
public final class CheapSubImages implements ImageService {
  private static final Checks CHECKS = Checks.of(CheapSubClient.VENDOR);
  static final String PATH = "/api/v1/image";
  /** The most reference images CheapSub takes. */
  public static final int MAX_REFERENCES = 4;
  /** The models that take {@code image_size}. */
  public static final Set<String> SIZED_MODELS = Set.of("nano-banana-pro", "nano-banana-2");

  private final Gateway transport;
  private final OperationFactory<ImageResult> operations;
  private final Raw raw = this::submitRaw;

  CheapSubImages(Gateway transport, PollingStrategy polling) {
    this.transport = transport;
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
    Map<String, Object> body = body(request);
    RawResponse<RawJson> response = transport.execute(
        ApiRequest.post(PATH, RetrySafety.UNPROTECTED).json(body).purpose(ApiRequest.Purpose.image(request.model()))
            .build(), ResponseReader.rawJson());
    CheapSubTasks.requireOk(CheapSubClient.VENDOR, response);
    return response.withBody(operations.started("image", CheapSubTasks.taskId(response.body()),
        OperationStatus.QUEUED, null, response.body()));
  }

  /** The wire body, after every pre-send check. */
  static Map<String, Object> body(ImageRequest request) {
    String vendor = CheapSubClient.VENDOR;
    CHECKS.ownOptions(request.vendorOptions());
    CHECKS.required("model", request.model());
    if (request.n() != null && request.n() != 1) {
      throw CHECKS.invalid("n", "CheapSub makes one image per task; was " + request.n());
    }
    CHECKS.unsupported("size", request.size(), "use aspectRatio and resolution");
    CHECKS.unsupported("quality", request.quality(), null);
    CHECKS.unsupported("seed", request.seed(), null);
    CHECKS.atMost("references", request.references().size(), MAX_REFERENCES);
    List<String> urls = new ArrayList<>();
    for (MediaInput ref : request.references()) {
      if (ref.kind() != MediaInput.Kind.URL) {
        throw CHECKS.invalid("references",
            "CheapSub takes reference images as http(s) URLs only; got " + ref);
      }
      urls.add(ref.url());
    }
    if (request.resolution() != null && !SIZED_MODELS.contains(request.model())) {
      throw CHECKS.invalid("resolution",
          "image_size is accepted only by nano-banana-pro and nano-banana-2, not by " + request.model());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", request.model());
    body.put("prompt", request.prompt());
    if (!urls.isEmpty()) {
      body.put("images", urls);
    }
    if (request.aspectRatio() != null) {
      body.put("aspect_ratio", request.aspectRatio().toString());
    }
    if (request.resolution() != null) {
      body.put("image_size", request.resolution().wireValue());
    }
    request.vendorOption(CheapSubImageOptions.class).ifPresent(o -> {
      if (o.callbackUrl() != null) {
        checkCallbackUrl(o.callbackUrl());
        body.put("callback_url", o.callbackUrl());
      }
      if (o.failedIfNoImage() != null) {
        body.put("failed_if_no_image", o.failedIfNoImage());
      }
    });
    body.putAll(request.extraBody());
    return body;
  }

  /** CheapSub POSTs to the callback URL: it must be an absolute http(s) URL. */
  private static void checkCallbackUrl(String url) {
    MediaInput parsed;
    try {
      parsed = MediaInput.url(url);
    } catch (ValidationException e) {
      parsed = null;
    }
    if (parsed == null || parsed.kind() != MediaInput.Kind.URL) {
      throw CHECKS.invalid("callbackUrl",
          "must be an absolute http or https URL that CheapSub can POST to");
    }
  }
}
