package dev.aigw.examples;

import static dev.aigw.examples.Media.assertPng;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class FailoverTest {
  @TempDir
  Path output;

  @Test
  void movesOnOnlyAfterFailuresThatChargedNothingAndChargesEachRequestOnce() throws Exception {
    Console console = new Console();

    Failover.run(Map.of(), output, console.out());

    List<String> lines = console.lines();
    assertThat(lines).contains("router: icodeeasy -> gptimagehub -> gptimage2"
        + " (a gateway that fails twice in a row is skipped for 5 minutes)");
    assertThat(lines).filteredOn(l -> l.startsWith("request ") && l.contains("served by")).containsExactly(
        "request 1: served by gptimagehub", "request 2: served by gptimagehub", "request 3: served by gptimagehub");
    assertThat(lines).filteredOn(l -> l.startsWith("  passed ")).hasSize(3).satisfies(passed -> {
      assertThat(passed.get(0)).startsWith("  passed icodeeasy: MOVED_ON — HTTP 503, and icodeeasy does not charge a"
          + " call that fails so (NOT_CHARGED_ON_ERROR)");
      assertThat(passed.get(1)).startsWith("  passed icodeeasy: MOVED_ON — HTTP 503");
      assertThat(passed.get(2)).startsWith("  passed icodeeasy: SKIPPED — cooling down after 2 failures in a row");
    });
    assertThat(lines).contains("request 4: ConnectionException from gptimagehub, not moved on");
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("  gptimagehub: STOPPED — the request may have reached"
        + " gptimagehub and been charged"));
    assertThat(lines).anySatisfy(l -> assertThat(l).matches("request 5: submitted as gptimagehub:.+"));
    assertThat(lines).anySatisfy(l -> assertThat(l).matches("  resumed gptimagehub:.+ at gptimagehub: SUCCEEDED"));
    // five logical requests at GPTImageHub (the cut one was done and charged), one charge each; none elsewhere
    assertThat(lines).contains("charges at icodeeasy: 0 (net 0)", "charges at gptimagehub: 5 (net 40)",
        "charges at gptimage2: 0 (net 0)");
    assertPng(output.resolve("failover.png"));
  }
}
