package dev.aigw.core.cost;

import java.util.Objects;
import java.util.Optional;

/**
 * What a request will cost, as far as the gateway's published prices tell before it is sent: a
 * known {@link Cost} (icodeeasy's per-image tiers, GPTImageHub's credits per image), or unknown
 * with the reason (a gateway that bills by tokens, or says only afterwards).
 *
 * @param vendor the gateway
 * @param price the price, or {@code null} when unknown
 * @param reason how the price was found, or why it is unknown
 */
public record PriceEstimate(String vendor, Cost price, String reason) {

  /**
   * Checks the values.
   *
   * @param vendor the gateway
   * @param price the price, or {@code null} when unknown
   * @param reason how the price was found, or why it is unknown
   */
  public PriceEstimate {
    Objects.requireNonNull(vendor, "vendor");
    Objects.requireNonNull(reason, "reason");
  }

  /**
   * A known price.
   *
   * @param vendor the gateway
   * @param price the price
   * @param basis how it was found ({@code "4 images at 0.10 CNY (quality low)"})
   * @return the estimate
   */
  public static PriceEstimate known(String vendor, Cost price, String basis) {
    return new PriceEstimate(vendor, Objects.requireNonNull(price, "price"), basis);
  }

  /**
   * An unknown price.
   *
   * @param vendor the gateway
   * @param reason why it cannot be known before sending
   * @return the estimate
   */
  public static PriceEstimate unknown(String vendor, String reason) {
    return new PriceEstimate(vendor, null, reason);
  }

  /**
   * Whether the price is known.
   *
   * @return {@code true} when {@link #price()} is set
   */
  public boolean isKnown() {
    return price != null;
  }

  /**
   * The price, when known.
   *
   * @return the price, or empty
   */
  public Optional<Cost> cost() {
    return Optional.ofNullable(price);
  }

  /** {@code icodeeasy: 0.40 CNY (2 images at 0.20 CNY, quality medium)} or {@code cheapsub: unknown (…)}. */
  @Override
  public String toString() {
    return vendor + ": " + (price == null ? "unknown (" + reason + ")" : price + " (" + reason + ")");
  }
}
