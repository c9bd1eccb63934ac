package dev.aigw.core.shared;

import java.util.concurrent.CompletableFuture;

/**
 * Hands out the slots of a per-key concurrency limit: at most {@link LimitKey#limit()} leases of
 * one {@link LimitKey} are held at once, by every client that shares the limiter (in one process
 * for {@link LocalConcurrencyLimiter}, across processes for a shared store). Implementations are
 * thread-safe and never park the caller's thread: {@link #acquire} returns at once.
 */
public interface ConcurrencyLimiter {
  /**
   * Asks for a slot of {@code key}'s limit.
   *
   * <p>The future completes with a {@link Lease} once a slot is free, or exceptionally (a {@link
   * dev.aigw.core.error.SharedStateException} when a shared store fails). The caller may give up
   * waiting by cancelling the future or completing it exceptionally (a timeout, with {@link
   * CompletableFuture#orTimeout}); a slot found for a future already completed is given back by the
   * limiter, so giving up never loses one.
   *
   * @param key the limit
   * @return a future of the lease
   */
  CompletableFuture<Lease> acquire(LimitKey key);

  /** One slot held; release it exactly once when the call no longer needs it. */
  interface Lease {
    /** Gives the slot back. Calling it again does nothing. */
    void release();
  }
}
