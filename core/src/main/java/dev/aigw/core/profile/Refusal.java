package dev.aigw.core.profile;

import dev.aigw.core.Capability;
import dev.aigw.core.error.ValidationException;
import java.util.Objects;

/**
 * One reason a gateway would refuse a request before sending it: the same vendor, field and
 * problem the client's {@link ValidationException} would carry.
 *
 * @param vendor the vendor that refuses ({@code cheapsub} …)
 * @param field the request field, as the user knows it ({@code references})
 * @param problem what is wrong and what is accepted
 */
public record Refusal(String vendor, String field, String problem) {

  /**
   * Checks that every part is given.
   *
   * @param vendor the vendor that refuses ({@code cheapsub} …)
   * @param field the request field, as the user knows it ({@code references})
   * @param problem what is wrong and what is accepted
   */
  public Refusal {
    Objects.requireNonNull(vendor, "vendor");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(problem, "problem");
  }

  /**
   * The refusal of an exception the client threw (or would throw).
   *
   * @param e the exception
   * @return the refusal it states
   */
  public static Refusal of(ValidationException e) {
    String vendor = e.vendor() == null ? "aigw" : e.vendor();
    String prefix = vendor + ": " + e.field() + ": ";
    String message = e.getMessage();
    return new Refusal(vendor, e.field(), message.startsWith(prefix) ? message.substring(prefix.length()) : message);
  }

  /**
   * The refusal of a request that needs a capability the gateway lacks, in the words of {@link
   * dev.aigw.core.error.UnsupportedCapabilityException}; its field is {@code capability}.
   *
   * @param vendor the vendor
   * @param capability the missing capability
   * @return the refusal
   */
  public static Refusal unsupported(String vendor, Capability capability) {
    return new Refusal(vendor, "capability", vendor + " does not offer " + capability.description());
  }

  /**
   * The message, exactly as the client's exception says it: {@code vendor: field: problem}.
   *
   * @return the message
   */
  public String message() {
    return vendor + ": " + field + ": " + problem;
  }

  /**
   * The exception the client throws for this refusal.
   *
   * @return a new {@link ValidationException} (not thrown)
   */
  public ValidationException toException() {
    return new ValidationException(vendor, field, problem);
  }

  /** The message. */
  @Override
  public String toString() {
    return message();
  }
}
