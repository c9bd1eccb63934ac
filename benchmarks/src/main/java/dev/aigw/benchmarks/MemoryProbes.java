package dev.aigw.benchmarks;

import com.squareup.moshi.Json;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import dev.aigw.cheapsub.CheapSubClient;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.media.MediaInput;
import dev.aigw.core.operation.PollingStrategy;
import dev.aigw.icodeeasy.ICodeEasyClient;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import okio.Okio;

/**
 * Peak heap growth of three big transfers, aigw next to the floor, each case in a fresh JVM
 * ({@link #JVM_FLAGS}) against a server in another process (which generates big bodies as it
 * writes them and discards uploads):
 *
 * <ul>
 *   <li>{@code download}: a 100 MiB binary saved to disk. aigw: a CheapSub video task resumed by
 *       id, {@code video().saveTo(…)}; floor: OkHttp's body source written to a file.
 *   <li>{@code dataurl}: a 30 MiB PNG given as a {@code data:image/png;base64,…} URL inside the
 *       task JSON. aigw: a CheapSub image task resumed by id, {@code images().get(0).saveTo(…)};
 *       floor: Moshi reads the JSON (the URL into a String), then Base64 decodes it and the bytes
 *       are written.
 *   <li>{@code upload}: a 50 MiB reference file uploaded as multipart. aigw: icodeeasy {@code
 *       images().submit(…)} with {@code referenceFile(…)}; floor: OkHttp {@link MultipartBody}
 *       with a file-backed {@link RequestBody}.
 *   <li>{@code download1g}, {@code upload1g}: the same with 1 GiB (the upload from a sparse file,
 *       so it costs no disk; the download is written to a temporary file and deleted).
 *   <li>{@code control}: the 100 MiB body read whole into a {@code byte[]}: proves the probe sees
 *       what is held.
 * </ul>
 *
 * <p>How: two {@code System.gc()} calls, then the baseline is the heap in use; every heap pool's
 * peak is reset; a sampler thread reads the heap in use every millisecond while the case runs.
 * Growth = highest sample − baseline. The young generation is fixed small ({@code -Xmn8m}) so that
 * garbage awaiting collection cannot pass for held memory. Also printed: the sum of the pools'
 * peaks − baseline (an upper bound: the pools need not peak together).
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.aigw.benchmarks.MemoryProbes} (all cases), or
 * {@code … MemoryProbes <case> <contender>}.
 */
public final class MemoryProbes {
  private MemoryProbes() {}

  /** The flags of each case's JVM. */
  static final List<String> JVM_FLAGS = List.of("-Xms1g", "-Xmx1g", "-Xmn8m", "-XX:+UseSerialGC");
  static final long VIDEO_BYTES = 100L * 1024 * 1024;
  static final int DATA_URL_BYTES = 30 * 1024 * 1024;
  static final long UPLOAD_BYTES = 50L * 1024 * 1024;
  /** The gigabyte cases' size. */
  static final long GIB = 1024L * 1024 * 1024;
  private static final double MIB = 1024 * 1024;

  /** Runs every case in child JVMs and prints the table, or (with arguments) runs one case. */
  public static void main(String[] args) throws Exception {
    if (args.length == 2) {
      runOne(args[0], args[1]);
      return;
    }
    String[][] cases = {
        {"control", "floor"}, {"download", "floor"}, {"download", "aigw"},
        {"dataurl", "floor"}, {"dataurl", "aigw"}, {"upload", "floor"}, {"upload", "aigw"},
        {"download1g", "floor"}, {"download1g", "aigw"}, {"upload1g", "floor"}, {"upload1g", "aigw"}};
    System.out.println("JVM per case: " + String.join(" ", JVM_FLAGS));
    System.out.printf(Locale.ROOT, "%-11s %-6s %12s %14s %14s%n", "case", "who", "size MiB", "peak growth MiB",
        "pool peaks MiB");
    for (String[] c : cases) {
      for (String line : ChildJvm.run(JVM_FLAGS, MemoryProbes.class, c[0], c[1])) {
        String[] f = line.split(" ");
        System.out.printf(Locale.ROOT, "%-11s %-6s %12s %14s %14s%n", f[1], f[2], f[3], f[4], f[5]);
        System.out.println("RESULT " + line);
      }
    }
  }

