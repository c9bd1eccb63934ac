package dev.aigw.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.VendorOption;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.media.ImageFormat;
import dev.aigw.core.media.MediaInput;
import dev.aigw.core.model.Modality;
import dev.aigw.core.profile.CheckResult;
import dev.aigw.core.profile.ModelCatalog;
import dev.aigw.core.profile.Refusal;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The same checks, collecting: every failure recorded in order instead of the first thrown. */
class ChecksCollectingTest {
  private static final Checks STRICT = Checks.of("acme");
  private static final ModelCatalog MODELS = new ModelCatalog(Modality.IMAGE, List.of("pix-1", "google/pix-2"), "pix-1", true);

  @Test
  void everyFailureIsRecordedInOrderAndTheCallerGoesOn() {
    Checks c = STRICT.collecting();
    assertThat(c.isCollecting()).isTrue();
    assertThat(c.refusedAny()).isFalse();
    VendorOption other = () -> "other";

    c.ownOptions(List.of(other));
    c.range("temperature", 3.0, 0.0, 2.0);
    c.range("n", 9, 1, 4);
    c.oneOf("quality", "ultra", List.of("low", "high"));
    c.atMost("references", 5, 4);
    c.required("prompt", " ");
    c.maxLength("prompt", "abcdef", 3);
    c.unsupported("seed", 7L, "not here");
    assertThat(c.httpsUrl("callbackUrl", "ftp://x")).isNull();
    c.reject("size", "is odd");
    c.defer("a rule that needs I/O");
    c.defer("a rule that needs I/O");

    CheckResult result = c.result();
    assertThat(result.accepted()).isFalse();
    assertThat(c.refusedAny()).isTrue();
    assertThat(result.refusals()).extracting(Refusal::field).containsExactly("vendorOption", "temperature", "n", "quality",
        "references", "prompt", "prompt", "seed", "callbackUrl", "size");
    assertThat(result.messages().get(1)).isEqualTo("acme: temperature: must be between 0.0 and 2.0, was 3.0");
    assertThat(result.deferred()).containsExactly("a rule that needs I/O");
    assertThat(c).hasToString("Checks[acme, collecting]");
    assertThat(STRICT).hasToString("Checks[acme]");
  }

  @Test
  void strictChecksThrowAndHaveNoResult() {
    assertThatThrownBy(() -> STRICT.reject("size", "is odd")).isInstanceOf(ValidationException.class)
        .hasMessage("acme: size: is odd");
    assertThatThrownBy(STRICT::result).isInstanceOf(IllegalStateException.class);
    STRICT.defer("ignored when strict");
    assertThat(STRICT.refusedAny()).isFalse();
    assertThat(STRICT.isCollecting()).isFalse();
  }

  @Test
  void attemptRecordsAnotherClassesValidationExceptionOrThrowsItWhenStrict() {
    Runnable elsewhere = () -> {
      throw new ValidationException("acme", "file", "is missing");
    };
    Checks c = STRICT.collecting();
    assertThat(c.attempt(elsewhere)).isFalse();
    assertThat(c.attempt(() -> { })).isTrue();
    assertThat(c.result().refusals()).containsExactly(new Refusal("acme", "file", "is missing"));
    assertThatThrownBy(() -> STRICT.attempt(elsewhere)).isInstanceOf(ValidationException.class);
  }

  @Test
  void imageChecksTheLocalImageAndPassesAUrl() {
    MediaInput gif = MediaInput.bytes(new byte[] {'G', 'I', 'F', '8', '9', 'a', 0, 0}, "a.gif");
    Checks c = STRICT.collecting();
    assertThat(c.image("references", gif, Set.of(ImageFormat.PNG), 100)).isNull();
    assertThat(c.image("references", MediaInput.url("https://x.test/a.png"), Set.of(ImageFormat.PNG), 1)).isNull();
    assertThat(STRICT.image("references", gif, Set.of(ImageFormat.GIF), 100)).isEqualTo(ImageFormat.GIF);
    assertThat(c.result().messages()).containsExactly("acme: references: image bytes 'a.gif' is GIF; accepted: PNG");
  }

  @Test
  void modelIsTheDefaultTheListedFormOrARefusalNamingTheOffer() {
    assertThat(STRICT.model(MODELS, null)).isEqualTo("pix-1");
    assertThat(STRICT.model(MODELS, "acme/pix-1")).isEqualTo("pix-1");
    assertThat(STRICT.model(MODELS, "pix-2")).isEqualTo("google/pix-2");
    assertThatThrownBy(() -> STRICT.model(MODELS, "pix-9")).isInstanceOf(ValidationException.class)
        .hasMessage("acme: model: acme offers these image models: pix-1, google/pix-2; was pix-9");
    ModelCatalog open = new ModelCatalog(Modality.IMAGE, List.of("pix-1"), "pix-1", false);
    assertThat(STRICT.model(open, "pix-9")).as("left to the caller to look up").isEqualTo("pix-9");
    Checks c = STRICT.collecting();
    assertThat(c.model(MODELS, "pix-9")).isEqualTo("pix-9");
    assertThat(c.result().refusals()).hasSize(1);
  }

  @Test
  void positiveStillThrowsForBuilderSettings() {
    assertThat(STRICT.collecting().positive("t", Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
    assertThatThrownBy(() -> STRICT.collecting().positive("t", Duration.ZERO)).isInstanceOf(ValidationException.class);
  }
}
