package dev.aigw.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.error.SharedStateException;
import dev.aigw.core.shared.ConcurrencyLimiter.Lease;
import dev.aigw.core.shared.LimitKey;
import dev.aigw.core.shared.PendingOperation;
import dev.aigw.core.shared.PendingOperations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each piece of {@link RedisSharedState} against a real redis-server, in this JVM. */
class RedisSharedStateIT {
  private static RedisServer redis;
  private static final LimitKey TWO = new LimitKey("gptimage2", "http://127.0.0.1/", "ef".repeat(32), 2);

  @BeforeAll
  static void startRedis() throws Exception {
    redis = RedisServer.shared();
  }

  @AfterAll
  static void stopRedis() throws Exception {
    redis.close();
  }

  private static RedisSharedState connect() {
    return RedisSharedState.builder(redis.url()).prefix("it-" + UUID.randomUUID() + ":").build();
  }

  @Test
  void aReleasedSlotGoesToTheOldestWaiter() throws Exception {
    try (RedisSharedState shared = connect()) {
      Lease a = shared.limiter().acquire(TWO).get(10, TimeUnit.SECONDS);
      Lease b = shared.limiter().acquire(TWO).get(10, TimeUnit.SECONDS);
      CompletableFuture<Lease> third = shared.limiter().acquire(TWO);
      CompletableFuture<Lease> fourth = shared.limiter().acquire(TWO);
      Thread.sleep(200);
      assertThat(third).isNotDone();
      a.release();
      a.release(); // twice does nothing more
      Lease c = third.get(10, TimeUnit.SECONDS);
      Thread.sleep(200);
      assertThat(fourth).as("one slot came back, not two").isNotDone();
      b.release();
      Lease d = fourth.get(10, TimeUnit.SECONDS);
      c.release();
      d.release();
    }
  }

