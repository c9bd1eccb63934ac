package dev.aigw.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.error.ValidationException;
import dev.aigw.core.image.AspectRatio;
import dev.aigw.core.image.Fit;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageSize;
import dev.aigw.core.image.Resolution;
import dev.aigw.core.profile.CheckResult;
import dev.aigw.core.profile.ImageShapes;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A neutral shape in each gateway vocabulary: exact translations, the nearest on request, refusals. */
class ImageShapeTest {
  private static final Checks CHECKS = Checks.of("acme");

  /** CheapSub-like: a few documented ratios (others allowed), classes 1k/2k/4k. */
  private static final ImageShapes RATIOS = ImageShapes.ofRatios(
      List.of(AspectRatio.of(1, 1), AspectRatio.of(16, 9), AspectRatio.of(9, 16)), true, EnumSet.allOf(Resolution.class));
  /** icodeeasy-like: only the listed ratios, 1k/2k, and any pixel size. */
  private static final ImageShapes CLOSED_RATIOS_OR_SIZE = ImageShapes.ofRatios(
      List.of(AspectRatio.of(1, 1), AspectRatio.of(16, 9), AspectRatio.of(4, 3)), false,
      EnumSet.of(Resolution.K1, Resolution.K2)).withAnySize();
  /** CloudGPT-like: any exact size. */
  private static final ImageShapes ANY_SIZE = ImageShapes.ofAnySize();
  /** gptimage2.plus-like: three sizes. */
  private static final ImageShapes THREE_SIZES = ImageShapes.ofSizes(
      List.of(ImageSize.of(1024, 1024), ImageSize.of(1024, 1536), ImageSize.of(1536, 1024)));

  private static ImageRequest.Builder prompt() {
    return ImageRequest.builder().prompt("p");
  }

  private static ImageShape resolve(ImageRequest request, ImageShapes shapes) {
    return ImageShape.resolve(request, shapes, CHECKS);
  }

  private static String refusal(ImageRequest request, ImageShapes shapes) {
    CheckResult result;
    Checks collecting = CHECKS.collecting();
    ImageShape shape = ImageShape.resolve(request, shapes, collecting);
    result = collecting.result();
    assertThat(shape).as("after a refusal, the request's own values")
        .isEqualTo(new ImageShape(request.aspectRatio(), request.size(), request.resolution()));
    assertThatThrownBy(() -> resolve(request, shapes)).isInstanceOf(ValidationException.class)
        .hasMessage(result.messages().get(0));
    return result.messages().get(0);
  }

  @Test
  void nothingGivenStaysNothing() {
    assertThat(resolve(prompt().build(), ANY_SIZE)).isEqualTo(new ImageShape(null, null, null));
    assertThat(resolve(prompt().build(), RATIOS)).isEqualTo(new ImageShape(null, null, null));
  }

  @Test
  void aRatioGatewayTakesRatiosAsListedAndAnExactSizeAsTheRatioAndClassItEquals() {
    assertThat(resolve(prompt().aspectRatio(32, 18).resolution(Resolution.K2).build(), RATIOS))
        .isEqualTo(new ImageShape(AspectRatio.of(16, 9), null, Resolution.K2));
    assertThat(resolve(prompt().aspectRatio(7, 5).build(), RATIOS))
        .as("an unlisted ratio where others are allowed").isEqualTo(new ImageShape(AspectRatio.of(7, 5), null, null));
    assertThat(resolve(prompt().size(1024, 576).build(), RATIOS))
        .isEqualTo(new ImageShape(AspectRatio.of(16, 9), null, Resolution.K1));
    assertThat(resolve(prompt().size(2048, 2048).aspectRatio(1, 1).resolution(Resolution.K2).build(), RATIOS))
        .isEqualTo(new ImageShape(AspectRatio.of(1, 1), null, Resolution.K2));
  }

