package dev.aigw.cli;

import dev.aigw.cli.internal.CliLogging;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;

/**
 * The {@code aigw} command line tool. {@link #main} runs one command with the process's
 * environment and streams and exits with its code; an instance runs commands in-process with an
 * environment and streams of the caller's choosing (tests, or a program embedding the tool).
 * Keys are read only from the environment given, never from an argument, and never printed.
 *
 * <pre>{@code
 * int code = new Aigw(Map.of(), System.in, System.out, System.err).execute("image", "cheapsub", "a cat", "--fake");
 * }</pre>
 */
public final class Aigw {
  private final Map<String, String> env;
  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;
  private final Terminal terminal;
  private final AigwCommand.Interruption interruption = new AigwCommand.Interruption();
  private final CountDownLatch finished = new CountDownLatch(1);

  /**
   * A tool that reads keys from {@code env} and shows progress a line per change.
   *
   * @param env the environment: {@code <VENDOR>_API_KEY}, {@code <VENDOR>_BASE_URL}
   * @param in standard input (a chat prompt of {@code -} is read from it)
   * @param out where results go
   * @param err where progress, messages and the {@code --verbose} log go
   */
  public Aigw(Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
    this(env, in, out, err, null);
  }

  /**
   * As {@link #Aigw(Map, InputStream, PrintStream, PrintStream)}, drawing progress in place on
   * {@code terminal} when it is not {@code null}.
   */
  Aigw(Map<String, String> env, InputStream in, PrintStream out, PrintStream err, Terminal terminal) {
    this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
    this.in = Objects.requireNonNull(in, "in");
    this.out = Objects.requireNonNull(out, "out");
    this.err = Objects.requireNonNull(err, "err");
    this.terminal = terminal;
  }

  /**
   * Runs one command line.
   *
   * @param args the arguments, as a shell passes them ({@code image cheapsub "a cat" -o cat.png})
   * @return the exit code (see {@code aigw --help}): 0 when done
   */
  public int execute(String... args) {
    try {
      AigwCommand top = new AigwCommand(env, in, out, err, terminal, interruption);
      CommandLine line = new CommandLine(top);
      for (CommandLine sub : line.getSubcommands().values()) {
        sub.getCommandSpec().usageMessage().footer("", ExitCodes.HELP);
      }
      line.setOut(new PrintWriter(out, true));
      line.setErr(new PrintWriter(err, true));
      line.setExecutionStrategy(parsed -> {
        CliLogging.configure(err, top.verbose);
        return new CommandLine.RunLast().execute(parsed);
      });
      line.setExecutionExceptionHandler((failure, cmd, parsed) -> {
        err.println("aigw: " + message(failure));
        return ExitCodes.of(failure);
      });
      line.setParameterExceptionHandler((failure, args2) -> {
        CommandLine cmd = failure.getCommandLine();
        err.println("aigw: " + failure.getMessage());
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more.");
        return ExitCodes.USAGE;
      });
      return line.execute(args);
    } finally {
      CliLogging.configure(System.err, false);
      finished.countDown();
    }
  }

  /**
   * Stops the wait in progress, as Ctrl-C does: polling stops, the command prints the operation's
   * id and how to resume it, and ends with exit code 130. The task itself goes on at the gateway.
   */
  public void interrupt() {
    interruption.interrupt();
  }

  /** The failure's message on one line, or its type when it has none. */
  static String message(Throwable failure) {
    String text = failure.getMessage();
    return text == null || text.isBlank() ? failure.getClass().getSimpleName() : text.strip().replace('\n', ' ');
  }

  /**
   * Runs {@code aigw} with the process's environment and streams; Ctrl-C during a wait stops it and
   * prints how to resume.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    useCliLogging();
    Logger.getLogger("org.jline").setLevel(Level.OFF);
    Terminal terminal = progressTerminal();
    Aigw aigw = new Aigw(System.getenv(), System.in, System.out, System.err, terminal);
    Thread onCtrlC = new Thread(() -> {
      if (!aigw.interruption.interrupt()) {
        return; // nothing was waiting: nothing to resume, exit at once
      }
      try {
        // a wait was stopped: let the command print the operation id before the JVM goes
        aigw.finished.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "aigw-interrupt");
    Runtime.getRuntime().addShutdownHook(onCtrlC);
    int code = aigw.execute(args);
    System.out.flush();
    System.exit(code);
  }

  /**
   * Makes slf4j use the CLI's binding ({@link CliLogging}), quietly. It is chosen by name rather than
   * registered as a service, so that aigw-cli on another program's class path never takes over that
   * program's logging. Call it before the first logger is made.
   */
  static void useCliLogging() {
    System.setProperty("slf4j.provider", CliLogging.class.getName());
    System.setProperty("slf4j.internal.verbosity", "WARN");
  }

  /** Standard error as a JLine terminal when it is one, else {@code null} (progress a line per change). */
  static Terminal progressTerminal() {
    try {
      Terminal terminal = TerminalBuilder.builder().system(true)
          .systemOutput(TerminalBuilder.SystemOutput.SysErr).dumb(true)
          // no probing of the terminal (JLine asks it about modes; a one-line status needs none)
          .graphemeCluster(false).build();
      String type = terminal.getType();
      if (type == null || type.startsWith(Terminal.TYPE_DUMB)) {
        terminal.close();
        return null;
      }
      return terminal;
    } catch (IOException | RuntimeException | LinkageError e) {
      return null;
    }
  }
}
