package dev.aigw.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link BenchServer} in a child JVM, so that its threads, CPU and allocations stay out of what
 * the benchmark process measures. The child runs from the same class path and ends when this
 * process closes it (or exits: its standard input closes).
 */
public final class ServerProcess implements AutoCloseable {
  private final Process process;
  private final String baseUrl;

  private ServerProcess(Process process, String baseUrl) {
    this.process = process;
    this.baseUrl = baseUrl;
  }

  /**
   * Starts a server.
   *
   * @param args {@link BenchServer#main} arguments
   */
  public static ServerProcess start(Object... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-XX:+UseSerialGC");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(BenchServer.class.getName());
    for (Object a : args) {
      command.add(String.valueOf(a));
    }
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null || !line.startsWith("port=")) {
      p.destroyForcibly();
      throw new IOException("the server process did not start (said: " + line + ")");
    }
    return new ServerProcess(p, "http://127.0.0.1:" + Integer.parseInt(line.substring(5).strip()));
  }

  /** {@code http://127.0.0.1:port}. */
  public String baseUrl() {
    return baseUrl;
  }

  @Override
  public void close() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