  private static void runOne(String what, String who) throws Exception {
    Path dir = Files.createTempDirectory("aigw-memprobe");
    Path upload = dir.resolve("reference.png");
    boolean gig = what.endsWith("1g");
    if (what.equals("upload")) {
      writeReference(upload, UPLOAD_BYTES);
    } else if (what.equals("upload1g")) {
      sparseReference(upload, GIB);
    }
    what = gig ? what.substring(0, what.length() - 2) : what;
    try (ServerProcess server = ServerProcess.start(10, gig ? GIB : VIDEO_BYTES, DATA_URL_BYTES, 0)) {
      String base = server.baseUrl();
      OkHttpClient http = new OkHttpClient();
      CheapSubClient cheapsub = CheapSubClient.builder().apiKey(Contenders.KEY).baseUrl(base)
          .polling(PollingStrategy.fixed(Duration.ofMillis(10), Duration.ofMinutes(2))).build();
      ICodeEasyClient icodeeasy = ICodeEasyClient.builder().apiKey("sk_bench_0000000000000000").baseUrl(base).build();
      Path out = dir.resolve("out.bin");
      Case run = switch (what + "/" + who) {
        case "control/floor" -> () -> {
          try (Response r = http.newCall(new Request.Builder().url(base + "/files/big.mp4").build()).execute()) {
            byte[] all = r.body().bytes();
            return all.length;
          }
        };
        case "download/floor" -> () -> {
          try (Response r = http.newCall(new Request.Builder().url(base + "/files/big.mp4").build()).execute();
              BufferedSink sink = Okio.buffer(Okio.sink(out))) {
            return sink.writeAll(r.body().source());
          }
        };
        case "download/aigw" -> () -> {
          cheapsub.videos().resume("video-big").waitForCompletion().video().saveTo(out);
          return Files.size(out);
        };
        case "dataurl/floor" -> () -> floorDataUrl(http, base, out);
        case "dataurl/aigw" -> () -> {
          cheapsub.images().resume("image-dataurl").waitForCompletion().images().get(0).saveTo(out);
          return Files.size(out);
        };
        case "upload/floor" -> () -> {
          RequestBody form = new MultipartBody.Builder().setType(MultipartBody.FORM)
              .addFormDataPart("model", "gpt-image-2").addFormDataPart("prompt", "A cat")
              .addFormDataPart("image[]", "reference.png", RequestBody.create(upload.toFile(), MediaType.get("image/png")))
              .build();
          Request r = new Request.Builder().url(base + "/v1/images/edits?async=1")
              .header("Authorization", "Bearer sk_bench_0000000000000000").post(form).build();
          try (Response response = http.newCall(r).execute()) {
            if (response.code() != 202) {
              throw new IOException("HTTP " + response.code());
            }
            return Files.size(upload);
          }
        };
        case "upload/aigw" -> () -> {
          icodeeasy.images().submit(ImageRequest.builder().prompt("A cat").referenceFile(upload).build());
          return Files.size(upload);
        };
        default -> throw new IllegalArgumentException("no case " + what + "/" + who);
      };
      Measurement m = measure(run);
      long expected = gig ? GIB : switch (what) {
        case "dataurl" -> DATA_URL_BYTES;
        case "upload" -> UPLOAD_BYTES;
        default -> VIDEO_BYTES;
      };
      if (m.size != expected) {
        throw new IllegalStateException(what + "/" + who + " moved " + m.size + " bytes, expected " + expected);
      }
      if (what.equals("dataurl") && !startsWithPng(out)) {
        throw new IllegalStateException(what + "/" + who + " saved something that is not the PNG sent");
      }
      System.out.printf(Locale.ROOT, "RESULT mem %s %s %.1f %.1f %.1f%n", gig ? what + "1g" : what, who, m.size / MIB,
          m.peakGrowth / MIB, m.poolPeakGrowth / MIB);
      cheapsub.close();
      icodeeasy.close();
    } finally {
      Files.deleteIfExists(dir.resolve("out.bin"));
      Files.deleteIfExists(upload);
      Files.deleteIfExists(dir);
    }
  }

