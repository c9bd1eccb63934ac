package dev.aigw.core.routing;

import java.util.Objects;

/**
 * What happened to a request at one gateway of a {@link Router}.
 *
 * @param route the route's name (the vendor's name unless the router was told another)
 * @param vendor the vendor of the route's client
 * @param outcome what happened
 * @param reason why, in words (the refusal, the failure and why the router moved on or stopped)
 * @param failure the failure, or {@code null} when the gateway served the request or was not tried
 */
public record Attempt(String route, String vendor, Outcome outcome, String reason, Throwable failure) {

  /**
   * Checks the values.
   *
   * @param route the route's name (the vendor's name unless the router was told another)
   * @param vendor the vendor of the route's client
   * @param outcome what happened
   * @param reason why, in words (the refusal, the failure and why the router moved on or stopped)
   * @param failure the failure, or {@code null} when the gateway served the request or was not tried
   */
  public Attempt {
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(vendor, "vendor");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(reason, "reason");
  }

  /** What happened at one gateway. */
  public enum Outcome {
    /** It served the request. */
    SERVED,
    /** It would refuse the request (its {@code check} said so): nothing was sent to it. */
    REFUSED,
    /** It was not tried: it lacks the capability, or it is cooling down after failing repeatedly. */
    SKIPPED,
    /** It failed in a way that certainly did no paid work, so the router moved on. */
    MOVED_ON,
    /** It failed, and the router stopped there: the work may have been charged, or moving on would not help. */
    STOPPED
  }

  /** {@code route: OUTCOME — reason}. */
  @Override
  public String toString() {
    return route + (route.equals(vendor) ? "" : " (" + vendor + ")") + ": " + outcome + " — " + reason;
  }
}
