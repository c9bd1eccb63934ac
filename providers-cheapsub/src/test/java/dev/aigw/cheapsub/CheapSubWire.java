package dev.aigw.cheapsub;

import dev.aigw.testkit.MockWire;
import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonReader;
import dev.aigw.core.http.RetryPolicy;
import dev.aigw.core.operation.PollingStrategy;
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

/** Shared pieces of the CheapSub wire tests: the client, fixtures, JSON and header checks. */
final class CheapSubWire extends MockWire {
  private CheapSubWire() {}

  static final String KEY = "csk_test_key_0123456789";
  static final String USER_AGENT = "aigw-java/0.1.0 cheapsub";

  /** Fast retries and polling, pointed at {@code server}. */
  static CheapSubClient.Builder builder(MockWebServer server) {
    return CheapSubClient.builder()
        .apiKey(KEY)
        .baseUrl(server.url("/").toString())
        .retryPolicy(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(5)))
        .polling(new PollingStrategy(Duration.ofMillis(5), 1.0, Duration.ofMillis(5), 3, Duration.ofSeconds(5)));
  }

  static CheapSubClient client(MockWebServer server) {
    return builder(server).build();
  }

  /** Auth and User-Agent, as on every CheapSub call. */
  static void assertCommonHeaders(RecordedRequest request) {
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
    assertThat(request.getHeaders().get("User-Agent")).isEqualTo(USER_AGENT);
    // CheapSub documents no idempotency header; none is sent.
    assertThat(request.getHeaders().get("Idempotency-Key")).isNull();
  }

  /** A JSON POST: method, exact path (no query), common headers, {@code Content-Type: application/json}. */
  static void assertJsonPost(RecordedRequest request, String path) {
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo(path);
    assertThat(request.getUrl().query()).isNull();
    assertCommonHeaders(request);
    assertJsonContentType(request);
  }

  /** {@code Content-Type} is {@code application/json} (OkHttp adds {@code charset=utf-8}, JSON's own charset). */
  static void assertJsonContentType(RecordedRequest request) {
    String header = request.getHeaders().get("Content-Type");
    assertThat(header).isNotNull();
    MediaType type = MediaType.parse(header);
    assertThat(type).isNotNull();
    assertThat(type.type() + "/" + type.subtype()).isEqualTo("application/json");
    if (type.charset() != null) {
      assertThat(type.charset()).isEqualTo(StandardCharsets.UTF_8);
    }
  }

  /** A GET: method, exact path, common headers, no body. */
  static void assertGet(RecordedRequest request, String path) {
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getUrl().encodedPath()).isEqualTo(path);
    assertCommonHeaders(request);
    assertThat(request.getBodySize()).isZero();
  }
}
