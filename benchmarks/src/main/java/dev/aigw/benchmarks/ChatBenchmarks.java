package dev.aigw.benchmarks;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Non-streaming and streaming chat through the three contenders against one server process, and
 * aigw once more with a {@code CostMeter} listening ({@code …AigwCostMeter}: what listeners cost),
 * behind a failover router of three gateways ({@code latencyAigwRouter}) and with the
 * OpenTelemetry listener feeding the OpenTelemetry SDK ({@code latencyAigwOtel}, see {@link Otel}).
 * Without a listener aigw builds no events at all.
 * {@code latency*}: one thread, average time per call. {@code throughput*}: 16 threads, calls per
 * second. {@code stream*}: one 10,000-chunk stream read to its end per operation.
 */
public class ChatBenchmarks {
  /** Chunks per streamed answer. */
  public static final int CHUNKS = 10_000;

  /** The server process and the contenders, shared by every thread of a trial. */
  @State(Scope.Benchmark)
  public static class World {
    ServerProcess server;
    Contenders c;

    /** Starts the server and checks every contender once. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
      server = ServerProcess.start(CHUNKS);
      c = new Contenders(server.baseUrl());
      c.verify(CHUNKS);
    }

    /** Stops both. */
    @TearDown(Level.Trial)
    public void tearDown() {
      c.close();
      server.close();
    }
  }

  /** aigw, one thread. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public String latencyAigw(World w) {
    return w.c.aigwChat();
  }

  /** aigw with a CostMeter listening, one thread. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public String latencyAigwCostMeter(World w) {
    return w.c.aigwMeteredChat();
  }

  /** aigw through a failover router of three gateways (the first one serves), one thread. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public String latencyAigwRouter(World w) {
    return w.c.routerChat();
  }

  /** aigw with the OpenTelemetry listener (to the OpenTelemetry SDK), one thread. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public String latencyAigwOtel(World w) {
    return w.c.aigwOtelChat();
  }

  /** The floor, one thread. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public String latencyFloor(World w) throws IOException {
    return w.c.floorChat();
  }

  /** openai-java, one thread. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public String latencyOpenai(World w) {
    return w.c.openaiChat();
  }

  /** aigw, 16 threads. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @org.openjdk.jmh.annotations.Threads(16)
  public String throughputAigw(World w) {
    return w.c.aigwChat();
  }

  /** aigw with a CostMeter listening, 16 threads. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @org.openjdk.jmh.annotations.Threads(16)
  public String throughputAigwCostMeter(World w) {
    return w.c.aigwMeteredChat();
  }

  /** The floor, 16 threads. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @org.openjdk.jmh.annotations.Threads(16)
  public String throughputFloor(World w) throws IOException {
    return w.c.floorChat();
  }

  /** openai-java, 16 threads. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @org.openjdk.jmh.annotations.Threads(16)
  public String throughputOpenai(World w) {
    return w.c.openaiChat();
  }

  /** aigw: a 10,000-chunk stream. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public int streamAigw(World w, Blackhole bh) {
    return w.c.aigwStream(bh::consume, null);
  }

  /** aigw with a CostMeter listening: a 10,000-chunk stream. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public int streamAigwCostMeter(World w, Blackhole bh) {
    return w.c.aigwMeteredStream(bh::consume, null);
  }

  /** The floor: a 10,000-chunk stream. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public int streamFloor(World w, Blackhole bh) throws IOException {
    return w.c.floorStream(bh::consume, null);
  }

  /** openai-java: a 10,000-chunk stream. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public int streamOpenai(World w, Blackhole bh) {
    return w.c.openaiStream(bh::consume, null);
  }
}
