package dev.aigw.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aigw.core.image.AspectRatio;
import dev.aigw.core.image.ImageSize;
import dev.aigw.core.model.Modality;
import dev.aigw.core.profile.ModelCatalog;
import dev.aigw.core.profile.VideoProfile;
import dev.aigw.core.video.VideoRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VideoShapeTest {
  private static final ModelCatalog MODELS = ModelCatalog.of(Modality.VIDEO, "v");
  private static final VideoProfile NAMES = new VideoProfile(MODELS, List.of(10), Map.of(), List.of("720p", "1080p"), false);
  private static final VideoProfile SIZES = new VideoProfile(MODELS, List.of(), Map.of("v", 8), List.of(), true);

  private static VideoRequest.Builder waves() {
    return VideoRequest.builder().prompt("waves");
  }

  @Test
  void aGatewayThatTakesNamesGetsTheNameAnExactSixteenByNineSizeEquals() {
    assertThat(VideoShape.resolve(waves().size(1280, 720).build(), NAMES)).isEqualTo(new VideoShape("720p", null, null));
    assertThat(VideoShape.resolve(waves().size(1920, 1080).build(), NAMES)).isEqualTo(new VideoShape("1080p", null, null));
    assertThat(VideoShape.resolve(waves().size(854, 480).build(), NAMES))
        .as("not 16:9 exactly").isEqualTo(new VideoShape(null, ImageSize.of(854, 480), null));
    assertThat(VideoShape.resolve(waves().size(640, 360).build(), NAMES))
        .as("360p is not a name it takes").isEqualTo(new VideoShape(null, ImageSize.of(640, 360), null));
    assertThat(VideoShape.resolve(waves().size(1280, 720).aspectRatio(16, 9).build(), NAMES))
        .as("a ratio too: left to the gateway").isEqualTo(new VideoShape(null, ImageSize.of(1280, 720), AspectRatio.of(16, 9)));
  }

  @Test
  void aGatewayThatTakesSizesGetsTheSizeANameEquals() {
    assertThat(VideoShape.resolve(waves().resolution("720p").build(), SIZES)).isEqualTo(new VideoShape(null, ImageSize.of(1280, 720), null));
    assertThat(VideoShape.resolve(waves().resolution("1080P").aspectRatio(9, 16).build(), SIZES))
        .isEqualTo(new VideoShape(null, ImageSize.of(1080, 1920), null));
    assertThat(VideoShape.resolve(waves().resolution("HD").build(), SIZES)).isEqualTo(new VideoShape("HD", null, null));
    assertThat(VideoShape.resolve(waves().resolution("720p").aspectRatio(7, 5).build(), SIZES))
        .isEqualTo(new VideoShape(null, ImageSize.of(1008, 720), null));
    assertThat(VideoShape.resolve(waves().resolution("720p").aspectRatio(11, 7).build(), SIZES))
        .as("no whole width").isEqualTo(new VideoShape("720p", null, AspectRatio.of(11, 7)));
    assertThat(VideoShape.resolve(waves().resolution("720p").size(64, 64).build(), SIZES))
        .isEqualTo(new VideoShape("720p", ImageSize.of(64, 64), null));
    assertThat(VideoShape.resolve(waves().build(), SIZES)).isEqualTo(new VideoShape(null, null, null));
  }
}
