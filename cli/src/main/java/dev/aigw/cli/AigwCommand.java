package dev.aigw.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jline.terminal.Terminal;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The top command, {@code aigw}: the global options and what every command of one run shares. */
@Command(name = "aigw", mixinStandardHelpOptions = true, versionProvider = AigwCommand.Version.class,
    description = "Every AI gateway aigw knows (cheapsub, cloudgpt, gptimagehub, icodeeasy, gptimage2) from a terminal.",
    subcommands = {GatewaysCommand.class, ModelsCommand.class, CreditsCommand.class, ChatCommand.class,
        ImageCommand.class, VideoCommand.class, ResumeCommand.class, KeysCommand.class,
        AutoComplete.GenerateCompletion.class},
    footer = {"", ExitCodes.HELP}, usageHelpAutoWidth = true)
final class AigwCommand implements Runnable {

  @Option(names = "--json", scope = ScopeType.INHERIT,
      description = "Print one JSON object per result on standard output, for scripts.")
  boolean json;

  @Option(names = "--fake", scope = ScopeType.INHERIT,
      description = "Use the in-process fakes of the testkit instead of the real gateways: offline, no key, no charge.")
  boolean fake;

  @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
      description = "Print the SDK's DEBUG log (requests, statuses, timings, retries; never a key) to standard error.")
  boolean verbose;

  @Option(names = "--timeout", scope = ScopeType.INHERIT, paramLabel = "<duration>", converter = Durations.class,
      description = "Longest wait for an operation, and for each call (90s, 5m, 1h, PT2M). "
          + "Default: the SDK's (an operation: 10 minutes, a CheapSub video 30).")
  Duration timeout;

  @Option(names = "--poll-interval", scope = ScopeType.INHERIT, paramLabel = "<duration>", converter = Durations.class,
      description = "Poll operations this often. Default: the SDK's (1 s, growing to 10 s); with --fake 200ms.")
  Duration pollInterval;

  @Spec
  CommandSpec spec;

  final Map<String, String> env;
  final InputStream in;
  final PrintStream out;
  final PrintStream err;
  final Terminal terminal;
  final Interruption interruption;

  AigwCommand(Map<String, String> env, InputStream in, PrintStream out, PrintStream err, Terminal terminal,
      Interruption interruption) {
    this.env = env;
    this.in = in;
    this.out = out;
    this.err = err;
    this.terminal = terminal;
    this.interruption = interruption;
  }

  @Override
  public void run() {
    spec.commandLine().usage(out);
  }

  /** The longest wait for an operation with a fixed polling interval: {@code --timeout}, else 10 minutes. */
  Duration waitTimeout() {
    return timeout != null ? timeout : Duration.ofMinutes(10);
  }

  /** A progress display on standard error: in place on a terminal, else a line per change. */
  Progress progress() {
    return terminal != null ? new Progress.InPlace(terminal) : new Progress.Lines(err);
  }

  /** Opens the gateways named. */
  Connection connect(java.util.List<String> names) {
    return Connection.open(names, this, env, err);
  }

  /** What Ctrl-C stops: the wait in progress, if any. */
  static final class Interruption {
    private final AtomicReference<Runnable> stop = new AtomicReference<>();
    private volatile boolean interrupted;

    /** Registers what stops the current wait; {@code null} when nothing is waiting. */
    void during(Runnable stopper) {
      stop.set(stopper);
      if (stopper != null && interrupted) {
        stopper.run();
      }
    }

    /** Stops the current wait (as Ctrl-C does); {@return whether a wait was going on} */
    boolean interrupt() {
      interrupted = true;
      Runnable stopper = stop.get();
      if (stopper != null) {
        stopper.run();
        return true;
      }
      return false;
    }

    boolean interrupted() {
      return interrupted;
    }
  }

  /** {@code aigw --version}: the SDK's version from the jar's manifest. */
  static final class Version implements picocli.CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = AigwCommand.class.getPackage().getImplementationVersion();
      return new String[] {"aigw " + (version == null ? "(development build)" : version)
          + " (Java " + System.getProperty("java.version") + ")"};
    }
  }
}
