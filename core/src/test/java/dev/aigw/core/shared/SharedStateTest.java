package dev.aigw.core.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aigw.core.webhook.DeliveryDeduplicator;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SharedStateTest {
  @Test
  void localStateIsThisProcessAlone() {
    SharedState local = SharedState.local();
    assertThat(local.limiter()).isSameAs(LocalConcurrencyLimiter.shared());
    assertThat(local.deliveries()).isInstanceOf(DeliveryDeduplicator.class);
    assertThat(local.pendingOperations()).isInstanceOf(LocalPendingOperations.class);
    assertThat(local.instanceId()).startsWith("local-").isNotEqualTo(SharedState.local().instanceId());
    assertThat(local.claimTtl()).isEqualTo(Duration.ofMinutes(2));
    assertThat(local).hasToString("SharedState[" + local.instanceId() + "]");
  }

  @Test
  void claimNextTakesTheOldestClaimableOperationOfTheVendor() {
    LocalPendingOperations store = new LocalPendingOperations();
    SharedState me = SharedState.of(new LocalConcurrencyLimiter(), new DeliveryDeduplicator(), store, "me");
    Instant now = Instant.now();
    store.record(new PendingOperation("cheapsub", "c1", "video", now.minusSeconds(9), null, null));
    store.record(new PendingOperation("gptimage2", "g2", "image", now.minusSeconds(5), null, null));
    store.record(new PendingOperation("gptimage2", "g1", "image", now.minusSeconds(7), "other", now.plusSeconds(60)));

    assertThat(me.claimNext("gptimage2")).hasValueSatisfying(op -> {
      assertThat(op.id()).isEqualTo("g2");
      assertThat(op.claimedBy()).isEqualTo("me");
    });
    assertThat(me.claimNext("gptimage2")).isEmpty();
    assertThat(me.claimNext("cheapsub")).map(PendingOperation::id).hasValue("c1");
  }
}
