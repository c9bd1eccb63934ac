package dev.aigw.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aigw.core.error.SharedStateException;
import dev.aigw.core.listener.CallFinished;
import dev.aigw.core.listener.CallInfo;
import dev.aigw.core.listener.OperationFinished;
import dev.aigw.core.listener.OperationInfo;
import dev.aigw.core.listener.OperationStarted;
import dev.aigw.core.operation.OperationStatus;
import dev.aigw.core.shared.LocalConcurrencyLimiter;
import dev.aigw.core.shared.LocalPendingOperations;
import dev.aigw.core.shared.PendingOperation;
import dev.aigw.core.shared.PendingOperations;
import dev.aigw.core.shared.SharedState;
import dev.aigw.core.webhook.DeliveryDeduplicator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The client's bookkeeping of its operations in the shared store. */
class PendingOperationsRecorderTest {
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  private final LocalPendingOperations store = new LocalPendingOperations();
  private final SharedState state = SharedState.of(new LocalConcurrencyLimiter(), new DeliveryDeduplicator(), store,
      "me");

  private static CallInfo submit(String model) {
    return new CallInfo("gptimage2", "generate_content", "image", model, "POST", "/api/v1/generate", "localhost", 80,
        false, null, T0, 0);
  }

  private static CallInfo poll(OperationInfo op) {
    return new CallInfo("gptimage2", "poll", null, null, "GET", "/api/v1/generations/{id}", "localhost", 80, false,
        op, T0, 0);
  }

  private static CallFinished finished(CallInfo call) {
    return new CallFinished(call, 200, 1, Duration.ZERO, null, null, null, null, null);
  }

  private static OperationFinished ended(OperationInfo op) {
    return new OperationFinished(op, OperationFinished.End.SUCCEEDED, 2, Duration.ofSeconds(3), null, null);
  }

  @Test
  void aSubmittedOperationIsRecordedClaimedRenewedAndCompleted() {
    Clock[] clock = {Clock.fixed(T0, ZoneOffset.UTC)};
    PendingOperationsRecorder recorder = new PendingOperationsRecorder(state, new Clock() {
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
        return clock[0].instant();
      }
    });
    OperationInfo op = new OperationInfo("gptimage2", "g1", false, submit("gpt-image-2"), T0, 0);
    recorder.onOperationStarted(new OperationStarted(op, OperationStatus.QUEUED));

    PendingOperation recorded = store.find("gptimage2", "g1").orElseThrow();
    assertThat(recorded).isEqualTo(new PendingOperation("gptimage2", "g1",
        "image gpt-image-2 via POST /api/v1/generate", T0, "me", T0.plus(Duration.ofMinutes(2))));

    // a poll soon after does not renew; one after a third of the claim time does
    clock[0] = Clock.fixed(T0.plusSeconds(10), ZoneOffset.UTC);
    recorder.onCallFinished(finished(poll(op)));
    assertThat(store.find("gptimage2", "g1").orElseThrow().claimExpiresAt()).isEqualTo(T0.plusSeconds(120));
    clock[0] = Clock.fixed(T0.plusSeconds(50), ZoneOffset.UTC);
    recorder.onCallFinished(finished(poll(op)));
    assertThat(store.find("gptimage2", "g1").orElseThrow().claimExpiresAt()).isAfter(Instant.now().plusSeconds(100));
    recorder.onCallFinished(finished(submit(null)));

    recorder.onOperationFinished(ended(op));
    assertThat(store.find("gptimage2", "g1")).isEmpty();
    assertThat(recorder.toString()).isEqualTo("PendingOperationsRecorder[me]");
  }

  @Test
  void aResumedOperationIsCompletedAndAFinishedOrForeignOneIsNotRecorded() {
    PendingOperationsRecorder recorder = new PendingOperationsRecorder(state, null);
    store.record(new PendingOperation("gptimage2", "g2", "image", T0, "me", T0.plusSeconds(60)));
    OperationInfo resumed = new OperationInfo("gptimage2", "g2", true, null, T0, 0);
    recorder.onOperationStarted(new OperationStarted(resumed, OperationStatus.UNKNOWN));
    assertThat(store.find("gptimage2", "g2")).as("not recorded again").hasValueSatisfying(
        op -> assertThat(op.asked()).isEqualTo("image"));
    recorder.onOperationFinished(ended(resumed));
    assertThat(store.find("gptimage2", "g2")).isEmpty();

    OperationInfo done = new OperationInfo("gptimage2", "g3", false, null, T0, 0);
    recorder.onOperationStarted(new OperationStarted(done, OperationStatus.SUCCEEDED));
    recorder.onCallFinished(finished(poll(done)));
    recorder.onOperationFinished(ended(done));
    assertThat(store.claimable(10)).isEmpty();

    OperationInfo onAnotherThread = new OperationInfo("gptimage2", "g4", false, null, T0, 0);
    recorder.onOperationStarted(new OperationStarted(onAnotherThread, OperationStatus.QUEUED));
    assertThat(store.find("gptimage2", "g4")).hasValueSatisfying(op -> assertThat(op.asked()).isEqualTo("operation"));
  }

  @Test
  void aStoreThatFailsIsLoggedAndNeverFailsTheOperation() {
    AtomicInteger tries = new AtomicInteger();
    PendingOperations down = new PendingOperations() {
      private SharedStateException down() {
        tries.incrementAndGet();
        return new SharedStateException(null, "down", null);
      }

      @Override
      public void record(PendingOperation operation) {
        throw down();
      }

      @Override
      public boolean renew(String vendor, String id, String instance, Duration ttl) {
        throw down();
      }

      @Override
      public List<PendingOperation> claimable(int max) {
        throw down();
      }

      @Override
      public Optional<PendingOperation> claim(String vendor, String id, String instance, Duration ttl) {
        throw down();
      }

      @Override
      public void complete(String vendor, String id) {
        throw down();
      }

      @Override
      public Optional<PendingOperation> find(String vendor, String id) {
        throw down();
      }
    };
    SharedState failing = SharedState.of(new LocalConcurrencyLimiter(), new DeliveryDeduplicator(), down, "me");
    PendingOperationsRecorder recorder = new PendingOperationsRecorder(failing, null);
    OperationInfo op = new OperationInfo("gptimage2", "g5", false, submit(null), T0, 0);
    recorder.onOperationStarted(new OperationStarted(op, OperationStatus.QUEUED));
    OperationInfo resumed = new OperationInfo("gptimage2", "g6", true, null, T0, 0);
    recorder.onOperationStarted(new OperationStarted(resumed, OperationStatus.UNKNOWN));
    resumed.attributes().put(resumedKey(resumed), Instant.EPOCH);
    recorder.onCallFinished(finished(poll(resumed)));
    recorder.onOperationFinished(ended(resumed));
    assertThat(tries).as("record, renew, complete each tried once").hasValue(3);
  }

  /** The attribute the recorder keeps its last renewal under. */
  private static Object resumedKey(OperationInfo op) {
    return op.attributes().keySet().iterator().next();
  }
}
