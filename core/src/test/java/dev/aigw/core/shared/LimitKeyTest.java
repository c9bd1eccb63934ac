package dev.aigw.core.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LimitKeyTest {
  @Test
  void holdsOnlyAFingerprintAndShowsOnlyItsStart() {
    String fingerprint = "0123456789abcdef".repeat(4);
    LimitKey key = new LimitKey("gptimage2", "https://gptimage2.plus", fingerprint, 5);
    assertThat(key.id()).isEqualTo("gptimage2|https://gptimage2.plus|" + fingerprint + "|5");
    assertThat(key).hasToString("LimitKey[gptimage2, https://gptimage2.plus, key 01234567…, limit 5]");
  }

  @Test
  void refusesAnythingButASha256AndAPositiveLimit() {
    assertThatThrownBy(() -> new LimitKey("v", "u", "gimg_live_secret", 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("keyFingerprint must be a SHA-256 in lower-case hex");
    assertThatThrownBy(() -> new LimitKey("v", "u", "ab".repeat(32), 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("limit must be 1 or more, was 0");
  }
}
