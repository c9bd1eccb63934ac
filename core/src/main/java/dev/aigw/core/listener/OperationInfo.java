package dev.aigw.core.listener;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One long-running operation (an image or video task), as listeners see it: the vendor, the task
 * id, whether it was resumed from its id, the call that submitted it, and a map where listeners
 * keep their own state between its events. Every event of one operation and every poll's {@link
 * CallInfo#operation()} carry the same {@code OperationInfo}. Thread-safe.
 */
public final class OperationInfo {
  private final String vendor;
  private final String id;
  private final boolean resumed;
  private final CallInfo submitCall;
  private final Instant startedAt;
  private final long startNanos;
  private final Map<Object, Object> attributes = new ConcurrentHashMap<>();

  /**
   * Made by the runtime when an operation is created; public for tests of listeners.
   *
   * @param vendor the gateway
   * @param id the gateway's task id
   * @param resumed whether it was resumed from an id rather than just submitted
   * @param submitCall the call that submitted it, when it ran on this thread just before; else
   *     {@code null}
   * @param startedAt when the operation started: its submit call's start, or now
   * @param startNanos {@link System#nanoTime()} at that moment
   */
  public OperationInfo(String vendor, String id, boolean resumed, CallInfo submitCall, Instant startedAt,
      long startNanos) {
    this.vendor = Objects.requireNonNull(vendor, "vendor");
    this.id = Objects.requireNonNull(id, "id");
    this.resumed = resumed;
    this.submitCall = submitCall;
    this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
    this.startNanos = startNanos;
  }

  /**
   * The gateway.
   *
   * @return its name
   */
  public String vendor() {
    return vendor;
  }

  /**
   * The gateway's task id (the one {@code resume} takes).
   *
   * @return the id
   */
  public String id() {
    return id;
  }

  /**
   * Whether the operation was resumed from its id.
   *
   * @return {@code true} after {@code resume(id)}
   */
  public boolean resumed() {
    return resumed;
  }

  /**
   * The call that submitted the operation.
   *
   * @return the call, or {@code null} when resumed or submitted on another thread
   */
  public CallInfo submitCall() {
    return submitCall;
  }

  /**
   * When the operation started: when its submit call started, else when it was created.
   *
   * @return the wall-clock time
   */
  public Instant startedAt() {
    return startedAt;
  }

  /**
   * {@link System#nanoTime()} when the operation started.
   *
   * @return the monotonic start time
   */
  public long startNanos() {
    return startNanos;
  }

  /**
   * What the operation makes, from its submit call.
   *
   * @return {@code image} or {@code video}, or {@code null} when not known (resumed)
   */
  public String outputType() {
    return submitCall == null ? null : submitCall.outputType();
  }

  /**
   * A map for listeners' own state for this operation (a span), shared by all its events.
   *
   * @return the map; thread-safe, no {@code null} keys or values
   */
  public Map<Object, Object> attributes() {
    return attributes;
  }

  /** The vendor and id. */
  @Override
  public String toString() {
    return "[" + vendor + "] operation " + id;
  }
}
