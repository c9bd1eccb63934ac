package dev.aigw.core.image;

import dev.aigw.core.http.RawResponse;
import dev.aigw.core.operation.Operation;
import java.time.Duration;

/** Image generation through the neutral API. Thread-safe. */
public interface ImageService {

  /**
   * Submits a generation and returns at once with an {@link Operation} to poll or wait on. The
   * submission itself is one HTTP call; nothing waits for the image.
   *
   * @param request what to generate
   * @return the operation, already submitted
   * @throws dev.aigw.core.error.ValidationException on bad input, before anything is sent
   */
  default Operation<ImageResult> submit(ImageRequest request) {
    return withRawResponse().submit(request).body();
  }

  /**
   * Picks up an operation submitted earlier (perhaps by another process) from its id alone.
   * Nothing is sent until it is polled or waited on.
   *
   * @param operationId the id from {@link Operation#id()}
   * @return an operation that polls the task when waited on
   */
  Operation<ImageResult> resume(String operationId);

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
  default ImageResult generate(ImageRequest request, Duration timeout) {
    return submit(request).waitForCompletion(timeout);
  }

  /**
   * Submits and waits, up to the client's default operation timeout.
   *
   * @param request what to generate
   * @return the finished result
   * @throws dev.aigw.core.error.OperationFailedException if the task failed or was blocked
   * @throws dev.aigw.core.error.OperationTimeoutException if time ran out (the task may still
   *     finish; resume it by id)
   */
  default ImageResult generate(ImageRequest request) {
    return submit(request).waitForCompletion();
  }

  /** {@return the same calls, answering with HTTP details} */
  Raw withRawResponse();

  /** {@link ImageService} calls that also return HTTP details. */
  interface Raw {
    /**
     * {@link ImageService#submit} with the submission's HTTP details.
     *
     * @param request what to generate
     * @return the operation with the submission's HTTP details
     */
    RawResponse<Operation<ImageResult>> submit(ImageRequest request);
  }
}
