package dev.aigw.gptimage2;

import dev.aigw.testkit.MockWire;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.squareup.moshi.JsonReader;
import dev.aigw.core.http.RetryPolicy;
import dev.aigw.core.operation.PollingStrategy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okio.Buffer;
import org.slf4j.LoggerFactory;

/** Shared pieces of the gptimage2.plus tests: the client, fixtures, JSON, header checks, log capture. */
final class GptImage2TestWire extends MockWire {
  private GptImage2TestWire() {}

  /** The doc's own example key (인증: {@code Authorization: Bearer gimg_xxxx…}). */
  static final String KEY = "gimg_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
  static final String USER_AGENT = "aigw-java/0.1.0 gptimage2";
  static final Duration WAIT = Duration.ofSeconds(10);

  /** Millisecond retries (Retry-After honoured up to 5 s) and polling. */
  static final RetryPolicy FAST_RETRIES = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(5));
  static final PollingStrategy FAST_POLLING =
      new PollingStrategy(Duration.ofMillis(5), 1.0, Duration.ofMillis(5), 3, Duration.ofSeconds(10));

  /** Fast retries and polling, pointed at {@code server}. */
  static GptImage2Client.Builder builder(MockWebServer server) {
    return builder(server.url("/").toString(), KEY);
  }

  /** Fast retries and polling, pointed at {@code baseUrl} with {@code key}. */
  static GptImage2Client.Builder builder(String baseUrl, String key) {
    return GptImage2Client.builder().apiKey(key).baseUrl(baseUrl).retryPolicy(FAST_RETRIES).polling(FAST_POLLING);
  }

  static GptImage2Client client(MockWebServer server) {
    return builder(server).build();
  }

  /** The documented 202 answer of {@code POST /api/v1/generate}, for generation {@code id}. */
  static MockResponse accepted(String id) {
    return json(202, fixture("generate-202-accepted.json").replace("\"...\"", "\"" + id + "\""));
  }

  /** A poll answer from the fixture {@code generation-<status>.json}, for generation {@code id}. */
  static MockResponse generation(String status, String id) {
    return ok(fixture("generation-" + status + ".json").replace("\"id\": \"...\"", "\"id\": \"" + id + "\""));
  }

  /** Auth and User-Agent, as on every gptimage2.plus API call. */
  static void assertCommonHeaders(RecordedRequest request) {
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
    assertThat(request.getHeaders().get("User-Agent")).isEqualTo(USER_AGENT);
  }

  /**
   * A JSON POST to {@code path}: the common headers, {@code Content-Type: application/json} and an
   * {@code Idempotency-Key}, which it returns.
   */
  static String assertJsonPost(RecordedRequest request, String path) {
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo(path);
    assertThat(request.getUrl().query()).isNull();
    assertCommonHeaders(request);
    MediaType type = MediaType.parse(request.getHeaders().get("Content-Type"));
    assertThat(type).isNotNull();
    assertThat(type.type() + "/" + type.subtype()).isEqualTo("application/json");
    String key = request.getHeaders().get("Idempotency-Key");
    assertThat(key).as("every POST carries an Idempotency-Key").isNotBlank();
    return key;
  }

  /** A generated idempotency key is a UUID. */
  static void assertGeneratedKey(String key) {
    assertThat(UUID.fromString(key).toString()).isEqualTo(key);
  }

  /** A GET of {@code path} with the common headers and no idempotency key. */
  static void assertGet(RecordedRequest request, String path) {
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getUrl().encodedPath()).isEqualTo(path);
    assertCommonHeaders(request);
    assertThat(request.getHeaders().get("Idempotency-Key")).isNull();
    assertThat(request.getBodySize()).isZero();
  }

  /** Captures what the {@code dev.aigw} loggers write while open. */
  static final class LogCapture implements AutoCloseable {
    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.aigw");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    LogCapture() {
      appender.start();
      logger.addAppender(appender);
    }

    /** Every formatted message so far, with the messages of logged exceptions. */
    List<String> lines() {
      List<String> out = new ArrayList<>();
      synchronized (appender) {
        for (ILoggingEvent e : appender.list) {
          out.add(e.getFormattedMessage());
          for (var p = e.getThrowableProxy(); p != null; p = p.getCause()) {
            out.add(p.getMessage());
          }
        }
      }
      return out;
    }

    @Override
    public void close() {
      logger.detachAppender(appender);
      appender.stop();
    }
  }
}
