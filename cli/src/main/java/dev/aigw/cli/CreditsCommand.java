package dev.aigw.cli;

import dev.aigw.gptimagehub.GptImageHubBalance;
import dev.aigw.gptimagehub.GptImageHubClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code aigw credits <gateway>}: the balance, where the gateway has an API for it (GPTImageHub). */
@Command(name = "credits", mixinStandardHelpOptions = true, customSynopsis = "aigw credits [OPTIONS] <gateway>",
    description = "Show the credit balance (gptimagehub: the only gateway with a balance API).")
final class CreditsCommand extends GatewayArguments implements Callable<Integer> {

  @Override
  public Integer call() {
    Resolved args = resolve();
    if (args.gateways().size() != 1 || !args.gateways().get(0).equals("gptimagehub")) {
      throw new CliException(ExitCodes.USAGE, "credits: " + String.join(",", args.gateways())
          + " has no balance API; gptimagehub has (the others report what a call cost in its result)");
    }
    try (Connection connection = top.connect(args.gateways())) {
      GptImageHubBalance balance = ((GptImageHubClient) connection.client()).credits().balance();
      if (top.json) {
        top.out.println(new JsonLine().put("gateway", "gptimagehub").put("credits", balance.credits())
            .put("accountType", balance.accountType()));
      } else {
        top.out.println("gptimagehub: " + balance.credits().toPlainString() + " credits"
            + (balance.accountType() == null ? "" : " (" + balance.accountType() + " account)"));
      }
    }
    return ExitCodes.OK;
  }
}
