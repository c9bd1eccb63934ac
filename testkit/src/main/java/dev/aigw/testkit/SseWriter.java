package dev.aigw.testkit;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import mockwebserver3.MockResponseBody;
import okio.Buffer;
import okio.BufferedSink;

/**
 * A server-sent-event body written event by event in HTTP/1.1 chunked framing (one chunk per
 * event, flushed after each), optionally with a pause between events and a cut after some of them.
 * The framing lets a client tell the end of the stream (the last chunk) from a cut (the connection
 * closing before it), whether or not the stream ends with {@code [DONE]}. The response must carry
 * {@code Transfer-Encoding: chunked}, and, when cut, shut its connection at the end.
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
  private final int stallAfter;
  private final Duration stall;
  private final java.util.function.BooleanSupplier stopped;

  /** @param cutAfter events written before the stream is cut, or -1 to write them all */
  SseWriter(List<Event> events, Duration pause, int cutAfter) {
    this(events, pause, cutAfter, -1, Duration.ZERO, () -> false);
  }

  /**
   * @param cutAfter events written before the stream is cut, or -1 to write them all
   * @param stallAfter events written before a silence of {@code stall}, or -1 for none
   * @param stall how long the silence lasts
   * @param stopped whether the server is closing (a silence then ends the stream at once)
   */
  SseWriter(List<Event> events, Duration pause, int cutAfter, int stallAfter, Duration stall,
      java.util.function.BooleanSupplier stopped) {
    this.events = List.copyOf(events);
    this.pause = pause;
    this.cutAfter = cutAfter;
    this.stallAfter = stallAfter;
    this.stall = stall;
    this.stopped = stopped;
  }

  @Override
  public long getContentLength() {
    return -1;
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    int written = 0;
    for (Event e : events) {
      if (written == cutAfter) {
        cut(sink, frame(e));
        return;
      }
      if (written == stallAfter) {
        silence(stall);
      } else if (written > 0) {
        sleep(pause);
      }
      Buffer frame = frame(e);
      sink.writeHexadecimalUnsignedLong(frame.size()).writeUtf8("\r\n");
      sink.write(frame, frame.size());
      sink.writeUtf8("\r\n");
      sink.flush();
      written++;
    }
    if (cutAfter >= 0) {
      cut(sink, new Buffer().writeUtf8("data: \n\n"));
      return;
    }
    // The last chunk; the server writes the (empty) trailer section after it.
    sink.writeUtf8("0\r\n");
    sink.flush();
  }

  /** Sends nothing for {@code d}, in short naps, ending the stream early when the server closes. */
  private void silence(Duration d) throws IOException {
    long end = System.nanoTime() + d.toNanos();
    while (System.nanoTime() < end) {
      if (stopped.getAsBoolean()) {
        throw new IOException("the fake is closing");
      }
      sleep(Duration.ofNanos(Math.min(20_000_000L, Math.max(0, end - System.nanoTime()))));
    }
  }

  private static void sleep(Duration d) throws IOException {
    if (d.isZero()) {
      return;
    }
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", ex);
    }
  }

  private static Buffer frame(Event e) {
    Buffer frame = new Buffer();
    if (e.type() != null) {
      frame.writeUtf8("event: ").writeUtf8(e.type()).writeUtf8("\n");
    }
    return frame.writeUtf8("data: ").writeUtf8(e.data()).writeUtf8("\n\n");
  }

  /**
   * Announces {@code next} and sends only part of it. The response shuts its connection when
   * this returns, so the client sees the connection end in the middle of a chunk.
   */
  private static void cut(BufferedSink sink, Buffer next) throws IOException {
    sink.writeHexadecimalUnsignedLong(next.size() + 16).writeUtf8("\r\n");
    sink.write(next, next.size() / 2);
    sink.flush();
  }
}