  @Test
  void aWaiterThatGivesUpNeverKeepsASlot() throws Exception {
    try (RedisSharedState shared = connect()) {
      List<Lease> held = new ArrayList<>();
      held.add(shared.limiter().acquire(TWO).get(10, TimeUnit.SECONDS));
      held.add(shared.limiter().acquire(TWO).get(10, TimeUnit.SECONDS));
      CompletableFuture<Lease> impatient = shared.limiter().acquire(TWO).orTimeout(100, TimeUnit.MILLISECONDS);
      assertThatThrownBy(() -> impatient.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(TimeoutException.class);
      CompletableFuture<Lease> cancelled = shared.limiter().acquire(TWO);
      cancelled.cancel(false);
      held.forEach(Lease::release);
      Lease one = shared.limiter().acquire(TWO).get(10, TimeUnit.SECONDS);
      Lease two = shared.limiter().acquire(TWO).get(10, TimeUnit.SECONDS);
      assertThat(((RedisConcurrencyLimiter) shared.limiter()).held()).isEqualTo(2);
      one.release();
      two.release();
    }
  }

  @Test
  void heldLeasesAreRenewedPastTheirLeaseTime() throws Exception {
    String prefix = "it-" + UUID.randomUUID() + ":";
    try (RedisSharedState holder = RedisSharedState.builder(redis.url()).prefix(prefix)
            .leaseTtl(Duration.ofMillis(600)).pollInterval(Duration.ofMillis(20)).build();
        RedisSharedState other = RedisSharedState.builder(redis.url()).prefix(prefix).build()) {
      Lease a = holder.limiter().acquire(TWO).get(10, TimeUnit.SECONDS);
      Lease b = holder.limiter().acquire(TWO).get(10, TimeUnit.SECONDS);
      CompletableFuture<Lease> waiting = other.limiter().acquire(TWO);
      Thread.sleep(1500);
      assertThat(waiting).as("renewed leases do not lapse").isNotDone();
      a.release();
      waiting.get(10, TimeUnit.SECONDS).release();
      b.release();
    }
  }

  @Test
  void closingFailsTheWaitersAndRefusesNewOnes() throws Exception {
    RedisSharedState shared = connect();
    Lease a = shared.limiter().acquire(TWO).get(10, TimeUnit.SECONDS);
    shared.limiter().acquire(TWO).get(10, TimeUnit.SECONDS);
    CompletableFuture<Lease> waiting = shared.limiter().acquire(TWO);
    shared.close();
    assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(SharedStateException.class);
    assertThatThrownBy(() -> shared.limiter().acquire(TWO).get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(SharedStateException.class);
    a.release();
    assertThat(shared.toString()).startsWith("RedisSharedState[127.0.0.1:").contains(shared.instanceId());
  }

  @Test
  void deliveriesAreNewOnceUntilForgottenOrExpired() throws Exception {
    String prefix = "it-" + UUID.randomUUID() + ":";
    try (RedisSharedState shared = RedisSharedState.builder(redis.url()).prefix(prefix)
        .deliveryTtl(Duration.ofMillis(300)).build()) {
      assertThat(shared.deliveries().firstDelivery("d1")).isTrue();
      assertThat(shared.deliveries().firstDelivery("d1")).isFalse();
      shared.deliveries().forget("d1");
      assertThat(shared.deliveries().firstDelivery("d1")).isTrue();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      boolean again = false;
      while (!again && System.nanoTime() < deadline) {
        Thread.sleep(100);
        again = shared.deliveries().firstDelivery("d1");
      }
      assertThat(again).as("new again once its TTL passed").isTrue();
    }
  }

  @Test
  void pendingOperationsAreClaimedByOneInstanceAtATime() throws Exception {
    String prefix = "it-" + UUID.randomUUID() + ":";
    try (RedisSharedState a = RedisSharedState.builder(redis.url()).prefix(prefix).instanceId("a")
            .claimTtl(Duration.ofMillis(400)).build();
        RedisSharedState b = RedisSharedState.builder(redis.url()).prefix(prefix).instanceId("b")
            .claimTtl(Duration.ofMillis(400)).build()) {
      PendingOperations store = a.pendingOperations();
      Instant now = Instant.now();
      store.record(new PendingOperation("gptimage2", "g1", "image", now.minusSeconds(5), "a", now.plusSeconds(60)));
      store.record(new PendingOperation("gptimage2", "g2", "image", now.minusSeconds(3), null, null));
      store.record(new PendingOperation("cheapsub", "c1", "video", now.minusSeconds(4), null, null));

      assertThat(b.pendingOperations().claimable(10)).extracting(PendingOperation::id).containsExactly("c1", "g2");
      assertThat(b.pendingOperations().claimable(1)).extracting(PendingOperation::id).containsExactly("c1");
      assertThat(b.pendingOperations().claim("gptimage2", "g1", "b", Duration.ofMinutes(1))).as("a holds it").isEmpty();
      assertThat(b.pendingOperations().renew("gptimage2", "g1", "b", Duration.ofMinutes(1))).isFalse();
      assertThat(a.pendingOperations().renew("gptimage2", "g1", "a", Duration.ofMinutes(1))).isTrue();

      PendingOperation claimed = b.claimNext("gptimage2").orElseThrow();
      assertThat(claimed.id()).isEqualTo("g2");
      assertThat(claimed.claimedBy()).isEqualTo("b");
      assertThat(claimed.asked()).isEqualTo("image");
      assertThat(claimed.submittedAt().toEpochMilli()).isEqualTo(now.minusSeconds(3).toEpochMilli());
      assertThat(a.claimNext("gptimage2")).as("g1 is a's own, g2 is b's").isEmpty();

      // b stops renewing: its claim lapses and a may take g2 over
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      PendingOperation taken = null;
      while (taken == null && System.nanoTime() < deadline) {
        Thread.sleep(100);
        taken = a.pendingOperations().claim("gptimage2", "g2", "a", Duration.ofMinutes(1)).orElse(null);
      }
      assertThat(taken).isNotNull();
      assertThat(taken.claimedBy()).isEqualTo("a");

      store.complete("gptimage2", "g2");
      assertThat(store.find("gptimage2", "g2")).isEmpty();
      assertThat(store.claim("gptimage2", "g2", "a", Duration.ofMinutes(1))).isEmpty();
      assertThat(b.pendingOperations().find("cheapsub", "c1")).hasValueSatisfying(op -> {
        assertThat(op.claimedBy()).isNull();
        assertThat(op.claimExpiresAt()).isNull();
      });
    }
  }
}
