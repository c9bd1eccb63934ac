package dev.aigw.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.Capability;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.image.AspectRatio;
import dev.aigw.core.image.ImageSize;
import dev.aigw.core.image.Quality;
import dev.aigw.core.image.Resolution;
import dev.aigw.core.media.ImageFormat;
import dev.aigw.core.media.MediaInput;
import dev.aigw.core.model.Modality;
import dev.aigw.core.profile.ReferenceRules.Delivery;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The profile values: what they accept, what they refuse to be, and how they describe themselves. */
class ProfilesTest {
  private static final ModelCatalog CHAT = new ModelCatalog(Modality.CHAT,
      List.of("gemini-3-flash", "anthropic/claude-sonnet-4.6", "gemini-3-flash"), "gemini-3-flash", true);

  @Test
  void aCatalogFindsAnIdInAnyListedFormAndSendsTheListedOne() {
    assertThat(CHAT.ids()).as("duplicates dropped").containsExactly("gemini-3-flash", "anthropic/claude-sonnet-4.6");
    assertThat(CHAT.find("google/gemini-3-flash")).contains("gemini-3-flash");
    assertThat(CHAT.find(" claude-sonnet-4.6 ")).contains("anthropic/claude-sonnet-4.6");
    assertThat(CHAT.find("gpt-9")).isEmpty();
    assertThat(CHAT.find(null)).isEmpty();
    assertThat(CHAT.offers("gemini-3-flash")).isTrue();
    assertThat(CHAT.listed()).isEqualTo("gemini-3-flash, anthropic/claude-sonnet-4.6");
    assertThat(CHAT.withDefault("claude-sonnet-4.6").defaultModel()).isEqualTo("anthropic/claude-sonnet-4.6");
    assertThatThrownBy(() -> CHAT.withDefault("gpt-9")).isInstanceOf(IllegalArgumentException.class);
    ModelCatalog more = CHAT.plus(List.of("gpt-9", "google/gemini-3-flash", " ", "x "));
    assertThat(more.ids()).containsExactly("gemini-3-flash", "anthropic/claude-sonnet-4.6", "gpt-9", "x");
    assertThat(more.complete()).isTrue();
    assertThat(ModelCatalog.of(Modality.IMAGE, "a", "b").defaultModel()).isEqualTo("a");
  }

