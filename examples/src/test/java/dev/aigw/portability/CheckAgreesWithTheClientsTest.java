package dev.aigw.portability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aigw.core.AiClient;
import dev.aigw.core.chat.ChatRequest;
import dev.aigw.core.error.AigwException;
import dev.aigw.core.error.UnsupportedCapabilityException;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.image.Fit;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.Quality;
import dev.aigw.core.image.Resolution;
import dev.aigw.core.media.DataUrl;
import dev.aigw.core.media.ImageFormat;
import dev.aigw.core.media.MediaInput;
import dev.aigw.core.profile.CheckResult;
import dev.aigw.core.video.VideoRequest;
import dev.aigw.testkit.FakeGateway;
import dev.aigw.testkit.TestMedia;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check()} agrees with the clients: the same 36 varied requests go to {@code check()} and
 * then to each of the five clients, and for every pair the answer is the same — refused by {@code
 * check()} exactly when the client refuses it before sending (with the same first message, and
 * nothing in the fake's journal), accepted exactly when the gateway takes it (the fake answers
 * with success). The one rule that needs I/O (GPTImageHub's model list) is shown deferred first,
 * then applied once the list is read.
 */
@Timeout(120)
class CheckAgreesWithTheClientsTest {
  @TempDir Path dir;

  /** A request and the calls that check and send it. */
  private record Case(String name, Function<AiClient, CheckResult> check, Function<AiClient, Object> send) {}

  private static Case image(String name, ImageRequest request) {
    return new Case(name, c -> c.check(request), c -> c.images().submit(request));
  }

  private static Case chat(String name, ChatRequest request) {
    return new Case(name, c -> c.check(request), c -> c.chat().create(request));
  }

  private static Case video(String name, VideoRequest request) {
    return new Case(name, c -> c.check(request), c -> c.videos().submit(request));
  }

  private static ImageRequest.Builder prompt() {
    return ImageRequest.builder().prompt("A paper boat on a puddle");
  }

  private List<Case> cases(FiveFakes five) throws Exception {
    Path png = Files.write(dir.resolve("ref.png"), TestMedia.png(20, 20, 1));
    byte[] gif = {'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, 0, 0, 0};
    String hosted = five.host.publish(MediaInput.bytes(TestMedia.png(16, 16, 2)), ImageFormat.PNG);
    ImageRequest.Builder fiveUrls = prompt();
    for (int i = 0; i < 5; i++) {
      fiveUrls.referenceUrl(hosted);
    }
    List<Case> cases = new ArrayList<>(List.of(
        image("prompt only", prompt().build()),
        image("nano-banana-2", prompt().model("nano-banana-2").build()),
        image("gpt-image-2", prompt().model("gpt-image-2").build()),
        image("flux", prompt().model("flux").build()),
        image("prefixed model", prompt().model("google/nano-banana-pro").build()),
        image("unknown model", prompt().model("dall-e-3").build()),
        image("16:9", prompt().aspectRatio(16, 9).build()),
        image("3:2", prompt().aspectRatio(3, 2).build()),
        image("7:5", prompt().aspectRatio(7, 5).build()),
        image("7:5 nearest", prompt().aspectRatio(7, 5).fit(Fit.NEAREST).build()),
        image("1024x1024", prompt().size(1024, 1024).build()),
        image("1000x1000", prompt().size(1000, 1000).build()),
        image("1536x1024", prompt().size(1536, 1024).build()),
        image("2k", prompt().resolution(Resolution.K2).build()),
        image("4k", prompt().resolution(Resolution.K4).build()),
        image("16:9 at 2k", prompt().aspectRatio(16, 9).resolution(Resolution.K2).build()),
        image("size contradicting ratio", prompt().size(1024, 1024).aspectRatio(16, 9).build()),
        image("quality high", prompt().quality(Quality.HIGH).build()),
        image("quality auto", prompt().quality(Quality.AUTO).build()),
        image("n=2", prompt().n(2).build()),
        image("n=5", prompt().n(5).build()),
        image("seed", prompt().seed(7).build()),
        image("http URL reference", prompt().referenceUrl(hosted).build()),
        image("file reference", prompt().referenceFile(png).build()),
        image("GIF bytes reference", prompt().reference(MediaInput.bytes(gif, "a.gif")).build()),
        image("data URL reference", prompt().referenceUrl(DataUrl.encode("image/png", TestMedia.png(8, 8, 3))).build()),
        image("five references", fiveUrls.build()),
        image("prompt of 4001 characters", ImageRequest.builder().prompt("x".repeat(4001)).build()),
        image("extra body", prompt().extraBody("response_format", "b64_json").build()),
        chat("chat without model", ChatRequest.builder().user("Hi").build()),
        chat("chat at temperature 2.5", ChatRequest.builder().user("Hi").temperature(2.5).build()),
        chat("chat with an unknown model", ChatRequest.builder().model("gpt-9").user("Hi").build()),
        chat("chat with a prefixed model", ChatRequest.builder().model("google/gemini-3-flash").user("Hi").build()),
        video("video without model", VideoRequest.builder().prompt("Waves").build()),
        video("video of 10 s", VideoRequest.builder().prompt("Waves").durationSeconds(10).build()),
        video("video at 720p", VideoRequest.builder().prompt("Waves").resolution("720p").build()),
        video("video at 16:9", VideoRequest.builder().prompt("Waves").aspectRatio(16, 9).build()),
        video("video of 1280x720", VideoRequest.builder().prompt("Waves").size(1280, 720).build())));
    return cases;
  }

  @Test
  void everyGatewayRefusesExactlyWhatItsCheckRefuses() throws Exception {
    Map<String, Integer> refusedPerGateway = new LinkedHashMap<>();
    List<String> disagreements = new ArrayList<>();
    try (FiveFakes five = new FiveFakes()) {
      List<Case> cases = cases(five);
      five.gptimagehubFake.balance(new BigDecimal("10000"));
      // GPTImageHub names only gpt-image-2; other models are looked up in its model list, which
      // check() does not fetch: it says so, and applies the list once the client has read it
      ImageRequest otherModel = prompt().model("nano-banana-2").build();
      assertThat(five.gptimagehub.check(otherModel).deferred()).containsExactly(
          "the model nano-banana-2 is looked up in GPTImageHub's model list (GET /api/v1/models) when sent");
      five.gptimagehub.models().catalog();
      assertThat(five.gptimagehub.check(otherModel).messages())
          .containsExactly("gptimagehub: model: GPTImageHub lists gpt-image-2; was nano-banana-2");
      assertThat(cases).hasSizeGreaterThanOrEqualTo(30);
      for (AiClient client : five.clients()) {
        FakeGateway fake = five.fake(client);
        int refused = 0;
        for (Case c : cases) {
          CheckResult checked = c.check().apply(client);
          int before = fake.journal().requests().size();
          String outcome;
          try {
            c.send().apply(client);
            outcome = "accepted";
          } catch (ValidationException e) {
            outcome = "refused: " + e.getMessage();
            if (fake.journal().requests().size() != before) {
              disagreements.add(client.vendor() + " / " + c.name() + ": refused, but something was sent");
            }
          } catch (UnsupportedCapabilityException e) {
            outcome = "refused: " + client.vendor() + ": capability: " + e.getMessage();
          } catch (AigwException e) {
            outcome = "failed at the gateway: " + e.getMessage();
          }
          String expected = checked.accepted() ? "accepted" : "refused: " + checked.messages().get(0);
          if (!expected.equals(outcome)) {
            disagreements.add(client.vendor() + " / " + c.name() + ": check said '" + expected + "', the client '"
                + outcome + "'");
          }
          if (!checked.accepted()) {
            refused++;
          }
        }
        refusedPerGateway.put(client.vendor(), refused);
      }
    }
    assertThat(disagreements).as("disagreements").isEmpty();
    // every gateway refuses some and takes some of the requests: the set tells them apart
    assertThat(refusedPerGateway).allSatisfy((vendor, refused) -> assertThat(refused).as(vendor).isBetween(5, 30));
  }
}
