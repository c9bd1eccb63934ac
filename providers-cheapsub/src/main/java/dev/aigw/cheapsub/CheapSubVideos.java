package dev.aigw.cheapsub;

import dev.aigw.cheapsub.internal.CheapSubTasks;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.http.RetrySafety;
import dev.aigw.core.json.RawJson;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.operation.PollingStrategy;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.Checks;
import dev.aigw.core.spi.Gateway;
import dev.aigw.core.spi.JsonWithMedia;
import dev.aigw.core.spi.OperationDriver;
import dev.aigw.core.spi.OperationFactory;
import dev.aigw.core.spi.ResponseReader;
import dev.aigw.core.video.VideoRequest;
import dev.aigw.core.video.VideoResult;
import dev.aigw.core.video.VideoService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CheapSub videos on {@code POST /api/v1/video}: a model, a prompt, a duration of 10, 15 or 25
 * seconds (sent as the string the docs show) and a resolution such as {@code 720p}; polled on
 * {@code GET /api/v1/task}. Thread-safe.
 */
public final class CheapSubVideos implements VideoService {
  private static final Checks CHECKS = Checks.of(CheapSubClient.VENDOR);
  static final String PATH = "/api/v1/video";
  /** The durations CheapSub takes, in seconds. */
  public static final List<Integer> DURATIONS = List.of(10, 15, 25);

  private final Gateway transport;
  private final OperationFactory<VideoResult> operations;
  private final Raw raw = this::submitRaw;

  CheapSubVideos(Gateway transport, PollingStrategy polling) {
    this.transport = transport;
    this.operations = new OperationFactory<>(transport, "task_id", OperationDriver.of(
        id -> CheapSubTasks.fetch(transport, id),
        (String id, JsonWithMedia json) -> CheapSubTasks.readVideo(CheapSubClient.VENDOR, id, json, transport.downloader())),
        polling);
  }

  @Override
  public Operation<VideoResult> resume(String operationId) {
    return operations.resume(operationId);
  }

  @Override
  public Raw withRawResponse() {
    return raw;
  }

  private RawResponse<Operation<VideoResult>> submitRaw(VideoRequest request) {
    RawResponse<RawJson> response = transport.execute(
        ApiRequest.post(PATH, RetrySafety.UNPROTECTED).json(body(request))
            .purpose(ApiRequest.Purpose.video(request.model())).build(), ResponseReader.rawJson());
    CheapSubTasks.requireOk(CheapSubClient.VENDOR, response);
    RawJson json = response.body();
    String word = json.getString("status");
    return response.withBody(operations.started("video", CheapSubTasks.taskId(json), CheapSubTasks.status(word), word, json));
  }

  /** The wire body, after every pre-send check. */
  static Map<String, Object> body(VideoRequest request) {
    String vendor = CheapSubClient.VENDOR;
    CHECKS.ownOptions(request.vendorOptions());
    CHECKS.oneOf("durationSeconds", request.durationSeconds(), DURATIONS);
    CHECKS.unsupported("size", request.size(), "use resolution, e.g. 720p or 1080p");
    CHECKS.unsupported("aspectRatio", request.aspectRatio(), null);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", request.model());
    body.put("prompt", request.prompt());
    if (request.durationSeconds() != null) {
      body.put("duration", String.valueOf(request.durationSeconds()));
    }
    if (request.resolution() != null) {
      CHECKS.required("resolution", request.resolution());
      body.put("resolution", request.resolution());
    }
    body.putAll(request.extraBody());
    return body;
  }
}
