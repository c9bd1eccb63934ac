package dev.aigw.core.video;

import dev.aigw.core.http.RawResponse;
import dev.aigw.core.operation.Operation;
import java.time.Duration;

/** Video generation through the neutral API. Thread-safe. */
public interface VideoService {

  /**
   * Submits a generation and returns at once with an {@link Operation}.
   *
   * @param request what to generate
   * @return the operation, already submitted
   * @throws dev.aigw.core.error.ValidationException on bad input, before anything is sent
   */
  default Operation<VideoResult> submit(VideoRequest request) {
    return withRawResponse().submit(request).body();
  }

  /**
   * Picks up an operation submitted earlier from its id alone.
   *
   * @param operationId the id from {@link Operation#id()}
   * @return an operation that polls the task when waited on
   */
  Operation<VideoResult> resume(String operationId);

  /**
   * Submits and waits, up to {@code timeout}.
   *
   * @param request what to generate
   * @param timeout the longest wait
   * @return the finished result
   * @throws dev.aigw.core.error.OperationFailedException if the task failed or was blocked
   * @throws dev.aigw.core.error.OperationTimeoutException if time ran out (the task may still
   *     finish; resume it by id)
   */
  default VideoResult generate(VideoRequest request, Duration timeout) {
    return submit(request).waitForCompletion(timeout);
  }

  /** {@return the same calls, answering with HTTP details} */
  Raw withRawResponse();

  /** {@link VideoService} calls that also return HTTP details. */
  interface Raw {
    /**
     * {@link VideoService#submit} with the submission's HTTP details.
     *
     * @param request what to generate
     * @return the operation with the submission's HTTP details
     */
    RawResponse<Operation<VideoResult>> submit(VideoRequest request);
  }
}
