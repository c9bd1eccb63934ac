package dev.aigw.icodeeasy;

import dev.aigw.testkit.MockWire;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.squareup.moshi.JsonReader;
import dev.aigw.core.http.RetryPolicy;
import dev.aigw.core.operation.PollingStrategy;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okio.Buffer;
import org.slf4j.LoggerFactory;

/** Shared pieces of the icodeeasy tests: the client, fixtures, JSON, multipart, headers and logs. */
final class ICodeEasyWire extends MockWire {
  private ICodeEasyWire() {}

  static final String KEY = "sk_test_key_0123456789abcdef";
  static final String USER_AGENT = "aigw-java/0.1.0 icodeeasy";
  static final Duration WAIT = Duration.ofSeconds(5);

  /** Fast retries and polling, pointed at {@code server}. */
  static ICodeEasyClient.Builder builder(MockWebServer server) {
    return ICodeEasyClient.builder()
        .apiKey(KEY)
        .baseUrl(server.url("/").toString())
        .retryPolicy(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(5)))
        .polling(new PollingStrategy(Duration.ofMillis(5), 1.0, Duration.ofMillis(5), 3, Duration.ofSeconds(5)));
  }

  static ICodeEasyClient client(MockWebServer server) {
    return builder(server).build();
  }

  /** An icodeeasy error answer: {@code {error:{type, message, provider}}}. */
  static MockResponse error(int code, String type, String message) {
    return json(code, "{\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message
        + "\",\"provider\":\"icodeeasy.cc\"}}");
  }

  /** Auth and User-Agent, as on every icodeeasy call; no idempotency header (none is documented). */
  static void assertCommonHeaders(RecordedRequest request) {
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
    assertThat(request.getHeaders().get("User-Agent")).isEqualTo(USER_AGENT);
    assertThat(request.getHeaders().get("Idempotency-Key")).isNull();
  }

  /** A POST: method, exact path and query, common headers, and the content type's type/subtype. */
  static void assertPost(RecordedRequest request, String path, String query, String mediaType) {
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo(path);
    assertThat(request.getUrl().query()).isEqualTo(query);
    assertCommonHeaders(request);
    MediaType type = MediaType.parse(request.getHeaders().get("Content-Type"));
    assertThat(type).isNotNull();
    assertThat(type.type() + "/" + type.subtype()).isEqualTo(mediaType);
  }

  /** A GET: method, exact path, common headers, no body. */
  static void assertGet(RecordedRequest request, String path) {
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getUrl().encodedPath()).isEqualTo(path);
    assertThat(request.getUrl().query()).isNull();
    assertCommonHeaders(request);
    assertThat(request.getBodySize()).isZero();
  }

  /**
   * One part of a multipart body.
   *
   * @param name the field name
   * @param filename the file name, for file parts
   * @param contentType the part's content type, or {@code null}
   * @param bytes the content
   */
  record FormPart(String name, String filename, String contentType, byte[] bytes) {
    String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private static final Pattern DISPOSITION = Pattern.compile("form-data; name=\"([^\"]*)\"(?:; filename=\"([^\"]*)\")?");

  /** The parts of a {@code multipart/form-data} request, in order, read with OkHttp's own reader. */
  static List<FormPart> parts(RecordedRequest request) throws IOException {
    MediaType type = MediaType.parse(request.getHeaders().get("Content-Type"));
    assertThat(type.subtype()).isEqualTo("form-data");
    List<FormPart> parts = new ArrayList<>();
    try (MultipartReader reader = new MultipartReader(new Buffer().write(request.getBody().toByteArray()),
        type.parameter("boundary"))) {
      for (MultipartReader.Part part = reader.nextPart(); part != null; part = reader.nextPart()) {
        Matcher m = DISPOSITION.matcher(part.headers().get("Content-Disposition"));
        assertThat(m.matches()).as(part.headers().get("Content-Disposition")).isTrue();
        parts.add(new FormPart(m.group(1), m.group(2), part.headers().get("Content-Type"), part.body().readByteArray()));
      }
    }
    return parts;
  }

  /** A small real PNG. */
  static byte[] png(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    image.setRGB(0, 0, 0xFF0000);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Captures every log line (all loggers) while open. */
  static final class LogCapture implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    LogCapture() {
      appender.start();
      root.addAppender(appender);
    }

    /** Every formatted message so far, with the text of any attached exception. */
    List<String> lines() {
      synchronized (appender) {
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent e : appender.list) {
          lines.add(e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage()));
        }
        return lines;
      }
    }

    @Override
    public void close() {
      root.detachAppender(appender);
      appender.stop();
    }
  }
}
