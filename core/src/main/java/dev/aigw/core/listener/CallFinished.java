package dev.aigw.core.listener;

import dev.aigw.core.chat.Usage;
import java.time.Duration;

/**
 * A call ended: its answer was read (for a stream, its headers arrived: the stream's own end is
 * {@link StreamEnded}) or it failed for good.
 *
 * @param call the call
 * @param status the last attempt's HTTP status, or -1 when it got no answer
 * @param attempts how many attempts it took
 * @param duration from the start of the first attempt to the end, waits between attempts
 *     included
 * @param requestId the gateway's request id, or {@code null}
 * @param responseModel the model that answered (a chat completion's {@code model}), or {@code null}
 * @param responseId the gateway's id for the answer (a completion id), or {@code null}
 * @param usage token counts of a chat completion, or {@code null}
 * @param error the failure, or {@code null} when the call succeeded; its message never holds a
 *     key, cookie or URL
 */
public record CallFinished(CallInfo call, int status, int attempts, Duration duration, String requestId,
    String responseModel, String responseId, Usage usage, RuntimeException error) {

  /**
   * Whether the call succeeded.
   *
   * @return {@code true} when there is no error
   */
  public boolean succeeded() {
    return error == null;
  }

  /**
   * The failure's type, for a low-cardinality label.
   *
   * @return the exception's class name ({@code dev.aigw.core.error.RateLimitException}), or {@code
   *     null}
   */
  public String errorType() {
    return error == null ? null : error.getClass().getName();
  }
}