  @Test
  void aRatioGatewayRefusesASizeWithoutAnEqualRatioAndClassOrMapsItToTheNearestWhenAsked() {
    assertThat(refusal(prompt().size(1000, 1000).build(), RATIOS)).isEqualTo("acme: size: acme takes an aspect ratio and"
        + " a resolution class, not a pixel size; 1000x1000 has no exact equivalent (one is WxH with a long side of 1024,"
        + " 2048 or 4096, such as 1024x1024 = 1:1 at 1k or 1024x576 = 16:9 at 1k): give aspectRatio(…) and"
        + " resolution(…), or ask for the nearest with fit(Fit.NEAREST)");
    assertThat(resolve(prompt().size(1000, 1000).fit(Fit.NEAREST).build(), RATIOS))
        .isEqualTo(new ImageShape(AspectRatio.of(1, 1), null, Resolution.K1));
    assertThat(resolve(prompt().size(1900, 1000).fit(Fit.NEAREST).build(), CLOSED_RATIOS_OR_SIZE.withAnySize()))
        .as("a gateway that takes sizes keeps the size").isEqualTo(new ImageShape(null, ImageSize.of(1900, 1000), null));
    ImageShapes closed = ImageShapes.ofRatios(List.of(AspectRatio.of(1, 1), AspectRatio.of(16, 9)), false,
        EnumSet.of(Resolution.K1, Resolution.K2));
    assertThat(resolve(prompt().size(1900, 1000).fit(Fit.NEAREST).build(), closed))
        .isEqualTo(new ImageShape(AspectRatio.of(16, 9), null, Resolution.K2));
    assertThat(resolve(prompt().size(4096, 4096).fit(Fit.NEAREST).build(), closed))
        .as("4k is not taken: the nearest class that is").isEqualTo(new ImageShape(AspectRatio.of(1, 1), null, Resolution.K2));
  }

  @Test
  void aSizeContradictingTheRatioOrClassGivenIsRefused() {
    assertThat(refusal(prompt().size(1024, 576).aspectRatio(1, 1).build(), RATIOS))
        .isEqualTo("acme: aspectRatio: 1:1 contradicts the size 1024x576; give one of them");
    assertThat(refusal(prompt().size(1024, 576).resolution(Resolution.K2).build(), RATIOS))
        .isEqualTo("acme: resolution: 2k contradicts the size 1024x576; give one of them");
    assertThat(refusal(prompt().size(1024, 1024).aspectRatio(16, 9).build(), ANY_SIZE))
        .isEqualTo("acme: aspectRatio: 16:9 contradicts the size 1024x1024; give one of them");
    assertThat(refusal(prompt().size(1024, 1024).resolution(Resolution.K2).build(), ANY_SIZE))
        .isEqualTo("acme: resolution: 2k contradicts the size 1024x1024; give one of them");
  }

  @Test
  void aGatewayWithClosedRatiosRefusesAnotherOrSendsTheNearestWhenAsked() {
    assertThat(refusal(prompt().aspectRatio(7, 5).build(), CLOSED_RATIOS_OR_SIZE))
        .isEqualTo("acme: aspectRatio: accepts 1:1, 16:9, 4:3; was 7:5 (or ask for the nearest with fit(Fit.NEAREST))");
    assertThat(resolve(prompt().aspectRatio(7, 5).resolution(Resolution.K2).fit(Fit.NEAREST).build(), CLOSED_RATIOS_OR_SIZE))
        .isEqualTo(new ImageShape(AspectRatio.of(4, 3), null, Resolution.K2));
    assertThat(resolve(prompt().size(1536, 1024).build(), CLOSED_RATIOS_OR_SIZE))
        .isEqualTo(new ImageShape(null, ImageSize.of(1536, 1024), null));
    assertThat(resolve(prompt().size(1536, 1024).aspectRatio(3, 2).build(), CLOSED_RATIOS_OR_SIZE))
        .as("both kept: the gateway says itself how they combine")
        .isEqualTo(new ImageShape(AspectRatio.of(3, 2), ImageSize.of(1536, 1024), null));
  }

  @Test
  void anySizeGatewayTakesARatioOrClassAsTheExactSizeTheyEqual() {
    assertThat(resolve(prompt().aspectRatio(16, 9).build(), ANY_SIZE)).isEqualTo(new ImageShape(null, ImageSize.of(1024, 576), null));
    assertThat(resolve(prompt().aspectRatio(9, 16).resolution(Resolution.K2).build(), ANY_SIZE))
        .isEqualTo(new ImageShape(null, ImageSize.of(1152, 2048), null));
    assertThat(resolve(prompt().resolution(Resolution.K4).build(), ANY_SIZE))
        .isEqualTo(new ImageShape(null, ImageSize.of(4096, 4096), null));
    assertThat(resolve(prompt().size(640, 480).aspectRatio(4, 3).build(), ANY_SIZE))
        .isEqualTo(new ImageShape(null, ImageSize.of(640, 480), null));
  }

