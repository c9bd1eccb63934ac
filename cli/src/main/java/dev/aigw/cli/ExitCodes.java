package dev.aigw.cli;

import dev.aigw.core.error.ApiException;
import dev.aigw.core.error.AuthenticationException;
import dev.aigw.core.error.BudgetExceededException;
import dev.aigw.core.error.ConnectionException;
import dev.aigw.core.error.OperationTimeoutException;
import dev.aigw.core.error.PaymentRequiredException;
import dev.aigw.core.error.PermissionDeniedException;
import dev.aigw.core.error.RateLimitException;
import dev.aigw.core.error.UnsupportedCapabilityException;
import dev.aigw.core.error.UpstreamTimeoutException;
import dev.aigw.core.error.ValidationException;
import java.io.InterruptedIOException;

/** The exit codes of {@code aigw}, and which failure gives which. */
final class ExitCodes {
  private ExitCodes() {}

  static final int OK = 0;
  /** Something unexpected (a bug, a file that cannot be written). */
  static final int FAILURE = 1;
  /** A bad command line, or a request the gateway refuses before anything is sent. */
  static final int USAGE = 2;
  /** A key that is missing, wrong, expired or not allowed to do this. */
  static final int AUTH = 3;
  /** A rate limit, or credits or a budget that ran out. */
  static final int LIMIT = 4;
  /** Any other failure the gateway reported, or a connection that failed. */
  static final int API = 5;
  /** A wait or a call that ran out of time (the task may still finish: resume it). */
  static final int TIMEOUT = 6;
  /** Stopped with Ctrl-C (the task goes on: resume it). */
  static final int INTERRUPTED = 130;

  /** The {@code --help} footer and the README's table say the same. */
  static final String HELP = "Exit codes:%n"
      + "  0    done%n"
      + "  1    unexpected failure%n"
      + "  2    usage: a bad command line, or a request the gateway refuses before sending%n"
      + "  3    authentication: a key that is missing, wrong, or not allowed (401, 403)%n"
      + "  4    rate limit or quota: 429, out of credits (402), a budget reached%n"
      + "  5    any other API error (4xx, 5xx, a failed task, a broken connection)%n"
      + "  6    timeout: a wait or a call ran out of time (resume the operation later)%n"
      + "  130  interrupted with Ctrl-C (the operation id to resume is printed)%n"
      + "Keys are read only from the environment: CHEAPSUB_API_KEY, CLOUDGPT_API_KEY (and%n"
      + "CLOUDGPT_BASE_URL), GPTIMAGEHUB_API_KEY, ICODEEASY_API_KEY, GPTIMAGE2_API_KEY.";

  /** {@return the exit code for a failure} */
  static int of(Throwable failure) {
    if (failure instanceof CliException e) {
      return e.exitCode();
    }
    if (failure instanceof ValidationException || failure instanceof UnsupportedCapabilityException) {
      return USAGE;
    }
    if (failure instanceof AuthenticationException || failure instanceof PermissionDeniedException) {
      return AUTH;
    }
    if (failure instanceof RateLimitException || failure instanceof PaymentRequiredException
        || failure instanceof BudgetExceededException) {
      return LIMIT;
    }
    if (failure instanceof OperationTimeoutException || failure instanceof UpstreamTimeoutException) {
      return TIMEOUT;
    }
    if (failure instanceof ConnectionException && timedOut(failure)) {
      return TIMEOUT;
    }
    if (failure instanceof ApiException || failure instanceof dev.aigw.core.error.AigwException) {
      return API;
    }
    return FAILURE;
  }

  private static boolean timedOut(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof InterruptedIOException) {
        return true;
      }
    }
    return false;
  }
}
