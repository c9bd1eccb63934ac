package dev.aigw.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamingChatTest {

  @ParameterizedTest
  @ValueSource(strings = {"cheapsub", "cloudgpt"})
  void printsTheReplyChunkByChunkAsItArrives(String vendor) {
    Console console = new Console();

    StreamingChat.run(List.of(vendor, "Why", "do", "cats", "purr?"), Map.of(), console.out());

    List<String> lines = console.lines();
    assertThat(lines.get(1)).isEqualTo("> Why do cats purr?");
    assertThat(lines.get(2)).isEqualTo(StreamingChat.OFFLINE_REPLY);
    int words = StreamingChat.OFFLINE_REPLY.split(" ").length;
    assertThat(lines.get(3)).matches("\\(" + words + " chunks; the first after [0-9]+ ms, the whole reply in [0-9]+ ms\\)");

    // the fake sends a word every 40 ms: a reply printed only once complete would arrive all at once
    List<Console.Write> chunks = console.writes().stream()
        .filter(w -> !w.text().isBlank() && StreamingChat.OFFLINE_REPLY.contains(w.text().strip()))
        .filter(w -> !w.text().startsWith(">") && !w.text().equals(StreamingChat.OFFLINE_REPLY))
        .toList();
    assertThat(chunks).hasSizeGreaterThanOrEqualTo(words);
    long spreadMillis = (chunks.get(chunks.size() - 1).nanos() - chunks.get(0).nanos()) / 1_000_000;
    assertThat(spreadMillis).as("time from the first chunk printed to the last").isGreaterThan((words - 1) * 40L / 2);
  }

  @Test
  void aGatewayWithoutChatIsRefusedWithTheOnesThatHaveIt() {
    IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class,
        () -> StreamingChat.run(List.of("gptimage2"), Map.of(), new Console().out()));

    assertThat(e).hasMessage("gptimage2 offers no streamed chat; choose cheapsub or cloudgpt");
  }
}
