package dev.aigw.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.error.ValidationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageSizeTest {

  @ParameterizedTest
  @CsvSource({"1024x1024, 1024, 1024", "1536X1024, 1536, 1024", "' 512x768 ', 512, 768"})
  void parsesWidthByHeight(String text, int width, int height) {
    ImageSize s = ImageSize.parse(text);
    assertThat(s).isEqualTo(ImageSize.of(width, height));
    assertThat(s.toString()).isEqualTo(width + "x" + height);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "1024", "1024x", "x1024", "1024*1024", "1024x1024x3", "0x1024", "1024x-1",
      "big", "1024.5x1024"})
  void rejectsEverythingElseNamingTheField(String text) {
    assertThatThrownBy(() -> ImageSize.parse(text))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("aigw: size: ")
        .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("size"));
  }
}
