package dev.aigw.examples;

import dev.aigw.core.operation.Operation;
import dev.aigw.core.video.VideoRequest;
import dev.aigw.core.video.VideoResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A video, saved as {@code aigw-output/<vendor>-video.mp4}. On CheapSub ({@code cheapsub}, the
 * default) it is a task polled until done, each status change printed; on CloudGPT ({@code
 * cloudgpt}) the call itself lasts as long as the render and answers with the MP4, streamed to
 * disk. The two take their sizes differently — CheapSub a resolution such as {@code 720p},
 * CloudGPT exact pixels — and the SDK refuses the other's field before sending anything.
 *
 * <p>With the gateway's {@code <VENDOR>_API_KEY} set (and {@code CLOUDGPT_BASE_URL} for
 * CloudGPT) it calls the real service and is charged; otherwise the embedded fake answers with a
 * small real MP4. Run it with:
 *
 * <pre>
 * mvn -B -q -DskipTests -Drun-examples -Dexample=dev.aigw.examples.Video package
 * mvn -B -q -DskipTests -Drun-examples -Dexample=dev.aigw.examples.Video -Dexec.args=cloudgpt package
 * </pre>
 */
public final class Video {
  private Video() {}

  static final String PROMPT = "A golden retriever running on a beach at sunset, cinematic quality";

  /** Makes one video. */
  public static void main(String[] args) {
    Program.run("Video", (env, output, out) -> run(Arrays.asList(args), env, output, out));
  }

  /**
   * Makes a video on the gateway named in {@code args} (cheapsub by default) and saves it.
   *
   * @throws IllegalArgumentException for a gateway without videos
   */
  static void run(List<String> args, Map<String, String> env, Path output, PrintStream out) {
    String vendor = args.isEmpty() ? "cheapsub" : args.get(0);
    VideoRequest request = switch (vendor) {
      case "cheapsub" -> VideoRequest.builder().model("sora-2").prompt(PROMPT).durationSeconds(10).resolution("720p")
          .build();
      case "cloudgpt" -> VideoRequest.builder().model("veo").prompt(PROMPT).durationSeconds(4).aspectRatio(16, 9).build();
      default -> throw new IllegalArgumentException(vendor + " makes no videos here; choose cheapsub or cloudgpt");
    };
    try (Gateway gateway = Gateway.open(vendor, env, out)) {
      long start = System.nanoTime();
      Operation<VideoResult> operation = gateway.client().videos().submit(request);
      out.println("submitted video " + operation.id() + " (" + request.durationSeconds() + " s)");
      VideoResult video = operation
          .onUpdate(new StatusChanges<>("video ", out))
          .waitForCompletion(Duration.ofMinutes(30));
      Path file = OutputFiles.saveVideo(video.video(), output, gateway.vendor() + "-video");
      out.println("saved " + file + " (" + OutputFiles.size(file) + ", "
          + String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - start) / 1e9) + ")");
    }
  }
}
