package dev.aigw.core.listener;

import java.util.ArrayList;
import java.util.List;

/** Keeps every event it receives, in order (thread-safe), for tests. */
public final class RecordingListener implements AigwListener {
  private final List<Object> events = new ArrayList<>();

  private synchronized void add(Object event) {
    events.add(event);
  }

  /** Every event so far. */
  public synchronized List<Object> events() {
    return List.copyOf(events);
  }

  /** The events of one type. */
  public synchronized <E> List<E> events(Class<E> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** The simple names of the events' types, in order. */
  public synchronized List<String> names() {
    return events.stream().map(e -> e.getClass().getSimpleName()).toList();
  }

  @Override
  public void onCallStarted(CallStarted event) {
    add(event);
  }

  @Override
  public void onAttempt(AttemptEnded event) {
    add(event);
  }

  @Override
  public void onCallFinished(CallFinished event) {
    add(event);
  }

  @Override
  public void onFirstChunk(StreamFirstChunk event) {
    add(event);
  }

  @Override
  public void onStreamEnded(StreamEnded event) {
    add(event);
  }

  @Override
  public void onOperationStarted(OperationStarted event) {
    add(event);
  }

  @Override
  public void onOperationStatus(OperationStatusChanged event) {
    add(event);
  }

  @Override
  public void onOperationFinished(OperationFinished event) {
    add(event);
  }

  @Override
  public void onCost(CostRecorded event) {
    add(event);
  }

  @Override
  public void onRateLimit(RateLimitSeen event) {
    add(event);
  }
}
