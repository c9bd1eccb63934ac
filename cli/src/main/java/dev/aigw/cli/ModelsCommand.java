package dev.aigw.cli;

import dev.aigw.core.model.Modality;
import dev.aigw.core.model.ModelInfo;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code aigw models <gateway> [--modality image]}: the gateway's model list. */
@Command(name = "models", mixinStandardHelpOptions = true, customSynopsis = "aigw models [OPTIONS] <gateway>",
    description = "List the models a gateway offers (cheapsub, cloudgpt, gptimagehub).")
final class ModelsCommand extends GatewayArguments implements Callable<Integer> {

  @Option(names = "--modality", paramLabel = "<modality>",
      description = "Only the models of this kind: ${COMPLETION-CANDIDATES}.")
  Modality modality;

  @Override
  public Integer call() {
    Resolved args = resolve();
    try (Connection connection = top.connect(args.gateways())) {
      List<ModelInfo> models = connection.client().models().list().stream()
          .filter(m -> modality == null || m.modality() == modality).toList();
      for (ModelInfo model : models) {
        if (top.json) {
          top.out.println(new JsonLine().put("gateway", connection.spec()).put("id", model.id())
              .put("modality", model.modality().name()).put("name", model.name()).put("provider", model.provider()));
        } else {
          top.out.printf("%-40s %-8s %s%n", model.id(), model.modality().name().toLowerCase(java.util.Locale.ROOT),
              model.name() == null ? "" : model.name());
        }
      }
      if (!top.json) {
        top.err.println(models.size() + " model(s)");
      }
    }
    return ExitCodes.OK;
  }
}
