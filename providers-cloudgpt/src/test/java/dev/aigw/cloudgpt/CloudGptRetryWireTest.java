package dev.aigw.cloudgpt;

import dev.aigw.testkit.FailingConnects;
import static dev.aigw.cloudgpt.CloudGptWire.binary;
import static dev.aigw.cloudgpt.CloudGptWire.bodyText;
import static dev.aigw.cloudgpt.CloudGptWire.fixture;
import static dev.aigw.cloudgpt.CloudGptWire.json;
import static dev.aigw.cloudgpt.CloudGptWire.ok;
import static dev.aigw.cloudgpt.CloudGptWire.sse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.aigw.core.error.ApiException;
import dev.aigw.core.error.ConnectionException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.net.SocketFactory;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.Dns;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Retry safety, DESIGN.md's CloudGPT row: chat, image and video POSTs are paid with nothing
 * protecting a repeat, and a repeated key creation would make two keys — all {@code UNPROTECTED},
 * retried only after a 429 or a connection that failed before the request was sent. Reads and
 * {@code DELETE /api/keys/:id} are idempotent and retried freely.
 */
class CloudGptRetryWireTest {
  @StartStop final MockWebServer server = new MockWebServer();

  /** The four unprotected POSTs, each with its success answer and what the caller sees. */
  enum UnprotectedPost {
    CHAT("/api/chat", ok(fixture("chat-response.json")), c -> c.chat().create(CloudGptChatWireTest.curlExample()).id()),
    IMAGE("/api/image", binary("image/png", CloudGptImagesWireTest.PNG),
        c -> c.images().generate(CloudGptImagesWireTest.requestBodyExample()).first().mimeType()),
    VIDEO("/api/video", binary("video/mp4", CloudGptVideosWireTest.MP4),
        c -> c.videos().generate(CloudGptVideosWireTest.requestBodyExample()).video().mimeType()),
    KEY_CREATE("/api/keys", ok(fixture("keys-create-response.json")), c -> c.keys().create("My Production Key").id());

    final String path;
    final MockResponse answer;
    final Function<CloudGptClient, String> call;

    UnprotectedPost(String path, MockResponse answer, Function<CloudGptClient, String> call) {
      this.path = path;
      this.answer = answer;
      this.call = call;
    }

    String expected() {
      return switch (this) {
        case CHAT -> "chatcmpl-abc123";
        case IMAGE -> "image/png";
        case VIDEO -> "video/mp4";
        case KEY_CREATE -> "key_abc123";
      };
    }
  }

  static MockResponse tooManyRequests() {
    return json(429, "{\"error\":{\"message\":\"Rate limit exceeded\",\"type\":\"rate_limit_error\",\"code\":\"rate_limit_exceeded\"}}")
        .newBuilder().setHeader("X-RateLimit-Remaining", "0").setHeader("Retry-After", "0").build();
  }

  @ParameterizedTest
  @EnumSource(UnprotectedPost.class)
  void isRetriedAfter429WithTheSameBody(UnprotectedPost post) throws Exception {
    server.enqueue(tooManyRequests());
    server.enqueue(post.answer);
    String result;
    try (CloudGptClient client = CloudGptWire.client(server)) {
      result = post.call.apply(client);
    }
    assertThat(result).isEqualTo(post.expected());
    RecordedRequest first = server.takeRequest();
    RecordedRequest second = server.takeRequest();
    assertThat(first.getUrl().encodedPath()).isEqualTo(post.path);
    assertThat(second.getUrl().encodedPath()).isEqualTo(post.path);
    assertThat(bodyText(second)).isNotEmpty().isEqualTo(bodyText(first));
  }

  static Stream<Arguments> postsAndServerErrors() {
    return Arrays.stream(UnprotectedPost.values())
        .flatMap(post -> IntStream.of(500, 502, 503, 504).mapToObj(status -> Arguments.of(post, status)));
  }

