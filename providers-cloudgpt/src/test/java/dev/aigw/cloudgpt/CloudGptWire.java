package dev.aigw.cloudgpt;

import dev.aigw.testkit.MockWire;
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
final class CloudGptWire extends MockWire {
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

  /** A 200 binary answer with {@code contentType} (none when {@code null}). */
  static MockResponse binary(String contentType, byte[] bytes) {
    MockResponse.Builder b = new MockResponse.Builder().code(200).body(new Buffer().write(bytes));
    if (contentType != null) {
      b.setHeader("Content-Type", contentType);
    }
    return b.build();
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
