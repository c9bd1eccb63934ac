package dev.aigw.redis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@link Instance}s in JVMs of their own, on this test's class path (and its JaCoCo agent, so that
 * their coverage counts): their stdout lines are read as they come.
 */
final class Instances {
  private Instances() {}

  /** One running instance. */
  static final class Child implements AutoCloseable {
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> all = new ArrayList<>();

    Child(Process process) {
      this.process = process;
      Thread reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = in.readLine()) != null; ) {
            synchronized (all) {
              all.add(line);
            }
            lines.add(line);
          }
        } catch (IOException ignored) {
          // the process ended
        }
      }, "instance-output");
      reader.setDaemon(true);
      reader.start();
    }

    /** The next line that starts with {@code prefix}, within 90 s (other lines are skipped). */
    String await(String prefix) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (System.nanoTime() < deadline) {
        String line = lines.poll(100, TimeUnit.MILLISECONDS);
        if (line != null && line.startsWith(prefix)) {
          return line;
        }
      }
      throw new AssertionError("no line starting with " + prefix + " within 90 s; the instance said: " + output());
    }

    void send(String line) throws IOException {
      OutputStream in = process.getOutputStream();
      in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      in.flush();
    }

    /** Waits for the instance to exit, and returns its status. */
    int exit() throws InterruptedException {
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("the instance did not exit; it said: " + output());
      }
      return process.exitValue();
    }

    /** Kills it at once, as a crash would. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }

    String output() {
      synchronized (all) {
        return String.join("\n", all);
      }
    }

    @Override
    public void close() {
      process.destroyForcibly();
    }
  }

  /** Starts {@code Instance} with {@code args}. */
  static Child start(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("-javaagent:") && arg.contains("jacoco")) {
        command.add(arg);
      }
    }
    command.add("-Xmx256m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Instance.class.getName());
    command.addAll(List.of(args));
    return new Child(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
  }
}
