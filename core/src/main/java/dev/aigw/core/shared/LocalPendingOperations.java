package dev.aigw.core.shared;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pending operations kept in the process: useful to list what one JVM has under way, and the
 * reference behaviour of a shared store. Thread-safe.
 */
public final class LocalPendingOperations implements PendingOperations {
  private final Map<String, PendingOperation> operations = new ConcurrentHashMap<>();
  private final Clock clock;

  /** An empty store on the system clock. */
  public LocalPendingOperations() {
    this(Clock.systemUTC());
  }

  /**
   * An empty store.
   *
   * @param clock the clock claims are judged by
   */
  public LocalPendingOperations(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  private static String key(String vendor, String id) {
    return vendor + '\n' + id;
  }

  @Override
  public void record(PendingOperation operation) {
    operations.put(key(operation.vendor(), operation.id()), operation);
  }

  @Override
  public boolean renew(String vendor, String id, String instance, Duration ttl) {
    Instant until = clock.instant().plus(ttl);
    PendingOperation renewed = operations.computeIfPresent(key(vendor, id), (k, op) -> instance.equals(op.claimedBy())
        ? new PendingOperation(op.vendor(), op.id(), op.asked(), op.submittedAt(), instance, until) : op);
    return renewed != null && instance.equals(renewed.claimedBy()) && until.equals(renewed.claimExpiresAt());
  }

  @Override
  public List<PendingOperation> claimable(int max) {
    Instant now = clock.instant();
    return operations.values().stream()
        .filter(op -> op.claimableAt(now))
        .sorted(Comparator.comparing(PendingOperation::submittedAt))
        .limit(Math.max(0, max))
        .toList();
  }

  @Override
  public Optional<PendingOperation> claim(String vendor, String id, String instance, Duration ttl) {
    Objects.requireNonNull(instance, "instance");
    Instant now = clock.instant();
    PendingOperation[] won = new PendingOperation[1];
    operations.computeIfPresent(key(vendor, id), (k, op) -> {
      if (!op.claimableAt(now)) {
        return op;
      }
      won[0] = new PendingOperation(op.vendor(), op.id(), op.asked(), op.submittedAt(), instance, now.plus(ttl));
      return won[0];
    });
    return Optional.ofNullable(won[0]);
  }

  @Override
  public void complete(String vendor, String id) {
    operations.remove(key(vendor, id));
  }

  @Override
  public Optional<PendingOperation> find(String vendor, String id) {
    return Optional.ofNullable(operations.get(key(vendor, id)));
  }
}
