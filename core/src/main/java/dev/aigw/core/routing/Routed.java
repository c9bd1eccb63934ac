package dev.aigw.core.routing;

import java.util.Objects;

/**
 * A router's answer with how it was routed.
 *
 * @param <T> the answer
 * @param value the answer
 * @param routing which gateway served it, and why each earlier one was passed
 */
public record Routed<T>(T value, Routing routing) {

  /**
   * Checks the values.
   *
   * @param value the answer
   * @param routing which gateway served it, and why each earlier one was passed
   */
  public Routed {
    Objects.requireNonNull(routing, "routing");
  }

  /**
   * The route that served the request.
   *
   * @return its name
   */
  public String servedBy() {
    return routing.servedBy().orElseThrow();
  }
}
