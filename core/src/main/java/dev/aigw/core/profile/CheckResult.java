package dev.aigw.core.profile;

import java.util.List;
import java.util.Objects;

/**
 * What {@link dev.aigw.core.AiClient#check(dev.aigw.core.image.ImageRequest) check(request)}
 * found: every reason the gateway would refuse the request before sending it (none when it would
 * take it), and the rules that need I/O and so are applied only when the request is sent.
 *
 * @param vendor the vendor (or router) that checked
 * @param refusals every reason the request would be refused, in the order the client checks them;
 *     empty when it would be accepted
 * @param deferred rules that could not be applied without I/O (a model list fetched later, a
 *     reference URL that is downloaded when sent), each said in words; they may still refuse the
 *     request when it is sent
 */
public record CheckResult(String vendor, List<Refusal> refusals, List<String> deferred) {

  /**
   * Copies the lists.
   *
   * @param vendor the vendor (or router) that checked
   * @param refusals every reason the request would be refused, in the order the client checks them; empty when it would be accepted
   * @param deferred rules that could not be applied without I/O (a model list fetched later, a reference URL that is downloaded when sent), each said in words; they may still refuse the request when it is sent
   */
  public CheckResult {
    Objects.requireNonNull(vendor, "vendor");
    refusals = List.copyOf(refusals);
    deferred = List.copyOf(deferred);
  }

  /**
   * A result without refusals or deferred rules.
   *
   * @param vendor the vendor
   * @return the result
   */
  public static CheckResult accepted(String vendor) {
    return new CheckResult(vendor, List.of(), List.of());
  }

  /**
   * A result with one refusal.
   *
   * @param refusal the reason
   * @return the result
   */
  public static CheckResult refused(Refusal refusal) {
    return new CheckResult(refusal.vendor(), List.of(refusal), List.of());
  }

  /**
   * Whether the gateway would take the request (no refusal; deferred rules may still refuse it
   * when it is sent).
   *
   * @return {@code true} when there is no refusal
   */
  public boolean accepted() {
    return refusals.isEmpty();
  }

  /**
   * The refusals, one message each ({@code vendor: field: problem}).
   *
   * @return the messages, in order
   */
  public List<String> messages() {
    return refusals.stream().map(Refusal::message).toList();
  }

  /** The vendor and the verdict, with every refusal and deferred rule. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(vendor).append(accepted() ? ": accepted" : ": refused");
    refusals.forEach(r -> sb.append("; ").append(r.field()).append(": ").append(r.problem()));
    deferred.forEach(d -> sb.append("; when sent: ").append(d));
    return sb.toString();
  }
}
