package dev.aigw.core.error;

import dev.aigw.core.Capability;

/** The client's vendor does not offer this capability (for example videos on an image-only gateway). */
public class UnsupportedCapabilityException extends AigwException {
  /** The capability asked for. */
  private final Capability capability;

  /**
   * Creates the exception; its message names the vendor and what it does not offer.
   *
   * @param vendor vendor name
   * @param capability what was asked for
   */
  public UnsupportedCapabilityException(String vendor, Capability capability) {
    super(vendor, vendor + " does not offer " + capability.description(), null);
    this.capability = capability;
  }

  /** {@return the capability that is missing} */
  public Capability capability() {
    return capability;
  }
}
