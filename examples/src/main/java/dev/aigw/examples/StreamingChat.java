package dev.aigw.examples;

import dev.aigw.core.Capability;
import dev.aigw.core.chat.ChatChunk;
import dev.aigw.core.chat.ChatRequest;
import dev.aigw.core.chat.ChatStream;
import dev.aigw.testkit.FakeCheapSub;
import dev.aigw.testkit.FakeCloudGpt;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Streamed chat: the reply is printed chunk by chunk as the gateway sends it, then how many chunks
 * came and when. The gateway is the first argument, {@code cheapsub} (the default) or {@code
 * cloudgpt}; the rest of the arguments, if any, are the question. Run it with:
 *
 * <pre>
 * mvn -B -q -DskipTests -Drun-examples -Dexample=dev.aigw.examples.StreamingChat package
 * mvn -B -q -DskipTests -Drun-examples -Dexample=dev.aigw.examples.StreamingChat -Dexec.args="cloudgpt Why is the sky blue?" package
 * </pre>
 *
 * <p>With the gateway's {@code <VENDOR>_API_KEY} set it calls the real service; otherwise the
 * embedded fake streams a canned reply a word at a time.
 */
public final class StreamingChat {
  private StreamingChat() {}

  static final String DEFAULT_QUESTION = "In three sentences: why do cats purr?";

  /** What the fakes answer, a word per chunk. */
  static final String OFFLINE_REPLY = "Cats purr when the muscles of the larynx twitch as they breathe in and out."
      + " They purr when content, but also to soothe themselves when hurt or stressed."
      + " The low vibration may even help their bones and tissues heal.";

  /** Streams one reply. */
  public static void main(String[] args) {
    Program.run("StreamingChat", (env, output, out) -> run(Arrays.asList(args), env, out));
  }

  /**
   * Streams the answer to the question in {@code args} (after the gateway's name) and prints it
   * as it arrives.
   *
   * @throws IllegalArgumentException when the gateway has no streamed chat
   */
  static void run(List<String> args, Map<String, String> env, PrintStream out) {
    String vendor = args.isEmpty() ? "cheapsub" : args.get(0);
    String question = args.size() > 1 ? String.join(" ", args.subList(1, args.size())) : DEFAULT_QUESTION;
    try (Gateway gateway = Gateway.open(vendor, env, out)) {
      if (!gateway.client().supports(Capability.CHAT_STREAMING)) {
        throw new IllegalArgumentException(gateway.vendor() + " offers no streamed chat; choose cheapsub or cloudgpt");
      }
      // offline, the fake sends a word every 40 ms, so the chunks visibly arrive one by one
      gateway.fake(FakeCheapSub.class).ifPresent(fake -> {
        fake.chatReply(OFFLINE_REPLY);
        fake.streamPause(Duration.ofMillis(40));
      });
      gateway.fake(FakeCloudGpt.class).ifPresent(fake -> {
        fake.chatReply(OFFLINE_REPLY);
        fake.streamPause(Duration.ofMillis(40));
      });
      ChatRequest request = ChatRequest.builder()
          .system("You are a concise assistant.")
          .user(question)
          .build();

      out.println("> " + question);
      long start = System.nanoTime();
      long first = -1;
      int chunks = 0;
      try (ChatStream stream = gateway.client().chat().stream(request)) {
        for (ChatChunk chunk : stream) {
          if (chunk.text().isEmpty()) {
            continue;
          }
          if (first < 0) {
            first = System.nanoTime();
          }
          chunks++;
          out.print(chunk.text());
          out.flush();
        }
      }
      out.println();
      long end = System.nanoTime();
      out.println("(" + chunks + " chunks; the first after " + millis(first < 0 ? end : first, start)
          + " ms, the whole reply in " + millis(end, start) + " ms)");
    }
  }

  private static long millis(long later, long earlier) {
    return (later - earlier) / 1_000_000;
  }
}
