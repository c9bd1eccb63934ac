package dev.aigw.core.shared;

import dev.aigw.core.webhook.DeliveryDeduplicator;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The state that instances of one application share: the per-key {@linkplain #limiter()
 * concurrency limit}, the {@linkplain #deliveries() webhook deliveries} seen, and the {@linkplain
 * #pendingOperations() operations} submitted and not finished. Set it on a client's builder
 * ({@code sharedState(…)}) or {@code ClientOptions}, and pass {@link #deliveries()} to a webhook
 * receiver. Without it a client uses {@link LocalConcurrencyLimiter#shared()} and records no
 * pending operations, exactly as before shared state existed. Thread-safe.
 */
public interface SharedState {
  /**
   * The concurrency limiter the clients take their request slots from.
   *
   * @return the limiter
   */
  ConcurrencyLimiter limiter();

  /**
   * The webhook delivery ids seen, for {@code WebhookReceiver.Builder#deduplicator}.
   *
   * @return the store
   */
  DeliveryIdStore deliveries();

  /**
   * Where clients record the operations they submit.
   *
   * @return the store
   */
  PendingOperations pendingOperations();

  /**
   * This instance's name in claims: unique per process (and per {@code SharedState}).
   *
   * @return the instance id
   */
  String instanceId();

  /**
   * How long a claim on a pending operation lasts unless renewed: after the instance holding it
   * dies, another may claim the operation this long after its last renewal.
   *
   * @return the claim time (2 minutes unless an implementation says otherwise)
   */
  default Duration claimTtl() {
    return Duration.ofMinutes(2);
  }

  /**
   * Claims, for this instance, the oldest claimable pending operation of {@code vendor}, for
   * {@link #claimTtl()}: the way an instance takes over the work of one that died. Resume the
   * operation it names on a client with this shared state ({@code client.images().resume(id)});
   * its end completes it.
   *
   * @param vendor the gateway
   * @return the claimed operation, or empty when none is claimable
   */
  default Optional<PendingOperation> claimNext(String vendor) {
    Objects.requireNonNull(vendor, "vendor");
    List<PendingOperation> candidates = pendingOperations().claimable(100);
    for (PendingOperation candidate : candidates) {
      if (candidate.vendor().equals(vendor)) {
        Optional<PendingOperation> won = pendingOperations().claim(vendor, candidate.id(), instanceId(), claimTtl());
        if (won.isPresent()) {
          return won;
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The state of this process alone: {@link LocalConcurrencyLimiter#shared()}, a new {@link
   * DeliveryDeduplicator} and a new {@link LocalPendingOperations}.
   *
   * @return in-process state
   */
  static SharedState local() {
    return of(LocalConcurrencyLimiter.shared(), new DeliveryDeduplicator(), new LocalPendingOperations(),
        "local-" + UUID.randomUUID());
  }

  /**
   * State made of the given parts, with the default claim time.
   *
   * @param limiter the concurrency limiter
   * @param deliveries the delivery ids seen
   * @param pendingOperations the pending operations
   * @param instanceId this instance's name in claims
   * @return the state
   */
  static SharedState of(ConcurrencyLimiter limiter, DeliveryIdStore deliveries, PendingOperations pendingOperations,
      String instanceId) {
    Objects.requireNonNull(limiter, "limiter");
    Objects.requireNonNull(deliveries, "deliveries");
    Objects.requireNonNull(pendingOperations, "pendingOperations");
    Objects.requireNonNull(instanceId, "instanceId");
    return new SharedState() {
      @Override
      public ConcurrencyLimiter limiter() {
        return limiter;
      }

      @Override
      public DeliveryIdStore deliveries() {
        return deliveries;
      }

      @Override
      public PendingOperations pendingOperations() {
        return pendingOperations;
      }

      @Override
      public String instanceId() {
        return instanceId;
      }

      @Override
      public String toString() {
        return "SharedState[" + instanceId + "]";
      }
    };
  }
}