  /** The floor's data URL: Moshi reads the task into records, then the payload is decoded whole. */
  private static long floorDataUrl(OkHttpClient http, String base, Path out) throws IOException {
    try (Response r = http.newCall(new Request.Builder().url(base + "/api/v1/task?task_id=image-dataurl")
        .header("Authorization", "Bearer " + Contenders.KEY).build()).execute()) {
      Task task = TASK.fromJson(r.body().source());
      String url = task.data().result().get(0).image();
      byte[] png = Base64.getDecoder().decode(url.substring(url.indexOf(',') + 1));
      try (OutputStream o = Files.newOutputStream(out)) {
        o.write(png);
      }
      return png.length;
    }
  }

  /** The task answer, as the floor reads it. */
  public record Task(Integer code, String message, TaskData data) {}

  /** Its {@code data}. */
  public record TaskData(@Json(name = "task_id") String taskId, String status, List<TaskImage> result) {}

  /** One result. */
  public record TaskImage(String image) {}

  private static final JsonAdapter<Task> TASK = new Moshi.Builder().build().adapter(Task.class);

  private static boolean startsWithPng(Path file) throws IOException {
    byte[] head = new byte[8];
    try (var in = Files.newInputStream(file)) {
      return in.readNBytes(head, 0, 8) == 8 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G';
    }
  }

  /** A PNG-signed file of {@code size} bytes, written in small pieces. */
  private static void writeReference(Path file, long size) throws IOException {
    try (OutputStream o = Files.newOutputStream(file)) {
      byte[] block = BenchServer.dataUrlChunk(0, 64 * 1024);
      o.write(block, 0, (int) Math.min(block.length, size));
      byte[] rest = BenchServer.dataUrlChunk(8, 64 * 1024);
      for (long written = Math.min(block.length, size); written < size; written += rest.length) {
        o.write(rest, 0, (int) Math.min(rest.length, size - written));
      }
    }
  }

  /**
   * A PNG-signed file of {@code size} bytes that takes no disk: the signature, then a hole (read
   * back as zeros), so a gigabyte upload costs neither disk space nor the time to write it.
   */
  private static void sparseReference(Path file, long size) throws IOException {
    try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(file.toFile(), "rw")) {
      f.write(BenchServer.dataUrlChunk(0, 64));
      f.setLength(size);
    }
  }

  @FunctionalInterface
  private interface Case {
    long run() throws Exception;
  }

  private record Measurement(long size, long peakGrowth, long poolPeakGrowth) {}

  private static Measurement measure(Case run) throws Exception {
    var memory = ManagementFactory.getMemoryMXBean();
    List<MemoryPoolMXBean> pools = new ArrayList<>();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        pools.add(p);
      }
    }
    System.gc();
    System.gc();
    Thread.sleep(100);
    long baseline = memory.getHeapMemoryUsage().getUsed();
    pools.forEach(MemoryPoolMXBean::resetPeakUsage);
    AtomicLong peak = new AtomicLong(baseline);
    AtomicBoolean running = new AtomicBoolean(true);
    Thread sampler = new Thread(() -> {
      while (running.get()) {
        long used = memory.getHeapMemoryUsage().getUsed();
        peak.accumulateAndGet(used, Math::max);
        try {
          Thread.sleep(1);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
    long size;
    try {
      size = run.run();
    } finally {
      peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
      running.set(false);
      sampler.join();
    }
    long poolPeaks = 0;
    for (MemoryPoolMXBean p : pools) {
      poolPeaks += p.getPeakUsage().getUsed();
    }
    return new Measurement(size, peak.get() - baseline, poolPeaks - baseline);
  }
}
