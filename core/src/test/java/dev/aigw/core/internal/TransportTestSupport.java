package dev.aigw.core.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.aigw.core.Secret;
import dev.aigw.core.http.RetryPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Call;
import okhttp3.Dns;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jetbrains.annotations.NotNull;
import org.slf4j.LoggerFactory;

/** Shared fixtures for the transport tests. */
final class TransportTestSupport {
  private TransportTestSupport() {}

  /** The vendor name every test transport uses. */
  static final String VENDOR = "acme";

  /** Two retries with waits of a few milliseconds, Retry-After honoured up to 5 s. */
  static final RetryPolicy FAST =
      new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(5));

  /** A config for {@code server} with the key {@code tk_test_key_123} and {@link #FAST} retries. */
  static TransportConfig config(MockWebServer server) {
    return config(server.url("/"));
  }

  /** A config for {@code baseUrl} with the key {@code tk_test_key_123} and {@link #FAST} retries. */
  static TransportConfig config(HttpUrl baseUrl) {
    return TransportConfig.of(VENDOR, baseUrl, Secret.of("tk_test_key_123")).withRetryPolicy(FAST);
  }

  /** The same config reading time from {@code clock}. */
  static TransportConfig withClock(TransportConfig c, Clock clock) {
    return new TransportConfig(c.vendor(), c.baseUrl(), c.apiKey(), c.retryPolicy(), c.errorMapping(),
        c.idempotencyHeader(), c.requestTimeout(), c.streamIdleTimeout(), c.maxConcurrentRequests(),
        c.httpClient(), clock);
  }

  /** A JSON answer. */
  static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
  }

  /** A port on loopback where nothing listens (it was free a moment ago). */
  static int deadPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** {@code http://127.0.0.1:<dead port>/}. */
  static HttpUrl deadUrl() throws IOException {
    return HttpUrl.get("http://127.0.0.1:" + deadPort() + "/");
  }

  /** An OkHttp client counting the calls it starts (one per attempt) in {@code calls}. */
  static OkHttpClient countingClient(AtomicInteger calls) {
    return SharedResources.httpClient().newBuilder()
        .eventListenerFactory(call -> new EventListener() {
          @Override
          public void callStart(@NotNull Call c) {
            calls.incrementAndGet();
          }
        })
        .build();
  }

  /**
   * An OkHttp client whose DNS fails the first {@code failures} look-ups (an I/O failure before
   * any byte is sent), then resolves every name to {@code server}'s address.
   */
  static OkHttpClient flakyDnsClient(MockWebServer server, int failures) {
    AtomicInteger left = new AtomicInteger(failures);
    InetAddress address = server.getSocketAddress().getAddress();
    Dns dns = host -> {
      if (left.getAndDecrement() > 0) {
        throw new UnknownHostException("simulated DNS failure for " + host);
      }
      return List.of(address);
    };
    return SharedResources.httpClient().newBuilder().dns(dns).build();
  }

  /** {@code http://flaky.test:<server port>/}, for {@link #flakyDnsClient}. */
  static HttpUrl flakyUrl(MockWebServer server) {
    return HttpUrl.get("http://flaky.test:" + server.getPort() + "/");
  }

  /** Captures what the {@code dev.aigw} loggers write while open. */
  static final class LogCapture implements AutoCloseable {
    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.aigw");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    LogCapture() {
      appender.start();
      logger.addAppender(appender);
    }

    /** Every event so far. */
    List<ILoggingEvent> events() {
      synchronized (appender) { // AppenderBase.doAppend locks the appender
        return List.copyOf(appender.list);
      }
    }

    /** The formatted messages at {@code level}. */
    List<String> lines(Level level) {
      return events().stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** Every formatted message. */
    List<String> lines() {
      return events().stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Override
    public void close() {
      logger.detachAppender(appender);
      appender.stop();
    }
  }
}