  @Test
  void aCatalogNeedsModelsAndADefaultAmongThem() {
    assertThatThrownBy(() -> new ModelCatalog(Modality.CHAT, List.of(), "a", true)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ModelCatalog(Modality.CHAT, List.of("a"), "b", true)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the default model b is not among [a]");
  }

  @Test
  void referenceRulesSayHowEachKindReachesTheGateway() {
    ReferenceRules urlsOnly = ReferenceRules.of(EnumSet.of(MediaInput.Kind.URL), 4, Long.MAX_VALUE, Set.of());
    ReferenceRules uploads = ReferenceRules.of(EnumSet.of(MediaInput.Kind.FILE, MediaInput.Kind.BYTES), null, 10, Set.of(ImageFormat.PNG));
    assertThat(urlsOnly.delivery(MediaInput.Kind.URL)).isEqualTo(Delivery.AS_GIVEN);
    assertThat(urlsOnly.delivery(MediaInput.Kind.FILE)).isEqualTo(Delivery.REFUSED);
    assertThat(urlsOnly.withHost(true).delivery(MediaInput.Kind.FILE)).isEqualTo(Delivery.HOSTED);
    assertThat(uploads.delivery(MediaInput.Kind.URL)).isEqualTo(Delivery.DOWNLOADED);
    assertThat(uploads.delivery(MediaInput.Kind.DATA_URL)).as("no data URLs and no URLs").isEqualTo(Delivery.REFUSED);
    assertThat(ReferenceRules.none().delivery(MediaInput.Kind.URL)).isEqualTo(Delivery.REFUSED);
    assertThat(ReferenceRules.none().supported()).isFalse();
    assertThat(uploads.maxCount()).isNull();
    assertThatThrownBy(() -> ReferenceRules.of(Set.of(), -1, 0, Set.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shapesCompareRatiosAsFractions() {
    ImageShapes s = ImageShapes.ofRatios(List.of(AspectRatio.of(16, 9)), false, EnumSet.of(Resolution.K1));
    assertThat(s.takesRatio(AspectRatio.of(32, 18))).isTrue();
    assertThat(s.takesRatio(AspectRatio.of(4, 3))).isFalse();
    assertThat(s.takesRatios()).isTrue();
    assertThat(s.takesSizes()).isFalse();
    assertThat(s.withAnySize().takesSize(ImageSize.of(3, 4))).isTrue();
    assertThat(ImageShapes.ofSizes(List.of(ImageSize.of(1, 1))).takesSize(ImageSize.of(1, 1))).isTrue();
    assertThat(ImageShapes.ofAnySize().takesRatios()).isFalse();
    assertThat(ImageShapes.sameRatio(AspectRatio.of(2, 1), AspectRatio.of(4, 2))).isTrue();
  }

  @Test
  void profilesCarryTheirPartsAndRefuseNonsense() {
    ImageProfile images = new ImageProfile(ModelCatalog.of(Modality.IMAGE, "pix"), ImageShapes.ofAnySize(),
        EnumSet.of(Quality.LOW), 4, true, ReferenceRules.none());
    assertThat(images.withModels(ModelCatalog.of(Modality.IMAGE, "pax")).models().defaultModel()).isEqualTo("pax");
    assertThat(images.withReferenceHost(true).references().hosted()).isTrue();
    assertThatThrownBy(() -> new ImageProfile(images.models(), images.shapes(), Set.of(), 0, false, ReferenceRules.none()))
        .isInstanceOf(IllegalArgumentException.class);
    ChatProfile chat = new ChatProfile(CHAT, 0, 2, true);
    assertThat(chat.withModels(ModelCatalog.of(Modality.CHAT, "x")).models().ids()).containsExactly("x");
    assertThatThrownBy(() -> new ChatProfile(CHAT, 2, 1, true)).isInstanceOf(IllegalArgumentException.class);
    VideoProfile videos = new VideoProfile(ModelCatalog.of(Modality.VIDEO, "v"), List.of(4), Map.of("v", 8), List.of(), true);
    assertThat(videos.withModels(ModelCatalog.of(Modality.VIDEO, "w")).maxDurations()).containsEntry("v", 8);
    GatewayProfile gateway = new GatewayProfile("acme", EnumSet.of(Capability.IMAGES), null, images, null, true);
    assertThat(gateway.offers(Capability.IMAGES)).isTrue();
    assertThat(gateway.offers(Capability.CHAT)).isFalse();
    assertThat(GatewayProfile.of("acme", Set.of()).capabilities()).isEmpty();
  }

  @Test
  void refusalsAndResultsReadAsTheClientsExceptions() {
    Refusal r = Refusal.of(new ValidationException("acme", "n", "must be between 1 and 4, was 5"));
    assertThat(r).isEqualTo(new Refusal("acme", "n", "must be between 1 and 4, was 5"));
    assertThat(r.message()).isEqualTo("acme: n: must be between 1 and 4, was 5").isEqualTo(r.toString());
    assertThat(r.toException()).hasMessage(r.message());
    assertThat(Refusal.of(new ValidationException(null, "prompt", "is blank")))
        .isEqualTo(new Refusal("aigw", "prompt", "is blank"));
    assertThat(Refusal.unsupported("acme", Capability.VIDEOS).message())
        .isEqualTo("acme: capability: acme does not offer video generation");
    CheckResult accepted = CheckResult.accepted("acme");
    assertThat(accepted.accepted()).isTrue();
    assertThat(accepted).hasToString("acme: accepted");
    CheckResult refused = new CheckResult("acme", List.of(r), List.of("the model list is read when sent"));
    assertThat(refused.accepted()).isFalse();
    assertThat(refused).hasToString("acme: refused; n: must be between 1 and 4, was 5; when sent: the model list is read when sent");
    assertThat(CheckResult.refused(r).messages()).containsExactly(r.message());
  }
}
