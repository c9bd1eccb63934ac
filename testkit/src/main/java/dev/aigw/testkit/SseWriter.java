package dev.aigw.testkit;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import mockwebserver3.MockResponseBody;
import okio.BufferedSink;

/**
 * A server-sent-event body written event by event, flushed after each, optionally with a pause
 * between events and a cut after some of them.
 */
final class SseWriter implements MockResponseBody {

  /**
   * One event.
   *
   * @param type the {@code event:} type, or {@code null}
   * @param data the {@code data:} payload
   */
  record Event(String type, String data) {}

  private final List<Event> events;
  private final Duration pause;
  private final int cutAfter;

  /** @param cutAfter events written before the connection is cut, or -1 to write them all */
  SseWriter(List<Event> events, Duration pause, int cutAfter) {
    this.events = List.copyOf(events);
    this.pause = pause;
    this.cutAfter = cutAfter;
  }

  @Override
  public long getContentLength() {
    return -1;
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    int written = 0;
    for (Event e : events) {
      if (cutAfter >= 0 && written == cutAfter) {
        throw new IOException("stream cut by fault injection after " + written + " events");
      }
      if (written > 0 && !pause.isZero()) {
        try {
          Thread.sleep(pause.toMillis());
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", ex);
        }
      }
      if (e.type() != null) {
        sink.writeUtf8("event: ").writeUtf8(e.type()).writeUtf8("\n");
      }
      sink.writeUtf8("data: ").writeUtf8(e.data()).writeUtf8("\n\n");
      sink.flush();
      written++;
    }
  }
}
