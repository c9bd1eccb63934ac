package dev.aigw.core.image;

/** Output resolution classes offered by several gateways. */
public enum Resolution {
  /** About 1 000 pixels on the long side. */
  K1("1k"),
  /** About 2 000 pixels on the long side. */
  K2("2k"),
  /** About 4 000 pixels on the long side. */
  K4("4k");

  private final String wireValue;

  Resolution(String wireValue) {
    this.wireValue = wireValue;
  }

  /** {@return the usual wire form: {@code 1k}, {@code 2k}, {@code 4k}} */
  public String wireValue() {
    return wireValue;
  }
}
