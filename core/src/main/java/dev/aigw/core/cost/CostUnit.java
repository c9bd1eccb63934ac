package dev.aigw.core.cost;

import java.util.Currency;
import java.util.Objects;

/**
 * What a {@link Cost} is counted in: a currency ({@code KRW}, {@code CNY}) or a gateway's own
 * credits. Credits of two gateways are not the same money, so totals are kept per gateway and
 * unit ({@link CostMeter}).
 *
 * @param code the unit's code: an ISO 4217 currency code, or a name such as {@code credits}
 */
public record CostUnit(String code) {

  /** South Korean won: CheapSub bills in credits, and one credit is one won. */
  public static final CostUnit KRW = new CostUnit("KRW");

  /** Chinese yuan: icodeeasy's prices and costs. */
  public static final CostUnit CNY = new CostUnit("CNY");

  /** US dollars. */
  public static final CostUnit USD = new CostUnit("USD");

  /** A gateway's own credits (GPTImageHub, gptimage2.plus): not a currency. */
  public static final CostUnit CREDITS = new CostUnit("credits");

  /**
   * Checks the code.
   *
   * @param code the unit's code ({@code KRW}, {@code credits})
   */
  public CostUnit {
    Objects.requireNonNull(code, "code");
    if (code.isBlank()) {
      throw new IllegalArgumentException("a cost unit needs a code");
    }
  }

  /**
   * The unit with this code.
   *
   * @param code an ISO 4217 code ({@code KRW}) or a name ({@code credits})
   * @return the unit
   */
  public static CostUnit of(String code) {
    return new CostUnit(code);
  }

  /**
   * Whether this unit is a currency (an ISO 4217 code), so that amounts of several gateways in it
   * can be added up.
   *
   * @return {@code true} for {@code KRW}, {@code CNY} …; {@code false} for credits
   */
  public boolean isCurrency() {
    if (code.length() != 3 || !code.equals(code.toUpperCase(java.util.Locale.ROOT))) {
      return false;
    }
    try {
      Currency.getInstance(code);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The code. */
  @Override
  public String toString() {
    return code;
  }
}
