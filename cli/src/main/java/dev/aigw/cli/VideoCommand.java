package dev.aigw.cli;

import dev.aigw.core.image.AspectRatio;
import dev.aigw.core.image.ImageSize;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.routing.Router;
import dev.aigw.core.video.VideoRequest;
import dev.aigw.core.video.VideoResult;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code aigw video <gateway> "prompt" …}: one video operation with live progress, saved to a file. */
@Command(name = "video", mixinStandardHelpOptions = true,
    customSynopsis = "aigw video [OPTIONS] <gateway> <prompt>",
    description = {"Generate a video (cheapsub, cloudgpt): progress on standard error while it runs, "
        + "the saved path at the end."})
final class VideoCommand extends GatewayArguments implements Callable<Integer> {

  @Option(names = {"-m", "--model"}, paramLabel = "<model>", description = "The model (default: the gateway's).")
  String model;

  @Option(names = "--ratio", paramLabel = "<w:h>", description = "Aspect ratio, such as 16:9.")
  String ratio;

  @Option(names = "--size", paramLabel = "<WxH>", description = "Size in pixels, such as 1280x720.")
  String size;

  @Option(names = "--duration", paramLabel = "<seconds>", description = "Length in seconds.")
  Integer duration;

  @Option(names = {"-o", "--output"}, paramLabel = "<file-or-dir>",
      description = "Where to save: a file or a directory. Default: <gateway>-<operation id>.mp4 in the working directory.")
  Path output;

  @Override
  public Integer call() {
    Resolved args = resolve("<prompt>");
    VideoRequest.Builder request = VideoRequest.builder().model(model).prompt(args.argument(0));
    if (ratio != null) {
      AspectRatio parsed = AspectRatio.parse(ratio);
      request.aspectRatio(parsed.width(), parsed.height());
    }
    if (size != null) {
      ImageSize parsed = ImageSize.parse(size);
      request.size(parsed.width(), parsed.height());
    }
    if (duration != null) {
      request.durationSeconds(duration);
    }
    VideoRequest built = request.build();
    try (Connection connection = top.connect(args.gateways())) {
      Generation generation = new Generation(top, "video", connection.spec());
      Operation<VideoResult> operation = connection.client() instanceof Router router
          ? router.videos().submitRouted(built).value()
          : connection.client().videos().submit(built);
      VideoResult result = generation.await(operation);
      generation.save(List.of(result.video()), output, operation.id(), operation.vendor(), result.cost());
    }
    return ExitCodes.OK;
  }
}
