package dev.aigw.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.VendorOption;
import dev.aigw.core.error.ValidationException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChecksTest {

  record CheapSubOption() implements VendorOption {
    @Override
    public String vendor() {
      return "cheapsub";
    }
  }

  record CloudGptOption() implements VendorOption {
    @Override
    public String vendor() {
      return "cloudgpt";
    }
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(
      ThrowingCallable call, String vendor, String field) {
    return assertThatThrownBy(call)
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith(vendor + ": " + field + ": ")
        .satisfies(e -> {
          ValidationException v = (ValidationException) e;
          org.assertj.core.api.Assertions.assertThat(v.vendor()).isEqualTo(vendor);
          org.assertj.core.api.Assertions.assertThat(v.field()).isEqualTo(field);
        });
  }

  @Test
  void doubleRangeAcceptsItsBoundsAndAbsentValues() {
    assertThatCode(() -> {
      Checks.of("cheapsub").range("temperature", 0.0, 0.0, 2.0);
      Checks.of("cheapsub").range("temperature", 2.0, 0.0, 2.0);
      Checks.of("cheapsub").range("temperature", 1.3, 0.0, 2.0);
      Checks.of("cheapsub").range("temperature", (Double) null, 0.0, 2.0);
    }).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(doubles = {-0.01, 2.0001, Double.POSITIVE_INFINITY})
  void doubleRangeRejectsValuesOutsideNamingTheBounds(double value) {
    assertRejected(() -> Checks.of("cheapsub").range("temperature", value, 0.0, 2.0), "cheapsub", "temperature")
        .hasMessageContaining("between 0.0 and 2.0")
        .hasMessageContaining("was " + value);
  }

  @Test
  void doubleRangeRejectsNaN() {
    assertRejected(() -> Checks.of("cheapsub").range("temperature", Double.NaN, 0.0, 2.0), "cheapsub", "temperature")
        .hasMessageContaining("between 0.0 and 2.0")
        .hasMessageContaining("NaN");
  }

  @Test
  void integerRange() {
    assertThatCode(() -> {
      Checks.of("gptimage2").range("n", 1, 1, 4);
      Checks.of("gptimage2").range("n", 4, 1, 4);
      Checks.of("gptimage2").range("n", (Integer) null, 1, 4);
    }).doesNotThrowAnyException();
    assertRejected(() -> Checks.of("gptimage2").range("n", 5, 1, 4), "gptimage2", "n")
        .hasMessageContaining("between 1 and 4, was 5");
    assertRejected(() -> Checks.of("gptimage2").range("n", 0, 1, 4), "gptimage2", "n")
        .hasMessageContaining("between 1 and 4, was 0");
  }

  @Test
  void oneOfListsTheAcceptedValues() {
    List<String> accepted = List.of("1k", "2k");
    assertThatCode(() -> Checks.of("icodeeasy").oneOf("resolution", "2k", accepted)).doesNotThrowAnyException();
    assertThatCode(() -> Checks.of("icodeeasy").oneOf("resolution", null, accepted)).doesNotThrowAnyException();
    assertRejected(() -> Checks.of("icodeeasy").oneOf("resolution", "4k", accepted), "icodeeasy", "resolution")
        .hasMessageContaining("accepts 1k, 2k")
        .hasMessageContaining("was 4k");
  }

  @Test
  void atMostNamesTheLimit() {
    assertThatCode(() -> Checks.of("cheapsub").atMost("references", 4, 4)).doesNotThrowAnyException();
    assertRejected(() -> Checks.of("cheapsub").atMost("references", 5, 4), "cheapsub", "references")
        .hasMessageContaining("at most 4")
        .hasMessageContaining("given 5");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  "})
  void requiredRejectsBlank(String value) {
    assertRejected(() -> Checks.of("cloudgpt").required("model", value), "cloudgpt", "model")
        .hasMessageContaining("is required")
        .hasMessageContaining("non-blank");
  }

  @Test
  void requiredRejectsNullAndAcceptsText() {
    assertRejected(() -> Checks.of("cloudgpt").required("model", null), "cloudgpt", "model")
        .hasMessageContaining("is required");
    assertThatCode(() -> Checks.of("cloudgpt").required("model", "gpt-5")).doesNotThrowAnyException();
  }

  @Test
  void maxLengthNamesTheLimitAndTheActualLength() {
    assertThatCode(() -> Checks.of("gptimagehub").maxLength("prompt", "a".repeat(1000), 1000)).doesNotThrowAnyException();
    assertThatCode(() -> Checks.of("gptimagehub").maxLength("prompt", null, 1000)).doesNotThrowAnyException();
    assertRejected(() -> Checks.of("gptimagehub").maxLength("prompt", "a".repeat(1001), 1000), "gptimagehub", "prompt")
        .hasMessageContaining("at most 1000 characters")
        .hasMessageContaining("was 1001");
  }

  @Test
  void unsupportedRejectsAnyGivenValueAndSaysWhatToUseInstead() {
    assertRejected(() -> Checks.of("cloudgpt").unsupported("aspectRatio", "16:9", "use size (e.g. 1536x1024) instead"),
        "cloudgpt", "aspectRatio")
        .hasMessageContaining("not supported by cloudgpt")
        .hasMessageContaining("use size (e.g. 1536x1024) instead");
    assertRejected(() -> Checks.of("cloudgpt").unsupported("references", List.of("x"), null), "cloudgpt", "references")
        .hasMessageEndingWith("is not supported by cloudgpt");
  }

  @Test
  void unsupportedLetsAbsentAndEmptyValuesPass() {
    assertThatCode(() -> {
      Checks.of("cloudgpt").unsupported("aspectRatio", null, "use size");
      Checks.of("cloudgpt").unsupported("references", List.of(), null);
      Checks.of("cloudgpt").unsupported("references", Set.of(), null);
      Checks.of("cloudgpt").unsupported("extraBody", Map.of(), null);
    }).doesNotThrowAnyException();
    assertRejected(() -> Checks.of("cloudgpt").unsupported("extraBody", Map.of("a", 1), null), "cloudgpt", "extraBody");
  }

  @Test
  void ownOptionsRefusesAnotherVendorsOption() {
    assertThatCode(() -> Checks.of("cheapsub").ownOptions(List.of(new CheapSubOption()))).doesNotThrowAnyException();
    assertThatCode(() -> Checks.of("cheapsub").ownOptions(List.of())).doesNotThrowAnyException();
    assertRejected(() -> Checks.of("cheapsub").ownOptions(List.of(new CheapSubOption(), new CloudGptOption())),
        "cheapsub", "vendorOption")
        .hasMessageContaining("CloudGptOption")
        .hasMessageContaining("is a cloudgpt option")
        .hasMessageContaining("only cheapsub options are accepted");
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://my.app/hooks/gptimg", " https://my.app/hooks?x=1 ", "http://localhost:8080/h",
      "http://127.0.0.1/h", "http://[::1]:9000/h"})
  void httpsUrlsAndLoopbackHttpAreAcceptedStripped(String url) {
    org.assertj.core.api.Assertions.assertThat(Checks.of("acme").httpsUrl("url", url)).isEqualTo(url.strip());
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://my.app/hooks", "ftp://my.app/h", "/hooks", "my.app/hooks", "", "http://10.0.0.1/h"})
  void otherUrlsAreRefusedNamingTheField(String url) {
    assertRejected(() -> Checks.of("acme").httpsUrl("url", url), "acme", "url")
        .hasMessage("acme: url: must be an absolute https URL (plain http only for localhost, for local development)");
  }

  @Test
  void aMissingUrlIsRefused() {
    assertRejected(() -> Checks.of("acme").httpsUrl("url", null), "acme", "url");
  }

  @Test
  void positiveDurationsPassAndZeroNegativeOrMissingOnesNameVendorAndField() {
    assertThat(Checks.of("acme").positive("syncTimeout", java.time.Duration.ofSeconds(1)))
        .isEqualTo(java.time.Duration.ofSeconds(1));
    assertThatThrownBy(() -> Checks.of("acme").positive("syncTimeout", java.time.Duration.ZERO))
        .isInstanceOf(ValidationException.class).hasMessage("acme: syncTimeout: must be positive, was PT0S");
    assertThatThrownBy(() -> Checks.of("acme").positive("syncTimeout", java.time.Duration.ofSeconds(-1)))
        .hasMessage("acme: syncTimeout: must be positive, was PT-1S");
    assertThatThrownBy(() -> Checks.of("acme").positive("syncTimeout", null))
        .hasMessage("acme: syncTimeout: is required");
  }
}
