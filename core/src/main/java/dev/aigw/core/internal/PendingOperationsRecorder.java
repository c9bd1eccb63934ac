package dev.aigw.core.internal;

import dev.aigw.core.listener.AigwListener;
import dev.aigw.core.listener.CallFinished;
import dev.aigw.core.listener.CallInfo;
import dev.aigw.core.listener.OperationFinished;
import dev.aigw.core.listener.OperationInfo;
import dev.aigw.core.listener.OperationStarted;
import dev.aigw.core.shared.PendingOperation;
import dev.aigw.core.shared.SharedState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link SharedState}'s pending operations in step with a client's operations: records an
 * operation it submits (claimed by this instance), renews the claim as its polls are answered, and
 * completes it when it ends, whether it was submitted here or resumed. A store that fails is logged
 * at WARN and never fails the call: the task was already submitted (and maybe charged), and failing
 * would lose its id.
 */
public final class PendingOperationsRecorder implements AigwListener {
  private static final Logger LOG = LoggerFactory.getLogger(PendingOperationsRecorder.class);
  /** Marks an operation recorded here; its value is when its claim was last renewed. */
  private static final Object RENEWED = new Object();

  private final SharedState state;
  private final Clock clock;

  /**
   * A recorder into {@code state}.
   *
   * @param state the shared state
   * @param clock the clock of claim times
   */
  public PendingOperationsRecorder(SharedState state, Clock clock) {
    this.state = Objects.requireNonNull(state, "state");
    this.clock = clock == null ? Clock.systemUTC() : clock;
  }

  @Override
  public void onOperationStarted(OperationStarted event) {
    OperationInfo op = event.operation();
    if (op.resumed()) {
      op.attributes().put(RENEWED, clock.instant());
      return;
    }
    if (event.status().isTerminal()) {
      return;
    }
    Instant now = clock.instant();
    try {
      state.pendingOperations().record(new PendingOperation(op.vendor(), op.id(), asked(op), op.startedAt(),
          state.instanceId(), now.plus(state.claimTtl())));
      op.attributes().put(RENEWED, now);
    } catch (RuntimeException e) {
      LOG.warn("[{}] operation {} could not be recorded as pending in the shared state; it goes on (keep its id "
          + "to resume it): {}", op.vendor(), op.id(), e.toString());
    }
  }

  @Override
  public void onCallFinished(CallFinished event) {
    OperationInfo op = event.call().operation();
    if (op == null || !(op.attributes().get(RENEWED) instanceof Instant last)) {
      return;
    }
    Instant now = clock.instant();
    Duration ttl = state.claimTtl();
    if (Duration.between(last, now).compareTo(ttl.dividedBy(3)) < 0) {
      return;
    }
    op.attributes().put(RENEWED, now);
    try {
      state.pendingOperations().renew(op.vendor(), op.id(), state.instanceId(), ttl);
    } catch (RuntimeException e) {
      LOG.warn("[{}] the claim on pending operation {} could not be renewed: {}", op.vendor(), op.id(), e.toString());
    }
  }

  @Override
  public void onOperationFinished(OperationFinished event) {
    OperationInfo op = event.operation();
    if (!op.attributes().containsKey(RENEWED)) {
      return;
    }
    try {
      state.pendingOperations().complete(op.vendor(), op.id());
    } catch (RuntimeException e) {
      LOG.warn("[{}] operation {} ended ({}) but could not be completed in the shared state: {}", op.vendor(),
          op.id(), event.end(), e.toString());
    }
  }

  /** {@code image gpt-image-2 via POST /api/v1/generate}: no prompt, no key. */
  static String asked(OperationInfo op) {
    CallInfo submit = op.submitCall();
    if (submit == null) {
      return "operation";
    }
    StringBuilder s = new StringBuilder(submit.outputType() != null ? submit.outputType() : submit.operationName());
    if (submit.requestModel() != null) {
      s.append(' ').append(submit.requestModel());
    }
    return s.append(" via ").append(submit.method()).append(' ').append(submit.endpoint()).toString();
  }

  @Override
  public String toString() {
    return "PendingOperationsRecorder[" + state.instanceId() + "]";
  }
}
