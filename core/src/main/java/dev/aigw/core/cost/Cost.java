package dev.aigw.core.cost;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An amount of money or credits with its unit, exactly as a gateway billed it ({@code 0.500000
 * KRW} keeps its six decimals). Immutable.
 *
 * <pre>{@code
 * Cost cost = result.cost();            // null when the gateway did not say
 * BigDecimal amount = cost.amount();    // 0.2
 * CostUnit unit = cost.unit();          // CNY
 * }</pre>
 *
 * @param amount the amount, never negative
 * @param unit what it is counted in
 */
public record Cost(BigDecimal amount, CostUnit unit) implements Comparable<Cost> {

  /**
   * Checks the values.
   *
   * @param amount the amount, never negative
   * @param unit what it is counted in
   * @throws NullPointerException when either is null
   * @throws IllegalArgumentException when the amount is negative
   */
  public Cost {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(unit, "unit");
    if (amount.signum() < 0) {
      throw new IllegalArgumentException("a cost cannot be negative, was " + amount.toPlainString());
    }
  }

  /**
   * A cost.
   *
   * @param amount the amount as written ({@code "0.500000"})
   * @param unit its unit
   * @return the cost
   * @throws NumberFormatException when {@code amount} is not a decimal number
   */
  public static Cost of(String amount, CostUnit unit) {
    return new Cost(new BigDecimal(amount.strip()), unit);
  }

  /**
   * A cost.
   *
   * @param amount the amount
   * @param unit its unit
   * @return the cost, or {@code null} when {@code amount} is {@code null} (a gateway that did not
   *     say)
   */
  public static Cost ofNullable(BigDecimal amount, CostUnit unit) {
    return amount == null ? null : new Cost(amount, unit);
  }

  /**
   * Nothing, in {@code unit}.
   *
   * @param unit the unit
   * @return a cost of zero
   */
  public static Cost zero(CostUnit unit) {
    return new Cost(BigDecimal.ZERO, unit);
  }

  /**
   * This cost plus {@code other}, exactly.
   *
   * @param other a cost in the same unit
   * @return the sum
   * @throws IllegalArgumentException when the units differ
   */
  public Cost plus(Cost other) {
    requireSameUnit(other);
    return new Cost(amount.add(other.amount), unit);
  }

  /**
   * This cost times {@code count} (a price per image times the images).
   *
   * @param count how many
   * @return the product
   */
  public Cost times(int count) {
    return new Cost(amount.multiply(BigDecimal.valueOf(count)), unit);
  }

  /**
   * Compares amounts of the same unit ({@code 0.2} equals {@code 0.20} here, though not by {@link
   * #equals}).
   *
   * @param other a cost in the same unit
   * @return negative, zero or positive as this is less than, equal to or more than {@code other}
   * @throws IllegalArgumentException when the units differ
   */
  @Override
  public int compareTo(Cost other) {
    requireSameUnit(other);
    return amount.compareTo(other.amount);
  }

  private void requireSameUnit(Cost other) {
    if (!unit.equals(other.unit)) {
      throw new IllegalArgumentException("cannot combine " + this + " with " + other + ": the units differ");
    }
  }

  /** The amount as written, then the unit: {@code 0.500000 KRW}, {@code 8 credits}. */
  @Override
  public String toString() {
    return amount.toPlainString() + " " + unit;
  }
}
