package dev.aigw.examples;

import dev.aigw.cheapsub.CheapSubClient;
import dev.aigw.core.chat.ChatRequest;
import dev.aigw.core.chat.ChatResponse;
import dev.aigw.core.chat.ChatStream;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.image.Resolution;
import dev.aigw.core.model.ModelInfo;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.video.VideoRequest;
import dev.aigw.core.video.VideoResult;
import dev.aigw.testkit.FakeCheapSub;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A tour of aigw: chat, streamed chat, an image and a video through CheapSub, saved to {@code
 * aigw-output/}. With {@code CHEAPSUB_API_KEY} set it calls the real CheapSub (and is charged);
 * without it, the embedded fake answers. More gateways join the tour as their providers land.
 */
public final class Tour {
  private Tour() {}

  /** Runs the tour; the exit status is non-zero when a step fails. */
  public static void main(String[] args) {
    Path output = Path.of("aigw-output");
    boolean live = System.getenv("CHEAPSUB_API_KEY") != null && !System.getenv("CHEAPSUB_API_KEY").isBlank();
    FakeCheapSub fake = live ? null : FakeCheapSub.start().chatReply("Seoul is the capital of South Korea.");
    try (CheapSubClient cheapsub = live ? CheapSubClient.fromEnv()
        : CheapSubClient.builder().apiKey(fake.apiKey()).baseUrl(fake.baseUrl()).build()) {
      System.out.println("== CheapSub (" + (live ? "live: " + cheapsub : "offline: the embedded fake") + ")");
      tour(cheapsub, output);
    } catch (RuntimeException e) {
      System.err.println("The tour failed: " + e.getMessage());
      System.exit(1);
    } finally {
      if (fake != null) {
        fake.close();
      }
    }
  }

  static void tour(CheapSubClient cheapsub, Path output) {
    List<ModelInfo> models = cheapsub.models().list();
    System.out.println("models: " + models.size() + " listed, e.g. " + models.get(0).id());

    ChatRequest question = ChatRequest.builder()
        .model("gemini-3-flash")
        .system("You are a helpful assistant.")
        .user("한국의 수도는 어디인가요?")
        .build();
    ChatResponse reply = cheapsub.chat().create(question);
    System.out.println("chat: " + reply.text());

    System.out.print("stream: ");
    try (ChatStream stream = cheapsub.chat().stream(question)) {
      stream.forEach(chunk -> System.out.print(chunk.text()));
    }
    System.out.println();

    Operation<ImageResult> image = cheapsub.images().submit(ImageRequest.builder()
        .model("nano-banana-2")
        .prompt("A cute cat sitting on a windowsill watching the rain")
        .aspectRatio(16, 9)
        .resolution(Resolution.K2)
        .build());
    ImageResult result = image
        .onUpdate(s -> System.out.println("  image " + image.id() + ": " + s.status()))
        .waitForCompletion(Duration.ofMinutes(5));
    Path png = result.first().saveTo(output.resolve("cheapsub-cat.png"));
    System.out.println("image: saved " + png + " (cost " + result.cost() + " credits)");

    Operation<VideoResult> video = cheapsub.videos().submit(VideoRequest.builder()
        .model("sora-2")
        .prompt("A golden retriever running on a beach at sunset, cinematic quality")
        .durationSeconds(10)
        .build());
    VideoResult clip = video
        .onUpdate(s -> System.out.println("  video " + video.id() + ": " + s.status()))
        .waitForCompletion(Duration.ofMinutes(30));
    Path mp4 = clip.video().saveTo(output.resolve("cheapsub-video.mp4"));
    System.out.println("video: saved " + mp4);
  }
}
