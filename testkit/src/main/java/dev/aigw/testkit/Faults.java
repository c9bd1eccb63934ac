package dev.aigw.testkit;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * Failures a fake injects into its next answers. Each fault applies once, to the next request
 * whose path starts with its prefix (any path when none is given). A fault either replaces the
 * request before the fake handles it (nothing is charged) or replaces the answer after it was
 * handled (the work was done and charged, but the caller sees a failure — what a gateway timeout
 * or a lost connection looks like from outside).
 */
public final class Faults {

  /** When a fault strikes. */
  public enum Stage {
    /** Before the request is handled: nothing happens on the server. */
    BEFORE_HANDLING,
    /** After the request was handled: the work is done, the answer is lost or replaced. */
    AFTER_HANDLING
  }

  /** What a fault does. */
  public enum Kind {
    /** Answer with an error status. */
    STATUS,
    /** Drop the connection without an answer. */
    DROP_CONNECTION,
    /** Delay the answer. */
    DELAY,
    /** Cut a stream after some events. */
    CUT_STREAM,
    /** Pause a stream after some events (then go on, if the client is still there). */
    STALL_STREAM,
    /** Answer with a given status and body (malformed JSON, an empty body, a proxy's page). */
    REPLACE_ANSWER
  }

  /**
   * One fault.
   *
   * @param kind what it does
   * @param stage when
   * @param status the status, for {@link Kind#STATUS}
   * @param retryAfterSeconds a {@code Retry-After} to send with the status, or -1
   * @param delay the delay, for {@link Kind#DELAY}, or the pause, for {@link Kind#STALL_STREAM}
   * @param afterEvents events sent before a cut or a pause, for {@link Kind#CUT_STREAM} and {@link
   *     Kind#STALL_STREAM}
   * @param pathPrefix the paths it applies to, or {@code null} for all
   * @param contentType the answer's content type, for {@link Kind#REPLACE_ANSWER}, or {@code null}
   *     for none
   * @param body the answer's body, for {@link Kind#REPLACE_ANSWER}
   */
  public record Fault(Kind kind, Stage stage, int status, int retryAfterSeconds, Duration delay, int afterEvents,
      String pathPrefix, String contentType, String body) {

    /**
     * A fault that answers with no body of its own.
     *
     * @param kind what it does
     * @param stage when
     * @param status the status, for {@link Kind#STATUS}
     * @param retryAfterSeconds a {@code Retry-After} to send with the status, or -1
     * @param delay the delay, for {@link Kind#DELAY}, or the pause, for {@link Kind#STALL_STREAM}
     * @param afterEvents events sent before a cut or a pause
     * @param pathPrefix the paths it applies to, or {@code null} for all
     */
    public Fault(Kind kind, Stage stage, int status, int retryAfterSeconds, Duration delay, int afterEvents,
        String pathPrefix) {
      this(kind, stage, status, retryAfterSeconds, delay, afterEvents, pathPrefix, null, null);
    }
  }

  private final Deque<Fault> pending = new ArrayDeque<>();

  /** No pending fault. */
  public Faults() {}

  /**
   * The next request fails with {@code status} before it is handled (nothing is charged).
   *
   * @param status the HTTP status to answer
   * @return these faults
   */
  public Faults failNext(int status) {
    return add(new Fault(Kind.STATUS, Stage.BEFORE_HANDLING, status, -1, null, 0, null));
  }

  /**
   * The next {@code count} requests fail with {@code status} before they are handled.
   *
   * @param count how many requests
   * @param status the HTTP status to answer
   * @return these faults
   */
  public Faults failNext(int count, int status) {
    for (int i = 0; i < count; i++) {
      failNext(status);
    }
    return this;
  }

  /**
   * The next request to {@code pathPrefix} fails with {@code status} before it is handled.
   *
   * @param pathPrefix the start of the paths it applies to
   * @param status the HTTP status to answer
   * @return these faults
   */
  public Faults failNext(String pathPrefix, int status) {
    return add(new Fault(Kind.STATUS, Stage.BEFORE_HANDLING, status, -1, null, 0, pathPrefix));
  }

  /**
   * The next request to {@code pathPrefix} is handled (and charged), then answered with {@code
   * status}: an upstream error after the work was done.
   *
   * @param pathPrefix the start of the paths it applies to
   * @param status the HTTP status to answer
   * @return these faults
   */
  public Faults failNextAfterHandling(String pathPrefix, int status) {
    return add(new Fault(Kind.STATUS, Stage.AFTER_HANDLING, status, -1, null, 0, pathPrefix));
  }

