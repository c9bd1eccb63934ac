package dev.aigw.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.error.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class AspectRatioTest {

  @ParameterizedTest
  @CsvSource({"16:9, 16, 9", "'  4:3 ', 4, 3", "1:1, 1, 1", "'21 : 9', 21, 9", "32:18, 32, 18"})
  void parsesWidthColonHeightAsGiven(String text, int width, int height) {
    AspectRatio r = AspectRatio.parse(text);
    assertThat(r).isEqualTo(AspectRatio.of(width, height));
    assertThat(r.toString()).isEqualTo(width + ":" + height);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "16x9", "16:", ":9", "16:9:1", "a:b", "1.5:1", "0:9", "16:0", "-16:9"})
  void rejectsEverythingElseNamingTheField(String text) {
    assertThatThrownBy(() -> AspectRatio.parse(text))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("aigw: aspectRatio: ")
        .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("aspectRatio"));
  }

  @Test
  void malformedTextIsQuotedInTheMessage() {
    assertThatThrownBy(() -> AspectRatio.parse("wide"))
        .hasMessageContaining("16:9")
        .hasMessageContaining("wide");
  }

  @Test
  void isNotReduced() {
    assertThat(AspectRatio.of(32, 18)).isNotEqualTo(AspectRatio.of(16, 9));
  }
}
