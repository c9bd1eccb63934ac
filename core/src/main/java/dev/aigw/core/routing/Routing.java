package dev.aigw.core.routing;

import java.util.List;
import java.util.Optional;

/**
 * How a {@link Router} handled one request: every gateway it considered, in order, and what
 * happened at each.
 *
 * @param attempts the attempts, in the router's order
 */
public record Routing(List<Attempt> attempts) {

  /**
   * Copies the list.
   *
   * @param attempts the attempts, in the router's order
   */
  public Routing {
    attempts = List.copyOf(attempts);
  }

  /**
   * The route that served the request.
   *
   * @return its name, or empty when none did
   */
  public Optional<String> servedBy() {
    return attempts.stream().filter(a -> a.outcome() == Attempt.Outcome.SERVED).map(Attempt::route).findFirst();
  }

  /**
   * The attempts as one line each, numbered.
   *
   * @return the description
   */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < attempts.size(); i++) {
      sb.append(i == 0 ? "" : "\n").append(i + 1).append(". ").append(attempts.get(i));
    }
    return sb.toString();
  }

  /** The attempts, on one line. */
  @Override
  public String toString() {
    return "Routing[" + String.join("; ", attempts.stream().map(Attempt::toString).toList()) + "]";
  }
}
