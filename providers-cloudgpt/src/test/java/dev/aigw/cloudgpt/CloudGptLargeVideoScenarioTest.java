package dev.aigw.cloudgpt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aigw.core.video.GeneratedVideo;
import dev.aigw.core.video.VideoRequest;
import dev.aigw.testkit.FakeCloudGpt;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A 50 MB video from {@link FakeCloudGpt} (an MP4-shaped body the fake generates as it sends it)
 * is received and saved with the heap growing by far less than 50 MB.
 *
 * <p>How it is measured: one small video first takes the same path (so class loading is not
 * counted); then, after {@code System.gc()}, the heap in use is the baseline and every heap pool's
 * peak is reset; a background thread samples {@link MemoryMXBean#getHeapMemoryUsage()} every
 * millisecond while the video is generated (its body spooled to a temporary file) and saved; the
 * growth is the highest sample minus the baseline. Garbage counts too, so the figure is an upper
 * bound on what the client held. Printed beside it: the sum of the heap pools' own peaks (which
 * sampling cannot miss) and the bytes the calling thread allocated in all (the most it could have
 * held). A control then measures the same way around reading the saved file whole into memory,
 * which must show the 50 MB: the measurement can see what it is looking for. JaCoCo instruments
 * only aigw's classes in this module (see its pom), so the figures are the client's, not the
 * coverage tool's.
 */
@Timeout(120)
@ParameterizedClass
@EnumSource(FakeCloudGpt.Mode.class)
class CloudGptLargeVideoScenarioTest {
  /** The documented and the deployed CloudGPT answer a video the same way. */
  @Parameter FakeCloudGpt.Mode mode;

  static final long SIZE = 50L * 1024 * 1024;
  static final long LIMIT = 16L * 1024 * 1024;

  @TempDir Path dir;

  /** What one measured action did to the heap. */
  record Measurement(long sampledGrowth, long poolPeaksGrowth, long allocatedByCaller) {
    @Override
    public String toString() {
      return String.format("heap grew by at most %.1f MB (sampled every ms), heap pool peaks %.1f MB over the"
          + " baseline, calling thread allocated %.1f MB", mb(sampledGrowth), mb(poolPeaksGrowth), mb(allocatedByCaller));
    }
  }

  @FunctionalInterface
  interface Action {
    void run() throws Exception;
  }

  private byte[] held; // the control's bytes, kept reachable while it is measured

  @Test
  void aFiftyMegabyteVideoIsSavedWithoutHoldingItOnTheHeap() throws Exception {
    try (FakeCloudGpt fake = FakeCloudGpt.start(mode);
        CloudGptClient client = CloudGptClient.builder().baseUrl(fake.baseUrl()).apiKey(fake.apiKey()).build()) {
      VideoRequest request = VideoRequest.builder().model("veo").prompt("Ocean waves crashing on a beach").build();
      GeneratedVideo warmUp = client.videos().generate(request).video();
      warmUp.saveTo(dir.resolve("warm-up.mp4"));
      Files.deleteIfExists(warmUp.file());
      fake.videoSize(SIZE);
      Path target = dir.resolve("waves.mp4");
      GeneratedVideo[] video = new GeneratedVideo[1];

      Measurement saving = measure(() -> {
        video[0] = client.videos().generate(request).video();
        video[0].saveTo(target);
      });
      Measurement control = measure(() -> held = Files.readAllBytes(target));
      System.out.printf("[cloudgpt] 50 MB video generated and saved: %s%n", saving);
      System.out.printf("[cloudgpt] control, the saved file read whole into memory: %s%n", control);

      assertThat(Files.size(target)).isEqualTo(SIZE);
      byte[] head = new byte[40];
      try (InputStream in = Files.newInputStream(target)) {
        assertThat(in.readNBytes(head, 0, 40)).isEqualTo(40);
      }
      assertThat(new String(head, 4, 4, StandardCharsets.US_ASCII)).isEqualTo("ftyp");
      assertThat(new String(head, 36, 4, StandardCharsets.US_ASCII)).isEqualTo("mdat");
      assertThat(ByteBuffer.wrap(head).getInt(32)).isEqualTo((int) (SIZE - 32));
      assertThat(video[0].mimeType()).isEqualTo("video/mp4");
      assertThat(saving.sampledGrowth()).as("heap growth while receiving and saving 50 MB").isLessThan(LIMIT);
      assertThat(saving.poolPeaksGrowth()).as("heap pool peaks while receiving and saving 50 MB").isLessThan(LIMIT);
      assertThat(saving.allocatedByCaller()).as("allocated by the caller while receiving and saving 50 MB")
          .isLessThan(LIMIT);
      assertThat(held).hasSize((int) SIZE);
      assertThat(control.sampledGrowth()).as("the control holds 50 MB").isGreaterThanOrEqualTo(SIZE);
      assertThat(control.allocatedByCaller()).isGreaterThanOrEqualTo(SIZE);
      Files.deleteIfExists(video[0].file());
    }
  }

  private static Measurement measure(Action action) throws Exception {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP).toList();
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
    }
    long baseline = memory.getHeapMemoryUsage().getUsed();
    heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
    AtomicLong peak = new AtomicLong(baseline);
    AtomicBoolean running = new AtomicBoolean(true);
    Thread sampler = new Thread(() -> {
      while (running.get()) {
        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(1);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "heap-sampler");
    sampler.setDaemon(true);
    long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
    sampler.start();
    try {
      action.run();
    } finally {
      running.set(false);
      sampler.join();
    }
    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
    long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
    long poolPeaks = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    return new Measurement(peak.get() - baseline, poolPeaks - baseline, allocated);
  }

  private static double mb(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }
}
