package dev.aigw.redis;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A redis-server for the tests: the one at {@code AIGW_REDIS_URL} ({@code -Daigw.redis.url}), or
 * one started from {@code PATH} on a free loopback port with no persistence, stopped on close.
 */
final class RedisServer implements AutoCloseable {
  private final String url;
  private final Process process;
  private final Path dir;

  private RedisServer(String url, Process process, Path dir) {
    this.url = url;
    this.process = process;
    this.dir = dir;
  }

  /** The configured server, or a new one. */
  static RedisServer shared() throws IOException {
    String configured = System.getProperty("aigw.redis.url");
    if (configured == null || configured.isBlank() || configured.startsWith("${")) {
      configured = System.getenv("AIGW_REDIS_URL");
    }
    if (configured != null && !configured.isBlank()) {
      return new RedisServer(configured.strip(), null, null);
    }
    return start();
  }

  /** A new redis-server of this test's own, from {@code PATH}. */
  static RedisServer start() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Path dir = Files.createTempDirectory("aigw-redis-it");
    Process process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", "no", "--dir", dir.toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("redis.log").toFile())
        .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        new Socket(InetAddress.getLoopbackAddress(), port).close();
        break;
      } catch (IOException notYet) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          process.destroyForcibly();
          throw new IOException("redis-server did not start on port " + port + ": "
              + Files.readString(dir.resolve("redis.log")));
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException(e);
        }
      }
    }
    return new RedisServer("redis://127.0.0.1:" + port, process, dir);
  }

  String url() {
    return url;
  }

  /** Stops the server at once (a crash, as far as clients can tell). */
  void kill() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() throws IOException {
    if (process != null) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }


  static Duration generous() {
    return Duration.ofSeconds(60);
  }
}
