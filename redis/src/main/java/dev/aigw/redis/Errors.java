package dev.aigw.redis;

import dev.aigw.core.error.SharedStateException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns Lettuce's failures into {@link SharedStateException}s that name the server, never a password. */
final class Errors {
  private final String where;

  Errors(String where) {
    this.where = where;
  }

  SharedStateException wrap(String vendor, String what, Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof SharedStateException already) {
      return already;
    }
    return new SharedStateException(vendor, "aigw-redis could not " + what + ": Redis at " + where
        + " failed (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")", cause);
  }
}
