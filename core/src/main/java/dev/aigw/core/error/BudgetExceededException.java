package dev.aigw.core.error;

import dev.aigw.core.cost.Cost;

/**
 * A paid call was refused before anything was sent, because it would take the spending on its
 * gateway past the limit a {@link dev.aigw.core.cost.Budget} sets. Nothing reached the gateway and
 * nothing was charged.
 */
public class BudgetExceededException extends AigwException {
  /** The limit that would be crossed. */
  private final Cost limit;
  /** What was spent, or is reserved, in the limit's unit. */
  private final Cost spent;
  /** The refused call's price, or {@code null} when not known before sending. */
  private final Cost price;

  /**
   * A refusal of a call that would cross {@code limit}.
   *
   * @param vendor the gateway
   * @param message what was refused and why
   * @param limit the limit
   * @param spent what was spent (or is reserved by calls under way) in the limit's unit
   * @param price the price of the refused call, or {@code null} when it is not known before sending
   */
  public BudgetExceededException(String vendor, String message, Cost limit, Cost spent, Cost price) {
    super(vendor, message, null);
    this.limit = limit;
    this.spent = spent;
    this.price = price;
  }

  /**
   * The limit.
   *
   * @return the budget's limit for this gateway and unit
   */
  public Cost limit() {
    return limit;
  }

  /**
   * What was spent.
   *
   * @return the spending counted against the limit when the call was refused
   */
  public Cost spent() {
    return spent;
  }

  /**
   * The refused call's price.
   *
   * @return the price, or {@code null} when it is known only afterwards
   */
  public Cost price() {
    return price;
  }
}
