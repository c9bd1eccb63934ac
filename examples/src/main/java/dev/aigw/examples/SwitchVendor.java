package dev.aigw.examples;

import dev.aigw.core.AiClient;
import dev.aigw.core.Capability;
import dev.aigw.core.chat.ChatRequest;
import dev.aigw.core.error.UnsupportedCapabilityException;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.model.ModelInfo;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The vendor as configuration: the same code, written against the neutral {@link AiClient} only,
 * runs against each gateway named in the arguments (all five by default). The client comes from
 * {@link dev.aigw.core.AiClients} by name — {@code AiClients.fromEnv(name, env)} when the
 * gateway's {@code <VENDOR>_API_KEY} is set, {@code AiClients.create(name, options)} against the
 * embedded fake otherwise. For each it prints {@code capabilities()} and uses only what is there:
 * the model list, a chat reply, an image (saved as {@code aigw-output/<vendor>-switch.png}); what
 * is missing fails with a clear {@link UnsupportedCapabilityException}, shown once. Run it with:
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
  static void run(List<String> args, Map<String, String> env, Path output, PrintStream out) {
    List<String> vendors = args.isEmpty() ? Gateway.VENDORS : args;
    for (String vendor : vendors) {
      try (Gateway gateway = Gateway.open(vendor, env, out)) {
        useWhatIsOffered(gateway.client(), gateway.chatModel(), gateway.imageModel(), output, out);
      }
    }
  }

  /**
   * Neutral code: nothing here knows which gateway {@code client} talks to. The models come from
   * configuration ({@code null} lets the gateway choose).
   */
  static void useWhatIsOffered(AiClient client, String chatModel, String imageModel, Path output, PrintStream out) {
    out.println("  capabilities: " + client.capabilities().stream().sorted().map(Capability::name)
        .collect(Collectors.joining(", ")));
    if (client.supports(Capability.MODELS)) {
      List<ModelInfo> models = client.models().list();
      out.println("  models: " + models.size() + " listed");
    }
    if (client.supports(Capability.CHAT)) {
      String reply = client.chat().create(ChatRequest.builder().model(chatModel).user("Say hello in Korean.").build())
          .text();
      out.println("  chat: " + reply);
    } else {
      try {
        client.chat();
      } catch (UnsupportedCapabilityException e) {
        out.println("  chat: not offered (" + e.getMessage() + ")");
      }
    }
    if (client.supports(Capability.IMAGES)) {
      ImageResult image = client.images().submit(ImageRequest.builder()
          .model(imageModel)
          .prompt("A paper boat on a puddle, morning light")
          .build()).waitForCompletion(Duration.ofMinutes(15));
      Path file = OutputFiles.saveImage(image.first(), output, client.vendor() + "-switch");
      out.println("  image: saved " + file + " (" + OutputFiles.size(file) + ")");
    }
    if (client.supports(Capability.VIDEOS)) {
      out.println("  videos: offered (the Video example makes one)");
    }
    out.println(client.vendor() + ": done with " + client.capabilities().size() + " capabilities");
  }
}
