package dev.aigw.core.spi;

import dev.aigw.core.chat.ChatResponse;
import dev.aigw.core.chat.Usage;
import dev.aigw.core.cost.Cost;
import dev.aigw.core.http.RateLimit;
import dev.aigw.core.listener.AigwListener;
import dev.aigw.core.listener.AttemptEnded;
import dev.aigw.core.listener.CallFinished;
import dev.aigw.core.listener.CallInfo;
import dev.aigw.core.listener.CallStarted;
import dev.aigw.core.listener.CostRecorded;
import dev.aigw.core.listener.OperationFinished;
import dev.aigw.core.listener.OperationInfo;
import dev.aigw.core.listener.OperationStarted;
import dev.aigw.core.listener.OperationStatusChanged;
import dev.aigw.core.listener.RateLimitSeen;
import dev.aigw.core.listener.StreamEnded;
import dev.aigw.core.listener.StreamFirstChunk;
import dev.aigw.core.operation.OperationStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's listeners, and how the runtime (transport, streams, operations) tells them what
 * happened. Each method builds its event only when there are listeners, and calls each listener in
 * turn; a listener that throws is logged (at WARN the first time, then at DEBUG) and the others
 * are still called. With no listeners ({@link #NONE}) nothing is built: {@link #callStarted}
 * returns {@code null} and every method taking that {@code null} returns at once, so the calls on a
 * client without listeners allocate nothing here. Immutable and thread-safe.
 *
 * <p>Providers rarely need it: the {@link Gateway} and {@link OperationFactory} use it for them. A
 * provider whose synchronous answer says what it cost reports that with {@link #costRecorded}.
 */
public final class Listeners {
  private static final Logger LOG = LoggerFactory.getLogger("dev.aigw.listener");

  /** No listeners. */
  public static final Listeners NONE = new Listeners(new AigwListener[0]);

  /**
   * The last generation call that succeeded on each thread, so that an operation created right
   * after its submission (or a synchronous answer's cost) knows the call that submitted it. Set and
   * read only when there are listeners.
   */
  private static final ThreadLocal<CallInfo> LAST_PAID_CALL = new ThreadLocal<>();

  private final AigwListener[] listeners;
  /** Listeners that threw once already (logged at DEBUG from then on). */
  private final Set<AigwListener> complained = ConcurrentHashMap.newKeySet();

  private Listeners(AigwListener[] listeners) {
    this.listeners = listeners;
  }

  /**
   * The given listeners, in order; duplicates (the same object twice) are called once.
   *
   * @param listeners the listeners
   * @return {@link #NONE} when empty
   */
  public static Listeners of(Collection<? extends AigwListener> listeners) {
    List<AigwListener> distinct = new ArrayList<>();
    for (AigwListener l : listeners) {
      Objects.requireNonNull(l, "listener");
      if (distinct.stream().noneMatch(d -> d == l)) {
        distinct.add(l);
      }
    }
    return distinct.isEmpty() ? NONE : new Listeners(distinct.toArray(new AigwListener[0]));
  }

  /**
   * Whether there are no listeners.
   *
   * @return {@code true} for {@link #NONE}
   */
  public boolean isEmpty() {
    return listeners.length == 0;
  }

  /**
   * The listeners.
   *
   * @return them, in the order they are called
   */
  public List<AigwListener> all() {
    return List.of(listeners);
  }

  // ---- calls ------------------------------------------------------------------------------

  /**
   * Describes a call about to start, without telling anyone yet (see {@link #callStarted(CallInfo)}).
   *
   * @param vendor the gateway
   * @param request the call
   * @param host the host it goes to
   * @param port the port
   * @param operation the operation it polls, or {@code null}
   * @return the call, or {@code null} when there are no listeners
   */
  public CallInfo describe(String vendor, ApiRequest request, String host, int port, OperationInfo operation) {
    if (listeners.length == 0) {
      return null;
    }
    ApiRequest.Purpose p = request.purpose();
    return new CallInfo(vendor, p == null ? null : p.operationName(), p == null ? null : p.outputType(),
        p == null ? null : p.model(), request.method().name(), request.pathTemplate(), host, port, request.streaming(),
        operation, Instant.now(), System.nanoTime());
  }

  /**
   * Tells the listeners a call starts.
   *
   * @param call the call, or {@code null} (then nothing happens)
   */
  public void callStarted(CallInfo call) {
    if (call != null) {
      dispatch(new CallStarted(call), AigwListener::onCallStarted);
    }
  }

  /**
   * Tells the listeners an attempt ended.
   *
   * @param call the call, or {@code null} (then nothing happens)
   * @param attempt the attempt's number, from 1
   * @param status the HTTP status, or -1 when no answer came
   * @param nanos how long the attempt took
   * @param requestSent whether any byte of the request was written
   * @param failure what went wrong, or {@code null}
   * @param retryIn the wait before the next attempt, or {@code null} when none follows
   */
  public void attemptEnded(CallInfo call, int attempt, int status, long nanos, boolean requestSent, String failure,
      Duration retryIn) {
    if (call != null) {
      dispatch(new AttemptEnded(call, attempt, status, Duration.ofNanos(nanos), requestSent, failure, retryIn),
          AigwListener::onAttempt);
    }
  }

  /**
   * Tells the listeners an answer carried rate-limit headers.
   *
   * @param call the call, or {@code null} (then nothing happens)
   * @param rateLimit what they said; nothing happens when empty
   */
  public void rateLimitSeen(CallInfo call, RateLimit rateLimit) {
    if (call != null && rateLimit != null && !rateLimit.isEmpty()) {
      dispatch(new RateLimitSeen(call, rateLimit), AigwListener::onRateLimit);
    }
  }

  /**
   * Tells the listeners a call succeeded. A chat completion's model, id and token counts are read
   * from {@code body}; nothing else of it reaches them.
   *
   * @param call the call, or {@code null} (then nothing happens)
   * @param status the HTTP status
   * @param attempts how many attempts it took
   * @param requestId the gateway's request id, or {@code null}
   * @param body the parsed answer
   */
  public void callSucceeded(CallInfo call, int status, int attempts, String requestId, Object body) {
    if (call == null) {
      return;
    }
    String model = null;
    String id = null;
    Usage usage = null;
    if (body instanceof ChatResponse r) {
      model = r.model();
      id = r.id();
      usage = r.usage();
    }
    if (ApiRequest.Purpose.GENERATE_CONTENT.equals(call.operationName())) {
      LAST_PAID_CALL.set(call);
    } else if (call.isPaid()) {
      LAST_PAID_CALL.remove(); // a chat in between: what follows was not submitted by an earlier call
    }
    dispatch(new CallFinished(call, status, attempts, Duration.ofNanos(System.nanoTime() - call.startNanos()),
        requestId, model, id, usage, null), AigwListener::onCallFinished);
  }

  /**
   * Tells the listeners a call failed for good.
   *
   * @param call the call, or {@code null} (then nothing happens)
   * @param status the last HTTP status, or -1 when no answer came
   * @param attempts how many attempts were made
   * @param requestId the gateway's request id, or {@code null}
   * @param error the failure
   */
  public void callFailed(CallInfo call, int status, int attempts, String requestId, RuntimeException error) {
    if (call != null) {
      dispatch(new CallFinished(call, status, attempts, Duration.ofNanos(System.nanoTime() - call.startNanos()),
          requestId, null, null, null, error), AigwListener::onCallFinished);
    }
  }

  // ---- streams ----------------------------------------------------------------------------

  /**
   * Tells the listeners a stream's first item reached the caller.
   *
   * @param call the call that opened the stream, or {@code null} (then nothing happens)
   */
  public void firstChunk(CallInfo call) {
    if (call != null) {
      dispatch(new StreamFirstChunk(call, Duration.ofNanos(System.nanoTime() - call.startNanos())),
          AigwListener::onFirstChunk);
    }
  }

  /**
   * Tells the listeners a stream ended.
   *
   * @param call the call that opened the stream, or {@code null} (then nothing happens)
   * @param chunks items that reached the caller
   * @param completed whether it was read to its end
   * @param usage token counts reported, or {@code null}
   * @param model the model named in the chunks, or {@code null}
   * @param finishReason why the model stopped, or {@code null}
   * @param error the failure, or {@code null}
   */
  public void streamEnded(CallInfo call, long chunks, boolean completed, Usage usage, String model,
      String finishReason, RuntimeException error) {
    if (call != null) {
      dispatch(new StreamEnded(call, chunks, completed, usage, model, finishReason,
          Duration.ofNanos(System.nanoTime() - call.startNanos()), error), AigwListener::onStreamEnded);
    }
  }

  // ---- operations -------------------------------------------------------------------------

  /**
   * Tells the listeners an operation was created. When the paid call that submitted it just
   * succeeded on this thread, the operation names it and starts when it started.
   *
   * @param vendor the gateway
   * @param id the task id
   * @param resumed whether it was resumed from an id
   * @param status its first known status
   * @return the operation, or {@code null} when there are no listeners
   */
  public OperationInfo operationStarted(String vendor, String id, boolean resumed, OperationStatus status) {
    if (listeners.length == 0) {
      return null;
    }
    CallInfo submit = resumed ? null : takeLastPaidCall(vendor);
    OperationInfo op = submit != null
        ? new OperationInfo(vendor, id, false, submit, submit.startedAt(), submit.startNanos())
        : new OperationInfo(vendor, id, resumed, null, Instant.now(), System.nanoTime());
    dispatch(new OperationStarted(op, status), AigwListener::onOperationStarted);
    return op;
  }

  /**
   * Tells the listeners a poll saw an operation's status change.
   *
   * @param operation the operation, or {@code null} (then nothing happens)
   * @param previous the status before
   * @param status the status now
   * @param vendorStatus the gateway's word, or {@code null}
   * @param polls polls answered so far
   */
  public void operationStatus(OperationInfo operation, OperationStatus previous, OperationStatus status,
      String vendorStatus, int polls) {
    if (operation != null) {
      dispatch(new OperationStatusChanged(operation, previous, status, vendorStatus, polls),
          AigwListener::onOperationStatus);
    }
  }

  /**
   * Tells the listeners an operation ended (the caller makes sure it is told once).
   *
   * @param operation the operation, or {@code null} (then nothing happens)
   * @param end how it ended
   * @param polls polls answered
   * @param cost what its result cost, or {@code null}
   * @param error the failure, or {@code null}
   */
  public void operationFinished(OperationInfo operation, OperationFinished.End end, int polls, Cost cost,
      RuntimeException error) {
    if (operation != null) {
      dispatch(new OperationFinished(operation, end, polls,
          Duration.ofNanos(System.nanoTime() - operation.startNanos()), cost, error),
          AigwListener::onOperationFinished);
    }
  }

  /**
   * Tells the listeners a gateway charged for something.
   *
   * @param vendor the gateway
   * @param cost what it charged; nothing happens when {@code null}
   * @param operationId the operation it was for, or {@code null}
   * @param call the call that submitted or answered the work, or {@code null}
   * @param fromPriceList whether the cost is a published price rather than one the gateway reported
   */
  public void costRecorded(String vendor, Cost cost, String operationId, CallInfo call, boolean fromPriceList) {
    if (listeners.length != 0 && cost != null) {
      dispatch(new CostRecorded(vendor, cost, operationId, call, fromPriceList), AigwListener::onCost);
    }
  }

  /**
   * Takes the generation call that last succeeded on this thread, if one is remembered: a provider
   * that reports the cost of a synchronous answer names it, so that a budget settles the price it
   * reserved for it.
   *
   * @param vendor the gateway the call must have gone to
   * @return the call, or {@code null}
   */
  public CallInfo takeLastPaidCall(String vendor) {
    if (listeners.length == 0) {
      return null;
    }
    CallInfo call = LAST_PAID_CALL.get();
    LAST_PAID_CALL.remove();
    return call != null && call.vendor().equals(vendor) ? call : null;
  }

  /**
   * {@code work} wrapped by each listener's {@link AigwListener#aroundPolling}, for the runtime's
   * shared threads.
   *
   * @param operation the operation, or {@code null} (then {@code work} is returned as it is)
   * @param work the work
   * @return the work to run
   */
  public Runnable aroundPolling(OperationInfo operation, Runnable work) {
    if (operation == null) {
      return work;
    }
    Runnable wrapped = work;
    for (int i = listeners.length - 1; i >= 0; i--) {
      AigwListener l = listeners[i];
      try {
        Runnable w = l.aroundPolling(operation, wrapped);
        if (w != null) {
          wrapped = w;
        }
      } catch (RuntimeException e) {
        complain(l, "aroundPolling", e);
      }
    }
    return wrapped;
  }

  private <E> void dispatch(E event, BiConsumer<AigwListener, E> method) {
    for (AigwListener l : listeners) {
      try {
        method.accept(l, event);
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable e) {
        complain(l, event.getClass().getSimpleName(), e);
      }
    }
  }

  private void complain(AigwListener listener, String event, Throwable e) {
    if (complained.add(listener)) {
      LOG.warn("the listener {} threw on {}; it is ignored (later failures of it are logged at DEBUG)",
          listener.getClass().getName(), event, e);
    } else if (LOG.isDebugEnabled()) {
      LOG.debug("the listener {} threw on {}", listener.getClass().getName(), event, e);
    }
  }

  /** The listeners' classes. */
  @Override
  public String toString() {
    List<String> names = new ArrayList<>();
    for (AigwListener l : listeners) {
      names.add(l.getClass().getSimpleName());
    }
    return "Listeners" + names;
  }
}
