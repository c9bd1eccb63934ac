package dev.aigw.cli;

import dev.aigw.core.image.ImageResult;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.video.VideoResult;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code aigw resume <gateway> <operation-id> [-o …]}: follows an operation again, by its id alone. */
@Command(name = "resume", mixinStandardHelpOptions = true,
    customSynopsis = "aigw resume [OPTIONS] <gateway> <operation-id>",
    description = {"Follow an image (or, with --video, a video) operation by its id, after Ctrl-C, a timeout "
        + "or in another shell, and save what it made.",
        "An id from --gateways a,b carries its gateway (icodeeasy:<id>): resume it with the same a,b."})
final class ResumeCommand extends GatewayArguments implements Callable<Integer> {

  @Option(names = "--video", description = "The operation is a video.")
  boolean video;

  @Option(names = {"-o", "--output"}, paramLabel = "<file-or-dir>", description = "Where to save, as for image and video.")
  Path output;

  @Override
  public Integer call() {
    Resolved args = resolve("<operation-id>");
    String id = args.argument(0);
    try (Connection connection = top.connect(args.gateways())) {
      Generation generation = new Generation(top, video ? "video" : "image", connection.spec());
      if (video) {
        Operation<VideoResult> operation = connection.client().videos().resume(id);
        VideoResult result = generation.await(operation);
        generation.save(List.of(result.video()), output, operation.id(), operation.vendor(), result.cost());
      } else {
        Operation<ImageResult> operation = connection.client().images().resume(id);
        ImageResult result = generation.await(operation);
        generation.save(result.images(), output, operation.id(), operation.vendor(), result.cost());
      }
    }
    return ExitCodes.OK;
  }
}
