package dev.aigw.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What the commands that talk to a gateway share: the gateway, as the first argument or as {@code
 * --gateways a,b,c} (a failover router over them, in that order), then the command's own
 * arguments.
 */
abstract class GatewayArguments {

  @ParentCommand
  AigwCommand top;

  @Spec
  CommandSpec spec;

  @Option(names = "--gateways", split = ",", paramLabel = "<gateway>",
      description = "Route through these gateways in order, moving on when one fails without charging "
          + "(replaces the <gateway> argument; a first argument a,b,c does the same).")
  List<String> gateways;

  @Parameters(paramLabel = "<gateway> <argument>", arity = "0..*", hidden = true)
  List<String> words = new ArrayList<>();

  /**
   * Splits the arguments into the gateway names and the command's own {@code expected} arguments.
   *
   * @param names what the command's own arguments are, for the usage message
   * @return the gateway names, then the arguments
   */
  Resolved resolve(String... names) {
    List<String> gatewayNames;
    List<String> rest;
    if (gateways != null && !gateways.isEmpty()) {
      gatewayNames = gateways;
      rest = words;
    } else if (words.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "missing <gateway>: one of "
          + String.join(", ", Connection.GATEWAYS) + " (or --gateways a,b)");
    } else {
      gatewayNames = Arrays.asList(words.get(0).split(","));
      rest = words.subList(1, words.size());
    }
    if (rest.size() != names.length) {
      throw new ParameterException(spec.commandLine(), rest.size() < names.length
          ? "missing " + String.join(" ", Arrays.asList(names).subList(rest.size(), names.length))
          : "unexpected argument(s): " + String.join(" ", rest.subList(names.length, rest.size())));
    }
    List<String> checked = new ArrayList<>();
    for (String name : gatewayNames) {
      checked.add(Connection.known(name));
    }
    return new Resolved(List.copyOf(checked), List.copyOf(rest));
  }

  /** The gateway names and the command's own arguments. */
  record Resolved(List<String> gateways, List<String> arguments) {
    String argument(int index) {
      return arguments.get(index);
    }
  }
}
