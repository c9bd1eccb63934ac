package dev.aigw.core.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.shared.ConcurrencyLimiter.Lease;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LocalConcurrencyLimiterTest {
  private static final LimitKey TWO = new LimitKey("gptimage2", "https://gptimage2.plus", "0a".repeat(32), 2);

  @Test
  void grantsUpToTheLimitThenServesWaitersInOrder() {
    LocalConcurrencyLimiter limiter = new LocalConcurrencyLimiter();
    Lease a = limiter.acquire(TWO).join();
    Lease b = limiter.acquire(TWO).join();
    CompletableFuture<Lease> third = limiter.acquire(TWO);
    CompletableFuture<Lease> fourth = limiter.acquire(TWO);
    assertThat(third).isNotDone();
    assertThat(limiter.inFlight(TWO)).isEqualTo(2);

    a.release();
    a.release(); // a second release gives nothing more back
    assertThat(third).isDone();
    assertThat(fourth).isNotDone();
    b.release();
    assertThat(fourth).isDone();
    third.join().release();
    fourth.join().release();
    assertThat(limiter.inFlight(TWO)).isZero();
  }

  @Test
  void aWaiterThatGaveUpIsSkippedAndLosesNoSlot() {
    LocalConcurrencyLimiter limiter = new LocalConcurrencyLimiter();
    LimitKey one = new LimitKey("v", "u", "0b".repeat(32), 1);
    Lease held = limiter.acquire(one).join();
    CompletableFuture<Lease> cancelled = limiter.acquire(one);
    CompletableFuture<Lease> timedOut = limiter.acquire(one).orTimeout(1, TimeUnit.NANOSECONDS);
    CompletableFuture<Lease> patient = limiter.acquire(one);
    cancelled.cancel(false);
    assertThatThrownBy(timedOut::join).hasCauseInstanceOf(java.util.concurrent.TimeoutException.class);

    held.release();
    assertThat(patient).isDone();
    patient.join().release();
    assertThat(limiter.inFlight(one)).isZero();
    assertThat(limiter.acquire(one)).isDone();
  }

  @Test
  void keysAreCountedApartAndTheSharedLimiterIsOne() {
    LocalConcurrencyLimiter limiter = new LocalConcurrencyLimiter();
    LimitKey other = new LimitKey("gptimage2", "https://gptimage2.plus", "0c".repeat(32), 2);
    limiter.acquire(TWO).join();
    limiter.acquire(TWO).join();
    assertThat(limiter.acquire(other)).isDone();
    assertThat(limiter.inFlight(new LimitKey("x", "y", "0d".repeat(32), 1))).isZero();
    assertThat(LocalConcurrencyLimiter.shared()).isSameAs(LocalConcurrencyLimiter.shared());
  }
}
