package dev.aigw.testkit.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.Capability;
import dev.aigw.core.cost.Cost;
import dev.aigw.core.cost.CostUnit;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.media.ImageFormat;
import dev.aigw.core.media.MediaInput;
import dev.aigw.core.video.VideoRequest;
import dev.aigw.testkit.FakeCheapSub;
import dev.aigw.testkit.FakeGateway;
import dev.aigw.testkit.TestMedia;
import dev.aigw.testkit.conformance.VendorProfile.Fault;
import dev.aigw.testkit.conformance.VendorProfile.Reference;
import dev.aigw.testkit.conformance.VendorProfile.Reference.ReceivedIn;
import dev.aigw.testkit.conformance.VendorProfile.Reference.Source;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The five profiles are complete and consistent, each starts its vendor's fake, and each declared
 * fault strikes that fake as declared; the builder refuses data that does not fit together. (The
 * suite itself runs in the provider modules.)
 */
@Timeout(30)
class VendorProfilesTest {
  private static final OkHttpClient HTTP = new OkHttpClient.Builder().retryOnConnectionFailure(false)
      .readTimeout(Duration.ofSeconds(10)).build();
  private static final ImageRequest IMAGE = ImageRequest.builder().prompt("a cat").build();

  @Test
  void declaresFiveVendorsWithDistinctNamesAndCapabilities() {
    assertThat(VendorProfiles.all()).extracting(VendorProfile::vendor)
        .containsExactly("cheapsub", "cloudgpt", "gptimagehub", "icodeeasy", "gptimage2");
    assertThat(VendorProfiles.all()).allSatisfy(p -> {
      assertThat(p.capabilities()).contains(Capability.IMAGES);
      assertThat(p.toString()).isEqualTo("VendorProfile[" + p.vendor() + "]");
    });
    assertThat(VendorProfiles.cloudgpt().resumable()).isFalse();
    assertThat(VendorProfiles.cheapsub().resumable()).isTrue();
  }

  @Test
  void eachProfileStartsItsVendorsFakeWithAKeyOfTheDeclaredPrefix() {
    for (VendorProfile profile : VendorProfiles.all()) {
      try (FakeGateway fake = profile.fake().get()) {
        assertThat(fake.vendor()).isEqualTo(profile.vendor());
        assertThat(fake.apiKey()).as(profile.vendor()).startsWith(profile.keyPrefix());
      }
    }
  }

  @Test
  void eachFaultStrikesTheFirstRequestToItsPathOnly() throws IOException {
    for (VendorProfile profile : VendorProfiles.all()) {
      Fault fault = profile.fault();
      try (FakeGateway fake = profile.fake().get()) {
        fault.injectInto(fake);
        assertThat(fake.faults().pending()).isEqualTo(1);

        int first = postEmpty(fake, "/no/such/path");
        assertThat(first).as("%s: another path", profile.vendor()).isEqualTo(404);
        try (Response struck = post(fake, fault.path())) {
          assertThat(struck.code()).as("%s: first request", profile.vendor()).isEqualTo(fault.status());
          if (fault.kind() == Fault.Kind.RATE_LIMITED) {
            assertThat(struck.header("Retry-After")).isEqualTo("0");
          }
        }
        assertThat(postEmpty(fake, fault.path())).as("%s: second request", profile.vendor())
            .isNotEqualTo(fault.status());
        assertThat(fake.faults().pending()).isZero();
      }
    }
  }

  private static int postEmpty(FakeGateway fake, String path) throws IOException {
    try (Response r = post(fake, path)) {
      return r.code();
    }
  }

  private static Response post(FakeGateway fake, String path) throws IOException {
    Request request = new Request.Builder().url(fake.baseUrl() + path).header("Authorization", "Bearer " + fake.apiKey())
        .post(RequestBody.create("{}", MediaType.get("application/json"))).build();
    return HTTP.newCall(request).execute();
  }

