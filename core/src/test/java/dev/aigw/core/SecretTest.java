package dev.aigw.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretTest {
  private static final String KEY = "csk_live_Q8w7E6r5T4y3U2i1";

  @Test
  void toStringAndMaskedNeverRevealTheValue() {
    Secret s = Secret.of(KEY);
    assertThat(s.toString()).isEqualTo("Secret[csk_****]").doesNotContain("live_Q8w7");
    assertThat(s.masked()).isEqualTo("csk_****");
    assertThat(String.valueOf(s)).doesNotContain(KEY);
  }

  @Test
  void shortSecretsShowNothingAtAll() {
    assertThat(Secret.of("abc").masked()).isEqualTo("****");
    assertThat(Secret.of("abcdefg").masked()).as("7 chars: one shown").isEqualTo("a****");
    assertThat(Secret.of("abcdefgh").toString()).isEqualTo("Secret[ab****]");
  }

  @Test
  void revealAndHasPrefix() {
    Secret s = Secret.of("  " + KEY + "\n");
    assertThat(s.reveal()).as("stripped").isEqualTo(KEY);
    assertThat(s.hasPrefix("csk_")).isTrue();
    assertThat(s.hasPrefix("sk-")).isFalse();
  }

  @Test
  void redactInReplacesEveryEcho() {
    Secret s = Secret.of(KEY);
    String echoed = "Incorrect API key provided: " + KEY + ". You passed " + KEY + " twice.";
    assertThat(s.redactIn(echoed))
        .isEqualTo("Incorrect API key provided: csk_****. You passed csk_**** twice.")
        .doesNotContain(KEY);
    assertThat(s.redactIn("nothing to hide")).isEqualTo("nothing to hide");
    assertThat(s.redactIn("")).isEmpty();
    assertThat(s.redactIn(null)).isNull();
  }

  @Test
  void equalityIsByValue() {
    assertThat(Secret.of(KEY)).isEqualTo(Secret.of(KEY)).hasSameHashCodeAs(Secret.of(KEY));
    assertThat(Secret.of(KEY)).isNotEqualTo(Secret.of(KEY + "x"));
    assertThat(Secret.of(KEY)).isNotEqualTo(KEY);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   ", "\t\n"})
  void blankSecretsAreRejected(String value) {
    assertThatThrownBy(() -> Secret.of(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blank");
  }
}
