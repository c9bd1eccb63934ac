package dev.aigw.examples;

import dev.aigw.core.Capability;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageResult;
import dev.aigw.testkit.TestMedia;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * An image edit from a local file: the file goes as a reference image ({@code
 * ImageRequest.referenceFile}), and the SDK sends it the way the gateway takes files — a
 * multipart {@code image[]} part to icodeeasy's edits endpoint, a presigned two-step upload to
 * gptimage2.plus, a {@code reference_image} part to GPTImageHub, and to CheapSub, which takes only
 * URLs, a URL its {@link dev.aigw.core.media.ReferenceHost} published (offline, a loopback one from
 * testkit). The result is saved as {@code aigw-output/<vendor>-edit.png}.
 *
 * <p>Arguments: the gateway ({@code icodeeasy} by default, or {@code gptimage2}, {@code
 * gptimagehub}, {@code cheapsub}) and the image file (PNG, JPEG or WebP). Without a file the program draws a sample
 * PNG into {@code aigw-output/edit-input.png} and edits that. With the gateway's {@code
 * <VENDOR>_API_KEY} set it calls the real service; otherwise its embedded fake answers. Run it
 * with:
 *
 * <pre>
 * mvn -B -q -DskipTests -Drun-examples -Dexample=dev.aigw.examples.ImageEdit package
 * mvn -B -q -DskipTests -Drun-examples -Dexample=dev.aigw.examples.ImageEdit -Dexec.args="gptimage2 /path/to/photo.jpg" package
 * </pre>
 */
public final class ImageEdit {
  private ImageEdit() {}

  static final String PROMPT = "Turn this picture into a watercolor painting, soft paper texture";

  /** Edits one local image. */
  public static void main(String[] args) {
    Program.run("ImageEdit", (env, output, out) -> run(Arrays.asList(args), env, output, out));
  }

  /**
   * Edits the file named in {@code args} (or a sample) on the gateway named there.
   *
   * @throws IllegalArgumentException when the gateway takes no reference images or the file does
   *     not exist
   */
  static void run(List<String> args, Map<String, String> env, Path output, PrintStream out) throws IOException {
    String vendor = args.isEmpty() ? "icodeeasy" : args.get(0);
    Path input;
    if (args.size() > 1) {
      input = Path.of(args.get(1));
      if (!Files.isRegularFile(input)) {
        throw new IllegalArgumentException("no image file at " + input);
      }
    } else {
      Files.createDirectories(output);
      input = Files.write(output.resolve("edit-input.png"), TestMedia.png(256, 256, 11));
      out.println("no image given: drew a sample input, " + input);
    }

    try (Gateway gateway = Gateway.open(vendor, env, out)) {
      if (!gateway.client().supports(Capability.IMAGE_REFERENCES)) {
        throw new IllegalArgumentException(gateway.vendor() + " takes no reference images; choose icodeeasy, "
            + "gptimage2, gptimagehub or cheapsub (with a ReferenceHost)");
      }
      ImageRequest request = ImageRequest.builder()
          .prompt(PROMPT)
          .referenceFile(input)
          .build();
      out.println("editing " + input + " (" + OutputFiles.size(input) + ") on " + gateway.vendor() + ": " + PROMPT);
      ImageResult result = gateway.client().images().submit(request).waitForCompletion(Duration.ofMinutes(15));
      Path file = OutputFiles.saveImage(result.first(), output, gateway.vendor() + "-edit");
      out.println("saved " + file + " (" + OutputFiles.size(file)
          + (result.cost() == null ? "" : ", cost " + result.cost()) + ")");
    }
  }
}
