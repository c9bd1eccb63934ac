package dev.aigw.testkit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything a fake saw and did: requests (with the key masked), charges, refunds and callbacks.
 * Thread-safe; lists are snapshots.
 */
public final class Journal {

  /**
   * One request.
   *
   * @param method the method
   * @param path the path
   * @param query the query string, or {@code null}
   * @param headers request headers, with {@code Authorization} masked
   * @param body the body text (multipart bodies included)
   * @param status the status answered, or -1 when the connection was dropped
   * @param at when it arrived
   */
  public record Entry(String method, String path, String query, Map<String, String> headers, String body,
      int status, Instant at) {}

  /**
   * A charge (positive) or a refund (negative).
   *
   * @param reference what it was for (a task id, a request path)
   * @param amount how much
   * @param at when
   */
  public record Charge(String reference, BigDecimal amount, Instant at) {}

  /**
   * A callback the fake delivered (or tried to).
   *
   * @param url where
   * @param body what
   * @param status the answer's status, or -1 on failure
   */
  public record Callback(String url, String body, int status) {}

  private final List<Entry> requests = new ArrayList<>();

  /** An empty journal. */
  public Journal() {}
  private final List<Charge> charges = new ArrayList<>();
  private final List<Callback> callbacks = new ArrayList<>();

  synchronized void request(Entry e) {
    requests.add(e);
  }

  synchronized void charge(Charge c) {
    charges.add(c);
  }

  synchronized void callback(Callback c) {
    callbacks.add(c);
  }

  /** {@return every request, in arrival order} */
  public synchronized List<Entry> requests() {
    return List.copyOf(requests);
  }

  /**
   * The requests with this method and path.
   *
   * @param method the HTTP method
   * @param path the exact path, without the query
   * @return the matching requests, in arrival order
   */
  public synchronized List<Entry> requests(String method, String path) {
    return requests.stream().filter(e -> e.method().equals(method) && e.path().equals(path)).toList();
  }

  /** {@return charges and refunds, in order} */
  public synchronized List<Charge> charges() {
    return List.copyOf(charges);
  }

  /** {@return only the charges (positive amounts)} */
  public synchronized List<Charge> chargesOnly() {
    return charges.stream().filter(c -> c.amount().signum() > 0).toList();
  }

  /** {@return the sum of charges minus refunds} */
  public synchronized BigDecimal netCharged() {
    return charges.stream().map(Charge::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** {@return callbacks delivered, in order} */
  public synchronized List<Callback> callbacks() {
    return List.copyOf(callbacks);
  }

  /** Forgets everything. */
  public synchronized void clear() {
    requests.clear();
    charges.clear();
    callbacks.clear();
  }
}
