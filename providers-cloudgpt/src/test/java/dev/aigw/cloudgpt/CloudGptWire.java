package dev.aigw.cloudgpt;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonReader;
import dev.aigw.core.http.RetryPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okio.Buffer;

/** Shared pieces of the CloudGPT wire tests: the client, fixtures, JSON, binary answers and header checks. */
final class CloudGptWire {
  private CloudGptWire() {}

  static final String KEY = "cgpt_test_key_0123456789";
  static final String USER_AGENT = "aigw-java/0.1.0 cloudgpt";
  /** Millisecond retries, so that tests stay fast. */
  static final RetryPolicy FAST_RETRIES = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(5));

  /** Fast retries, pointed at {@code server}. */
  static CloudGptClient.Builder builder(MockWebServer server) {
    return CloudGptClient.builder()
        .apiKey(KEY)
        .baseUrl(server.url("/").toString())
        .retryPolicy(FAST_RETRIES);
  }

  static CloudGptClient client(MockWebServer server) {
    return builder(server).build();
  }

  /** A fixture copied from CloudGPT's documentation ({@code fixtures/…}). */
  static String fixture(String name) {
    try (InputStream in = CloudGptWire.class.getResourceAsStream("/fixtures/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** JSON text as maps, lists, strings, doubles and booleans (Moshi, independent of the SDK). */
  static Object parse(String json) {
    try {
      return JsonReader.of(new Buffer().writeUtf8(json)).readJsonValue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The request body, parsed. */
  static Object body(RecordedRequest request) {
    return parse(bodyText(request));
  }

  /** The request body as text. */
  static String bodyText(RecordedRequest request) {
    return request.getBody() == null ? "" : request.getBody().utf8();
  }

  /** A JSON answer. */
  static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
  }

  /** A 200 JSON answer. */
  static MockResponse ok(String body) {
    return json(200, body);
  }

  /** A 200 binary answer with {@code contentType} (none when {@code null}). */
  static MockResponse binary(String contentType, byte[] bytes) {
    MockResponse.Builder b = new MockResponse.Builder().code(200).body(new Buffer().write(bytes));
    if (contentType != null) {
      b.setHeader("Content-Type", contentType);
    }
    return b.build();
  }

  /** A server-sent-event answer. */
  static MockResponse sse(String body) {
    return new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").body(body).build();
  }

  /** Auth and User-Agent, as on every keyed CloudGPT call. */
  static void assertCommonHeaders(RecordedRequest request) {
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
    assertThat(request.getHeaders().get("User-Agent")).isEqualTo(USER_AGENT);
    // CloudGPT documents no idempotency header; none is sent.
    assertThat(request.getHeaders().get("Idempotency-Key")).isNull();
  }

  /** A JSON POST: method, exact path (no query), common headers, {@code Content-Type: application/json}. */
  static void assertJsonPost(RecordedRequest request, String path) {
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo(path);
    assertThat(request.getUrl().query()).isNull();
    assertCommonHeaders(request);
    String header = request.getHeaders().get("Content-Type");
    assertThat(header).isNotNull();
    MediaType type = MediaType.parse(header);
    assertThat(type).isNotNull();
    assertThat(type.type() + "/" + type.subtype()).isEqualTo("application/json");
  }

  /** A GET or DELETE: method, exact path, common headers, no body. */
  static void assertBodiless(RecordedRequest request, String method, String path) {
    assertThat(request.getMethod()).isEqualTo(method);
    assertThat(request.getUrl().encodedPath()).isEqualTo(path);
    assertThat(request.getUrl().query()).isNull();
    assertCommonHeaders(request);
    assertThat(request.getBodySize()).isZero();
  }
}
