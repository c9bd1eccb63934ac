package dev.aigw.benchmarks;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import dev.aigw.cheapsub.CheapSubClient;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.operation.PollingStrategy;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * 10,000 (by default) CheapSub image operations waited on at once: the threads the client adds and the CPU it
 * spends. Each contender runs in a fresh JVM against a server in another process (so neither its
 * threads nor its CPU count): it submits them one after another, then waits for all of
 * them at once; every task answers {@code processing} three times before {@code success}, and
 * every contender polls every {@value #INTERVAL_MS} ms.
 *
 * <ul>
 *   <li>{@code aigw}: {@code images().submit(…)}, then {@code resultAsync()} on all (aigw's default
 *       shared OkHttp client);
 *   <li>{@code aigw1}: the same with {@code -Daigw.asyncThreads=1} (one HTTP thread for polls);
 *   <li>{@code floor}: a hand-written poller: OkHttp {@code enqueue} and one {@link
 *       ScheduledExecutorService} (a default {@code new OkHttpClient()}).
 * </ul>
 *
 * <p>Threads added: the JVM's peak live thread count during submission and waiting, minus the
 * count before the first request (this includes the three housekeeping threads OkHttp 5 starts on
 * its first calls — connection-pool cleanup, its task runner, Okio's timeout watchdog — which the
 * floor starts too); and, apart, the peak while waiting minus the count once every task was
 * submitted: what waiting on the operations costs. The names of the threads added are printed.
 * Heap per pending operation: the heap in use after a full GC once every wait has begun (none has
 * ended yet), less the heap before the first submission, divided by the operations still pending.
 * CPU: the process's CPU time while waiting, less that full GC's (and while
 * submitting). Usage: {@code java -cp benchmarks.jar dev.aigw.benchmarks.OperationsProbe [count]}.
 */
public final class OperationsProbe {
  private OperationsProbe() {}

  static final int INTERVAL_MS = 250;
  private static final int POLLS_TO_FINISH = 3;

  /** Runs both contenders in child JVMs and prints the table, or (with a contender) runs one. */
  public static void main(String[] args) throws Exception {
    if (args.length >= 2) {
      runOne(args[0], Integer.parseInt(args[1]));
      return;
    }
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    List<String> jvm = List.of("-Xmx512m", "-XX:+UseSerialGC");
    System.out.println("threads: peak live threads - the count before (from cold) or once all were submitted (by"
        + " waiting); own = threads alive at the end that are not OkHttp's housekeeping (TaskRunner, ConnectionPool,"
        + " Okio Watchdog), which are counted apart");
    System.out.printf(Locale.ROOT, "%-6s %6s %7s %11s %10s %9s %13s %12s %11s %13s %8s %12s%n", "who", "ops", "before",
        "added peak", "by waiting", "own added", "own by waiting", "housekeeping", "CPU wait ms", "CPU submit ms",
        "wall ms", "heap B/pending op");
    for (String who : List.of("floor", "aigw", "aigw1")) {
      List<String> flags = new ArrayList<>(jvm);
      if (who.equals("aigw1")) {
        flags.add("-Daigw.asyncThreads=1"); // the documented system property
      }
      for (String line : ChildJvm.run(flags, OperationsProbe.class, who, String.valueOf(count))) {
        String[] f = line.split(" ");
        System.out.printf(Locale.ROOT, "%-6s %6s %7s %11s %10s %9s %13s %12s %11s %13s %8s %12s%n", f[1], f[2], f[3],
            f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11], f[12]);
        System.out.println("RESULT " + line);
      }
    }
  }

  private static void runOne(String who, int count) throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    try (ServerProcess server = ServerProcess.start(10, 1024, 1024, POLLS_TO_FINISH)) {
      Contender c = who.startsWith("aigw") ? new AigwContender(server.baseUrl()) : new FloorContender(server.baseUrl());
      System.gc();
      System.gc();
      long heap0 = memory.getHeapMemoryUsage().getUsed();
      int before = threads.getThreadCount();
      List<String> namesBefore = threadNames();
      threads.resetPeakThreadCount();
      long cpu0 = os.getProcessCpuTime();
      List<String> ids = c.submitAll(count);
      long cpu1 = os.getProcessCpuTime();
      int peakSubmitting = threads.getPeakThreadCount();
      int afterSubmitting = threads.getThreadCount();
      List<String> namesSubmitted = threadNames();
      threads.resetPeakThreadCount();
      long wall = System.nanoTime();
      List<CompletableFuture<String>> all = c.waitAll(ids);
      // every operation is now pending: what the heap holds for them (the GC's CPU is left out below)
      long gcStart = os.getProcessCpuTime();
      System.gc();
      long heapPending = memory.getHeapMemoryUsage().getUsed();
      long gcCpu = os.getProcessCpuTime() - gcStart;
      long pendingAtGc = all.stream().filter(f -> !f.isDone()).count();
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
      long cpu2 = os.getProcessCpuTime();
      wall = System.nanoTime() - wall;
      int peak = Math.max(peakSubmitting, threads.getPeakThreadCount());
      int addedWaiting = threads.getPeakThreadCount() - afterSubmitting;
      List<String> added = minus(threadNames(), namesBefore);
      List<String> addedByWaiting = minus(threadNames(), namesSubmitted);
      System.out.println(who + " threads alive at the end that were not there before the first request: " + added);
      System.out.println(who + " threads alive at the end that were not there once all were submitted: " + addedByWaiting);
      System.out.println(who + " operations still pending when the heap was read: " + pendingAtGc + " of " + count);
      for (CompletableFuture<String> f : all) {
        if (!f.get().contains("/files/img-")) {
          throw new IllegalStateException(who + " got an unexpected result: " + f.get());
        }
      }
      long own = added.stream().filter(n -> !isOkHttpHousekeeping(n)).count();
      long ownWaiting = addedByWaiting.stream().filter(n -> !isOkHttpHousekeeping(n)).count();
      long housekeeping = added.size() - own;
      System.out.printf(Locale.ROOT, "RESULT ops %s %d %d %d %d %d %d %d %d %d %d %d%n", who, count, before,
          peak - before, addedWaiting, own, ownWaiting, housekeeping, (cpu2 - cpu1 - gcCpu) / 1_000_000,
          (cpu1 - cpu0) / 1_000_000, wall / 1_000_000, (heapPending - heap0) / Math.max(1, pendingAtGc));
      c.close();
    }
  }

  /** OkHttp 5's (and Okio's) own housekeeping threads, which any OkHttp client starts. */
  static boolean isOkHttpHousekeeping(String name) {
    return name.equals("OkHttp TaskRunner") || name.startsWith("OkHttp ConnectionPool") || name.equals("Okio Watchdog");
  }

  /** The names of the live threads, one entry per thread (several may share a name). */
  private static List<String> threadNames() {
    List<String> names = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      names.add(t.getName());
    }
    java.util.Collections.sort(names);
    return names;
  }

  /** {@code a} without one occurrence of each name in {@code b}. */
  private static List<String> minus(List<String> a, List<String> b) {
    List<String> rest = new ArrayList<>(a);
    for (String n : b) {
      rest.remove(n);
    }
    return rest;
  }

  private interface Contender extends AutoCloseable {
    List<String> submitAll(int count) throws IOException;

    List<CompletableFuture<String>> waitAll(List<String> ids);

    @Override
    void close();
  }

  /** aigw's own way: submit, then {@code resultAsync()}. */
  private static final class AigwContender implements Contender {
    private final CheapSubClient client;
    private final List<Operation<ImageResult>> operations = new ArrayList<>();

    AigwContender(String baseUrl) {
      client = CheapSubClient.builder().apiKey(Contenders.KEY).baseUrl(baseUrl)
          .polling(PollingStrategy.fixed(Duration.ofMillis(INTERVAL_MS), Duration.ofMinutes(5))).build();
    }

    @Override
    public List<String> submitAll(int count) {
      List<String> ids = new ArrayList<>();
      ImageRequest request = ImageRequest.builder().model("nano-banana-2").prompt("A cat on a windowsill").build();
      for (int i = 0; i < count; i++) {
        Operation<ImageResult> op = client.images().submit(request);
        operations.add(op);
        ids.add(op.id());
      }
      return ids;
    }

    @Override
    public List<CompletableFuture<String>> waitAll(List<String> ids) {
      List<CompletableFuture<String>> all = new ArrayList<>();
      for (Operation<ImageResult> op : operations) {
        all.add(op.resultAsync().thenApply(r -> r.images().get(0).url()));
      }
      return all;
    }

    @Override
    public void close() {
      client.close();
    }
  }

  /** By hand: OkHttp {@code enqueue} and one scheduler thread. */
  private static final class FloorContender implements Contender {
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final Moshi MOSHI = new Moshi.Builder().build();
    private static final JsonAdapter<Map<String, Object>> MAP =
        MOSHI.adapter(com.squareup.moshi.Types.newParameterizedType(Map.class, String.class, Object.class));

    private final OkHttpClient http = new OkHttpClient();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "floor-poller");
      t.setDaemon(true);
      return t;
    });
    private final String baseUrl;

    FloorContender(String baseUrl) {
      this.baseUrl = baseUrl;
    }

    @Override
    public List<String> submitAll(int count) throws IOException {
      List<String> ids = new ArrayList<>();
      String body = "{\"model\":\"nano-banana-2\",\"prompt\":\"A cat on a windowsill\"}";
      for (int i = 0; i < count; i++) {
        Request r = new Request.Builder().url(baseUrl + "/api/v1/image")
            .header("Authorization", "Bearer " + Contenders.KEY).post(RequestBody.create(body, JSON)).build();
        try (Response response = http.newCall(r).execute()) {
          Map<String, Object> answer = MAP.fromJson(response.body().source());
          ids.add((String) ((Map<?, ?>) answer.get("data")).get("task_id"));
        }
      }
      return ids;
    }

    @Override
    public List<CompletableFuture<String>> waitAll(List<String> ids) {
      List<CompletableFuture<String>> all = new ArrayList<>();
      for (String id : ids) {
        CompletableFuture<String> f = new CompletableFuture<>();
        schedule(id, f);
        all.add(f);
      }
      return all;
    }

    private void schedule(String id, CompletableFuture<String> result) {
      scheduler.schedule(() -> poll(id, result), INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    private void poll(String id, CompletableFuture<String> result) {
      Request r = new Request.Builder().url(baseUrl + "/api/v1/task?task_id=" + id)
          .header("Authorization", "Bearer " + Contenders.KEY).build();
      http.newCall(r).enqueue(new Callback() {
        @Override
        public void onFailure(Call call, IOException e) {
          result.completeExceptionally(e);
        }

        @Override
        public void onResponse(Call call, Response response) {
          try (response) {
            Map<?, ?> data = (Map<?, ?>) MAP.fromJson(response.body().source()).get("data");
            if ("success".equals(data.get("status"))) {
              Map<?, ?> first = (Map<?, ?>) ((List<?>) data.get("result")).get(0);
              result.complete((String) first.get("image"));
            } else {
              schedule(id, result);
            }
          } catch (IOException | RuntimeException e) {
            result.completeExceptionally(e);
          }
        }
      });
    }

    @Override
    public void close() {
      scheduler.shutdownNow();
      http.dispatcher().executorService().shutdown();
    }
  }
}