  @Test
  void anySizeGatewayRefusesARatioWithoutAnExactSizeOrRoundsItWhenAsked() {
    assertThat(refusal(prompt().aspectRatio(3, 2).build(), ANY_SIZE)).isEqualTo("acme: aspectRatio: acme takes an exact"
        + " size in pixels, and 3:2 at 1k has none (1024 x 682.67): give size(width, height), or ask for the nearest with"
        + " fit(Fit.NEAREST)");
    assertThat(refusal(prompt().aspectRatio(2, 3).build(), ANY_SIZE)).contains("(682.67 x 1024)");
    assertThat(resolve(prompt().aspectRatio(2, 3).fit(Fit.NEAREST).build(), ANY_SIZE))
        .isEqualTo(new ImageShape(null, ImageSize.of(683, 1024), null));
    assertThat(resolve(prompt().aspectRatio(3, 2).fit(Fit.NEAREST).build(), ANY_SIZE))
        .isEqualTo(new ImageShape(null, ImageSize.of(1024, 683), null));
  }

  @Test
  void listedSizesTakeARatioOrClassAsTheListedSizeTheyEqualTheNearestOnlyWhenAsked() {
    assertThat(resolve(prompt().aspectRatio(3, 2).build(), THREE_SIZES)).isEqualTo(new ImageShape(null, ImageSize.of(1536, 1024), null));
    assertThat(resolve(prompt().resolution(Resolution.K1).build(), THREE_SIZES))
        .isEqualTo(new ImageShape(null, ImageSize.of(1024, 1024), null));
    assertThat(resolve(prompt().size(1024, 1536).build(), THREE_SIZES)).isEqualTo(new ImageShape(null, ImageSize.of(1024, 1536), null));
    assertThat(refusal(prompt().aspectRatio(16, 9).build(), THREE_SIZES)).isEqualTo("acme: aspectRatio: accepts 1:1, 2:3,"
        + " 3:2 (the sizes 1024x1024, 1024x1536, 1536x1024); was 16:9 (or ask for the nearest with fit(Fit.NEAREST))");
    assertThat(refusal(prompt().aspectRatio(3, 2).resolution(Resolution.K1).build(), THREE_SIZES))
        .isEqualTo("acme: resolution: takes the sizes 1024x1024, 1024x1536, 1536x1024, none of which is 3:2 at 1k (or ask"
            + " for the nearest with fit(Fit.NEAREST))");
    assertThat(refusal(prompt().size(512, 512).build(), THREE_SIZES))
        .isEqualTo("acme: size: accepts 1024x1024, 1024x1536, 1536x1024; was 512x512 (or ask for the nearest with"
            + " fit(Fit.NEAREST))");
    assertThat(resolve(prompt().aspectRatio(16, 9).fit(Fit.NEAREST).build(), THREE_SIZES))
        .isEqualTo(new ImageShape(null, ImageSize.of(1536, 1024), null));
    assertThat(resolve(prompt().aspectRatio(9, 21).resolution(Resolution.K2).fit(Fit.NEAREST).build(), THREE_SIZES))
        .isEqualTo(new ImageShape(null, ImageSize.of(1024, 1536), null));
    assertThat(resolve(prompt().size(512, 512).fit(Fit.NEAREST).build(), THREE_SIZES))
        .isEqualTo(new ImageShape(null, ImageSize.of(1024, 1024), null));
  }

  @Test
  void aGatewayThatTakesNoShapeRefusesASize() {
    ImageShapes none = new ImageShapes(List.of(), false, List.of(), false, EnumSet.noneOf(Resolution.class));
    assertThat(refusal(prompt().size(64, 64).build(), none)).isEqualTo("acme: size: is not supported by acme");
  }

  @Test
  void classesAreLongSidesOf1024And2048And4096() {
    assertThat(ImageShape.longSide(Resolution.K1)).isEqualTo(1024);
    assertThat(ImageShape.longSide(Resolution.K4)).isEqualTo(4096);
    assertThat(ImageShape.exactSize(AspectRatio.of(21, 9), Resolution.K1)).as("1024*9/21").isNull();
    assertThat(ImageShape.exactSize(AspectRatio.of(21, 9), Resolution.K4)).isNull();
    assertThat(ImageShape.exactSize(AspectRatio.of(2, 1), Resolution.K1)).isEqualTo(ImageSize.of(1024, 512));
    assertThat(ImageShape.classOf(ImageSize.of(576, 1024))).isEqualTo(Resolution.K1);
    assertThat(ImageShape.classOf(ImageSize.of(1536, 1024))).isNull();
    assertThat(ImageShape.reduce(ImageSize.of(1920, 1080))).isEqualTo(AspectRatio.of(16, 9));
    assertThat(new ImageShape(AspectRatio.of(1, 1), null, Resolution.K2).describe()).isEqualTo("1:1 at 2k");
    assertThat(new ImageShape(null, ImageSize.of(2, 3), null).describe()).isEqualTo("2x3");
    assertThat(new ImageShape(null, null, null).describe()).isEmpty();
  }
}
