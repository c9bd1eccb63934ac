package dev.aigw.core.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;

/**
 * Limits how many requests of one client are in flight at once; the rest wait in order instead of
 * failing. Waiting never parks a thread for asynchronous calls.
 */
final class RequestGate {
  private final int limit;
  private final Deque<CompletableFuture<Void>> waiting = new ArrayDeque<>();
  private int inFlight;

  /** @param limit the most requests in flight; 0 or less means no limit */
  RequestGate(int limit) {
    this.limit = limit;
  }

  boolean limited() {
    return limit > 0;
  }

  /** A future that completes when a slot is free. */
  CompletableFuture<Void> acquire() {
    if (limit <= 0) {
      return CompletableFuture.completedFuture(null);
    }
    synchronized (this) {
      if (inFlight < limit) {
        inFlight++;
        return CompletableFuture.completedFuture(null);
      }
      CompletableFuture<Void> ticket = new CompletableFuture<>();
      waiting.add(ticket);
      return ticket;
    }
  }

  /** Frees a slot, handing it to the next waiter still waiting. */
  void release() {
    if (limit <= 0) {
      return;
    }
    CompletableFuture<Void> next;
    synchronized (this) {
      while (true) {
        next = waiting.poll();
        if (next == null) {
          inFlight--;
          return;
        }
        if (!next.isDone()) {
          break;
        }
      }
    }
    if (!next.complete(null)) {
      release();
    }
  }

  /** Abandons a ticket that was never granted; a granted one is released. */
  void abandon(CompletableFuture<Void> ticket) {
    if (!ticket.cancel(false)) {
      release();
    }
  }

  synchronized int inFlight() {
    return inFlight;
  }
}
