package dev.aigw.gptimage2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.shared.LocalConcurrencyLimiter;
import dev.aigw.core.shared.LocalPendingOperations;
import dev.aigw.core.shared.PendingOperation;
import dev.aigw.core.shared.SharedState;
import dev.aigw.core.webhook.DeliveryDeduplicator;
import dev.aigw.testkit.FakeGptImage2;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A client with shared state records the operations it submits until they end, and another
 * instance can claim one whose claim lapsed and resume it to its end (here two clients of one JVM,
 * with the in-process store; aigw-redis's tests do it across JVMs).
 */
class GptImage2SharedStateTest {
  private static final ImageRequest LIGHTHOUSE = ImageRequest.builder().prompt("A lighthouse at dawn").build();

  @Test
  void anOperationIsPendingUntilItsResultIsKnownAndAnotherInstanceCanFinishIt() {
    LocalPendingOperations store = new LocalPendingOperations();
    SharedState first = SharedState.of(new LocalConcurrencyLimiter(), new DeliveryDeduplicator(), store, "first");
    SharedState second = new SharedState() {
      @Override
      public LocalConcurrencyLimiter limiter() {
        return LocalConcurrencyLimiter.shared();
      }

      @Override
      public DeliveryDeduplicator deliveries() {
        return new DeliveryDeduplicator();
      }

      @Override
      public LocalPendingOperations pendingOperations() {
        return store;
      }

      @Override
      public String instanceId() {
        return "second";
      }

      @Override
      public Duration claimTtl() {
        return Duration.ofMinutes(5);
      }
    };
    try (FakeGptImage2 fake = FakeGptImage2.start();
        GptImage2Client a = GptImage2TestWire.builder(fake.baseUrl(), fake.apiKey()).sharedState(first).build();
        GptImage2Client b = GptImage2TestWire.builder(fake.baseUrl(), fake.apiKey()).sharedState(second).build()) {
      fake.tasks().pollsToFinish(2);
      Operation<ImageResult> done = a.images().submit(LIGHTHOUSE);
      assertThat(store.find("gptimage2", done.id())).hasValueSatisfying(op -> {
        assertThat(op.claimedBy()).isEqualTo("first");
        assertThat(op.asked()).isEqualTo("image via POST /api/v1/generate");
      });
      done.waitForCompletion(GptImage2TestWire.WAIT);
      assertThat(store.find("gptimage2", done.id())).as("its end is known").isEmpty();

      // "first" submits, then (as far as the others can tell) dies: its claim is given up
      Operation<ImageResult> orphan = a.images().submit(LIGHTHOUSE);
      PendingOperation recorded = store.find("gptimage2", orphan.id()).orElseThrow();
      store.record(new PendingOperation(recorded.vendor(), recorded.id(), recorded.asked(), recorded.submittedAt(),
          null, null));
      PendingOperation claimed = second.claimNext("gptimage2").orElseThrow();
      assertThat(claimed.id()).isEqualTo(orphan.id());
      assertThat(second.claimNext("gptimage2")).isEmpty();
      ImageResult result = b.images().resume(claimed.id()).waitForCompletion(GptImage2TestWire.WAIT);
      assertThat(result.images()).hasSize(1);
      assertThat(store.find("gptimage2", orphan.id())).isEmpty();
      assertThat(fake.journal().chargesOnly()).hasSize(2);
    }
  }
}
