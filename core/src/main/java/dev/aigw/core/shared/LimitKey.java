package dev.aigw.core.shared;

import java.util.Objects;

/**
 * What one concurrency limit counts: the calls of every client of one gateway, base URL and key.
 * The key appears only as its fingerprint (SHA-256, hex), never as the secret.
 *
 * @param vendor the gateway ({@code gptimage2})
 * @param baseUrl the base URL the calls go to
 * @param keyFingerprint the lower-case hex SHA-256 of the API key
 * @param limit the most calls in flight at once (1 or more)
 */
public record LimitKey(String vendor, String baseUrl, String keyFingerprint, int limit) {
  /**
   * Checks the values.
   *
   * @param vendor the gateway
   * @param baseUrl the base URL
   * @param keyFingerprint the key's fingerprint
   * @param limit 1 or more
   * @throws IllegalArgumentException if {@code limit} is below 1 or the fingerprint is not 64 hex
   *     digits
   */
  public LimitKey {
    Objects.requireNonNull(vendor, "vendor");
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(keyFingerprint, "keyFingerprint");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be 1 or more, was " + limit);
    }
    if (!keyFingerprint.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("keyFingerprint must be a SHA-256 in lower-case hex");
    }
  }

  /**
   * One string naming this limit (vendor, base URL, fingerprint and limit), for stores that key by
   * string.
   *
   * @return the id, free of the secret
   */
  public String id() {
    return vendor + '|' + baseUrl + '|' + keyFingerprint + '|' + limit;
  }

  /** Shows the fingerprint's first 8 digits only. */
  @Override
  public String toString() {
    return "LimitKey[" + vendor + ", " + baseUrl + ", key " + keyFingerprint.substring(0, 8) + "…, limit " + limit + "]";
  }
}
