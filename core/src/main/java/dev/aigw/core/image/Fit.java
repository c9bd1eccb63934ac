package dev.aigw.core.image;

/**
 * How strictly a request's shape (aspect ratio, size, resolution class) must be kept when a
 * gateway cannot take it as it is.
 */
public enum Fit {
  /**
   * Translate only where an exact equivalent exists ({@code 16:9} at 1k is {@code 1024x576};
   * {@code 1024x1024} is {@code 1:1} at 1k); otherwise refuse before sending. The default.
   */
  EXACT,
  /** Translate exactly where possible, otherwise send the gateway's nearest shape. */
  NEAREST
}
