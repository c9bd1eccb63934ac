package dev.aigw.icodeeasy;

import static dev.aigw.icodeeasy.ICodeEasyWire.body;
import static dev.aigw.icodeeasy.ICodeEasyWire.fixture;
import static dev.aigw.icodeeasy.ICodeEasyWire.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.VendorOption;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.Resolution;
import dev.aigw.core.media.DataUrl;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks before sending, each for the sync and the async call: unsupported ratio, more than 16
 * references, a non-https URL, a malformed data URL, an unknown quality or resolution, and the
 * fields icodeeasy cannot take. The server must never be contacted.
 */
class ICodeEasyChecksWireTest {
  @StartStop final MockWebServer server = new MockWebServer();

  private static ImageRequest.Builder cat() {
    return ImageRequest.builder().prompt("a cat");
  }

  /** {@code request} is refused by both calls with exactly {@code message}, and nothing is sent. */
  private void refused(ImageRequest request, String field, String message) {
    try (ICodeEasyClient client = ICodeEasyWire.client(server)) {
      for (Consumer<ImageRequest> call : List.<Consumer<ImageRequest>>of(
          r -> client.images().generateSync(r), r -> client.images().submit(r))) {
        assertThatThrownBy(() -> call.accept(request))
            .isInstanceOfSatisfying(ValidationException.class, e -> {
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.vendor()).isEqualTo("icodeeasy");
            })
            .hasMessage("icodeeasy: " + field + ": " + message);
      }
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"7:5", "1:3", "10:1"})
  void anUnsupportedRatioIsRefused(String ratio) {
    refused(cat().aspectRatio(dev.aigw.core.image.AspectRatio.parse(ratio)).build(), "aspectRatio",
        "accepts 1:1, 3:2, 2:3, 4:3, 3:4, 5:4, 4:5, 16:9, 9:16, 2:1, 1:2, 21:9, 9:21; was " + ratio
            + " (or ask for the nearest with fit(Fit.NEAREST))");
  }

  @Test
  void aRatioEqualToAListedOneIsSentAsListedAndAnUnlistedOneAsTheNearestWhenAskedFor() throws Exception {
    server.enqueue(ok(fixture("async-submit-response.json")));
    server.enqueue(ok(fixture("async-submit-response.json")));
    try (ICodeEasyClient client = ICodeEasyWire.client(server)) {
      client.images().submit(cat().aspectRatio(32, 18).build());
      client.images().submit(cat().aspectRatio(7, 5).fit(dev.aigw.core.image.Fit.NEAREST).build());
    }
    assertThat(body(server.takeRequest())).isEqualTo(Map.of("model", "gpt-image-2", "prompt", "a cat", "size", "16:9"));
    assertThat(body(server.takeRequest())).isEqualTo(Map.of("model", "gpt-image-2", "prompt", "a cat", "size", "4:3"));
  }

  @Test
  void anUnsupportedSizeGivenThroughExtraBodyIsRefused() {
    refused(cat().extraBody("size", "7:5").build(), "size", "accepts a ratio (1:1, 3:2, 2:3, 4:3, 3:4, 5:4, 4:5,"
        + " 16:9, 9:16, 2:1, 1:2, 21:9, 9:21), auto, or a pixel size such as 1536x1024; was 7:5");
    refused(cat().extraBody("size", "big").build(), "size", "accepts a ratio (1:1, 3:2, 2:3, 4:3, 3:4, 5:4, 4:5,"
        + " 16:9, 9:16, 2:1, 1:2, 21:9, 9:21), auto, or a pixel size such as 1536x1024; was big");
  }

  @Test
  void moreThanSixteenReferencesAreRefused() {
    ImageRequest.Builder request = cat();
    for (int i = 0; i < 17; i++) {
      request.referenceUrl("https://example.com/" + i + ".png");
    }
    refused(request.build(), "references", "accepts at most 16, was given 17");
  }

  @Test
  void sixteenMixedReferencesAreSent() throws Exception {
    ImageRequest.Builder request = cat();
    for (int i = 0; i < 8; i++) {
      request.referenceUrl("https://example.com/" + i + ".png");
      request.referenceUrl(DataUrl.encode("image/png", ICodeEasyWire.png(1, 1 + i)));
    }
    server.enqueue(ok(fixture("sync-response.json")));
    try (ICodeEasyClient client = ICodeEasyWire.client(server)) {
      client.images().generateSync(request.build());
    }
    assertThat((List<?>) ((Map<?, ?>) body(server.takeRequest())).get("image_urls")).hasSize(16);
  }

  @Test
  void aNonHttpsUrlIsRefusedWithoutQuotingIt() {
    refused(cat().referenceUrl("https://example.com/ok.png").referenceUrl("http://example.com/private/photo.png").build(),
        "references", "reference 2 is an http:// URL; icodeeasy fetches https:// URLs only (http is refused)");
  }

  @Test
  void aDataUrlThatIsNotBase64ImageDataIsRefused() {
    refused(cat().referenceUrl("data:text/plain;base64,aGk=").build(), "references",
        "reference 1 must be a data:image/…;base64, URL; was DataUrl[text/plain;base64, 4 chars]");
    refused(cat().referenceUrl("data:image/png,%89PNG").build(), "references",
        "reference 1 must be a data:image/…;base64, URL; was DataUrl[image/png, 6 chars]");
  }

  @Test
  void aDataUrlWhoseBase64IsBrokenIsRefusedWhenTheRequestIsBuilt() {
    // the doc's own example elides its payload with "...": that is not base64
    assertThatThrownBy(() -> cat().referenceUrl("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAA..."))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("dataUrl"))
        .hasMessageContaining("not valid base64");
  }

  @Test
  void anUnknownResolutionIsRefused() {
    refused(cat().resolution(Resolution.K4).build(), "resolution", "accepts 1k, 2k; was 4k");
    refused(cat().extraBody("resolution", "8k").build(), "resolution", "accepts 1k, 2k; was 8k");
  }

  @Test
  void anUnknownQualityIsRefused() {
    refused(cat().extraBody("quality", "hd").build(), "quality", "accepts low, medium, high, auto; was hd");
    refused(cat().extraBody("quality", "standard").build(), "quality", "accepts low, medium, high, auto; was standard");
  }

  @Test
  void b64JsonIsRefusedWithAClearMessage() {
    refused(cat().extraBody("response_format", "b64_json").build(), "response_format", "'b64_json' is not supported:"
        + " icodeeasy always answers with image URLs (b64_json is not offered); read the bytes with"
        + " GeneratedImage.bytes() or saveTo(…)");
  }

  @Test
  void aspectRatioAndSizeTogetherAreRefused() {
    refused(cat().aspectRatio(16, 9).size(1536, 1024).build(), "size",
        "icodeeasy has one size field, a ratio or a pixel size: give aspectRatio or size, not both");
  }

  @Test
  void aSeedIsRefused() {
    refused(cat().seed(0).build(), "seed", "is not supported by icodeeasy");
  }

  @Test
  void referencesThroughExtraBodyAreRefused() {
    for (String field : List.of("image_urls", "image_input", "image[]")) {
      refused(cat().extraBody(field, List.of("https://example.com/a.png")).build(), "extraBody", "'" + field
          + "' is not taken from extraBody: give reference images with ImageRequest.Builder.reference(…), which are"
          + " checked and sent as image_urls or image[] files");
    }
  }

  @Test
  void anotherVendorsOptionIsRefused() {
    VendorOption cheapsub = () -> "cheapsub";
    try (ICodeEasyClient client = ICodeEasyWire.client(server)) {
      assertThatThrownBy(() -> client.images().submit(cat().vendorOption(cheapsub).build()))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("icodeeasy: vendorOption:")
          .hasMessageContaining("a cheapsub option");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void acceptedExtraValuesAreSentAsGiven() throws Exception {
    server.enqueue(ok(fixture("sync-response.json")));
    try (ICodeEasyClient client = ICodeEasyWire.client(server)) {
      client.images().generateSync(cat().extraBody("size", "auto").extraBody("quality", "low")
          .extraBody("resolution", "2k").extraBody("response_format", "url").extraBody("user", "u-7").build());
    }
    assertThat(ICodeEasyWire.bodyText(server.takeRequest())).isEqualTo("{\"model\":\"gpt-image-2\",\"prompt\":\"a cat\","
        + "\"size\":\"auto\",\"quality\":\"low\",\"resolution\":\"2k\",\"response_format\":\"url\",\"user\":\"u-7\"}");
  }

  @Test
  void everyDocumentedRatioAndAPixelSizeAreSent() throws Exception {
    try (ICodeEasyClient client = ICodeEasyWire.client(server)) {
      for (String ratio : ICodeEasyImages.ASPECT_RATIOS) {
        server.enqueue(ok(fixture("sync-response.json")));
        client.images().generateSync(cat().aspectRatio(dev.aigw.core.image.AspectRatio.parse(ratio)).build());
        assertThat(((Map<?, ?>) body(server.takeRequest())).get("size")).isEqualTo(ratio);
      }
      server.enqueue(ok(fixture("sync-response.json")));
      client.images().generateSync(cat().size(1024, 1536).build());
      assertThat(((Map<?, ?>) body(server.takeRequest())).get("size")).isEqualTo("1024x1536");
    }
    assertThat(ICodeEasyImages.ASPECT_RATIOS).hasSize(13);
  }
}
