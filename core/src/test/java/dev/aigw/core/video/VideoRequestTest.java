package dev.aigw.core.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.VendorOption;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.image.AspectRatio;
import dev.aigw.core.image.ImageSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VideoRequestTest {

  record Audio(boolean on) implements VendorOption {
    @Override
    public String vendor() {
      return "icodeeasy";
    }
  }

  private static void assertInvalid(VideoRequest.Builder builder, String field, String problem) {
    assertThatThrownBy(builder::build)
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("aigw: " + field + ": ")
        .hasMessageContaining(problem)
        .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo(field));
  }

  @Test
  void modelIsOptionalButNotBlank() {
    assertThat(VideoRequest.builder().prompt("waves").build().model()).isNull();
    assertInvalid(VideoRequest.builder().model("").prompt("waves"), "model", "must not be blank when given");
  }

  @Test
  void promptIsRequired() {
    assertInvalid(VideoRequest.builder().model("veo-3"), "prompt", "non-blank prompt");
    assertInvalid(VideoRequest.builder().model("veo-3").prompt(" "), "prompt", "non-blank prompt");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -5})
  void durationMustBePositive(int seconds) {
    assertInvalid(VideoRequest.builder().model("veo-3").prompt("waves").durationSeconds(seconds),
        "durationSeconds", "must be 1 or more, was " + seconds);
  }

  @Test
  void buildsAndFindsVendorOptions() {
    Audio audio = new Audio(true);
    VideoRequest r = VideoRequest.builder()
        .model("veo-3").prompt("waves at dusk").durationSeconds(8).resolution("720p")
        .size(1280, 720).aspectRatio(16, 9).extraBody("fps", 24).vendorOption(audio).build();
    assertThat(r.durationSeconds()).isEqualTo(8);
    assertThat(r.size()).isEqualTo(ImageSize.of(1280, 720));
    assertThat(r.aspectRatio()).isEqualTo(AspectRatio.of(16, 9));
    assertThat(r.vendorOption(Audio.class)).containsSame(audio);
    assertThatThrownBy(() -> r.extraBody().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> r.vendorOptions().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void toBuilderRoundTrips() {
    VideoRequest original = VideoRequest.builder()
        .model("veo-3").prompt("waves").durationSeconds(6).resolution("1080p").size(1920, 1080)
        .aspectRatio(16, 9).extraBody("fps", 30).vendorOption(new Audio(false)).build();
    assertThat(original.toBuilder().build()).isEqualTo(original);
    VideoRequest longer = original.toBuilder().durationSeconds(10).build();
    assertThat(longer.durationSeconds()).isEqualTo(10);
    assertThat(longer.prompt()).isEqualTo("waves");
    assertThat(original.durationSeconds()).isEqualTo(6);
  }
}