  /**
   * The next request is refused with 429 and {@code Retry-After: seconds}.
   *
   * @param retryAfterSeconds the {@code Retry-After} value
   * @return these faults
   */
  public Faults rateLimitNext(int retryAfterSeconds) {
    return add(new Fault(Kind.STATUS, Stage.BEFORE_HANDLING, 429, retryAfterSeconds, null, 0, null));
  }

  /**
   * The next request to {@code pathPrefix} is refused with 429 and {@code Retry-After: seconds},
   * before it is handled.
   *
   * @param pathPrefix the start of the paths it applies to
   * @param retryAfterSeconds the {@code Retry-After} value
   * @return these faults
   */
  public Faults rateLimitNext(String pathPrefix, int retryAfterSeconds) {
    return add(new Fault(Kind.STATUS, Stage.BEFORE_HANDLING, 429, retryAfterSeconds, null, 0, pathPrefix));
  }

  /**
   * The next request to {@code pathPrefix} loses its connection before it is handled.
   *
   * @param pathPrefix the start of the paths it applies to
   * @return these faults
   */
  public Faults dropNextConnection(String pathPrefix) {
    return add(new Fault(Kind.DROP_CONNECTION, Stage.BEFORE_HANDLING, 0, -1, null, 0, pathPrefix));
  }

  /**
   * The next request to {@code pathPrefix} is handled (and charged), then its connection drops.
   *
   * @param pathPrefix the start of the paths it applies to
   * @return these faults
   */
  public Faults dropNextConnectionAfterHandling(String pathPrefix) {
    return add(new Fault(Kind.DROP_CONNECTION, Stage.AFTER_HANDLING, 0, -1, null, 0, pathPrefix));
  }

  /**
   * The next request to {@code pathPrefix} is handled (a submission is charged, a task poll
   * advances the task), then answered with {@code status} and {@code body} instead of its real
   * answer: malformed JSON, an empty body, a proxy's HTML page — what a client must survive.
   *
   * @param pathPrefix the paths it applies to, or {@code null} for all
   * @param status the status to answer with (200 for a "successful" answer that cannot be read)
   * @param contentType the content type to declare, or {@code null} for none
   * @param body the body, maybe empty
   * @return these faults
   */
  public Faults replaceNextAnswer(String pathPrefix, int status, String contentType, String body) {
    return add(new Fault(Kind.REPLACE_ANSWER, Stage.AFTER_HANDLING, status, -1, null, 0, pathPrefix, contentType,
        body == null ? "" : body));
  }

  /**
   * The next answer to {@code pathPrefix} (or any, when null) is delayed.
   *
   * @param pathPrefix the start of the paths it applies to, or {@code null} for any
   * @param delay how long the answer waits
   * @return these faults
   */
  public Faults delayNext(String pathPrefix, Duration delay) {
    return add(new Fault(Kind.DELAY, Stage.AFTER_HANDLING, 0, -1, delay, 0, pathPrefix));
  }

  /**
   * The next stream is cut after {@code events} events.
   *
   * @param events events sent before the cut
   * @return these faults
   */
  public Faults cutNextStream(int events) {
    return add(new Fault(Kind.CUT_STREAM, Stage.AFTER_HANDLING, 0, -1, null, events, null));
  }

  /**
   * The next stream goes silent for {@code pause} after {@code events} events (headers and those
   * events are sent; the rest follows the pause, if the client still listens): what a stalled
   * upstream model looks like. The work was done and charged.
   *
   * @param events events sent before the pause
   * @param pause how long nothing is sent
   * @return these faults
   */
  public Faults stallNextStream(int events, Duration pause) {
    return add(new Fault(Kind.STALL_STREAM, Stage.AFTER_HANDLING, 0, -1, pause, events, null));
  }

  /**
   * Adds a fault.
   *
   * @param fault the fault; faults apply in the order added
   * @return these faults
   */
  public synchronized Faults add(Fault fault) {
    pending.add(fault);
    return this;
  }

  /** Removes every pending fault. */
  public synchronized void clear() {
    pending.clear();
  }

  /** {@return how many faults are pending} */
  public synchronized int pending() {
    return pending.size();
  }

  /** Takes the first pending fault for this stage and path, if any. */
  synchronized Fault take(Stage stage, String path, boolean streaming) {
    Iterator<Fault> it = pending.iterator();
    while (it.hasNext()) {
      Fault f = it.next();
      if (f.stage() != stage) {
        continue;
      }
      if ((f.kind() == Kind.CUT_STREAM || f.kind() == Kind.STALL_STREAM) != streaming) {
        continue; // stream faults only for streams; a stream's writer takes nothing else
      }
      if (f.pathPrefix() == null || path.startsWith(f.pathPrefix())) {
        it.remove();
        return f;
      }
    }
    return null;
  }
}
