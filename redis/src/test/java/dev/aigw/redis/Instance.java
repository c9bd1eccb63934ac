package dev.aigw.redis;

import dev.aigw.core.Secret;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.operation.PollingStrategy;
import dev.aigw.core.shared.ConcurrencyLimiter;
import dev.aigw.core.shared.LimitKey;
import dev.aigw.core.shared.PendingOperation;
import dev.aigw.gptimage2.GptImage2Client;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One instance of an application, run in its own JVM by the tests (see {@link Instances}). It
 * prints what it does on stdout, one line per step, and exits 0 when its work is done.
 *
 * <ul>
 *   <li>{@code load URL PREFIX BASE KEY CALLS}: prints {@code READY}, waits for a line on stdin,
 *       then submits CALLS generations at once on a client sharing the Redis limit; prints {@code
 *       SUBMITTED n} (n: how many succeeded). {@code load-alone} does the same with the limit of its own process only.
 *   <li>{@code hold URL PREFIX LEASE_MS FINGERPRINT}: takes the 5 slots of a limit of 5 and prints
 *       {@code HELD}; then waits to be killed.
 *   <li>{@code submit URL PREFIX BASE KEY CLAIM_MS}: submits one generation (never polls it),
 *       prints {@code SUBMITTED id instance}; then waits to be killed.
 *   <li>{@code takeover URL PREFIX BASE KEY CLAIM_MS ID}: until operation ID is no longer pending,
 *       claims the next claimable one and resumes it to its end; prints {@code RESUMED id images}
 *       for each, then {@code DONE}.
 * </ul>
 */
public final class Instance {
  private Instance() {}

  /**
   * Runs one mode.
   *
   * @param args the mode and its arguments
   * @throws Exception on any failure (the exit status is then not 0)
   */
  public static void main(String[] args) throws Exception {
    String mode = args[0];
    RedisSharedState.Builder shared = RedisSharedState.builder(args[1]).prefix(args[2]);
    switch (mode) {
      case "load" -> load(shared, args[3], args[4], Integer.parseInt(args[5]), true);
      case "load-alone" -> load(shared, args[3], args[4], Integer.parseInt(args[5]), false);
      case "hold" -> hold(shared.leaseTtl(Duration.ofMillis(Long.parseLong(args[3]))), args[4]);
      case "submit" -> submit(shared.claimTtl(Duration.ofMillis(Long.parseLong(args[5]))), args[3], args[4]);
      case "takeover" -> takeover(shared.claimTtl(Duration.ofMillis(Long.parseLong(args[5]))), args[3], args[4],
          args[6]);
      default -> throw new IllegalArgumentException(mode);
    }
    System.exit(0);
  }

  private static ImageRequest lighthouse() {
    return ImageRequest.builder().prompt("A lighthouse at dawn, 35 mm photo").build();
  }

  private static void load(RedisSharedState.Builder shared, String base, String key, int calls, boolean share)
      throws Exception {
    try (RedisSharedState state = shared.build();
        GptImage2Client client = GptImage2Client.builder().baseUrl(base).apiKey(key).sharedState(share ? state : null)
            .polling(PollingStrategy.fixed(Duration.ofHours(1), Duration.ofHours(2))).build()) {
      say("READY");
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      ExecutorService pool = Executors.newFixedThreadPool(calls);
      List<Future<Operation<ImageResult>>> submitted = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        submitted.add(pool.submit(() -> client.images().submit(lighthouse())));
      }
      int ok = 0;
      for (Future<Operation<ImageResult>> f : submitted) {
        try {
          f.get(120, TimeUnit.SECONDS);
          ok++;
        } catch (java.util.concurrent.ExecutionException e) {
          System.err.println("a submission failed: " + e.getCause());
        }
      }
      pool.shutdown();
      say("SUBMITTED " + ok);
    }
  }

  private static void hold(RedisSharedState.Builder shared, String fingerprint) throws Exception {
    RedisSharedState state = shared.build();
    LimitKey key = new LimitKey("gptimage2", "http://127.0.0.1/", fingerprint, 5);
    List<ConcurrencyLimiter.Lease> leases = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      leases.add(state.limiter().acquire(key).get(30, TimeUnit.SECONDS));
    }
    say("HELD " + leases.size());
    Thread.sleep(Long.MAX_VALUE);
  }

  private static void submit(RedisSharedState.Builder shared, String base, String key) throws Exception {
    RedisSharedState state = shared.build();
    GptImage2Client client = GptImage2Client.builder().baseUrl(base).apiKey(Secret.of(key)).sharedState(state)
        .polling(PollingStrategy.fixed(Duration.ofHours(1), Duration.ofHours(2))).build();
    Operation<ImageResult> op = client.images().submit(lighthouse());
    say("SUBMITTED " + op.id() + " " + state.instanceId());
    Thread.sleep(Long.MAX_VALUE);
  }

  private static void takeover(RedisSharedState.Builder shared, String base, String key, String id) throws Exception {
    try (RedisSharedState state = shared.build();
        GptImage2Client client = GptImage2Client.builder().baseUrl(base).apiKey(key).sharedState(state)
            .polling(PollingStrategy.fixed(Duration.ofMillis(100), Duration.ofMinutes(1))).build()) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (state.pendingOperations().find("gptimage2", id).isPresent() && System.nanoTime() < deadline) {
        Optional<PendingOperation> mine = state.claimNext("gptimage2");
        if (mine.isPresent()) {
          ImageResult result = client.images().resume(mine.get().id()).waitForCompletion(Duration.ofMinutes(1));
          say("RESUMED " + mine.get().id() + " " + result.images().size());
        } else {
          Thread.sleep(50);
        }
      }
      say("DONE");
    }
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
