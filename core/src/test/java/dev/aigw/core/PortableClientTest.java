package dev.aigw.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.chat.ChatRequest;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.media.MediaInput;
import dev.aigw.core.model.Modality;
import dev.aigw.core.profile.ChatProfile;
import dev.aigw.core.profile.CheckResult;
import dev.aigw.core.profile.GatewayProfile;
import dev.aigw.core.profile.ImageProfile;
import dev.aigw.core.profile.ImageShapes;
import dev.aigw.core.profile.ModelCatalog;
import dev.aigw.core.profile.ReferenceRules;
import dev.aigw.core.profile.VideoProfile;
import dev.aigw.core.spi.Checks;
import dev.aigw.core.spi.Gateway;
import dev.aigw.core.spi.VendorSpec;
import dev.aigw.core.video.VideoRequest;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A vendor client's profile comes from its builder (default and extra models, a reference host,
 * the vendor's refund fact), and check() runs the client's own validation with collecting checks.
 */
class PortableClientTest {
  private static final VendorSpec SPEC = VendorSpec.of("acme", "ACME", "https://api.acme.invalid", "acme_")
      .withFailedTasksRefunded();
  private static final ChatProfile CHAT = new ChatProfile(ModelCatalog.of(Modality.CHAT, "talk-1", "google/talk-2"), 0, 2, true);
  private static final ImageProfile IMAGES = new ImageProfile(ModelCatalog.of(Modality.IMAGE, "pix-1"),
      ImageShapes.ofAnySize(), Set.of(), 1, false, ReferenceRules.of(EnumSet.of(MediaInput.Kind.URL), 4, Long.MAX_VALUE, Set.of()));
  private static final VideoProfile VIDEOS = new VideoProfile(ModelCatalog.of(Modality.VIDEO, "vid-1"), List.of(), Map.of(),
      List.of(), true);
  private static final Set<Capability> OFFERED = EnumSet.of(Capability.CHAT, Capability.IMAGES, Capability.VIDEOS);

  /** A client whose validation refuses n > 1 and checks the temperature range. */
  static final class AcmeClient extends VendorClient {
    AcmeClient(Gateway gateway, GatewayProfile profile) {
      super(gateway, profile);
    }

    @Override
    protected void checkChat(ChatRequest request, Checks checks) {
      checks.model(profile().chat().models(), request.model());
      checks.range("temperature", request.temperature(), 0.0, 2.0);
    }

    @Override
    protected void checkImage(ImageRequest request, Checks checks) {
      checks.model(profile().images().models(), request.model());
      checks.range("n", request.n(), 1, 1);
    }
  }

  static final class Builder extends ClientBuilder<Builder, AcmeClient> {
    private final Set<Capability> offered;
    private final ChatProfile chat;

    Builder(Set<Capability> offered, ChatProfile chat) {
      super(SPEC);
      this.offered = offered;
      this.chat = chat;
      apiKey("acme_0123456789");
    }

    @Override
    public AcmeClient build() {
      return new AcmeClient(buildGateway(), profile(offered, chat, IMAGES, offered.contains(Capability.VIDEOS) ? VIDEOS : null));
    }
  }

  private static Builder builder() {
    return new Builder(OFFERED, CHAT);
  }

  @Test
  void theProfileIsTheDocumentedOneWithTheBuildersDefaultsExtrasAndHost() {
    try (AcmeClient client = builder().defaultModel(Modality.CHAT, "talk-2").extraModels(Modality.IMAGE, "pix-9")
        .defaultModel(Modality.IMAGE, "acme/pix-9").referenceHost((image, format) -> "https://cdn/x.png").build()) {
      GatewayProfile profile = client.profile();
      assertThat(profile.vendor()).isEqualTo("acme");
      assertThat(profile.capabilities()).isEqualTo(OFFERED).isEqualTo(client.capabilities());
      assertThat(profile.chat().models().defaultModel()).isEqualTo("google/talk-2");
      assertThat(profile.images().models().ids()).containsExactly("pix-1", "pix-9");
      assertThat(profile.images().models().defaultModel()).isEqualTo("pix-9");
      assertThat(profile.images().references().hosted()).isTrue();
      assertThat(profile.videos().models().defaultModel()).isEqualTo("vid-1");
      assertThat(profile.failedTasksRefunded()).isTrue();
    }
    try (AcmeClient plain = builder().build()) {
      assertThat(plain.profile().images().references().hosted()).isFalse();
      assertThat(plain.profile().chat().models().defaultModel()).isEqualTo("talk-1");
    }
  }

