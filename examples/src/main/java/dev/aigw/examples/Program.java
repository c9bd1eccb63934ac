package dev.aigw.examples;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What every example's {@code main} does: run the example with the process environment, {@code
 * aigw-output/} and the console, and on failure print one line to standard error and exit with
 * status 1.
 */
final class Program {
  private Program() {}

  /** Where the examples write images and videos, relative to the working directory. */
  static final Path OUTPUT = Path.of("aigw-output");

  /** An example's body, testable with any environment, folder and stream. */
  @FunctionalInterface
  interface Body {
    /** Runs the example; any exception means it failed. */
    void run(Map<String, String> env, Path output, PrintStream out) throws Exception;
  }

  /**
   * Runs {@code body} with {@link System#getenv()}, {@link #OUTPUT} and {@link System#out}; when
   * it throws, prints {@code "<name> failed: <reason>"} to standard error and exits with 1.
   */
  static void run(String name, Body body) {
    try {
      body.run(System.getenv(), OUTPUT, System.out);
    } catch (Exception e) {
      System.out.flush();
      System.err.println(name + " failed: " + reason(e));
      System.exit(1);
    }
  }

  /** A one-line reason: the exception's message, or its type when it has none. */
  static String reason(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.strip().replace('\n', ' ');
  }
}
