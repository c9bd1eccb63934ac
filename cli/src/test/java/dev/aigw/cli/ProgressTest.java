package dev.aigw.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;

/** The two progress displays. */
class ProgressTest {
  static {
    // the pty's output pump logs a warning when the terminal closes under it
    java.util.logging.Logger.getLogger("org.jline").setLevel(java.util.logging.Level.OFF);
  }

  @Test
  void onATerminalOneLineIsRewrittenInPlaceCutToTheWidth() throws Exception {
    ByteArrayOutputStream screen = new ByteArrayOutputStream();
    try (Terminal terminal = TerminalBuilder.builder().system(false).type("xterm").graphemeCluster(false)
        .streams(new ByteArrayInputStream(new byte[0]), screen).build()) {
      terminal.setSize(new Size(30, 10));
      try (Progress progress = new Progress.InPlace(terminal)) {
        progress.show("cheapsub t-1: RUNNING", "0.5 s");
        progress.show("cheapsub t-1: RUNNING 40%", "1.5 s and a long tail");
      }
      // with JLine's native provider the terminal is a pty whose output a thread copies: wait for it
      awaitContains(screen, "40%  1.\u001b[K\r\n");
    }
    assertThat(screen.toString(StandardCharsets.UTF_8)).contains("\rcheapsub t-1: RUNNING  0.5 s\u001b[K"
        + "\rcheapsub t-1: RUNNING 40%  1.\u001b[K\r\n");
  }

  @Test
  void elsewhereALinePerChangeWithoutTheDetails() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (Progress progress = new Progress.Lines(new PrintStream(err, true, StandardCharsets.UTF_8))) {
      progress.show("cheapsub t-1: QUEUED", "0.1 s");
      progress.show("cheapsub t-1: QUEUED", "0.9 s");
      progress.show("cheapsub t-1: RUNNING", "1.9 s");
    }
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("cheapsub t-1: QUEUED\ncheapsub t-1: RUNNING\n");
  }

  @Test
  void theToolDrawsOnTheTerminalItIsGiven() throws Exception {
    ByteArrayOutputStream screen = new ByteArrayOutputStream();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Terminal terminal = TerminalBuilder.builder().system(false).type("xterm").graphemeCluster(false)
        .streams(new ByteArrayInputStream(new byte[0]), screen).build()) {
      terminal.setSize(new Size(200, 10));
      int code = new Aigw(java.util.Map.of(), new ByteArrayInputStream(new byte[0]),
          new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()), terminal)
          .execute("image", "cheapsub", "a cat", "--fake", "-o", "target/terminal-test.png");
      assertThat(code).isZero();
      awaitContains(screen, " kB\u001b[K");
    }
    assertThat(screen.toString(StandardCharsets.UTF_8)).contains("\r", ": SUCCEEDED 100%  ", " s\u001b[K",
        ": downloading 1/1  ", " kB\u001b[K");
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("saved target/terminal-test.png");
  }

  private static void awaitContains(ByteArrayOutputStream screen, String text) throws InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    while (!screen.toString(StandardCharsets.UTF_8).contains(text) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  @Test
  void extensionsFollowTheBytes() {
    assertThat(Generation.extension(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff}, 3)).isEqualTo("jpg");
    assertThat(Generation.extension("RIFF0000WEBP".getBytes(StandardCharsets.US_ASCII), 12)).isEqualTo("webp");
    assertThat(Generation.extension("GIF89a".getBytes(StandardCharsets.US_ASCII), 6)).isEqualTo("gif");
    assertThat(Generation.extension("hello".getBytes(StandardCharsets.US_ASCII), 5)).isEqualTo("bin");
    assertThat(Generation.bytes(512)).isEqualTo("512 B");
    assertThat(Generation.bytes(3 * 1024 * 1024)).isEqualTo("3.0 MB");
  }
}
