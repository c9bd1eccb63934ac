package dev.aigw.core;

/**
 * A typed, vendor-only request setting (for example CheapSub's {@code failed_if_no_image}). It is
 * attached to a neutral request with {@code vendorOption(…)}; a client of another vendor refuses it
 * with a {@link dev.aigw.core.error.ValidationException} instead of dropping it.
 */
public interface VendorOption {
  /** {@return the vendor that understands this option ({@code cheapsub} …)} */
  String vendor();
}
