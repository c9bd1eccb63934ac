package dev.aigw.core.internal;

import dev.aigw.core.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits how many requests are in flight at once; the rest wait in order instead of failing.
 * Waiting never parks a thread for asynchronous calls. A vendor's limit is per key, so every
 * client of one key (and base URL) in the process shares one gate ({@link #shared}).
 */
final class RequestGate {
  private static final Map<String, RequestGate> SHARED = new ConcurrentHashMap<>();

  private final int limit;
  private final Deque<CompletableFuture<Void>> waiting = new ArrayDeque<>();
  private int inFlight;

  /** @param limit the most requests in flight; 0 or less means no limit */
  RequestGate(int limit) {
    this.limit = limit;
  }

  /**
   * The gate of every client of {@code vendor} at {@code baseUrl} with {@code key} and this limit,
   * so that the vendor's per-key limit holds however many clients share the key. Without a key or
   * a limit, a gate of the client's own. The key is held only as a SHA-256 fingerprint.
   */
  static RequestGate shared(String vendor, String baseUrl, Secret key, int limit) {
    if (limit <= 0 || key == null) {
      return new RequestGate(limit);
    }
    String id = vendor + '\n' + baseUrl + '\n' + fingerprint(key) + '\n' + limit;
    return SHARED.computeIfAbsent(id, ignored -> new RequestGate(limit));
  }

  private static String fingerprint(Secret key) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(key.reveal().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
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
