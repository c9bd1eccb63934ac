package dev.aigw.portability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aigw.core.AiClient;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.image.Fit;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.profile.CheckResult;
import dev.aigw.core.spi.Json;
import dev.aigw.testkit.FakeGptImageHub;
import dev.aigw.testkit.FakeICodeEasy;
import dev.aigw.testkit.Journal;
import dev.aigw.testkit.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One neutral {@link ImageRequest} — a prompt, 16:9, one local reference file, no model — built
 * once and sent unchanged to the five clients: the four gateways that take references serve it,
 * each in its own form, with the file's bytes intact; CloudGPT, which takes none, refuses it
 * before sending with the reason {@code check()} gives.
 */
@Timeout(60)
class OneNeutralRequestTest {
  private static final byte[] REFERENCE = TestMedia.png(40, 30, 11);

  @TempDir Path dir;
  private FiveFakes five;

  @BeforeEach
  void start() {
    five = new FiveFakes();
  }

  @AfterEach
  void stop() {
    five.close();
  }

  private ImageRequest neutral(Fit fit) throws Exception {
    Path file = Files.write(dir.resolve("sketch.png"), REFERENCE);
    return ImageRequest.builder()
        .prompt("A lighthouse at dawn in the style of the sketch")
        .aspectRatio(16, 9)
        .referenceFile(file)
        .fit(fit) // gptimage2.plus has no 16:9 size: its nearest, 1536x1024, only because the request allows it
        .build();
  }

  @Test
  void fourGatewaysServeItWithTheReferenceIntactAndCloudGptRefusesItBeforeSending() throws Exception {
    ImageRequest request = neutral(Fit.NEAREST);

    for (AiClient client : List.of(five.cheapsub, five.gptimagehub, five.icodeeasy, five.gptimage2)) {
      assertThat(client.check(request).accepted()).as("check at %s", client.vendor()).isTrue();
      ImageResult result = client.images().submit(request).waitForCompletion(FiveFakes.WAIT);
      assertThat(result.images()).as("images from %s", client.vendor()).hasSize(1);
    }

    // CheapSub: the file was published by the ReferenceHost, and the fake fetched exactly its bytes
    Map<?, ?> cheapsub = body(five.cheapsubFake.journal(), "/api/v1/image");
    assertThat(cheapsub.get("model")).isEqualTo("nano-banana-2");
    assertThat(cheapsub.get("aspect_ratio")).isEqualTo("16:9");
    assertThat(cheapsub.get("images")).isEqualTo(List.of(five.host.published().get(0).url()));
    assertThat(five.cheapsubFake.receivedReferences()).singleElement()
        .satisfies(r -> assertThat(r.bytes()).isEqualTo(REFERENCE));
    // GPTImageHub: 16:9 at 1k is exactly 1024x576; the file uploaded as a multipart part
    assertThat(five.gptimagehubFake.uploads()).extracting(FakeGptImageHub.Upload::bytes).containsExactly(REFERENCE);
    assertThat(five.gptimagehubFake.journal().requests("POST", "/api/v1/images/generations").get(0).body())
        .contains("name=\"size\"\r\n\r\n1024x576", "name=\"model\"\r\n\r\ngpt-image-2");
    // icodeeasy: the ratio as it is, the file as an image[] part
    assertThat(five.icodeeasyFake.lastReferences()).extracting(FakeICodeEasy.Reference::bytes).containsExactly(REFERENCE);
    assertThat(five.icodeeasyFake.journal().requests("POST", "/v1/images/edits").get(0).body())
        .contains("name=\"size\"\r\n\r\n16:9");
    // gptimage2.plus: uploaded in two steps, named by its key; the nearest listed size, as asked
    Map<?, ?> gptimage2 = body(five.gptimage2Fake.journal(), "/api/v1/generate");
    assertThat(gptimage2.get("size")).isEqualTo("1536x1024");
    assertThat(gptimage2.get("type")).isEqualTo("edit");
    assertThat(gptimage2.containsKey("model")).as("no model field").isFalse();
    assertThat(five.gptimage2Fake.uploadedBytes((String) ((List<?>) gptimage2.get("inputImageKeys")).get(0)))
        .isEqualTo(REFERENCE);

    // CloudGPT takes no references: refused before sending, with check()'s reason
    CheckResult checked = five.cloudgpt.check(request);
    ValidationException thrown = catchThrowableOfType(ValidationException.class,
        () -> five.cloudgpt.images().submit(request));
    assertThat(checked.messages()).containsExactly(
        "cloudgpt: references: is not supported by cloudgpt; it takes no reference images");
    assertThat(thrown).hasMessage(checked.messages().get(0));
    assertThat(five.cloudgptFake.journal().requests()).isEmpty();
  }

  @Test
  void withoutAskingForTheNearestShapeGptImage2RefusesSixteenByNineNamingItsSizes() throws Exception {
    ImageRequest exact = neutral(Fit.EXACT);

    assertThat(five.gptimage2.check(exact).messages()).containsExactly("gptimage2: aspectRatio: accepts 1:1, 2:3, 3:2"
        + " (the sizes 1024x1024, 1024x1536, 1536x1024); was 16:9 (or ask for the nearest with fit(Fit.NEAREST))");
    assertThat(five.icodeeasy.check(exact).accepted()).isTrue();
    assertThat(five.gptimagehub.check(exact).accepted()).isTrue();
    assertThat(five.cheapsub.check(exact).accepted()).isTrue();
    assertThat(five.gptimage2Fake.journal().requests()).isEmpty();
  }

  private static Map<?, ?> body(Journal journal, String path) {
    return (Map<?, ?>) Json.tryParseTree(journal.requests("POST", path).get(0).body());
  }
}
