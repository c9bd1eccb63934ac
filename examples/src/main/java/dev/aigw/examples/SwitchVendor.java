package dev.aigw.examples;

import dev.aigw.core.AiClient;
import dev.aigw.core.Capability;
import dev.aigw.core.chat.ChatRequest;
import dev.aigw.core.error.UnsupportedCapabilityException;
import dev.aigw.core.image.Fit;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.model.ModelInfo;
import dev.aigw.core.profile.CheckResult;
import dev.aigw.core.profile.GatewayProfile;
import dev.aigw.testkit.TestMedia;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The vendor as configuration: the same code, written against the neutral {@link AiClient} only —
 * no vendor name, no model id — runs against each gateway named in the arguments (all five by
 * default). The client comes from {@link dev.aigw.core.AiClients} by name ({@code fromEnv} when the
 * gateway's {@code <VENDOR>_API_KEY} is set, the embedded fake otherwise). One neutral image
 * request is built once — a prompt, 16:9, a local reference file, no model — and sent unchanged to
 * each: {@code check()} says beforehand whether the gateway takes it (CloudGPT takes no reference
 * images: refused before anything is sent), and the gateways that do make the image, saved as
 * {@code aigw-output/<vendor>-switch.png}. Chat goes without a model too, to each gateway's
 * default. Run it with:
 *
 * <pre>
 * mvn -B -q -DskipTests -Drun-examples -Dexample=dev.aigw.examples.SwitchVendor package
 * mvn -B -q -DskipTests -Drun-examples -Dexample=dev.aigw.examples.SwitchVendor -Dexec.args="icodeeasy cloudgpt" package
 * </pre>
 */
public final class SwitchVendor {
  private SwitchVendor() {}

  /** Runs the same code against the gateways named in {@code args}, or all five. */
  public static void main(String[] args) {
    Program.run("SwitchVendor", (env, output, out) -> run(Arrays.asList(args), env, output, out));
  }

  /** Runs {@link #useWhatIsOffered} against each gateway named in {@code args} (all when empty). */
  static void run(List<String> args, Map<String, String> env, Path output, PrintStream out) throws IOException {
    List<String> vendors = args.isEmpty() ? Gateway.VENDORS : args;
    ImageRequest image = portableImage(output);
    for (String vendor : vendors) {
      try (Gateway gateway = Gateway.open(vendor, env, out)) {
        useWhatIsOffered(gateway.client(), image, output, out);
      }
    }
  }

  /**
   * The one image request every gateway gets: no model (each uses its default), 16:9 (each in its
   * own vocabulary: a ratio, or the exact size 1024x576; gptimage2.plus, which has no 16:9 size,
   * its nearest, since the request allows it), and a local sketch as reference (uploaded where the
   * gateway takes files, published at a URL where it takes only URLs).
   */
  static ImageRequest portableImage(Path output) throws IOException {
    Files.createDirectories(output);
    Path sketch = Files.write(output.resolve("switch-sketch.png"), TestMedia.png(160, 90, 5));
    return ImageRequest.builder()
        .prompt("A paper boat on a puddle, morning light, in the style of the sketch")
        .aspectRatio(16, 9)
        .referenceFile(sketch)
        .fit(Fit.NEAREST)
        .build();
  }

  /** Neutral code: nothing here knows which gateway {@code client} talks to. */
  static void useWhatIsOffered(AiClient client, ImageRequest image, Path output, PrintStream out) {
    out.println("  capabilities: " + client.capabilities().stream().sorted().map(Capability::name)
        .collect(Collectors.joining(", ")));
    out.println("  default models: " + defaults(client.profile()));
    if (client.supports(Capability.MODELS)) {
      List<ModelInfo> models = client.models().list();
      out.println("  models: " + models.size() + " listed");
    }
    if (client.supports(Capability.CHAT)) {
      String reply = client.chat().create(ChatRequest.builder().user("Say hello in Korean.").build()).text();
      out.println("  chat: " + reply);
    } else {
      try {
        client.chat();
      } catch (UnsupportedCapabilityException e) {
        out.println("  chat: not offered (" + e.getMessage() + ")");
      }
    }
    CheckResult verdict = client.check(image);
    if (!verdict.accepted()) {
      out.println("  image: refused before sending: " + String.join("; ", verdict.messages()));
    } else {
      ImageResult result = client.images().submit(image).waitForCompletion(Duration.ofMinutes(15));
      Path file = OutputFiles.saveImage(result.first(), output, client.vendor() + "-switch");
      out.println("  image: saved " + file + " (" + OutputFiles.size(file) + ")");
    }
    if (client.supports(Capability.VIDEOS)) {
      out.println("  videos: offered (the Video example makes one)");
    }
    out.println(client.vendor() + ": done with " + client.capabilities().size() + " capabilities");
  }

  /** {@code chat gemini-3-flash, image nano-banana-2, video sora-2}: the models a request without one gets. */
  private static String defaults(GatewayProfile profile) {
    List<String> parts = new ArrayList<>();
    if (profile.chat() != null) {
      parts.add("chat " + profile.chat().models().defaultModel());
    }
    if (profile.images() != null) {
      parts.add("image " + profile.images().models().defaultModel());
    }
    if (profile.videos() != null) {
      parts.add("video " + profile.videos().models().defaultModel());
    }
    return parts.isEmpty() ? "not stated" : String.join(", ", parts);
  }
}
