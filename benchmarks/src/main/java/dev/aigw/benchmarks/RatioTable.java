package dev.aigw.benchmarks;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the JMH results ({@code -rf json}) of {@link ChatBenchmarks} as tables of absolute
 * numbers and ratios to the floor (and, for aigw's layers, to the direct aigw call), with
 * allocation per operation.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.aigw.benchmarks.RatioTable jmh-result.json [title]}.
 */
public final class RatioTable {
  private RatioTable() {}

  /** The rows, in order: method suffix → label. */
  static final Map<String, String> ROWS = new LinkedHashMap<>();

  static {
    ROWS.put("Floor", "floor");
    ROWS.put("Aigw", "aigw");
    ROWS.put("AigwCostMeter", "aigw + CostMeter");
    ROWS.put("AigwOtel", "aigw + OpenTelemetry listener (SDK)");
    ROWS.put("AigwRouter", "aigw via router of 3 (first serves)");
    ROWS.put("Openai", "openai-java");
  }

  /** Reads the file and prints the tables. */
  public static void main(String[] args) throws Exception {
    Map<String, double[]> byName = read(args[0]);
    if (args.length > 1) {
      System.out.println(args[1]);
    }
    for (String kind : List.of("latency", "throughput", "stream")) {
      double[] floor = byName.get(kind + "Floor");
      double[] aigw = byName.get(kind + "Aigw");
      if (floor == null) {
        continue;
      }
      String unit = kind.equals("throughput") ? "ops/s" : kind.equals("stream") ? "ms/stream" : "µs/op";
      System.out.printf(Locale.ROOT, "%n%s (%s)%n", kind, unit);
      System.out.printf(Locale.ROOT, "| contender | %s | × floor | × aigw | alloc B/op | alloc × floor |%s%n", unit,
          kind.equals("stream") ? " chunks/s |" : "");
      System.out.printf(Locale.ROOT, "|---|---|---|---|---|---|%s%n", kind.equals("stream") ? "---|" : "");
      for (Map.Entry<String, String> row : ROWS.entrySet()) {
        double[] r = byName.get(kind + row.getKey());
        if (r == null) {
          continue;
        }
        String chunks = kind.equals("stream")
            ? String.format(Locale.ROOT, " %.0f |", ChatBenchmarks.CHUNKS / (r[0] / 1000.0)) : "";
        System.out.printf(Locale.ROOT, "| %s | %.1f | %.2f | %s | %.0f | %.2f |%s%n", row.getValue(), r[0],
            cost(kind, r, floor), aigw == null ? "—" : String.format(Locale.ROOT, "%.2f", cost(kind, r, aigw)), r[1],
            r[1] / floor[1], chunks);
      }
    }
    System.out.println();
    System.out.println("(× floor / × aigw: the cost relative to the floor / to the direct aigw call: time per op ÷ "
        + "theirs, or their throughput ÷ this one's)");
  }

  /** The cost of {@code r} relative to {@code base}: above 1 is slower. */
  static double cost(String kind, double[] r, double[] base) {
    return kind.equals("throughput") ? base[0] / r[0] : r[0] / base[0];
  }

  /** The JMH results in {@code file}: benchmark method name → {score, B/op}. */
  static Map<String, double[]> read(String file) throws IOException {
    JsonAdapter<List<Map<String, Object>>> adapter = new Moshi.Builder().build()
        .adapter(Types.newParameterizedType(List.class, Types.newParameterizedType(Map.class, String.class, Object.class)));
    List<Map<String, Object>> runs = adapter.fromJson(Files.readString(Path.of(file)));
    Map<String, double[]> byName = new LinkedHashMap<>();
    for (Map<String, Object> run : runs) {
      String name = ((String) run.get("benchmark")).replaceAll(".*\\.", "");
      Map<?, ?> primary = (Map<?, ?>) run.get("primaryMetric");
      Map<?, ?> secondary = (Map<?, ?>) run.get("secondaryMetrics");
      Map<?, ?> alloc = secondary == null ? null : (Map<?, ?>) secondary.get("gc.alloc.rate.norm");
      byName.put(name, new double[] {((Number) primary.get("score")).doubleValue(),
          alloc == null ? Double.NaN : ((Number) alloc.get("score")).doubleValue()});
    }
    return byName;
  }
}
