package dev.aigw.cli;

import dev.aigw.core.image.AspectRatio;
import dev.aigw.core.image.Fit;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.image.ImageSize;
import dev.aigw.core.image.Resolution;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.routing.Router;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code aigw image <gateway> "prompt" …}: one image operation with live progress, saved to files. */
@Command(name = "image", mixinStandardHelpOptions = true,
    customSynopsis = "aigw image [OPTIONS] <gateway> <prompt>",
    description = {"Generate images: the operation's progress is shown on standard error while it runs, "
        + "and the saved paths are printed at the end."})
final class ImageCommand extends GatewayArguments implements Callable<Integer> {

  @Option(names = {"-m", "--model"}, paramLabel = "<model>", description = "The model (default: the gateway's).")
  String model;

  @Option(names = "--ratio", paramLabel = "<w:h>", description = "Aspect ratio, such as 16:9.")
  String ratio;

  @Option(names = "--size", paramLabel = "<WxH>", description = "Size in pixels, such as 1024x1024.")
  String size;

  @Option(names = "--resolution", paramLabel = "<class>", description = "Resolution class: ${COMPLETION-CANDIDATES}.")
  Resolution resolution;

  @Option(names = "--ref", paramLabel = "<file-or-url>",
      description = "A reference image: a local file or an http(s) URL (repeatable).")
  List<String> references = new ArrayList<>();

  @Option(names = "-n", paramLabel = "<count>", description = "How many images (default 1).")
  Integer count;

  @Option(names = "--nearest", description = "Where the gateway has no exact equivalent of the shape, send the nearest it takes.")
  boolean nearest;

  @Option(names = {"-o", "--output"}, paramLabel = "<file-or-dir>",
      description = "Where to save: a file (numbered when -n > 1) or a directory. "
          + "Default: <gateway>-<operation id>.<ext> in the working directory.")
  Path output;

  @Override
  public Integer call() {
    Resolved args = resolve("<prompt>");
    ImageRequest.Builder request = ImageRequest.builder().model(model).prompt(args.argument(0));
    if (ratio != null) {
      request.aspectRatio(AspectRatio.parse(ratio));
    }
    if (size != null) {
      request.size(ImageSize.parse(size));
    }
    if (resolution != null) {
      request.resolution(resolution);
    }
    if (count != null) {
      request.n(count);
    }
    if (nearest) {
      request.fit(Fit.NEAREST);
    }
    for (String reference : references) {
      if (reference.startsWith("http://") || reference.startsWith("https://") || reference.startsWith("data:")) {
        request.referenceUrl(reference);
      } else {
        request.referenceFile(Path.of(reference));
      }
    }
    ImageRequest built = request.build();
    try (Connection connection = top.connect(args.gateways())) {
      Generation generation = new Generation(top, "image", connection.spec());
      Operation<ImageResult> operation = connection.client() instanceof Router router
          ? router.images().submitRouted(built).value()
          : connection.client().images().submit(built);
      ImageResult result = generation.await(operation);
      generation.save(result.images(), output, operation.id(), operation.vendor(), result.cost());
    }
    return ExitCodes.OK;
  }
}
