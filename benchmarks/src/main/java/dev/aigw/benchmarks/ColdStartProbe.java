package dev.aigw.benchmarks;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.aigw.cheapsub.CheapSubClient;
import dev.aigw.core.chat.ChatChunk;
import dev.aigw.core.chat.ChatRequest;
import dev.aigw.core.chat.ChatStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.OkHttpClient;

/**
 * Cold start: a fresh JVM per run, from the parent's {@code ProcessBuilder.start()} to the child's
 * first chat answer (or first streamed chunk) against a server in another process, for the floor,
 * aigw and openai-java, alternating, {@code runs} times each. Each child builds its client and
 * makes exactly one call, the way a CLI, a serverless function or a test would; then it reports the
 * classes it has loaded and the heap it holds after the call.
 *
 * <p>Time: the parent's {@code System.nanoTime()} from just before the start of the child to the
 * moment it reads the child's first line, which the child prints right after the answer (or the
 * first chunk), before it touches any management bean. A child of contender {@code none} prints
 * at once: the bare JVM's start, which every contender pays.
 *
 * <p>Classes: {@code ClassLoadingMXBean.getTotalLoadedClassCount()} read after the call, minus what
 * {@code none} reads at the same point (so the management classes the reading itself loads, and
 * the JVM's own, cancel out). CPU: the child's process CPU time read at the same point, minus
 * {@code none}'s (less disturbed by other load on the machine than the wall time). Heap: used heap after {@code System.gc()} once the call is done
 * (what the client keeps), minus {@code none}'s.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.aigw.benchmarks.ColdStartProbe [runs]}; one child:
 * {@code … ColdStartProbe child <floor|aigw|openai|none> <chat|stream> <baseUrl>}.
 */
public final class ColdStartProbe {
  private ColdStartProbe() {}

  /** The flags of every child JVM (the JVM's defaults otherwise). */
  static final List<String> JVM_FLAGS = List.of("-Xmx256m");
  private static final List<String> WHO = List.of("floor", "aigw", "openai");

  /** Runs every contender in fresh JVMs and prints the table, or (with {@code child}) is one run. */
  public static void main(String[] args) throws Exception {
    if (args.length == 4 && args[0].equals("child")) {
      child(args[1], args[2], args[3]);
      return;
    }
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    try (ServerProcess server = ServerProcess.start(10)) {
      // one unmeasured round, so the server process and the file cache are warm for everyone
      for (String who : WHO) {
        runChild(who, "chat", server.baseUrl());
        runChild(who, "stream", server.baseUrl());
      }
      Map<String, List<double[]>> samples = new LinkedHashMap<>();
      for (int i = 0; i < runs; i++) {
        for (String what : List.of("chat", "stream")) {
          List<String> order = new ArrayList<>(List.of("none", "floor", "aigw", "openai"));
          java.util.Collections.rotate(order, i); // nobody always goes first
          for (String who : order) {
            samples.computeIfAbsent(who + "/" + what, k -> new ArrayList<>()).add(runChild(who, what, server.baseUrl()));
          }
        }
      }
      print(runs, samples);
    }
  }

