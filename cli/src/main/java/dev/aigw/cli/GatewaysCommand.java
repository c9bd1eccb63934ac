package dev.aigw.cli;

import dev.aigw.core.AiClient;
import dev.aigw.core.AiClients;
import dev.aigw.core.Capability;
import dev.aigw.core.ClientOptions;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code aigw gateways}: the five gateways, whether their keys are set, and what each offers. */
@Command(name = "gateways", mixinStandardHelpOptions = true,
    description = "List the five gateways: whether each one's key is set in the environment, and what it offers.")
final class GatewaysCommand implements Callable<Integer> {

  /**
   * A key of the right shape for each gateway, only to build a client that states its capabilities
   * (building one sends nothing); never used for a call.
   */
  private static final Map<String, String> SHAPE_OF_KEY = Map.of("cheapsub", "csk_x", "cloudgpt", "cgpt_x",
      "gptimagehub", "gih_live_x", "icodeeasy", "sk_x", "gptimage2", "gimg_x");

  @ParentCommand
  AigwCommand top;

  @Override
  public Integer call() {
    if (!top.json) {
      top.out.printf("%-12s %-34s %s%n", "GATEWAY", "KEY", "OFFERS");
    }
    for (String gateway : Connection.GATEWAYS) {
      String variable = Connection.keyVariable(gateway);
      String value = top.env.get(variable);
      boolean set = value != null && !value.isBlank();
      List<String> offers = capabilities(gateway).stream().map(GatewaysCommand::words).toList();
      if (top.json) {
        top.out.println(new JsonLine().put("gateway", gateway).put("keyVariable", variable).put("keySet", set)
            .put("offers", capabilities(gateway).stream().map(Enum::name).toList()));
      } else {
        top.out.printf("%-12s %-34s %s%n", gateway, variable + (set ? " is set" : " not set"), String.join(", ", offers));
      }
    }
    return ExitCodes.OK;
  }

  static List<Capability> capabilities(String gateway) {
    try (AiClient client = AiClients.create(gateway, ClientOptions.builder().apiKey(SHAPE_OF_KEY.get(gateway))
        .baseUrl("http://127.0.0.1:9").build())) {
      return client.capabilities().stream().sorted().toList();
    }
  }

  private static String words(Capability capability) {
    return capability.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
