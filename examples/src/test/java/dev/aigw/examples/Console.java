package dev.aigw.examples;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A console for tests: what an example printed, and when each piece was written. */
final class Console {
  /** One write, with the time it happened. */
  record Write(long nanos, String text) {}

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final List<Write> writes = new ArrayList<>();
  private final PrintStream out;

  Console() {
    OutputStream recording = new OutputStream() {
      @Override
      public synchronized void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public synchronized void write(byte[] b, int off, int len) {
        bytes.write(b, off, len);
        writes.add(new Write(System.nanoTime(), new String(b, off, len, StandardCharsets.UTF_8)));
      }
    };
    out = new PrintStream(recording, true, StandardCharsets.UTF_8);
  }

  /** The stream to give an example. */
  PrintStream out() {
    return out;
  }

  /** Everything printed. */
  synchronized String text() {
    out.flush();
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** Everything printed, line by line. */
  List<String> lines() {
    return List.of(text().split("\n"));
  }

  /** Every write, in order. */
  synchronized List<Write> writes() {
    out.flush();
    return List.copyOf(writes);
  }
}