  @ParameterizedTest(name = "{0} after {1}")
  @MethodSource("postsAndServerErrors")
  void isNeverRetriedAfterA5xx(UnprotectedPost post, int status) {
    server.enqueue(json(status, "{\"error\":\"Upstream failed\"}"));
    server.enqueue(post.answer);
    Throwable thrown;
    try (CloudGptClient client = CloudGptWire.client(server)) {
      thrown = catchThrowable(() -> post.call.apply(client));
    }
    assertThat(thrown).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(status));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(UnprotectedPost.class)
  void isNeverRetriedAfterTheConnectionDropsOnceSent(UnprotectedPost post) throws Exception {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
    server.enqueue(post.answer);
    Throwable thrown;
    try (CloudGptClient client = CloudGptWire.client(server)) {
      thrown = catchThrowable(() -> post.call.apply(client));
    }
    assertThat(thrown).isInstanceOfSatisfying(ConnectionException.class, e -> assertThat(e.requestSent()).isTrue())
        .hasMessageContaining("may have reached the server");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(UnprotectedPost.class)
  void isRetriedWhenTheConnectionFailedBeforeSending(UnprotectedPost post) throws Exception {
    server.enqueue(post.answer);
    FailingConnects sockets = new FailingConnects(1);
    String result;
    try (CloudGptClient client = CloudGptWire.builder(server).httpClient(http(sockets)).build()) {
      result = post.call.apply(client);
    }
    assertThat(result).isEqualTo(post.expected());
    assertThat(sockets.connects()).isEqualTo(2);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aStreamedChatIsRetriedAfter429ButNotAfter502() {
    server.enqueue(tooManyRequests());
    server.enqueue(sse(CloudGptChatWireTest.STREAM));
    server.enqueue(json(502, "{\"error\":\"Bad gateway\"}"));
    server.enqueue(sse(CloudGptChatWireTest.STREAM));
    try (CloudGptClient client = CloudGptWire.client(server)) {
      assertThat(client.chat().stream(CloudGptChatWireTest.curlExample()).text()).isEqualTo("Silicon dreams awake.");
      assertThat(server.getRequestCount()).isEqualTo(2);
      assertThat(catchThrowable(() -> client.chat().stream(CloudGptChatWireTest.curlExample())))
          .isInstanceOf(ApiException.class);
    }
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  // ---- reads and deletions are idempotent ----

  @Test
  void modelCataloguesAreRetriedAfter5xxAndDroppedConnections() throws Exception {
    server.enqueue(json(500, "{\"error\":\"boom\"}"));
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
    server.enqueue(ok(fixture("models-video-response.json")));
    try (CloudGptClient client = CloudGptWire.client(server)) {
      assertThat(client.models().video()).hasSize(2);
    }
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void listingAndDeletingKeysAreRetriedAfter503() throws Exception {
    server.enqueue(json(503, "{\"error\":\"unavailable\"}"));
    server.enqueue(ok(fixture("keys-list-response.json")));
    server.enqueue(json(502, "{\"error\":\"bad gateway\"}"));
    server.enqueue(ok(fixture("keys-delete-response.json")));
    try (CloudGptClient client = CloudGptWire.client(server)) {
      assertThat(client.keys().list()).hasSize(1);
      assertThat(client.keys().delete("key_abc123")).isTrue();
    }
    assertThat(server.getRequestCount()).isEqualTo(4);
    server.takeRequest();
    server.takeRequest();
    assertThat(server.takeRequest().getMethod()).isEqualTo("DELETE");
    assertThat(server.takeRequest().getMethod()).isEqualTo("DELETE");
  }

  static OkHttpClient http(SocketFactory sockets) {
    // one route only, so that OkHttp itself cannot fall back to another address
    return new OkHttpClient.Builder().socketFactory(sockets)
        .dns(host -> List.of(Dns.SYSTEM.lookup(host).get(0))).build();
  }
}
