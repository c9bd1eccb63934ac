package dev.aigw.cheapsub;

import dev.aigw.cheapsub.internal.CheapSubTasks;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.http.RetrySafety;
import dev.aigw.core.json.RawJson;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.operation.PollingStrategy;
import dev.aigw.core.profile.VideoProfile;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.Checks;
import dev.aigw.core.spi.Gateway;
import dev.aigw.core.spi.JsonWithMedia;
import dev.aigw.core.spi.OperationDriver;
import dev.aigw.core.spi.OperationFactory;
import dev.aigw.core.spi.ResponseReader;
import dev.aigw.core.spi.VideoShape;
import dev.aigw.core.video.VideoRequest;
import dev.aigw.core.video.VideoResult;
import dev.aigw.core.video.VideoService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CheapSub videos on {@code POST /api/v1/video}: a model (one of its eight documented video
 * models, {@code sora-2} when none is given), a prompt, a duration of 10, 15 or 25 seconds (sent as
 * the string the docs show) and a resolution such as {@code 720p} (an exact size of {@code
 * 1280x720} or {@code 1920x1080} is sent as the resolution it equals); polled on {@code GET
 * /api/v1/task}. Thread-safe.
 */
public final class CheapSubVideos implements VideoService {
  private static final Checks CHECKS = Checks.of(CheapSubClient.VENDOR);
  static final String PATH = "/api/v1/video";
  /** The durations CheapSub takes, in seconds. */
  public static final List<Integer> DURATIONS = List.of(10, 15, 25);
  /** What CheapSub's videos take, as documented. */
  static final VideoProfile PROFILE = new VideoProfile(CheapSubModels.VIDEO, DURATIONS, Map.of(),
      List.of("720p", "1080p"), false);

  private final Gateway transport;
  private final VideoProfile profile;
  private final OperationFactory<VideoResult> operations;
  private final Raw raw = this::submitRaw;

  CheapSubVideos(Gateway transport, PollingStrategy polling, VideoProfile profile) {
    this.transport = transport;
    this.profile = profile;
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
    Map<String, Object> body = validate(request, CHECKS);
    RawResponse<RawJson> response = transport.execute(
        ApiRequest.post(PATH, RetrySafety.UNPROTECTED).json(body)
            .purpose(ApiRequest.Purpose.video((String) body.get("model"))).build(), ResponseReader.rawJson());
    CheapSubTasks.requireOk(CheapSubClient.VENDOR, response);
    RawJson json = response.body();
    String word = json.getString("status");
    return response.withBody(operations.started("video", CheapSubTasks.taskId(json), CheapSubTasks.status(word), word, json));
  }

  /** Every pre-send check, and the wire body. */
  Map<String, Object> validate(VideoRequest request, Checks checks) {
    checks.ownOptions(request.vendorOptions());
    String model = checks.model(profile.models(), request.model());
    checks.oneOf("durationSeconds", request.durationSeconds(), profile.durations());
    VideoShape shape = VideoShape.resolve(request, profile);
    checks.unsupported("size", shape.size(), "use resolution, e.g. 720p or 1080p");
    checks.unsupported("aspectRatio", shape.aspectRatio(), null);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", model);
    body.put("prompt", request.prompt());
    if (request.durationSeconds() != null) {
      body.put("duration", String.valueOf(request.durationSeconds()));
    }
    if (shape.resolution() != null) {
      checks.required("resolution", shape.resolution());
      body.put("resolution", shape.resolution());
    }
    body.putAll(request.extraBody());
    return body;
  }
}
