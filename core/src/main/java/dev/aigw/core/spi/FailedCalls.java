package dev.aigw.core.spi;

import dev.aigw.core.http.RetrySafety;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * Which {@link RetrySafety} the call that threw a failure was declared with, so that a failover
 * router ({@link dev.aigw.core.routing.Router}) judges "may this failure have been charged?" by the
 * very rule the transport retried by. The runtime's {@link Gateway} records every failure of its
 * calls; a provider with a {@code Gateway} of its own records them too. Entries go when their
 * exception is collected. Thread-safe.
 */
public final class FailedCalls {
  private FailedCalls() {}

  /** Exceptions are compared by identity (Throwable does not override equals). */
  private static final Map<Throwable, RetrySafety> SAFETY = Collections.synchronizedMap(new WeakHashMap<>());

  /**
   * Records that {@code failure} ended a call declared {@code safety} (the first record wins: a
   * failure rethrown by an outer call keeps the safety of the call that failed).
   *
   * @param failure the exception
   * @param safety the call's retry safety
   */
  public static void record(Throwable failure, RetrySafety safety) {
    if (failure != null && safety != null) {
      SAFETY.putIfAbsent(failure, safety);
    }
  }

  /**
   * The retry safety of the call {@code failure} ended, when a gateway recorded it.
   *
   * @param failure the exception
   * @return the safety, or empty when unknown
   */
  public static Optional<RetrySafety> safetyOf(Throwable failure) {
    return Optional.ofNullable(SAFETY.get(failure));
  }
}
