package dev.aigw.cli.internal;

import java.io.PrintStream;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The CLI's slf4j binding: the SDK's log goes to the command's standard error, warnings and errors
 * always, everything down to DEBUG with {@code --verbose}. The target and the level are switched
 * for each command (so that commands run in-process, in tests, each get their own), which a
 * binding like slf4j-simple, configured once per JVM, does not allow. {@code Aigw.main} selects it
 * with the {@code slf4j.provider} property; it is not registered as a service. Not API.
 */
public final class CliLogging implements SLF4JServiceProvider {
  private static volatile PrintStream sink = System.err;
  private static volatile Level threshold = Level.WARN;

  private final ILoggerFactory loggers = CliLogger::new;
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new NOPMDCAdapter();

  /** Creates the binding; slf4j calls this when {@code slf4j.provider} names it. */
  public CliLogging() {}

  /**
   * Sends the log to {@code err}: from DEBUG up when {@code verbose}, else warnings and errors.
   *
   * @param err where log lines go
   * @param verbose whether DEBUG and INFO lines are shown too
   */
  public static void configure(PrintStream err, boolean verbose) {
    sink = err;
    threshold = verbose ? Level.DEBUG : Level.WARN;
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return loggers;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {
    // nothing to set up: the target and the level are set per command
  }

  /** One named logger writing {@code <LEVEL> <simple name>: <message>} to the current sink. */
  private static final class CliLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;
    private final String shortName;

    CliLogger(String name) {
      this.name = name;
      this.shortName = name.substring(name.lastIndexOf('.') + 1);
    }

    private static boolean on(Level level) {
      return level.toInt() >= threshold.toInt();
    }

    @Override
    public boolean isTraceEnabled() {
      return on(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
      return on(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
      return on(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
      return on(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
      return on(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
        Throwable throwable) {
      String message = MessageFormatter.basicArrayFormat(pattern, arguments);
      PrintStream out = sink;
      synchronized (out) {
        out.println(level + " " + shortName + ": " + message
            + (throwable == null ? "" : " (" + throwable.getClass().getSimpleName() + ": " + throwable.getMessage() + ")"));
      }
    }
  }
}
