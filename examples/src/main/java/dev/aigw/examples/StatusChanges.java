package dev.aigw.examples;

import dev.aigw.core.operation.OperationSnapshot;
import dev.aigw.core.operation.OperationStatus;
import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * An {@link dev.aigw.core.operation.Operation#onUpdate} listener that prints a line each time the
 * status changes ({@code <prefix><id>: RUNNING}), not on every poll.
 */
final class StatusChanges<T> implements Consumer<OperationSnapshot<T>> {
  private final String prefix;
  private final PrintStream out;
  private OperationStatus last;

  /**
   * @param prefix what starts each line, e.g. {@code "  image "}
   * @param out where the lines go
   */
  StatusChanges(String prefix, PrintStream out) {
    this.prefix = prefix;
    this.out = out;
  }

  @Override
  public synchronized void accept(OperationSnapshot<T> snapshot) {
    if (snapshot.status() != last) {
      last = snapshot.status();
      out.println(prefix + snapshot.id() + ": " + snapshot.status());
    }
  }
}
