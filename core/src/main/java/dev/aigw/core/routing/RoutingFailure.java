package dev.aigw.core.routing;

import dev.aigw.core.error.AigwException;

/**
 * The routing story of a request that failed: attached to the exception a {@link Router} throws
 * as a suppressed exception (so the exception keeps its own type — a {@code RateLimitException}
 * stays one). Read it with {@link Router#routing(Throwable)}; its message lists every attempt.
 */
public final class RoutingFailure extends AigwException {
  private static final long serialVersionUID = 1L;

  /** The routing (not serialized). */
  private final transient Routing routing;

  /**
   * The story of a routed request that no gateway served.
   *
   * @param vendor the router's vendor names
   * @param routing the attempts
   */
  public RoutingFailure(String vendor, Routing routing) {
    super(vendor, "routed over " + routing.attempts().size() + " gateway(s):\n" + routing.describe(), null);
    this.routing = routing;
  }

  /**
   * The attempts.
   *
   * @return the routing
   */
  public Routing routing() {
    return routing;
  }

  /** No stack trace: the failure it is attached to has the useful one. */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
