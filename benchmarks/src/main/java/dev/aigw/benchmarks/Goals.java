package dev.aigw.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The goals of the second benchmark round (issue 20) as a Markdown table, from the files {@code
 * run.sh} wrote: {@code jmh.json} (JDK 17), {@code jmh25.json} (JDK 25), and the {@code RESULT}
 * lines of {@code operations.txt}, {@code coldstart.txt} and {@code memory.txt}. A goal whose input
 * is missing says so instead of passing.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.aigw.benchmarks.Goals benchmarks/target/results}.
 */
public final class Goals {
  private Goals() {}

  private static final List<String> rows = new ArrayList<>();

  /** Prints the table. */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "benchmarks/target/results");
    Map<String, double[]> jmh17 = jmh(dir.resolve("jmh.json"));
    Map<String, double[]> jmh25 = jmh(dir.resolve("jmh25.json"));
    Map<String, String[]> results = new HashMap<>();
    for (String f : List.of("operations.txt", "coldstart.txt", "memory.txt")) {
      Path p = dir.resolve(f);
      if (Files.exists(p)) {
        for (String line : Files.readAllLines(p)) {
          if (line.startsWith("RESULT ")) {
            String[] w = line.substring(7).split(" ");
            String key = switch (w[0]) {
              case "ops" -> "ops/" + w[1];
              case "cold" -> "cold/" + w[1] + "/" + w[2];
              case "mem" -> "mem/" + w[1] + "/" + w[2];
              default -> line;
            };
            results.put(key, w);
          }
        }
      }
    }

    // 10,000 operations
    String[] floorOps = results.get("ops/floor");
    String[] aigwOps = results.get("ops/aigw");
    String[] aigw1Ops = results.get("ops/aigw1");
    if (aigwOps == null || floorOps == null) {
      missing("10,000 operations: threads, CPU, heap", "operations.txt");
    } else {
      int own = Integer.parseInt(aigwOps[6]);
      int ownWaiting = Integer.parseInt(aigwOps[7]);
      row(aigwOps[2] + " operations waited on with `resultAsync()`: threads added by aigw itself ≤ 2 (OkHttp's"
              + " housekeeping apart)",
          String.format(Locale.ROOT, "%d own from cold (%d by waiting), + %s OkHttp housekeeping; the floor: %s"
                  + " threads of its own%s", own, ownWaiting, aigwOps[8], floorOps[6],
              aigw1Ops == null ? "" : "; with `-Daigw.asyncThreads=1`: " + aigw1Ops[6]),
          own <= 2);
      double cpu = Double.parseDouble(aigwOps[9]) / Double.parseDouble(floorOps[9]);
      row("… CPU while waiting ≤ 1.0× the floor's",
          String.format(Locale.ROOT, "%.2f× (%s ms vs %s ms)", cpu, aigwOps[9], floorOps[9]), cpu <= 1.0);
      row("… heap per pending operation (reported)",
          String.format(Locale.ROOT, "aigw %s B, floor %s B", aigwOps[12], floorOps[12]), null);
    }

    // cold start
    for (String what : List.of("chat", "stream")) {
      String[] floor = results.get("cold/" + what + "/floor");
      String[] aigw = results.get("cold/" + what + "/aigw");
      String[] openai = results.get("cold/" + what + "/openai");
      String goal = "Cold start to the first " + (what.equals("chat") ? "chat answer" : "streamed chunk")
          + ": ≤ 1.1× the floor, ≤ 0.5× openai-java (median)";
      if (floor == null || aigw == null || openai == null) {
        missing(goal, "coldstart.txt");
        continue;
      }
      double f = Double.parseDouble(aigw[3]) / Double.parseDouble(floor[3]);
      double o = Double.parseDouble(aigw[3]) / Double.parseDouble(openai[3]);
      row(goal, String.format(Locale.ROOT, "%.2f× floor, %.2f× openai-java (median %s / %s / %s ms; p90 %s / %s / %s"
              + " ms; CPU %.2f× floor; classes beyond a bare JVM %s / %s / %s; heap %.1f / %.1f / %.1f MiB)", f, o,
              aigw[3], floor[3], openai[3], aigw[4], floor[4], openai[4],
              Double.parseDouble(aigw[7]) / Double.parseDouble(floor[7]), aigw[5], floor[5], openai[5],
              mib(aigw[6]), mib(floor[6]), mib(openai[6])),
          f <= 1.1 && o <= 0.5);
    }

    // gigabyte media
    for (String c : List.of("download1g", "upload1g")) {
      String[] aigw = results.get("mem/" + c + "/aigw");
      String[] floor = results.get("mem/" + c + "/floor");
      String goal = (c.startsWith("download") ? "1 GiB download saved" : "1 GiB file uploaded")
          + ": heap growth ≤ 8 MiB";
      if (aigw == null) {
        missing(goal, "memory.txt");
        continue;
      }
      double g = Double.parseDouble(aigw[4]);
      row(goal, String.format(Locale.ROOT, "%.1f MiB (floor %s MiB)", g, floor == null ? "—" : floor[4]), g <= 8.0);
    }

    // streaming, chat, layers: JDK 17
    ratio("10,000-chunk stream ≤ 1.02× the floor (JDK 17)", jmh17, "streamAigw", "streamFloor", 1.02);
    ratio("Chat, one thread ≤ 1.15× the floor (JDK 17; first round's goal)", jmh17, "latencyAigw", "latencyFloor",
        1.15);
    ratio("Router of three gateways (first serves) ≤ 1.05× the direct call", jmh17, "latencyAigwRouter",
        "latencyAigw", 1.05);
    ratio("`CostMeter` attached ≤ 1.05× the direct call", jmh17, "latencyAigwCostMeter", "latencyAigw", 1.05);
    ratio("OpenTelemetry listener (OTel SDK) attached ≤ 1.05× the direct call", jmh17, "latencyAigwOtel",
        "latencyAigw", 1.05);
    // JDK 25
    ratio("JDK 25: chat, one thread ≤ 1.15× the floor", jmh25, "latencyAigw", "latencyFloor", 1.15);
    ratio("JDK 25: 10,000-chunk stream ≤ 1.02× the floor", jmh25, "streamAigw", "streamFloor", 1.02);

    System.out.println("| goal | measured | met? |");
    System.out.println("|---|---|---|");
    rows.forEach(System.out::println);
  }

  private static double mib(String bytes) {
    return Double.parseDouble(bytes) / (1024.0 * 1024);
  }

  private static void ratio(String goal, Map<String, double[]> jmh, String who, String base, double limit) {
    double[] w = jmh == null ? null : jmh.get(who);
    double[] b = jmh == null ? null : jmh.get(base);
    if (w == null || b == null) {
      missing(goal, "the JMH results (" + who + ", " + base + ")");
      return;
    }
    double r = RatioTable.cost(who.startsWith("throughput") ? "throughput" : "latency", w, b);
    row(goal, String.format(Locale.ROOT, "%.2f× (%.1f vs %.1f; alloc %.2f×)", r, w[0], b[0], w[1] / b[1]), r <= limit);
  }

  private static Map<String, double[]> jmh(Path file) throws IOException {
    return Files.exists(file) ? RatioTable.read(file.toString()) : null;
  }

  private static void missing(String goal, String what) {
    rows.add("| " + goal + " | not measured (no " + what + ") | — |");
  }

  private static void row(String goal, String measured, Boolean met) {
    rows.add("| " + goal + " | " + measured + " | " + (met == null ? "reported" : met ? "met" : "**not met**") + " |");
  }
}
