package dev.aigw.examples;

import dev.aigw.core.AiClients;
import dev.aigw.core.error.AigwException;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.routing.Attempt;
import dev.aigw.core.routing.Routed;
import dev.aigw.core.routing.Router;
import dev.aigw.core.routing.Routing;
import dev.aigw.testkit.FakeGateway;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Failover across three image gateways — icodeeasy, then GPTImageHub, then gptimage2.plus — with a
 * router that moves a request on only when the failed attempt certainly did no paid work. Offline
 * (no keys set) the fakes play the gateways and faults are injected: icodeeasy is down (every call
 * answers 503, which icodeeasy does not charge), so the first two requests move on to GPTImageHub
 * and the third skips icodeeasy while it cools down; then GPTImageHub's connection is cut after it
 * accepted a generation, which may have been charged, so the router stops there and says why;
 * last, an operation's id names its gateway, so a new router resumes it. Each gateway's charges
 * are printed at the end: one per logical request. With keys set, the real gateways serve every
 * request and nothing is injected. Run it with:
 *
 * <pre>
 * mvn -B -q -DskipTests -Drun-examples -Dexample=dev.aigw.examples.Failover package
 * </pre>
 */
public final class Failover {
  private Failover() {}

  static final ImageRequest REQUEST = ImageRequest.builder().prompt("A red kite over a green hill").build();
  static final Duration WAIT = Duration.ofMinutes(15);

  /** Runs the failover tour. */
  public static void main(String[] args) {
    Program.run("Failover", Failover::run);
  }

  static void run(Map<String, String> env, Path output, PrintStream out) {
    try (Gateway icodeeasy = Gateway.open("icodeeasy", env, out);
        Gateway hub = Gateway.open("gptimagehub", env, out);
        Gateway gptimage2 = Gateway.open("gptimage2", env, out)) {
      Router router = router(icodeeasy, hub, gptimage2);
      out.println("router: " + String.join(" -> ", router.routes())
          + " (a gateway that fails twice in a row is skipped for 5 minutes)");
      // offline: icodeeasy answers 503 to the three attempts (two retries) of two requests
      icodeeasy.fake(FakeGateway.class).ifPresent(f -> f.faults().failNext(6, 503));

      for (int i = 1; i <= 3; i++) {
        Routed<ImageResult> routed = router.images().generateRouted(REQUEST, WAIT);
        out.println("request " + i + ": served by " + routed.servedBy());
        printPassed(routed.routing(), out);
        if (i == 1) {
          Path file = OutputFiles.saveImage(routed.value().first(), output, "failover");
          out.println("  saved " + file + " (" + OutputFiles.size(file) + ")");
        }
      }

      // offline: GPTImageHub does the work, then the connection is cut before its answer arrives
      hub.fake(FakeGateway.class).ifPresent(f -> f.faults().dropNextConnectionAfterHandling("/api/v1/images/generations"));
      try {
        Routed<Operation<ImageResult>> routed = router.images().submitRouted(REQUEST);
        out.println("request 4: served by " + routed.servedBy());
      } catch (AigwException e) {
        out.println("request 4: " + e.getClass().getSimpleName() + " from " + e.vendor() + ", not moved on");
        Router.routing(e).ifPresent(routing -> routing.attempts().forEach(a -> out.println("  " + line(a))));
      }

      Operation<ImageResult> submitted = router.images().submit(REQUEST);
      out.println("request 5: submitted as " + submitted.id());
      Router restarted = router(icodeeasy, hub, gptimage2); // as a new process would build it
      Operation<ImageResult> resumed = restarted.images().resume(submitted.id());
      resumed.waitForCompletion(WAIT);
      out.println("  resumed " + resumed.id() + " at " + resumed.vendor() + ": " + resumed.status());

      for (Gateway g : List.of(icodeeasy, hub, gptimage2)) {
        out.println("charges at " + g.vendor() + ": " + g.fake(FakeGateway.class)
            .map(f -> f.journal().chargesOnly().size() + " (net " + f.journal().netCharged().toPlainString() + ")")
            .orElse("live: see the gateway's own usage page"));
      }
    }
  }

  /** The router over the three gateways' clients, in order. */
  private static Router router(Gateway... gateways) {
    Router.Builder b = AiClients.router().cooldown(2, Duration.ofMinutes(5));
    for (Gateway g : gateways) {
      b.add(g.client());
    }
    return b.build();
  }

  private static void printPassed(Routing routing, PrintStream out) {
    for (Attempt a : routing.attempts()) {
      if (a.outcome() != Attempt.Outcome.SERVED) {
        out.println("  passed " + line(a));
      }
    }
  }

  private static String line(Attempt a) {
    return a.route() + ": " + a.outcome() + " — " + a.reason();
  }
}
