package dev.aigw.cloudgpt;

import dev.aigw.cloudgpt.internal.CloudGptMedia;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.http.RetrySafety;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.Checks;
import dev.aigw.core.spi.Gateway;
import dev.aigw.core.video.GeneratedVideo;
import dev.aigw.core.video.VideoRequest;
import dev.aigw.core.video.VideoResult;
import dev.aigw.core.video.VideoService;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CloudGPT videos on {@code POST /api/video}: {@code prompt}, {@code model}, {@code duration} in
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

  private final Gateway transport;
  private final Duration timeout;
  private final Raw raw = this::submitRaw;

  CloudGptVideos(Gateway transport, Duration timeout) {
    this.transport = transport;
    this.timeout = timeout;
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
    ApiRequest call = ApiRequest.post(PATH, RetrySafety.UNPROTECTED).json(body(request)).timeout(timeout)
        .purpose(ApiRequest.Purpose.video(request.model())).build();
    RawResponse<GeneratedVideo> response = transport.execute(call,
        CloudGptMedia.video(CloudGptClient.VENDOR, CloudGptClient.SPEC.errorMapping()));
    VideoResult result = new VideoResult(null, response.body(), null, null);
    return response.withBody(Operation.succeeded(CloudGptClient.VENDOR, null, result, transport.listeners()));
  }

  /** The wire body, after every pre-send check. */
  static Map<String, Object> body(VideoRequest request) {
    String vendor = CloudGptClient.VENDOR;
    CHECKS.ownOptions(request.vendorOptions());
    Integer max = CloudGptModels.MAX_DURATIONS.get(request.model());
    if (max != null && request.durationSeconds() != null && request.durationSeconds() > max) {
      throw CHECKS.invalid("durationSeconds",
          request.model() + " makes videos of 1 to " + max + " seconds; was " + request.durationSeconds());
    }
    CHECKS.unsupported("resolution", request.resolution(), "give the shape with aspectRatio(w, h), e.g. aspectRatio(16, 9)");
    if (request.size() != null) {
      throw CHECKS.invalid("size", "the deployed CloudGPT server ignores width and height on " + PATH
          + " (it reads aspectRatio); give aspectRatio(w, h), e.g. aspectRatio(16, 9), or send width and height"
          + " through extraBody if your deployment honours them; was " + request.size());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("prompt", request.prompt());
    body.put("model", request.model());
    if (request.durationSeconds() != null) {
      body.put("duration", request.durationSeconds());
    }
    if (request.aspectRatio() != null) {
      body.put("aspectRatio", request.aspectRatio().toString());
    }
    body.putAll(request.extraBody());
    return body;
  }
}
