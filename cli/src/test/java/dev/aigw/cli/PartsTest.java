package dev.aigw.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aigw.cli.internal.CliLogging;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The small parts: JSON lines, the log binding, terminal detection. */
class PartsTest {

  @Test
  void jsonLinesEscapeWhatJsonNeedsAndNestValues() {
    String line = new JsonLine().put("text", "a \"quote\", a \\ and\nlines\r\t\u0001").put("n", 3).put("big", 12L)
        .put("amount", new BigDecimal("0.50")).put("none", null).put("list", List.of(1, "two"))
        .put("map", Map.of("k", true)).put("nested", new JsonLine().put("x", false)).toString();
    assertThat(line).isEqualTo("{\"text\":\"a \\\"quote\\\", a \\\\ and\\nlines\\r\\t\\u0001\",\"n\":3,\"big\":12,"
        + "\"amount\":0.50,\"none\":null,\"list\":[1,\"two\"],\"map\":{\"k\":true},\"nested\":{\"x\":false}}");
    assertThat(Json.single(line)).containsEntry("text", "a \"quote\", a \\ and\nlines\r\t\u0001");
  }

  @Test
  void theLogGoesToTheCommandsStandardErrorAtTheLevelAsked() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream stream = new PrintStream(err, true, StandardCharsets.UTF_8);
    org.slf4j.Logger log = LoggerFactory.getLogger("dev.aigw.core.Example");
    try {
      CliLogging.configure(stream, false);
      assertThat(log.isDebugEnabled()).isFalse();
      assertThat(log.isInfoEnabled()).isFalse();
      assertThat(log.isTraceEnabled()).isFalse();
      log.info("hidden");
      log.warn("shown {}", 1);
      log.error("failed", new IllegalStateException("why"));
      CliLogging.configure(stream, true);
      assertThat(log.isDebugEnabled()).isTrue();
      assertThat(log.isWarnEnabled()).isTrue();
      assertThat(log.isErrorEnabled()).isTrue();
      log.debug("now {} and {}", "this", "that");
    } finally {
      CliLogging.configure(System.err, false);
    }
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(
        "WARN Example: shown 1\nERROR Example: failed (IllegalStateException: why)\nDEBUG Example: now this and that\n");
  }

  @Test
  void standardErrorThatIsNotATerminalGetsALinePerChange() {
    // the tests' standard error is a file or a pipe, never a terminal
    assertThat(Aigw.progressTerminal()).isNull();
  }
}