  @Test
  void faultNeedsAnErrorStatus() {
    assertThatThrownBy(() -> Fault.errorBeforeHandling("/x", 200))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("an error status is needed, was 200");
  }

  private static VendorProfile.Builder complete() {
    return VendorProfile.builder("tiny").capabilities(Capability.IMAGES).fake(FakeCheapSub::start).keyPrefix("t_")
        .authError(401, "Invalid API key").image(IMAGE, "/img", ImageFormat.PNG).refused(IMAGE, "n")
        .fault(Fault.rateLimited("/img"));
  }

  private static void refused(UnaryOperator<VendorProfile.Builder> change, String message) {
    assertThatThrownBy(() -> change.apply(complete()).build())
        .isInstanceOf(IllegalStateException.class).hasMessage(message);
  }

  @Test
  void builderTakesACompleteProfile() {
    VendorProfile p = complete().imagePrice(new Cost(BigDecimal.TEN, CostUnit.CREDITS)).resumeRefused("operationId").build();
    assertThat(p.offers(Capability.IMAGES)).isTrue();
    assertThat(p.offers(Capability.CHAT)).isFalse();
    assertThat(p.resumeRefusedField()).isEqualTo("operationId");
    assertThat(p.authStatus()).isEqualTo(401);
  }

  @Test
  void builderRefusesMissingData() {
    refused(b -> b.keyPrefix(" "), "profile tiny needs the key prefix");
    refused(b -> b.fake(null), "profile tiny needs how to start the fake");
    refused(b -> b.authError(500, "x"), "profile tiny needs an auth status of 401 or 403");
    refused(b -> b.authError(401, null), "profile tiny needs the fake's message for an unknown key");
    refused(b -> b.capabilities(Capability.MODELS).listedModel("m"), "profile tiny needs IMAGES among the capabilities");
    refused(b -> b.image(null, "/img", ImageFormat.PNG), "profile tiny needs an image request, its path and format");
    refused(b -> b.refused(IMAGE, null), "profile tiny needs a refused request and its field");
    refused(b -> b.fault(null), "profile tiny needs a retryable fault");
    refused(b -> b.imagePrice(Cost.zero(CostUnit.CREDITS)), "profile tiny needs a positive image price, or none");
    assertThatThrownBy(() -> VendorProfile.builder(" ").build())
        .isInstanceOf(IllegalStateException.class).hasMessage("profile   needs a vendor name");
  }

  @Test
  void builderRefusesDataForWhatIsNotOfferedAndNoDataForWhatIs() {
    refused(b -> b.chat("m", "two words", "/chat"),
        "profile tiny: a chat model, reply and path must be given exactly when CHAT is offered (CHAT is not offered)");
    refused(b -> b.capabilities(Capability.IMAGES, Capability.CHAT, Capability.CHAT_STREAMING),
        "profile tiny: a chat model, reply and path must be given exactly when CHAT is offered (CHAT is offered)");
    refused(b -> b.capabilities(Capability.IMAGES, Capability.CHAT, Capability.CHAT_STREAMING).chat("m", "two words", null),
        "profile tiny: a chat model, reply and path must be given exactly when CHAT is offered (CHAT is offered)");
    refused(b -> b.capabilities(Capability.IMAGES, Capability.CHAT).chat("m", "two words", "/chat"),
        "profile tiny: CHAT_STREAMING must be given exactly when CHAT is offered (CHAT is offered)");
    refused(b -> b.video(VideoRequest.builder().model("v").prompt("p").build()),
        "profile tiny: a video request must be given exactly when VIDEOS is offered (VIDEOS is not offered)");
    refused(b -> b.capabilities(Capability.IMAGES, Capability.MODELS),
        "profile tiny: a listed model must be given exactly when MODELS is offered (MODELS is offered)");
    refused(b -> b.capabilities(Capability.IMAGES, Capability.CHAT, Capability.CHAT_STREAMING).chat("m", "one", "/chat"),
        "profile tiny needs a chat reply of several words (it streams in pieces)");
    refused(b -> b.reference(Reference.url("https://example.com/a.png", ReceivedIn.SUBMISSION_IMAGE_URLS)),
        "profile tiny: a reference image must be given exactly when IMAGE_REFERENCES is offered"
            + " (IMAGE_REFERENCES is not offered)");
    refused(b -> b.capabilities(Capability.IMAGES, Capability.IMAGE_REFERENCES),
        "profile tiny: a reference image must be given exactly when IMAGE_REFERENCES is offered"
            + " (IMAGE_REFERENCES is offered)");
  }

