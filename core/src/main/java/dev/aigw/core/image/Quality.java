package dev.aigw.core.image;

/** Rendering quality, where a gateway offers a choice (it often changes the price). */
public enum Quality {
  /** Let the gateway decide. */
  AUTO,
  /** Fast and cheap. */
  LOW,
  /** The usual default. */
  MEDIUM,
  /** Best and dearest. */
  HIGH;

  /** {@return the wire form: lower case} */
  public String wireValue() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
