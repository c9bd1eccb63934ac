package dev.aigw.core.shared;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The in-process concurrency limit, the default: one count per {@link LimitKey}, and the calls
 * beyond it wait in order (first come, first served) instead of failing. Waiting never parks a
 * thread. {@link #shared()} is the one every client of the process uses unless given another.
 */
public final class LocalConcurrencyLimiter implements ConcurrencyLimiter {
  private static final LocalConcurrencyLimiter SHARED = new LocalConcurrencyLimiter();

  private final Map<LimitKey, Gate> gates = new ConcurrentHashMap<>();

  /** A limiter of its own, shared with nobody. */
  public LocalConcurrencyLimiter() {
    // the gates are made on first use
  }

  /**
   * The process-wide limiter, so that a vendor's per-key limit holds however many clients in the
   * process share the key.
   *
   * @return the shared limiter
   */
  public static LocalConcurrencyLimiter shared() {
    return SHARED;
  }

  @Override
  public CompletableFuture<Lease> acquire(LimitKey key) {
    return gates.computeIfAbsent(Objects.requireNonNull(key, "key"), k -> new Gate(k.limit())).acquire();
  }

  /**
   * How many slots of {@code key} are held now.
   *
   * @param key the limit
   * @return the leases held
   */
  public int inFlight(LimitKey key) {
    Gate gate = gates.get(key);
    return gate == null ? 0 : gate.inFlight();
  }

  /** The count of one key, and its waiters in order. */
  private static final class Gate {
    private final int limit;
    private final Deque<CompletableFuture<Lease>> waiting = new ArrayDeque<>();
    private int inFlight;

    Gate(int limit) {
      this.limit = limit;
    }

    CompletableFuture<Lease> acquire() {
      synchronized (this) {
        if (inFlight < limit) {
          inFlight++;
          return CompletableFuture.completedFuture(new GateLease(this));
        }
        CompletableFuture<Lease> ticket = new CompletableFuture<>();
        waiting.add(ticket);
        return ticket;
      }
    }

    /** Frees a slot, handing it to the next waiter still waiting. */
    void release() {
      while (true) {
        CompletableFuture<Lease> next;
        synchronized (this) {
          do {
            next = waiting.poll();
            if (next == null) {
              inFlight--;
              return;
            }
          } while (next.isDone());
        }
        if (next.complete(new GateLease(this))) {
          return;
        }
        // it gave up meanwhile: the slot goes to the one after it
      }
    }

    synchronized int inFlight() {
      return inFlight;
    }
  }

  /** One slot of a gate, released once. */
  private static final class GateLease implements Lease {
    private final Gate gate;
    private final AtomicBoolean released = new AtomicBoolean();

    GateLease(Gate gate) {
      this.gate = gate;
    }

    @Override
    public void release() {
      if (released.compareAndSet(false, true)) {
        gate.release();
      }
    }
  }
}
