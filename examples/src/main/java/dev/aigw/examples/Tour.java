package dev.aigw.examples;

import dev.aigw.cheapsub.CheapSubClient;
import dev.aigw.cloudgpt.CloudGptClient;
import dev.aigw.core.chat.ChatChunk;
import dev.aigw.core.chat.ChatRequest;
import dev.aigw.core.chat.ChatService;
import dev.aigw.core.chat.ChatStream;
import dev.aigw.core.cost.CostMeter;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.image.Quality;
import dev.aigw.core.image.Resolution;
import dev.aigw.core.model.ModelInfo;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.video.VideoRequest;
import dev.aigw.core.video.VideoResult;
import dev.aigw.gptimage2.GptImage2Client;
import dev.aigw.gptimage2.GptImage2Options;
import dev.aigw.gptimagehub.GptImageHubBalance;
import dev.aigw.gptimagehub.GptImageHubClient;
import dev.aigw.icodeeasy.ICodeEasyClient;
import dev.aigw.testkit.FakeCheapSub;
import dev.aigw.testkit.FakeCloudGpt;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A tour of all five gateways, each through what it offers: CheapSub (models, chat, streamed
 * chat, an image, a video), CloudGPT (chat, streamed chat, an image and a video answered as
 * bytes), GPTImageHub (models, an image, credits), icodeeasy (an image) and gptimage2.plus (an
 * image as an idempotent operation, resubmitted without a second charge). Images and videos are
 * saved as {@code aigw-output/<vendor>-image.png} and {@code aigw-output/<vendor>-video.mp4}.
 *
 * <p>A gateway whose {@code <VENDOR>_API_KEY} is set is called for real (and charges you);
 * the others are answered by the testkit's in-process fakes, so the tour runs offline. It prints
 * one result line per gateway, then what the gateways charged (a {@code CostMeter} listens to every
 * client), and exits with 0 only when every gateway succeeded. Run it with:
 *
 * <pre>
 * mvn -B -q -DskipTests -Drun-examples package
 * mvn -B -q -DskipTests -Drun-examples -Dexample=dev.aigw.examples.Tour package
 * </pre>
 */
public final class Tour {
  private Tour() {}

  /** Runs the tour; the exit status is 1 when a gateway failed. */
  public static void main(String[] args) {
    Program.run("The tour", Tour::run);
  }

  /**
   * Visits every gateway in turn, printing its steps and a result line ({@code cheapsub: ok (…)}
   * or {@code cheapsub: FAILED: …}).
   *
   * @throws IllegalStateException when a gateway failed (after all were visited)
   */
  static void run(Map<String, String> env, Path output, PrintStream out) {
    List<String> failed = new ArrayList<>();
    CostMeter meter = new CostMeter(); // adds up what every gateway charged
    for (String vendor : Gateway.VENDORS) {
      try (Gateway gateway = Gateway.open(vendor, env, out, List.of(meter), null)) {
        String done = switch (vendor) {
          case "cheapsub" -> cheapsub(gateway, output, out);
          case "cloudgpt" -> cloudgpt(gateway, output, out);
          case "gptimagehub" -> gptimagehub(gateway, output, out);
          case "icodeeasy" -> icodeeasy(gateway, output, out);
          case "gptimage2" -> gptimage2(gateway, output, out);
          default -> throw new IllegalStateException("the tour does not know " + vendor);
        };
        out.println(vendor + ": ok (" + done + ")");
      } catch (RuntimeException e) {
        failed.add(vendor);
        out.println(vendor + ": FAILED: " + Program.reason(e));
      }
      out.flush();
    }
    out.println(totalCost(meter));
    if (!failed.isEmpty()) {
      throw new IllegalStateException(failed.size() + " of " + Gateway.VENDORS.size() + " gateways failed: "
          + String.join(", ", failed));
    }
    out.println("All " + Gateway.VENDORS.size() + " gateways answered; images and videos are in " + output);
  }

  private static final String QUESTION = "한국의 수도는 어디인가요?";
  private static final String ANSWER = "서울은 대한민국의 수도입니다. (Seoul is the capital of South Korea.)";

  static String cheapsub(Gateway gateway, Path output, PrintStream out) {
    CheapSubClient cheapsub = gateway.client(CheapSubClient.class);
    gateway.fake(FakeCheapSub.class).ifPresent(fake -> fake.chatReply(ANSWER));

    models(cheapsub.models().list(), out);
    chat(cheapsub.chat(), ChatRequest.builder()
        .model("gemini-3-flash")
        .system("You are a helpful assistant.")
        .user(QUESTION)
        .build(), out);

    Operation<ImageResult> image = cheapsub.images().submit(ImageRequest.builder()
        .model("nano-banana-2")
        .prompt("A cute cat sitting on a windowsill watching the rain")
        .aspectRatio(16, 9)
        .resolution(Resolution.K2)
        .build());
    ImageResult picture = image.onUpdate(new StatusChanges<>("  image ", out)).waitForCompletion(Duration.ofMinutes(5));
    savedImage("cheapsub", picture, output, out);

    Operation<VideoResult> video = cheapsub.videos().submit(VideoRequest.builder()
        .model("sora-2")
        .prompt("A golden retriever running on a beach at sunset, cinematic quality")
        .durationSeconds(10)
        .build());
    VideoResult clip = video.onUpdate(new StatusChanges<>("  video ", out)).waitForCompletion(Duration.ofMinutes(30));
    savedVideo("cheapsub", clip, output, out);
    return "models, chat, stream, image, video";
  }

