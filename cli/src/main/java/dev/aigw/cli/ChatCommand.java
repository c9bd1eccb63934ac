package dev.aigw.cli;

import dev.aigw.core.chat.ChatChunk;
import dev.aigw.core.chat.ChatRequest;
import dev.aigw.core.chat.ChatResponse;
import dev.aigw.core.chat.ChatStream;
import dev.aigw.core.routing.Routed;
import dev.aigw.core.routing.Router;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code aigw chat <gateway> [-m model] [--system …] "prompt"}: the reply, streamed as it arrives. */
@Command(name = "chat", mixinStandardHelpOptions = true,
    customSynopsis = "aigw chat [OPTIONS] <gateway> <prompt>",
    description = {"Ask one question; the reply is printed as it arrives (with --json: one object at the end).",
        "A <prompt> of - is read from standard input. Gateways with chat: cheapsub, cloudgpt."})
final class ChatCommand extends GatewayArguments implements Callable<Integer> {

  @Option(names = {"-m", "--model"}, paramLabel = "<model>", description = "The model (default: the gateway's).")
  String model;

  @Option(names = "--system", paramLabel = "<text>", description = "A system message before the prompt.")
  String system;

  @Override
  public Integer call() {
    Resolved args = resolve("<prompt>");
    String prompt = args.argument(0);
    if (prompt.equals("-")) {
      try {
        prompt = new String(top.in.readAllBytes(), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    ChatRequest.Builder request = ChatRequest.builder().model(model);
    if (system != null) {
      request.system(system);
    }
    ChatRequest built = request.user(prompt).build();
    try (Connection connection = top.connect(args.gateways())) {
      return top.json ? answer(connection, built) : stream(connection, built);
    }
  }

  private int answer(Connection connection, ChatRequest request) {
    ChatResponse response;
    String servedBy;
    if (connection.client() instanceof Router router) {
      Routed<ChatResponse> routed = router.chat().createRouted(request);
      response = routed.value();
      servedBy = routed.servedBy();
    } else {
      response = connection.client().chat().create(request);
      servedBy = connection.spec();
    }
    top.out.println(new JsonLine().put("gateway", servedBy).put("model", response.model())
        .put("text", response.text()).put("finishReason", response.finishReason()));
    return ExitCodes.OK;
  }

  private int stream(Connection connection, ChatRequest request) {
    ChatStream stream;
    if (connection.client() instanceof Router router) {
      Routed<ChatStream> routed = router.chat().streamRouted(request);
      stream = routed.value();
      top.err.println("aigw: answered by " + routed.servedBy());
    } else {
      stream = connection.client().chat().stream(request);
    }
    try (ChatStream open = stream) {
      top.interruption.during(open::close);
      boolean endsWithNewline = true;
      for (ChatChunk chunk : open) {
        if (!chunk.text().isEmpty()) {
          top.out.print(chunk.text());
          top.out.flush();
          endsWithNewline = chunk.text().endsWith("\n");
        }
      }
      if (!endsWithNewline) {
        top.out.println();
      }
      if (top.interruption.interrupted()) {
        throw new CliException(ExitCodes.INTERRUPTED, "interrupted: the reply was cut short");
      }
    } catch (CliException e) {
      throw e;
    } catch (RuntimeException e) {
      if (top.interruption.interrupted()) {
        top.out.println();
        throw new CliException(ExitCodes.INTERRUPTED, "interrupted: the reply was cut short");
      }
      throw e;
    } finally {
      top.interruption.during(null);
    }
    return ExitCodes.OK;
  }
}
