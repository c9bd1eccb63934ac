package dev.aigw.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.VendorOption;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.media.MediaInput;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageRequestTest {

  record FailIfNoImage(boolean value) implements VendorOption {
    @Override
    public String vendor() {
      return "cheapsub";
    }
  }

  record Watermark(boolean value) implements VendorOption {
    @Override
    public String vendor() {
      return "gptimage2";
    }
  }

  private static void assertInvalid(ImageRequest.Builder builder, String field, String problem) {
    assertThatThrownBy(builder::build)
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("aigw: " + field + ": ")
        .hasMessageContaining(problem)
        .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo(field));
  }

  @Test
  void onlyThePromptIsRequired() {
    ImageRequest r = ImageRequest.builder().prompt("A cute cat on a windowsill").build();
    assertThat(r.prompt()).isEqualTo("A cute cat on a windowsill");
    assertThat(r.model()).isNull();
    assertThat(r.n()).isNull();
    assertThat(r.count()).isEqualTo(1);
    assertThat(r.references()).isEmpty();
    assertThat(r.extraBody()).isEmpty();
    assertThat(r.vendorOptions()).isEmpty();
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "   ", "\n\t"})
  void promptMustNotBeNullOrBlank(String prompt) {
    assertInvalid(ImageRequest.builder().prompt(prompt), "prompt", "non-blank prompt");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -3})
  void nMustBePositive(int n) {
    assertInvalid(ImageRequest.builder().prompt("p").n(n), "n", "must be 1 or more, was " + n);
  }

  @Test
  void blankModelIsRejectedButAbsentModelIsFine() {
    assertInvalid(ImageRequest.builder().prompt("p").model(" "), "model", "must not be blank");
    assertThat(ImageRequest.builder().prompt("p").model(null).build().model()).isNull();
  }

  @Test
  void shapeSettingsAreValidatedAsTheyAreGiven() {
    assertThatThrownBy(() -> ImageRequest.builder().aspectRatio(0, 9))
        .isInstanceOf(ValidationException.class).hasMessageContaining("aspectRatio");
    assertThatThrownBy(() -> ImageRequest.builder().size(1024, -1))
        .isInstanceOf(ValidationException.class).hasMessageContaining("size");
  }

  @Test
  void badReferenceUrlIsRejectedWhenAdded() {
    assertThatThrownBy(() -> ImageRequest.builder().referenceUrl("ftp://x.example/a.png"))
        .isInstanceOf(ValidationException.class).hasMessageContaining("url");
  }

  @Test
  void toBuilderRoundTrips() {
    ImageRequest original = ImageRequest.builder()
        .model("nano-banana-2")
        .prompt("A cute cat")
        .n(2)
        .aspectRatio(16, 9)
        .size(1536, 1024)
        .resolution(Resolution.K2)
        .quality(Quality.HIGH)
        .seed(0)
        .referenceUrl("https://example.com/ref.png")
        .reference(MediaInput.bytes(new byte[] {1, 2, 3}, "r.bin"))
        .extraBody("style", "vivid")
        .vendorOption(new FailIfNoImage(true))
        .build();
    ImageRequest copy = original.toBuilder().build();
    assertThat(copy).isEqualTo(original);
    assertThat(copy.seed()).as("0 is a seed").isEqualTo(0L);
    assertThat(copy.aspectRatio()).isEqualTo(AspectRatio.of(16, 9));
    assertThat(copy.size()).isEqualTo(ImageSize.of(1536, 1024));

    ImageRequest changed = original.toBuilder().prompt("A dog").references(List.of()).build();
    assertThat(changed.prompt()).isEqualTo("A dog");
    assertThat(changed.references()).isEmpty();
    assertThat(original.references()).hasSize(2);
  }

  @Test
  void collectionsAreImmutableCopies() {
    List<MediaInput> refs = new ArrayList<>(List.of(MediaInput.url("https://example.com/a.png")));
    ImageRequest.Builder b = ImageRequest.builder().prompt("p").references(refs).extraBody("k", 1);
    ImageRequest r = b.build();
    refs.add(MediaInput.url("https://example.com/b.png"));
    b.referenceUrl("https://example.com/c.png").extraBody("k2", 2).vendorOption(new Watermark(false));

    assertThat(r.references()).hasSize(1);
    assertThat(r.extraBody()).containsOnlyKeys("k");
    assertThat(r.vendorOptions()).isEmpty();
    assertThatThrownBy(() -> r.references().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> r.extraBody().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> r.vendorOptions().add(new Watermark(true)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void vendorOptionIsFoundByType() {
    Watermark w = new Watermark(false);
    ImageRequest r = ImageRequest.builder().prompt("p").vendorOption(w).build();
    assertThat(r.vendorOption(Watermark.class)).containsSame(w);
    assertThat(r.vendorOption(FailIfNoImage.class)).isEmpty();
  }

  @Test
  void resultFirstNeedsAnImage() {
    ImageResult empty = new ImageResult("id", List.of(), null, null);
    assertThat(empty.raw().asMap()).isEmpty();
    assertThatThrownBy(empty::first).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void wireValues() {
    assertThat(Quality.HIGH.wireValue()).isEqualTo("high");
    assertThat(Resolution.K4.wireValue()).isEqualTo("4k");
  }
}
