package dev.aigw.examples;

import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.Quality;
import dev.aigw.gptimagehub.GptImageHubBalance;
import dev.aigw.gptimagehub.GptImageHubClient;
import dev.aigw.gptimagehub.GptImageHubGeneration;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;

/**
 * GPTImageHub credits: the balance, one generation in GPTImageHub's synchronous mode (whose answer
 * says what it charged and the balance left), and the balance again, with what was spent. The
 * image is saved as {@code aigw-output/gptimagehub-credits.png}.
 *
 * <p>With {@code GPTIMAGEHUB_API_KEY} set it uses your real account and spends its credits;
 * otherwise the embedded fake answers (120 credits, 8 an image). Run it with:
 *
 * <pre>
 * mvn -B -q -DskipTests -Drun-examples -Dexample=dev.aigw.examples.GptImageHubCreditUsage package
 * </pre>
 */
public final class GptImageHubCreditUsage {
  private GptImageHubCreditUsage() {}

  /** Shows the balance before and after a generation. */
  public static void main(String[] args) {
    Program.run("GptImageHubCreditUsage", GptImageHubCreditUsage::run);
  }

  /** Reads the balance, generates one image, reads the balance again. */
  static void run(Map<String, String> env, Path output, PrintStream out) {
    try (Gateway gateway = Gateway.open("gptimagehub", env, out)) {
      GptImageHubClient hub = gateway.client(GptImageHubClient.class);

      GptImageHubBalance before = hub.credits().balance();
      out.println("balance: " + amount(before.credits()) + " credits (" + before.accountType() + " account"
          + (before.hasExpiringCredits() ? ", some credits expire: " + before.nextExpiration().text() : "") + ")");

      // the synchronous mode: one call that returns with the images, the charge and the balance
      GptImageHubGeneration generation = hub.images().generateSync(ImageRequest.builder()
          .model("gpt-image-2")
          .prompt("A stack of gold coins on a wooden desk, soft window light")
          .size(1024, 1024)
          .quality(Quality.LOW)
          .build());
      Path file = OutputFiles.saveImage(generation.first(), output, "gptimagehub-credits");
      out.println("generation " + generation.id() + ": " + generation.status() + ", charged "
          + amount(generation.credits()) + " credits; saved " + file + " (" + OutputFiles.size(file) + ")");

      GptImageHubBalance after = hub.credits().balance();
      String spent = before.credits() == null || after.credits() == null ? "?"
          : before.credits().subtract(after.credits()).toPlainString();
      out.println("balance: " + amount(after.credits()) + " credits (" + spent + " spent since the first reading)");
    }
  }

  private static String amount(BigDecimal value) {
    return value == null ? "?" : value.toPlainString();
  }
}
