package dev.aigw.examples;

import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.operation.OperationSnapshot;
import dev.aigw.testkit.FakeGateway;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * An image with live progress: the program submits a generation and shows every poll's answer as
 * it comes ({@link Operation#onUpdate}): status, percentage when the gateway reports one, polls so
 * far and time elapsed. On an interactive terminal one line is rewritten in place ({@code \r});
 * when the output goes to a file or a pipe, each poll is a line of its own. The image is then
 * saved as {@code aigw-output/<vendor>-progress.png}.
 *
 * <p>The gateway is the first argument: {@code cheapsub} (the default), {@code gptimagehub},
 * {@code icodeeasy}, {@code gptimage2} (polled tasks) or {@code cloudgpt} (which answers with the
 * image at once). With its {@code <VENDOR>_API_KEY} set it calls the real service; otherwise the
 * embedded fake takes ten polls to draw the image. Run it with:
 *
 * <pre>
 * mvn -B -q -DskipTests -Drun-examples -Dexample=dev.aigw.examples.ImageProgress package
 * mvn -B -q -DskipTests -Drun-examples -Dexample=dev.aigw.examples.ImageProgress -Dexec.args=gptimage2 package
 * </pre>
 */
public final class ImageProgress {
  private ImageProgress() {}

  /** How many polls the fakes take to finish the image, so that progress is visible offline. */
  static final int OFFLINE_POLLS = 10;

  /** Generates one image and shows its progress. */
  public static void main(String[] args) {
    boolean interactive = System.console() != null;
    Program.run("ImageProgress", (env, output, out) -> run(Arrays.asList(args), env, output, out, interactive));
  }

  /**
   * Submits an image to the gateway named in {@code args} (cheapsub by default), shows its
   * progress and saves it.
   *
   * @param interactive whether {@code out} is a terminal on which a line can be rewritten
   */
  static void run(List<String> args, Map<String, String> env, Path output, PrintStream out, boolean interactive) {
    String vendor = args.isEmpty() ? "cheapsub" : args.get(0);
    try (Gateway gateway = Gateway.open(vendor, env, out)) {
      gateway.fake(FakeGateway.class).ifPresent(fake -> fake.tasks().pollsToFinish(OFFLINE_POLLS));
      Operation<ImageResult> operation = gateway.client().images().submit(ImageRequest.builder()
          .prompt("A hot-air balloon over a misty valley at sunrise")
          .build());
      out.println("submitted image " + operation.id() + " to " + gateway.vendor());

      ProgressLine line = new ProgressLine(out, interactive, System.nanoTime());
      ImageResult result = operation.onUpdate(line::show).waitForCompletion(Duration.ofMinutes(15));
      line.end();

      Path file = OutputFiles.saveImage(result.first(), output, gateway.vendor() + "-progress");
      out.println("saved " + file + " (" + OutputFiles.size(file) + ")");
    }
  }

  /** The progress display: one line rewritten in place, or a line per poll. */
  static final class ProgressLine {
    private final PrintStream out;
    private final boolean interactive;
    private final long start;
    private int polls;
    private int width;

    ProgressLine(PrintStream out, boolean interactive, long start) {
      this.out = out;
      this.interactive = interactive;
      this.start = start;
    }

    /** Shows one poll's answer (called on the polling thread). */
    synchronized void show(OperationSnapshot<?> snapshot) {
      polls++;
      String state = snapshot.status() + (snapshot.progress() == null ? "" : " " + snapshot.progress() + "%");
      String text = "  " + bar(snapshot) + " " + state + "  poll " + polls + ", "
          + String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - start) / 1e9);
      if (interactive) {
        // pad with spaces so that a shorter line wipes out the end of the longer one before it
        out.print("\r" + text + " ".repeat(Math.max(0, width - text.length())));
        width = text.length();
        out.flush();
      } else {
        out.println(text);
      }
    }

    /** Ends the rewritten line. */
    synchronized void end() {
      if (interactive && width > 0) {
        out.println();
      }
    }

    /** A ten-cell bar: the percentage when known, else a cell per poll until the task ends. */
    private String bar(OperationSnapshot<?> snapshot) {
      int cells;
      if (snapshot.isTerminal()) {
        cells = 10;
      } else if (snapshot.progress() != null) {
        cells = Math.max(0, Math.min(10, snapshot.progress() / 10));
      } else {
        cells = Math.min(9, polls);
      }
      return "[" + "#".repeat(cells) + ".".repeat(10 - cells) + "]";
    }
  }
}
