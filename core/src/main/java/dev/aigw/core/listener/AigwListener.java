package dev.aigw.core.listener;

/**
 * Sees what a client does: calls and their attempts, streams, operations, costs and rate limits.
 * Implement the methods you need; each does nothing by default. Set listeners on a client's
 * builder ({@code listener(…)}) or on {@code ClientOptions}; a client may have several, called in
 * the order they were added.
 *
 * <pre>{@code
 * CostMeter meter = new CostMeter();
 * CheapSubClient client = CheapSubClient.builder().apiKey(key).listener(meter).build();
 * }</pre>
 *
 * <p>Listeners are called on the thread doing the work (the caller's, or a polling thread), so
 * keep them short and thread-safe. A listener that throws is logged and ignored: it never fails a
 * call. Events never carry an API key, a cookie, a signature or a result URL; endpoints are
 * templates ({@code /api/v1/generations/{id}}), and per-call state lives in {@link
 * CallInfo#attributes()}. A client without listeners builds no events at all.
 *
 * <p>For one call: {@link #onCallStarted}, then {@link #onAttempt} per attempt (and {@link
 * #onRateLimit} when an answer carries rate-limit headers), then {@link #onCallFinished}; a stream
 * then adds {@link #onFirstChunk} and {@link #onStreamEnded}. For one operation: {@link
 * #onOperationStarted}, {@link #onOperationStatus} per change (its polls are calls whose {@link
 * CallInfo#operation()} names it), then {@link #onOperationFinished} and, when its result says
 * what it cost, {@link #onCost}.
 */
public interface AigwListener {

  /**
   * A call is about to send its first attempt.
   *
   * @param event the call
   */
  default void onCallStarted(CallStarted event) {}

  /**
   * An attempt ended, with the decision on a retry.
   *
   * @param event the attempt
   */
  default void onAttempt(AttemptEnded event) {}

  /**
   * A call ended.
   *
   * @param event the outcome
   */
  default void onCallFinished(CallFinished event) {}

  /**
   * A stream's first item reached the caller.
   *
   * @param event the stream
   */
  default void onFirstChunk(StreamFirstChunk event) {}

  /**
   * A stream ended.
   *
   * @param event the outcome
   */
  default void onStreamEnded(StreamEnded event) {}

  /**
   * An operation was created.
   *
   * @param event the operation
   */
  default void onOperationStarted(OperationStarted event) {}

  /**
   * A poll saw an operation's status change.
   *
   * @param event the change
   */
  default void onOperationStatus(OperationStatusChanged event) {}

  /**
   * An operation ended.
   *
   * @param event the outcome
   */
  default void onOperationFinished(OperationFinished event) {}

  /**
   * A gateway charged for something.
   *
   * @param event the cost
   */
  default void onCost(CostRecorded event) {}

  /**
   * An answer carried rate-limit headers.
   *
   * @param event the headers' values
   */
  default void onRateLimit(RateLimitSeen event) {}

  /**
   * Wraps work the runtime does for {@code operation} on its shared threads — each poll, and the
   * handling of its answer (status callbacks, completing {@code resultAsync()}) — so a listener can
   * run it inside a context of its own (a tracing span made current). Returns {@code work}
   * unchanged by default. A wrapper must run {@code work} exactly once, on the thread it is run on.
   *
   * @param operation the operation
   * @param work what is about to run
   * @return {@code work}, or a runnable that runs it inside the listener's context
   */
  default Runnable aroundPolling(OperationInfo operation, Runnable work) {
    return work;
  }
}
