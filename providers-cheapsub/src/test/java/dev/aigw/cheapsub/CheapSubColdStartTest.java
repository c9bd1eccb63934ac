package dev.aigw.cheapsub;

import static dev.aigw.cheapsub.CheapSubWire.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aigw.core.chat.ChatRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * What a first chat call costs a fresh JVM (a CLI, a serverless function, a test run): the call is
 * made by {@link FirstChat} in a child JVM started with {@code -verbose:class}, against a server
 * in this one, and the classes it loaded are checked.
 */
class CheapSubColdStartTest {
  @StartStop final MockWebServer server = new MockWebServer();

  /**
   * Building a client and making one chat call bootstraps no record {@code ObjectMethods} (a
   * record's generated {@code equals}/{@code hashCode} used on the way, such as {@code Set.of} of
   * {@code Role}s in a provider's class initialisation, spins dozens of method-handle classes: tens
   * of milliseconds before the first answer) and creates no scheduler (a synchronous call needs
   * none: the shared scheduler is made when a retry or a poll first needs it).
   */
  @Test
  void aFirstChatCallLoadsNeitherRecordObjectMethodsNorTheScheduler() throws Exception {
    server.enqueue(ok(CheapSubChatWireTest.COMPLETION));
    List<String> loaded = classesLoadedBy(FirstChat.class, server.url("/").toString());

    assertThat(loaded).contains(FirstChat.class.getName(), CheapSubClient.class.getName(),
        "dev.aigw.core.chat.ChatResponse");
    assertThat(loaded).doesNotContain("java.lang.runtime.ObjectMethods",
        "java.util.concurrent.ScheduledThreadPoolExecutor");
  }

  /** One chat call in a fresh JVM; prints the reply. */
  public static final class FirstChat {
    public static void main(String[] args) {
      try (CheapSubClient client = CheapSubClient.builder().apiKey("csk_cold_0000000000000000").baseUrl(args[0])
          .build()) {
        System.out.println("REPLY " + client.chat().create(ChatRequest.builder().model("gemini-3-flash")
            .user("Hello").build()).text());
      }
    }
  }

  /** Runs {@code main} in a child JVM with this class path; the names of the classes it loaded. */
  private static List<String> classesLoadedBy(Class<?> main, String arg) throws IOException, InterruptedException {
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-verbose:class", "-cp", System.getProperty("java.class.path"), main.getName(), arg);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).as("the child's reply").contains("REPLY ");
    List<String> classes = new ArrayList<>();
    for (String line : out.split("\n")) {
      int at = line.indexOf("[class,load] ");
      if (at >= 0) {
        String rest = line.substring(at + "[class,load] ".length());
        int space = rest.indexOf(' ');
        classes.add(space < 0 ? rest.strip() : rest.substring(0, space));
      }
    }
    return classes;
  }
}