  static String cloudgpt(Gateway gateway, Path output, PrintStream out) {
    CloudGptClient cloudgpt = gateway.client(CloudGptClient.class);
    gateway.fake(FakeCloudGpt.class).ifPresent(fake -> fake.chatReply(ANSWER));

    chat(cloudgpt.chat(), ChatRequest.builder()
        .model("openai")
        .system("You are a helpful assistant.")
        .user(QUESTION)
        .build(), out);

    // CloudGPT answers with the image itself: the call returns when it is drawn
    ImageResult picture = cloudgpt.images().submit(ImageRequest.builder()
        .model("flux")
        .prompt("A futuristic city at night, neon reflections on wet streets")
        .size(1024, 768)
        .seed(7)
        .build()).result();
    savedImage("cloudgpt", picture, output, out);

    VideoResult clip = cloudgpt.videos().generate(VideoRequest.builder()
        .model("veo")
        .prompt("Waves rolling onto a beach at sunset")
        .durationSeconds(4)
        .aspectRatio(16, 9)
        .build());
    savedVideo("cloudgpt", clip, output, out);
    return "chat, stream, image, video";
  }

  static String gptimagehub(Gateway gateway, Path output, PrintStream out) {
    GptImageHubClient hub = gateway.client(GptImageHubClient.class);
    models(hub.models().list(), out);
    GptImageHubBalance before = hub.credits().balance();

    Operation<ImageResult> image = hub.images().submit(ImageRequest.builder()
        .model("gpt-image-2")
        .prompt("A perfume bottle on black marble, studio light")
        .size(1024, 1024)
        .quality(Quality.LOW)
        .build());
    ImageResult picture = image.onUpdate(new StatusChanges<>("  image ", out)).waitForCompletion(Duration.ofMinutes(15));
    savedImage("gptimagehub", picture, output, out);

    GptImageHubBalance after = hub.credits().balance();
    out.println("  credits: " + amount(before.credits()) + " before, " + amount(after.credits()) + " after ("
        + after.accountType() + " account)");
    return "models, image, credits";
  }

  static String icodeeasy(Gateway gateway, Path output, PrintStream out) {
    ICodeEasyClient icodeeasy = gateway.client(ICodeEasyClient.class);
    Operation<ImageResult> image = icodeeasy.images().submit(ImageRequest.builder()
        .prompt("A corgi astronaut on the moon, cinematic")
        .aspectRatio(16, 9)
        .quality(Quality.LOW)
        .build());
    ImageResult picture = image.onUpdate(new StatusChanges<>("  image ", out)).waitForCompletion(Duration.ofMinutes(5));
    savedImage("icodeeasy", picture, output, out);
    return "image";
  }

  static String gptimage2(Gateway gateway, Path output, PrintStream out) {
    GptImage2Client gptimage2 = gateway.client(GptImage2Client.class);
    // your own Idempotency-Key (an order id, say): submitting it again returns the same generation
    ImageRequest request = ImageRequest.builder()
        .prompt("A lighthouse at dawn, 35 mm photo")
        .size(1024, 1024)
        .quality(Quality.LOW)
        .vendorOption(GptImage2Options.idempotencyKey("aigw-tour-" + UUID.randomUUID()))
        .build();
    Operation<ImageResult> image = gptimage2.images().submit(request);
    ImageResult picture = image.onUpdate(new StatusChanges<>("  image ", out)).waitForCompletion(Duration.ofMinutes(10));
    savedImage("gptimage2", picture, output, out);

    Operation<ImageResult> again = gptimage2.images().submit(request);
    if (!again.id().equals(image.id())) {
      throw new IllegalStateException("the same Idempotency-Key made a second generation " + again.id()
          + " besides " + image.id());
    }
    out.println("  resubmitted with the same Idempotency-Key: the same generation " + image.id()
        + ", status " + again.status() + ", not charged again");
    return "idempotent image";
  }

  private static void models(List<ModelInfo> models, PrintStream out) {
    out.println("  models: " + models.size() + " listed" + (models.isEmpty() ? "" : ", e.g. " + models.get(0).id()));
  }

  private static void chat(ChatService chat, ChatRequest question, PrintStream out) {
    out.println("  chat: " + chat.create(question).text());
    out.print("  stream: ");
    try (ChatStream stream = chat.stream(question)) {
      for (ChatChunk chunk : stream) {
        out.print(chunk.text());
        out.flush();
      }
    }
    out.println();
  }

  private static void savedImage(String vendor, ImageResult result, Path output, PrintStream out) {
    Path file = OutputFiles.saveImage(result.first(), output, vendor + "-image");
    out.println("  image: saved " + file + " (" + OutputFiles.size(file)
        + (result.cost() == null ? "" : ", cost " + result.cost()) + ")");
  }

  private static void savedVideo(String vendor, VideoResult result, Path output, PrintStream out) {
    Path file = OutputFiles.saveVideo(result.video(), output, vendor + "-video");
    out.println("  video: saved " + file + " (" + OutputFiles.size(file) + ")");
  }

  /**
   * {@code Total cost: cheapsub 2.500000 KRW, gptimage2 1 credits, …}: each gateway's charges in
   * its own unit (CloudGPT reports none).
   */
  static String totalCost(CostMeter meter) {
    List<CostMeter.Total> totals = meter.snapshot();
    if (totals.isEmpty()) {
      return "Total cost: nothing reported";
    }
    List<String> parts = new ArrayList<>();
    for (CostMeter.Total t : totals) {
      parts.add(t.vendor() + " " + t.cost());
    }
    return "Total cost: " + String.join(", ", parts);
  }

  private static String amount(BigDecimal value) {
    return value == null ? "?" : value.toPlainString();
  }
}