  @Test
  void neutralOptionsCarryTheHostAndTheDefaults() {
    ClientOptions options = ClientOptions.builder().apiKey("acme_0123456789").referenceHost((i, f) -> "https://x/y.png")
        .defaultModel(Modality.IMAGE, "pix-1").build();
    assertThat(options.toString()).contains("referenceHost", "defaultModels={IMAGE=pix-1}").doesNotContain("0123456789");
    assertThat(options.toBuilder().build()).isEqualTo(options).hasSameHashCodeAs(options);
    assertThat(options).isNotEqualTo(options.toBuilder().referenceHost(null).build());
    try (AcmeClient client = builder().options(options).build()) {
      assertThat(client.profile().images().references().hosted()).isTrue();
    }
    assertThat(ClientOptions.builder().build().defaultModels()).isEmpty();
  }

  @Test
  void aDefaultModelTheGatewayDoesNotOfferIsRefusedAtBuild() {
    assertThatThrownBy(() -> builder().defaultModel(Modality.IMAGE, "dall-e-3").build())
        .isInstanceOf(ValidationException.class)
        .hasMessage("acme: defaultModel: acme offers these image models: pix-1; was dall-e-3 (add it with"
            + " extraModels(…) if the gateway offers it)");
    assertThatThrownBy(() -> new Builder(EnumSet.of(Capability.IMAGES), null).defaultModel(Modality.CHAT, "talk-1").build())
        .isInstanceOf(ValidationException.class).hasMessage("acme: defaultModel: acme has no chat models");
    assertThatThrownBy(() -> new Builder(EnumSet.of(Capability.IMAGES), null).defaultModel(Modality.VIDEO, "v").build())
        .hasMessage("acme: defaultModel: acme has no video models");
  }

  @Test
  void checkRunsTheClientsOwnValidationAndCollectsEveryRefusal() {
    try (AcmeClient client = builder().build()) {
      CheckResult refused = client.check(ImageRequest.builder().prompt("p").model("x").n(3).build());
      assertThat(refused.messages()).containsExactly("acme: model: acme offers these image models: pix-1; was x",
          "acme: n: must be between 1 and 1, was 3");
      assertThat(client.check(ImageRequest.builder().prompt("p").build()).accepted()).isTrue();
      assertThat(client.check(ChatRequest.builder().user("hi").temperature(3).build()).messages())
          .containsExactly("acme: temperature: must be between 0.0 and 2.0, was 3.0");
      assertThat(client.check(VideoRequest.builder().prompt("p").build())).isEqualTo(CheckResult.accepted("acme"));
    }
    try (AcmeClient imagesOnly = new Builder(EnumSet.of(Capability.IMAGES), null).build()) {
      assertThat(imagesOnly.check(ChatRequest.builder().user("hi").build()).messages())
          .containsExactly("acme: capability: acme does not offer chat completions");
    }
  }

  @Test
  void aClientThatStatesNothingButItsCapabilitiesChecksOnlyThem() {
    try (TestVendorClient client = TestVendorClient.builder().apiKey("tv_live_7hs8Qk2LmZpX").build()) {
      assertThat(client.profile()).isEqualTo(GatewayProfile.of("testvendor", Set.of(Capability.MODELS)));
      assertThat(client.check(ImageRequest.builder().prompt("p").build()).messages())
          .containsExactly("testvendor: capability: testvendor does not offer image generation");
      assertThat(client.check(ChatRequest.builder().user("hi").build()).accepted()).isFalse();
      assertThat(client.check(VideoRequest.builder().prompt("p").build()).accepted()).isFalse();
    }
    AiClient chatty = new AiClient() {
      @Override
      public String vendor() {
        return "chatty";
      }

      @Override
      public Set<Capability> capabilities() {
        return Set.of(Capability.CHAT);
      }

      @Override
      public void close() {}
    };
    CheckResult result = chatty.check(ChatRequest.builder().user("hi").build());
    assertThat(result.accepted()).isTrue();
    assertThat(result.deferred()).containsExactly(
        "this client states no pre-send rules of its own; the gateway decides when the request is sent");
  }
}
