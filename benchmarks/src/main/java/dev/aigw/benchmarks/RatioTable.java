package dev.aigw.benchmarks;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the JMH results ({@code -rf json}) of {@link ChatBenchmarks} as tables of absolute
 * numbers and ratios to the floor, with allocation per operation.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.aigw.benchmarks.RatioTable jmh-result.json}.
 */
public final class RatioTable {
  private RatioTable() {}

  /** Reads the file and prints the tables. */
  public static void main(String[] args) throws Exception {
    JsonAdapter<List<Map<String, Object>>> adapter = new Moshi.Builder().build()
        .adapter(Types.newParameterizedType(List.class, Types.newParameterizedType(Map.class, String.class, Object.class)));
    List<Map<String, Object>> runs = adapter.fromJson(Files.readString(Path.of(args[0])));
    Map<String, double[]> byName = new LinkedHashMap<>(); // name -> score, alloc/op
    Map<String, String> units = new LinkedHashMap<>();
    for (Map<String, Object> run : runs) {
      String name = ((String) run.get("benchmark")).replaceAll(".*\\.", "");
      Map<?, ?> primary = (Map<?, ?>) run.get("primaryMetric");
      Map<?, ?> secondary = (Map<?, ?>) run.get("secondaryMetrics");
      Map<?, ?> alloc = secondary == null ? null : (Map<?, ?>) secondary.get("gc.alloc.rate.norm");
      byName.put(name, new double[] {((Number) primary.get("score")).doubleValue(),
          alloc == null ? Double.NaN : ((Number) alloc.get("score")).doubleValue()});
      units.put(name, (String) primary.get("scoreUnit"));
    }
    for (String kind : List.of("latency", "throughput", "stream")) {
      double[] floor = byName.get(kind + "Floor");
      if (floor == null) {
        continue;
      }
      String unit = units.get(kind + "Floor");
      System.out.printf(Locale.ROOT, "%n%s (%s)%n", kind, unit);
      System.out.printf(Locale.ROOT, "| contender | %s | × floor | alloc B/op | alloc × floor |%s%n", unit,
          kind.equals("stream") ? " chunks/s |" : "");
      System.out.printf(Locale.ROOT, "|---|---|---|---|---|%s%n", kind.equals("stream") ? "---|" : "");
      for (String who : List.of("Floor", "Aigw", "AigwCostMeter", "Openai")) {
        double[] r = byName.get(kind + who);
        if (r == null) {
          continue;
        }
        // time per op: higher is worse; throughput: lower is worse. "× floor" is cost relative to the floor.
        double ratio = kind.equals("throughput") ? floor[0] / r[0] : r[0] / floor[0];
        String chunks = kind.equals("stream")
            ? String.format(Locale.ROOT, " %.0f |", ChatBenchmarks.CHUNKS / (r[0] / 1000.0)) : "";
        System.out.printf(Locale.ROOT, "| %s | %.1f | %.2f | %.0f | %.2f |%s%n",
            who.equals("Openai") ? "openai-java" : who.equals("AigwCostMeter") ? "aigw + CostMeter"
                : who.toLowerCase(Locale.ROOT), r[0], ratio, r[1], r[1] / floor[1], chunks);
      }
    }
    System.out.println();
    System.out.println("(× floor is the cost relative to the floor: time per op ÷ floor's, or floor's throughput ÷ this one's)");
  }
}
