package dev.aigw.cli;

import java.io.PrintStream;
import org.jline.terminal.Terminal;
import org.jline.utils.InfoCmp.Capability;

/**
 * Where an operation's progress goes (standard error, so that results on standard output stay
 * clean): one line drawn in place on a terminal, or a line per change elsewhere (CI logs, pipes).
 */
interface Progress extends AutoCloseable {

  /**
   * Shows the state.
   *
   * @param state what a log shows, a new line each time it changes ({@code cheapsub t-1: RUNNING 40%})
   * @param detail what only a terminal shows besides (time elapsed, bytes so far), or empty
   */
  void show(String state, String detail);

  /** Ends the display (a terminal keeps the last state on its line). */
  @Override
  void close();

  /** A line per change of state; the details are left out, so that a log stays short. */
  final class Lines implements Progress {
    private final PrintStream err;
    private String last;

    Lines(PrintStream err) {
      this.err = err;
    }

    @Override
    public synchronized void show(String state, String detail) {
      if (!state.equals(last)) {
        last = state;
        err.println(state);
        err.flush();
      }
    }

    @Override
    public void close() {
      // every line is complete already
    }
  }

  /** One line rewritten in place through JLine: carriage return, the text cut to the width, erase to the end. */
  final class InPlace implements Progress {
    private final Terminal terminal;
    private boolean drawn;

    InPlace(Terminal terminal) {
      this.terminal = terminal;
    }

    @Override
    public synchronized void show(String state, String detail) {
      String text = detail.isEmpty() ? state : state + "  " + detail;
      int width = terminal.getWidth();
      if (width > 1 && text.length() >= width) {
        text = text.substring(0, width - 1);
      }
      terminal.puts(Capability.carriage_return);
      terminal.writer().print(text);
      terminal.puts(Capability.clr_eol);
      terminal.flush();
      drawn = true;
    }

    @Override
    public synchronized void close() {
      if (drawn) {
        terminal.writer().println();
        terminal.flush();
        drawn = false;
      }
    }
  }
}
