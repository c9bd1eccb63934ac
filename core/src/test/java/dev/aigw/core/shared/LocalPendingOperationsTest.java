package dev.aigw.core.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LocalPendingOperationsTest {
  /** A clock the test moves. */
  static final class MovableClock extends Clock {
    Instant now = Instant.parse("2026-12-01T10:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void anOperationIsClaimableOnlyOnceItsClaimLapsesAndThenByOneInstance() {
    MovableClock clock = new MovableClock();
    LocalPendingOperations store = new LocalPendingOperations(clock);
    Instant t0 = clock.now;
    store.record(new PendingOperation("gptimage2", "g1", "image via POST /api/v1/generate", t0, "a",
        t0.plusSeconds(60)));
    store.record(new PendingOperation("gptimage2", "g0", null, t0.minusSeconds(1), null, null));

    assertThat(store.claimable(10)).extracting(PendingOperation::id).containsExactly("g0");
    assertThat(store.find("gptimage2", "g0")).hasValueSatisfying(op -> assertThat(op.asked()).isEmpty());
    assertThat(store.claim("gptimage2", "g1", "b", Duration.ofMinutes(1))).isEmpty();
    assertThat(store.renew("gptimage2", "g1", "b", Duration.ofMinutes(1))).isFalse();
    assertThat(store.renew("gptimage2", "g1", "a", Duration.ofSeconds(90))).isTrue();

    clock.now = t0.plusSeconds(89);
    assertThat(store.claimable(10)).extracting(PendingOperation::id).containsExactly("g0");
    clock.now = t0.plusSeconds(90);
    assertThat(store.claimable(10)).extracting(PendingOperation::id).containsExactly("g0", "g1");
    assertThat(store.claimable(1)).extracting(PendingOperation::id).containsExactly("g0");

    Optional<PendingOperation> won = store.claim("gptimage2", "g1", "b", Duration.ofMinutes(1));
    assertThat(won).hasValueSatisfying(op -> {
      assertThat(op.claimedBy()).isEqualTo("b");
      assertThat(op.claimExpiresAt()).isEqualTo(clock.now.plusSeconds(60));
    });
    assertThat(store.claim("gptimage2", "g1", "c", Duration.ofMinutes(1))).isEmpty();

    store.complete("gptimage2", "g1");
    assertThat(store.find("gptimage2", "g1")).isEmpty();
    assertThat(store.claim("gptimage2", "g1", "c", Duration.ofMinutes(1))).isEmpty();
    assertThat(store.renew("gptimage2", "g1", "b", Duration.ofMinutes(1))).isFalse();
    assertThat(new LocalPendingOperations().claimable(5)).isEmpty();
  }
}
