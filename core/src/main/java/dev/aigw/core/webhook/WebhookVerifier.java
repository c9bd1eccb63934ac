package dev.aigw.core.webhook;

import dev.aigw.core.Secret;
import dev.aigw.core.error.WebhookVerificationException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies webhook signatures: a hex HMAC-SHA256 of the raw request body, keyed by the webhook
 * secret, compared in constant time. Verify the bytes exactly as received, before any parsing.
 * Thread-safe.
 */
public final class WebhookVerifier {
  private final String vendor;
  private final Secret secret;

  private WebhookVerifier(String vendor, Secret secret) {
    this.vendor = vendor;
    this.secret = Objects.requireNonNull(secret, "secret");
  }

  /**
   * A verifier for HMAC-SHA256 hex signatures.
   *
   * @param vendor vendor name, for messages
   * @param secret the webhook secret ({@code whsec_…})
   * @return the verifier
   */
  public static WebhookVerifier hmacSha256(String vendor, Secret secret) {
    return new WebhookVerifier(vendor, secret);
  }

  /**
   * The hex signature of {@code body} (for tests and fakes that sign deliveries).
   *
   * @param body the bytes to sign
   * @return the HMAC-SHA256 of the body, in lower-case hex
   */
  public String sign(byte[] body) {
    return HexFormat.of().formatHex(mac(body));
  }

  /**
   * Whether {@code signature} (hex, any case, optionally {@code sha256=}-prefixed) signs {@code body}.
   *
   * @param body the body exactly as received, or {@code null}
   * @param signature the signature header's value, or {@code null}
   * @return {@code false} for a missing, malformed or wrong signature
   */
  public boolean isValid(byte[] body, String signature) {
    if (body == null || signature == null || signature.isBlank()) {
      return false;
    }
    String hex = signature.strip().toLowerCase(Locale.ROOT);
    if (hex.startsWith("sha256=")) {
      hex = hex.substring(7);
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(mac(body), given);
  }

  /**
   * Checks the signature.
   *
   * @param body the body exactly as received
   * @param signature the signature header's value
   * @throws WebhookVerificationException when it is missing or does not match
   */
  public void verify(byte[] body, String signature) {
    if (signature == null || signature.isBlank()) {
      throw new WebhookVerificationException(vendor, "[" + vendor + "] webhook delivery has no signature");
    }
    if (!isValid(body, signature)) {
      throw new WebhookVerificationException(vendor,
          "[" + vendor + "] webhook signature does not match the body (tampered, or signed with another secret)");
    }
  }

  /**
   * Checks a body given as a UTF-8 string (prefer the raw bytes when you have them).
   *
   * @param body the body
   * @param signature the signature header's value
   * @throws WebhookVerificationException when the signature is missing or does not match
   */
  public void verify(String body, String signature) {
    verify(body == null ? null : body.getBytes(StandardCharsets.UTF_8), signature);
  }

  private byte[] mac(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  @Override
  public String toString() {
    return "WebhookVerifier[" + vendor + ", secret=" + secret + "]";
  }
}
