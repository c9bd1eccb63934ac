package dev.aigw.cloudgpt;

import dev.aigw.cloudgpt.internal.CloudGptMedia;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.http.RetrySafety;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.profile.VideoProfile;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.Checks;
import dev.aigw.core.spi.Gateway;
import dev.aigw.core.spi.VideoShape;
import dev.aigw.core.video.GeneratedVideo;
import dev.aigw.core.video.VideoRequest;
import dev.aigw.core.video.VideoResult;
import dev.aigw.core.video.VideoService;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CloudGPT videos on {@code POST /api/video}: {@code prompt}, {@code model} (a documented video
 * model, {@code veo} when none is given), {@code duration} in
 * seconds (CloudGPT's default 4; at most the model's documented maximum for the models in {@link
 * CloudGptModels#MAX_DURATIONS}) and {@code aspectRatio} (from {@code aspectRatio(w, h)}, sent as
 * {@code "16:9"}).
 *
 * <p>The shape: CloudGPT's document lists {@code width} and {@code height} (default 1280×720), but
 * the deployed server never reads them — it reads {@code aspectRatio}, which the document does not
 * list. So {@code aspectRatio} is sent, as the server that renders the video reads it, and {@code
 * size(w, h)} is refused before sending rather than sent to be ignored without a word (a deployment
 * that does honour {@code width} and {@code height} can still be given them through {@code
 * extraBody}).
 *
 * <p>The answer is the MP4 itself: its bytes are streamed into a temporary file
 * as they arrive — a video of any size never sits on the heap — and {@code saveTo(Path)} streams
 * it on. A JSON or text answer, or bytes that are no MP4, is an {@link
 * dev.aigw.core.error.AigwException}, never a corrupt file.
 *
 * <p>The call lasts as long as the render: it may take the builder's {@code videoTimeout} (10
 * minutes by default) from sending the request to the last byte. {@link #submit} returns an
 * operation that is already complete; there is nothing to {@link #resume}.
 *
 * <p>A video is paid work that nothing protects from being done twice: it is retried only after
 * a 429 or a connection that failed before the request was sent — never after a timeout. Thread-safe.
 */
public final class CloudGptVideos implements VideoService {
  private static final Checks CHECKS = Checks.of(CloudGptClient.VENDOR);
  static final String PATH = "/api/video";
  /**
   * What CloudGPT's videos take, as deployed: an aspect ratio (the server reads {@code aspectRatio}
   * and ignores {@code width}/{@code height}, so no frame size), up to each model's longest duration.
   */
  static final VideoProfile PROFILE = new VideoProfile(CloudGptModels.VIDEO, List.of(), CloudGptModels.MAX_DURATIONS,
      List.of(), false, true);

  private final Gateway transport;
  private final VideoProfile profile;
  private final Duration timeout;
  private final Raw raw = this::submitRaw;

  CloudGptVideos(Gateway transport, Duration timeout, VideoProfile profile) {
    this.transport = transport;
    this.timeout = timeout;
    this.profile = profile;
  }

  /** {@return how long one video call may take, from the request to the last byte} */
  public Duration timeout() {
    return timeout;
  }

  /**
   * Generates the video and returns it as an operation that has already succeeded; its id is
   * local to this process (CloudGPT gives none).
   *
   * @throws ValidationException on a field CloudGPT cannot take, before anything is sent
   */
  @Override
  public Operation<VideoResult> submit(VideoRequest request) {
    return submitRaw(request).body();
  }

  /**
   * Generates the video and returns it (the call itself waits for the render).
   *
   * @param request what to generate
   * @return the video
   * @throws ValidationException on a field CloudGPT cannot take, before anything is sent
   */
  public VideoResult generate(VideoRequest request) {
    return submit(request).result();
  }

  /**
   * CloudGPT has no video tasks to resume: the video comes back in the call that asked for it.
   *
   * @throws ValidationException always
   */
  @Override
  public Operation<VideoResult> resume(String operationId) {
    throw CloudGptMedia.nothingToResume("video");
  }

  @Override
  public Raw withRawResponse() {
    return raw;
  }

  private RawResponse<Operation<VideoResult>> submitRaw(VideoRequest request) {
    Map<String, Object> body = validate(request, CHECKS);
    ApiRequest call = ApiRequest.post(PATH, RetrySafety.UNPROTECTED).json(body).timeout(timeout)
        .purpose(ApiRequest.Purpose.video((String) body.get("model"))).build();
    RawResponse<GeneratedVideo> response = transport.execute(call,
        CloudGptMedia.video(CloudGptClient.VENDOR, CloudGptClient.SPEC.errorMapping()));
    VideoResult result = new VideoResult(null, response.body(), null, null);
    return response.withBody(Operation.succeeded(CloudGptClient.VENDOR, null, result, transport.listeners()));
  }

  /** Every pre-send check, and the wire body. */
  Map<String, Object> validate(VideoRequest request, Checks checks) {
    checks.ownOptions(request.vendorOptions());
    String model = checks.model(profile.models(), request.model());
    Integer max = profile.maxDurations().get(model);
    if (max != null && request.durationSeconds() != null && request.durationSeconds() > max) {
      checks.reject("durationSeconds", model + " makes videos of 1 to " + max + " seconds; was " + request.durationSeconds());
    }
    VideoShape shape = VideoShape.resolve(request, profile);
    checks.unsupported("resolution", shape.resolution(), "give the shape with aspectRatio(w, h), e.g. aspectRatio(16, 9)");
    if (shape.size() != null) {
      checks.reject("size", "the deployed CloudGPT server ignores width and height on " + PATH
          + " (it reads aspectRatio); give aspectRatio(w, h), e.g. aspectRatio(16, 9), or send width and height"
          + " through extraBody if your deployment honours them; was " + shape.size());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("prompt", request.prompt());
    body.put("model", model);
    if (request.durationSeconds() != null) {
      body.put("duration", request.durationSeconds());
    }
    if (shape.aspectRatio() != null) {
      body.put("aspectRatio", shape.aspectRatio().toString());
    }
    body.putAll(request.extraBody());
    return body;
  }
}
