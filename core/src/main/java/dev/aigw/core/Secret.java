package dev.aigw.core;

import java.util.Objects;

/**
 * A credential (API key, session cookie, webhook secret). Its {@link #toString()} never shows the
 * value, so a secret can sit in records, logs and exception messages without leaking.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /**
   * Wraps a credential.
   *
   * @param value the credential; surrounding white space is dropped
   * @return the wrapped credential
   * @throws IllegalArgumentException if the value is null or blank
   */
  public static Secret of(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("a secret must not be blank");
    }
    return new Secret(value.strip());
  }

  /** {@return the credential itself} Call it only where the value must go on the wire. */
  public String reveal() {
    return value;
  }

  /**
   * Whether the credential starts with {@code prefix} (checking a key's format reveals nothing).
   *
   * @param prefix the expected start, e.g. {@code csk_}
   * @return whether the credential starts with it
   */
  public boolean hasPrefix(String prefix) {
    return value.startsWith(prefix);
  }

  /**
   * Replaces every occurrence of this secret in {@code text} with a redacted form. Used on server
   * messages, which sometimes echo the key back.
   *
   * @param text any text, or {@code null}
   * @return the text with the secret masked ({@code null} stays {@code null})
   */
  public String redactIn(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    return text.replace(value, masked());
  }

  /** {@return a masked form that shows at most the first four characters (the vendor prefix)} */
  public String masked() {
    int shown = Math.min(4, value.length() / 4);
    return value.substring(0, shown) + "****";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret other
        && java.security.MessageDigest.isEqual(
            value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
            other.value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return Objects.hash(value.length());
  }

  /** Always redacted. */
  @Override
  public String toString() {
    return "Secret[" + masked() + "]";
  }
}
