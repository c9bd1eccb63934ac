package dev.aigw.core.error;

/**
 * Bad input, caught before anything was sent. The message names the vendor (when one is
 * involved), the field and what is accepted.
 */
public class ValidationException extends AigwException {
  /** The offending field. */
  private final String field;

  /**
   * Creates the exception; its message names the vendor, the field and the problem.
   *
   * @param vendor vendor name, or {@code null} for a check every vendor shares
   * @param field the offending field, as the user named it ({@code temperature}, {@code n} …)
   * @param problem what is wrong and what is accepted
   */
  public ValidationException(String vendor, String field, String problem) {
    super(vendor, (vendor == null ? "aigw" : vendor) + ": " + field + ": " + problem, null);
    this.field = field;
  }

  /** {@return the offending field} */
  public String field() {
    return field;
  }
}
