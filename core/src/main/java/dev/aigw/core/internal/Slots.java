package dev.aigw.core.internal;

import dev.aigw.core.Secret;
import dev.aigw.core.shared.ConcurrencyLimiter;
import dev.aigw.core.shared.ConcurrencyLimiter.Lease;
import dev.aigw.core.shared.LimitKey;
import dev.aigw.core.shared.LocalConcurrencyLimiter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A transport's request slots: the {@link ConcurrencyLimiter} (by default the process-wide {@link
 * LocalConcurrencyLimiter#shared()}) under the {@link LimitKey} of its vendor, base URL, key
 * fingerprint and limit; without a limit, no slots are counted; without a key, the transport has a
 * limit of its own. The key reaches the limiter only as its SHA-256 fingerprint.
 */
final class Slots {
  private static final Lease NONE = () -> { };
  private static final CompletableFuture<Lease> FREE = CompletableFuture.completedFuture(NONE);

  private final ConcurrencyLimiter limiter;
  private final LimitKey key;
  private final AtomicInteger held = new AtomicInteger();

  private Slots(ConcurrencyLimiter limiter, LimitKey key) {
    this.limiter = limiter;
    this.key = key;
  }

  /**
   * The slots of a transport.
   *
   * @param limiter the limiter keys share, or {@code null} for the process-wide one
   */
  static Slots of(String vendor, String baseUrl, Secret apiKey, int limit, ConcurrencyLimiter limiter) {
    if (limit <= 0) {
      return new Slots(null, null);
    }
    if (apiKey == null) {
      return new Slots(new LocalConcurrencyLimiter(), new LimitKey(vendor, baseUrl, fingerprint("anonymous"), limit));
    }
    return new Slots(limiter != null ? limiter : LocalConcurrencyLimiter.shared(),
        new LimitKey(vendor, baseUrl, fingerprint(apiKey.reveal()), limit));
  }

  static String fingerprint(String secret) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** A future of a slot; give up on it with {@link #abandon}, give a granted one back with its lease. */
  CompletableFuture<Lease> acquire() {
    if (limiter == null) {
      return FREE;
    }
    return limiter.acquire(key);
  }

  /** The lease of a granted ticket, counted in {@link #inFlight()} until released. */
  Lease held(Lease lease) {
    if (limiter == null) {
      return NONE;
    }
    held.incrementAndGet();
    AtomicBoolean released = new AtomicBoolean();
    return () -> {
      if (released.compareAndSet(false, true)) {
        held.decrementAndGet();
        lease.release();
      }
    };
  }

  /** Gives up on a ticket: a slot granted meanwhile goes back. */
  void abandon(CompletableFuture<Lease> ticket) {
    if (!ticket.cancel(false) && !ticket.isCompletedExceptionally()) {
      ticket.join().release();
    }
  }

  /** How many calls are in flight: for the process-wide limiter every client of the key, else this transport's. */
  int inFlight() {
    if (limiter instanceof LocalConcurrencyLimiter local) {
      return local.inFlight(key);
    }
    return held.get();
  }
}