  private static void print(int runs, Map<String, List<double[]>> samples) {
    List<String> results = new ArrayList<>();
    System.out.printf(Locale.ROOT, "Cold start: %d fresh JVMs per contender and call (JVM flags: %s)%n", runs,
        String.join(" ", JVM_FLAGS));
    System.out.println("time = from ProcessBuilder.start() to the first answer / first chunk, as the parent sees it");
    for (String what : List.of("chat", "stream")) {
      double[] none = stats(samples.get("none/" + what));
      double[] floor = stats(samples.get("floor/" + what));
      double[] openai = stats(samples.get("openai/" + what));
      System.out.printf(Locale.ROOT, "%n%s (bare JVM start, no client: median %.1f ms, p90 %.1f ms, %.0f classes)%n",
          what.equals("chat") ? "to the first chat answer" : "to the first streamed chunk", none[0], none[1], none[2]);
      System.out.println("| contender | median ms | p90 ms | × floor (median) | × openai-java (median) "
          + "| CPU ms beyond a bare JVM (median) | CPU × floor | classes loaded beyond a bare JVM "
          + "| heap after the call, MiB beyond a bare JVM |");
      System.out.println("|---|---|---|---|---|---|---|---|---|");
      for (String who : WHO) {
        double[] s = stats(samples.get(who + "/" + what));
        System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.2f | %.2f | %.0f | %.2f | %.0f | %.1f |%n",
            who.equals("openai") ? "openai-java" : who, s[0], s[1], s[0] / floor[0], s[0] / openai[0], s[4] - none[4],
            (s[4] - none[4]) / (floor[4] - none[4]), s[2] - none[2], (s[3] - none[3]) / (1024.0 * 1024));
        results.add(String.format(Locale.ROOT, "RESULT cold %s %s %.2f %.2f %.0f %.0f %.1f", what, who, s[0], s[1],
            s[2] - none[2], s[3] - none[3], s[4] - none[4]));
      }
    }
    System.out.println();
    System.out.println("CPU = the child's process CPU time (all its threads, JIT included) when the answer was in,"
        + " less a bare JVM's: steadier than wall time on a busy machine.");
    results.forEach(System.out::println);
  }

  /** median ms, p90 ms, median classes, median heap bytes, median CPU ms. */
  private static double[] stats(List<double[]> runs) {
    return new double[] {percentile(runs, 0, 50), percentile(runs, 0, 90), percentile(runs, 1, 50),
        percentile(runs, 2, 50), percentile(runs, 3, 50)};
  }

  private static double percentile(List<double[]> runs, int field, int p) {
    double[] v = runs.stream().mapToDouble(r -> r[field]).sorted().toArray();
    int at = (int) Math.ceil(p / 100.0 * v.length) - 1;
    return v[Math.max(0, Math.min(v.length - 1, at))];
  }

  /** One child: {ms to first line, classes, heap bytes}. */
  private static double[] runChild(String who, String what, String baseUrl) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_FLAGS);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ColdStartProbe.class.getName());
    command.addAll(List.of("child", who, what, baseUrl));
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    long t0 = System.nanoTime();
    Process p = pb.start();
    double ms;
    String stats;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String first = out.readLine();
      ms = (System.nanoTime() - t0) / 1e6;
      if (!"ANSWERED".equals(first)) {
        throw new IOException(who + "/" + what + " said " + first);
      }
      stats = out.readLine();
    }
    if (p.waitFor() != 0 || stats == null) {
      throw new IOException(who + "/" + what + " exited with " + p.exitValue());
    }
    String[] f = stats.split(" ");
    return new double[] {ms, Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]) / 1e6};
  }

  private static void child(String who, String what, String baseUrl) throws Exception {
    boolean stream = what.equals("stream");
    String got = switch (who) {
      case "none" -> stream ? BenchServer.CHUNK_TEXT : BenchServer.REPLY;
      case "floor" -> FloorCold.run(baseUrl, stream);
      case "aigw" -> AigwCold.run(baseUrl, stream);
      case "openai" -> OpenaiCold.run(baseUrl, stream);
      default -> throw new IllegalArgumentException(who);
    };
    if (!got.equals(stream ? BenchServer.CHUNK_TEXT : BenchServer.REPLY)) {
      throw new IllegalStateException(who + " got " + got);
    }
    System.out.println("ANSWERED");
    System.out.flush();
    long classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
    long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
    System.gc();
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    System.out.println(classes + " " + heap + " " + cpu);
    System.out.flush();
    System.exit(0); // clients' non-daemon threads (openai-java's) would keep the JVM alive
  }

  /** The floor in a cold JVM (its own class, so other contenders' classes are never touched). */
  private static final class FloorCold {
    static String run(String baseUrl, boolean stream) throws IOException {
      Floor floor = new Floor(new OkHttpClient(), baseUrl, Contenders.KEY);
      if (!stream) {
        return floor.chat();
      }
      String[] first = new String[1];
      floor.stream(s -> first[0] = first[0] == null ? s : first[0], null); // 10 chunks: the rest is noise
      return first[0];
    }
  }

  /** aigw in a cold JVM: the builder with its defaults (the shared HTTP client). */
  private static final class AigwCold {
    static String run(String baseUrl, boolean stream) {
      CheapSubClient client = CheapSubClient.builder().apiKey(Contenders.KEY).baseUrl(baseUrl).build();
      ChatRequest request = ChatRequest.builder().model(Contenders.MODEL).system(Contenders.SYSTEM)
          .user(Contenders.USER).build();
      if (!stream) {
        return client.chat().create(request).text();
      }
      try (ChatStream s = client.chat().stream(request)) {
        Iterator<ChatChunk> it = s.iterator();
        return it.next().text();
      }
    }
  }

  /** openai-java in a cold JVM. */
  private static final class OpenaiCold {
    static String run(String baseUrl, boolean stream) {
      OpenAIClient client = OpenAIOkHttpClient.builder().apiKey(Contenders.KEY).baseUrl(baseUrl + "/api/v1").build();
      ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model(Contenders.MODEL)
          .addSystemMessage(Contenders.SYSTEM).addUserMessage(Contenders.USER).build();
      if (!stream) {
        return client.chat().completions().create(params).choices().get(0).message().content().orElse(null);
      }
      try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(params)) {
        return s.stream().iterator().next().choices().get(0).delta().content().orElse("");
      }
    }
  }
}
