package dev.aigw.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/**
 * The delay from the server flushing a stream's first chunk to the caller holding it, per
 * contender. The server runs in this JVM, so both ends read the same {@code System.nanoTime()}:
 * the server notes it right after flushing the first chunk, the caller as soon as its first chunk
 * is decoded. Each contender runs {@code warmup} streams, then {@code runs} measured ones
 * (alternating contenders, so drift in machine load hits all alike).
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.aigw.benchmarks.FirstChunkProbe [runs [warmup]]}.
 */
public final class FirstChunkProbe {
  private FirstChunkProbe() {}

  private interface Streamer {
    int stream(Runnable first) throws Exception;
  }

  /** Runs the probe and prints the table. */
  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int chunks = 20;
    try (BenchServer server = new BenchServer(chunks, 1024, 1024, 0).start();
        Contenders c = new Contenders(server.baseUrl())) {
      c.verify(chunks);
      String[] names = {"floor", "aigw", "openai-java"};
      Streamer[] streamers = {
          first -> c.floorStream(s -> { }, first),
          first -> c.aigwStream(s -> { }, first),
          first -> c.openaiStream(s -> { }, first)};
      long[][] delays = new long[names.length][runs];
      long[] arrived = new long[1];
      Runnable mark = () -> arrived[0] = System.nanoTime();
      for (int i = 0; i < warmup + runs; i++) {
        for (int k = 0; k < names.length; k++) {
          int n = streamers[k].stream(mark);
          if (n != chunks) {
            throw new IllegalStateException(names[k] + " read " + n + " chunks, expected " + chunks);
          }
          long flushed = server.takeFirstChunkFlushed();
          if (i >= warmup) {
            delays[k][i - warmup] = arrived[0] - flushed;
          }
        }
      }
      double floorMedian = 0;
      System.out.printf(Locale.ROOT, "%-12s %10s %10s %10s %14s%n", "contender", "median µs", "p90 µs", "p99 µs",
          "median - floor");
      for (int k = 0; k < names.length; k++) {
        long[] d = delays[k];
        Arrays.sort(d);
        double median = d[d.length / 2] / 1000.0;
        if (k == 0) {
          floorMedian = median;
        }
        System.out.printf(Locale.ROOT, "%-12s %10.1f %10.1f %10.1f %+14.1f%n", names[k], median,
            d[(int) (d.length * 0.90)] / 1000.0, d[(int) (d.length * 0.99)] / 1000.0, median - floorMedian);
        System.out.printf(Locale.ROOT, "RESULT firstchunk %s %.1f %.1f %.1f%n", names[k], median,
            d[(int) (d.length * 0.90)] / 1000.0, d[(int) (d.length * 0.99)] / 1000.0);
      }
      System.out.printf(Locale.ROOT, "(%d streams per contender after %d warm-up streams; negative: the caller "
          + "had the chunk before the server's flush() returned)%n", runs, warmup);
    }
  }
}