  @Test
  void referenceNeedsExactlyWhatItsSourceCarries() {
    byte[] png = TestMedia.png(4, 4, 1);
    assertThatThrownBy(() -> new Reference(Source.URL, null, png, ReceivedIn.SUBMISSION_IMAGE_URLS))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("a URL reference needs a URL and no bytes");
    assertThatThrownBy(() -> new Reference(Source.URL, "https://example.com/a.png", png, ReceivedIn.SUBMISSION_IMAGE_URLS))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("a URL reference needs a URL and no bytes");
    assertThatThrownBy(() -> new Reference(Source.FILE, "https://example.com/a.png", null, ReceivedIn.LAST_REFERENCES))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("a FILE reference needs bytes and no URL");
    assertThatThrownBy(() -> new Reference(Source.BYTES, null, null, ReceivedIn.LAST_REFERENCES))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("a BYTES reference needs bytes and no URL");
    Reference bytes = Reference.bytes(png, ReceivedIn.MULTIPART_UPLOADS);
    png[0] = 0;
    assertThat(bytes.bytes()).as("a copy").isEqualTo(TestMedia.png(4, 4, 1));
  }

  @Test
  void referenceBecomesTheMediaInputItsSourceSays(@TempDir Path dir) throws IOException {
    byte[] png = TestMedia.png(4, 4, 1);

    MediaInput url = Reference.url("https://example.com/a.png", ReceivedIn.SUBMISSION_IMAGE_URLS).toMediaInput(dir);
    MediaInput file = Reference.file(png, ReceivedIn.LAST_REFERENCES).toMediaInput(dir);
    MediaInput bytes = Reference.bytes(png, ReceivedIn.LAST_REFERENCES).toMediaInput(dir);

    assertThat(url.kind()).isEqualTo(MediaInput.Kind.URL);
    assertThat(url.url()).isEqualTo("https://example.com/a.png");
    assertThat(file.kind()).isEqualTo(MediaInput.Kind.FILE);
    assertThat(file.path().getParent()).isEqualTo(dir);
    assertThat(Files.readAllBytes(file.path())).isEqualTo(png);
    assertThat(bytes.kind()).isEqualTo(MediaInput.Kind.BYTES);
    assertThat(bytes.bytes()).isEqualTo(png);
  }

  @Test
  void eachReferenceIsGivenExactlyWithImageReferencesAndReadFromItsOwnFake() {
    for (VendorProfile profile : VendorProfiles.all()) {
      assertThat(profile.reference() != null).as(profile.vendor()).isEqualTo(profile.offers(Capability.IMAGE_REFERENCES));
      if (profile.reference() == null) {
        continue;
      }
      try (FakeGateway fake = profile.fake().get()) {
        assertThat(profile.reference().receivedIn().read(fake, profile.imagePath()))
            .as("%s: received before any request", profile.vendor()).isEmpty();
      }
    }
    assertThat(VendorProfiles.cloudgpt().reference()).isNull();
  }

  @Test
  void referenceReadFromTheFakeOfAnotherVendorIsAClearError() {
    try (FakeGateway fake = FakeCheapSub.start()) {
      assertThatThrownBy(() -> ReceivedIn.LAST_REFERENCES.read(fake, "/api/v1/image"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("LAST_REFERENCES is read from a FakeICodeEasy, not from a FakeCheapSub");
    }
  }
}
