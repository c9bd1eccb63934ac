package dev.aigw.core.video;

import dev.aigw.core.http.RawResponse;
import dev.aigw.core.operation.Operation;
import java.time.Duration;

/** Video generation through the neutral API. Thread-safe. */
public interface VideoService {

  /** Submits a generation and returns at once with an {@link Operation}. */
  default Operation<VideoResult> submit(VideoRequest request) {
    return withRawResponse().submit(request).body();
  }

  /** Picks up an operation submitted earlier from its id alone. */
  Operation<VideoResult> resume(String operationId);

  /** Submits and waits, up to {@code timeout}. */
  default VideoResult generate(VideoRequest request, Duration timeout) {
    return submit(request).waitForCompletion(timeout);
  }

  /** The same calls, answering with HTTP details. */
  Raw withRawResponse();

  /** {@link VideoService} calls that also return HTTP details. */
  interface Raw {
    /** {@link VideoService#submit} with the submission's HTTP details. */
    RawResponse<Operation<VideoResult>> submit(VideoRequest request);
  }
}
