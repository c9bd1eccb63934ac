package dev.aigw.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModelInfoTest {

  private static ModelInfo model(String id) {
    return new ModelInfo(id, null, null, null, null, null, null, null);
  }

  @Test
  void shortIdDropsTheVendorPrefix() {
    assertThat(model("google/gemini-3-flash").shortId()).isEqualTo("gemini-3-flash");
    assertThat(model("openrouter/openai/gpt-5").shortId()).isEqualTo("gpt-5");
    assertThat(model("gpt-image-2").shortId()).isEqualTo("gpt-image-2");
  }

  @Test
  void missingModalityIsUnknownAndRawIsEmpty() {
    ModelInfo m = model("x");
    assertThat(m.modality()).isEqualTo(Modality.UNKNOWN);
    assertThat(m.raw().asMap()).isEmpty();
  }

  @Test
  void idIsRequired() {
    assertThatThrownBy(() -> model(null)).isInstanceOf(NullPointerException.class);
  }
}
