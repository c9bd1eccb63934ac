package dev.aigw.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.Secret;
import dev.aigw.core.error.WebhookVerificationException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookVerifierTest {
  private static final String SECRET = "whsec_5f1e2d3c4b5a69788796a5b4c3d2e1f0";
  private static final byte[] BODY =
      "{\"id\":\"evt_1\",\"type\":\"task.succeeded\",\"data\":{\"task_id\":\"t-42\",\"cost\":\"0.500000\"}}"
          .getBytes(StandardCharsets.UTF_8);

  private final WebhookVerifier verifier = WebhookVerifier.hmacSha256("cheapsub", Secret.of(SECRET));

  private static String hmacHex(String key, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body));
  }

  @Test
  void signMatchesRfc4231TestCase2() {
    // RFC 4231, test case 2: key "Jefe", data "what do ya want for nothing?"
    WebhookVerifier jefe = WebhookVerifier.hmacSha256("v", Secret.of("Jefe"));
    assertThat(jefe.sign("what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void signIsLowerCaseHexHmacSha256OfTheRawBody() throws Exception {
    String expected = hmacHex(SECRET, BODY);
    assertThat(verifier.sign(BODY)).isEqualTo(expected).hasSize(64).matches("[0-9a-f]+");
  }

  @Test
  void validSignatureIsAccepted() throws Exception {
    String sig = hmacHex(SECRET, BODY);
    assertThat(verifier.isValid(BODY, sig)).isTrue();
    assertThatCode(() -> verifier.verify(BODY, sig)).doesNotThrowAnyException();
    assertThatCode(() -> verifier.verify(new String(BODY, StandardCharsets.UTF_8), sig)).doesNotThrowAnyException();
  }

  @Test
  void upperCaseHexAndSha256PrefixAndSurroundingSpaceAreAccepted() throws Exception {
    String sig = hmacHex(SECRET, BODY);
    assertThat(verifier.isValid(BODY, sig.toUpperCase(Locale.ROOT))).isTrue();
    assertThat(verifier.isValid(BODY, "sha256=" + sig)).isTrue();
    assertThat(verifier.isValid(BODY, "SHA256=" + sig.toUpperCase(Locale.ROOT))).isTrue();
    assertThat(verifier.isValid(BODY, "  " + sig + "\n")).isTrue();
  }

  @Test
  void tamperedBodyIsRejected() throws Exception {
    String sig = hmacHex(SECRET, BODY);
    byte[] tampered = new String(BODY, StandardCharsets.UTF_8).replace("0.500000", "0.000000")
        .getBytes(StandardCharsets.UTF_8);
    assertThat(verifier.isValid(tampered, sig)).isFalse();
    byte[] reformatted = new String(BODY, StandardCharsets.UTF_8).replace(",", ", ").getBytes(StandardCharsets.UTF_8);
    assertThat(verifier.isValid(reformatted, sig)).as("the raw bytes are signed, not the JSON meaning").isFalse();
    assertThatThrownBy(() -> verifier.verify(tampered, sig))
        .isInstanceOf(WebhookVerificationException.class)
        .hasMessageContaining("cheapsub")
        .hasMessageContaining("does not match");
  }

  @Test
  void signatureMadeWithAnotherSecretIsRejected() throws Exception {
    String other = hmacHex("whsec_another_secret_entirely", BODY);
    assertThat(verifier.isValid(BODY, other)).isFalse();
    assertThatThrownBy(() -> verifier.verify(BODY, other)).isInstanceOf(WebhookVerificationException.class);
  }

  @Test
  void truncatedSignatureIsRejected() throws Exception {
    String sig = hmacHex(SECRET, BODY);
    assertThat(verifier.isValid(BODY, sig.substring(0, 62))).isFalse();
    assertThat(verifier.isValid(BODY, sig + "00")).isFalse();
    assertThat(verifier.isValid(BODY, "sha256=")).isFalse();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   ", "\t"})
  void missingOrBlankSignatureIsRejected(String signature) {
    assertThat(verifier.isValid(BODY, signature)).isFalse();
    assertThatThrownBy(() -> verifier.verify(BODY, signature))
        .isInstanceOf(WebhookVerificationException.class)
        .hasMessageContaining("cheapsub")
        .hasMessageContaining("no signature")
        .satisfies(e -> assertThat(((WebhookVerificationException) e).vendor()).isEqualTo("cheapsub"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"not-hex-at-all", "zz", "abc", "sha1=0123456789abcdef0123456789abcdef01234567",
      "t=123,v1=abcdef"})
  void nonHexSignatureIsRejectedWithoutThrowingFromIsValid(String signature) {
    assertThat(verifier.isValid(BODY, signature)).isFalse();
    assertThatThrownBy(() -> verifier.verify(BODY, signature)).isInstanceOf(WebhookVerificationException.class);
  }

  @Test
  void nullBodyIsRejected() throws Exception {
    String sig = hmacHex(SECRET, new byte[0]);
    assertThat(verifier.isValid(null, sig)).isFalse();
    assertThatThrownBy(() -> verifier.verify((byte[]) null, sig)).isInstanceOf(WebhookVerificationException.class);
    assertThat(verifier.isValid(new byte[0], sig)).as("an empty body is still signable").isTrue();
  }

  @Test
  void verificationMessagesNeverContainTheSecret() throws Exception {
    String[] signatures = {null, "", "nothex", hmacHex("other", BODY), hmacHex(SECRET, BODY).substring(1)};
    for (String sig : signatures) {
      assertThatThrownBy(() -> verifier.verify(BODY, sig))
          .isInstanceOf(WebhookVerificationException.class)
          .satisfies(e -> {
            assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain("5f1e2d3c");
            assertThat(String.valueOf(e)).doesNotContain(SECRET);
          });
    }
  }

  @Test
  void toStringHidesTheSecret() {
    assertThat(verifier.toString())
        .contains("cheapsub")
        .doesNotContain(SECRET)
        .doesNotContain("5f1e2d3c4b5a");
  }
}
