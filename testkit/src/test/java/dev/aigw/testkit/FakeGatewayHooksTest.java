package dev.aigw.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The two hooks {@link FakeGateway} gives vendor fakes: {@link FakeGateway#around} wraps every
 * answer (faults and files included), and {@code deliverCallback(url, headers, json, onStatus)}
 * posts with headers and reports the answer's status.
 */
@Timeout(30)
class FakeGatewayHooksTest {

  /** A fake that records what {@code around} sees, can refuse everything, and tags every answer. */
  static final class HookedGateway extends FakeGateway {
    final List<String> seen = new CopyOnWriteArrayList<>();
    final List<Integer> statuses = new CopyOnWriteArrayList<>();
    volatile boolean closed;

    HookedGateway() {
      super("hooked", "hk_", BigDecimal.TEN);
      route("GET", "/ping", r -> json(200, obj("pong", true)));
      route("POST", "/deliver", r -> {
        deliverCallback(r.string("url"), Map.of("X-Hook", "yes", "X-Delivery", "d-1"), "{\"n\":1}", statuses::add);
        return json(202, obj());
      });
      route("POST", "/file", r -> json(200, obj("url", storeFile(new byte[] {7}, "image/png", "png"))));
    }

    @Override
    protected MockResponse around(RecordedRequest recorded, Supplier<MockResponse> answer) {
      seen.add(recorded.getMethod() + " " + recorded.getUrl().encodedPath());
      if (closed) {
        return error(503, "closed", "closed for the night");
      }
      return answer.get().newBuilder().setHeader("X-Around", String.valueOf(seen.size())).build();
    }

    @Override
    protected MockResponse authError(AuthProblem problem) {
      return error(401, "auth", problem.name());
    }

    @Override
    protected MockResponse error(int status, String code, String message) {
      return json(status, obj("message", message, "code", code));
    }
  }

  private HookedGateway fake;

  @BeforeEach
  void start() {
    fake = new HookedGateway();
    fake.startServer();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void aroundWrapsEveryAnswerAuthErrorsFaultsAndFilesIncluded() throws IOException {
    RawHttp.Answer ok = RawHttp.get(fake, "/ping", fake.apiKey());
    RawHttp.Answer unauthorized = RawHttp.get(fake, "/ping", null);
    fake.faults().failNext(502);
    RawHttp.Answer fault = RawHttp.get(fake, "/ping", fake.apiKey());
    String url = RawHttp.post(fake, "/file", fake.apiKey(), "{}").string("url");
    RawHttp.Answer file = RawHttp.send("GET", url, null, null);

    assertThat(ok.headers().get("X-Around")).isEqualTo("1");
    assertThat(unauthorized.code()).isEqualTo(401);
    assertThat(unauthorized.headers().get("X-Around")).isEqualTo("2");
    assertThat(fault.code()).isEqualTo(502);
    assertThat(fault.headers().get("X-Around")).isEqualTo("3");
    assertThat(file.code()).isEqualTo(200);
    assertThat(file.headers().get("X-Around")).isEqualTo("5");
    assertThat(fake.seen).hasSize(5);
  }

  @Test
  void aroundMayReplaceTheAnswerWithoutHandlingAndTheJournalRecordsWhatWasSent() throws IOException {
    fake.closed = true;

    RawHttp.Answer refused = RawHttp.get(fake, "/ping", fake.apiKey());

    assertThat(refused.code()).isEqualTo(503);
    assertThat(refused.json()).containsEntry("message", "closed for the night");
    assertThat(fake.journal().requests("GET", "/ping")).singleElement()
        .satisfies(e -> assertThat(e.status()).isEqualTo(503));
  }

  @Test
  void theDefaultAroundPassesTheAnswerThrough() throws IOException {
    try (TinyGateway tiny = TinyGateway.start()) {
      RawHttp.Answer health = RawHttp.get(tiny, "/health", null);

      assertThat(health.code()).isEqualTo(200);
      assertThat(health.headers().get("X-Around")).isNull();
    }
  }

  @Test
  void deliverCallbackPostsTheJsonWithItsHeadersAndReportsTheStatus() throws Exception {
    try (MockWebServer receiver = new MockWebServer()) {
      receiver.enqueue(new MockResponse.Builder().code(418).build());
      receiver.start(InetAddress.getLoopbackAddress(), 0);

      RawHttp.post(fake, "/deliver", fake.apiKey(), "{\"url\":\"" + receiver.url("/cb") + "\"}");

      RecordedRequest delivered = receiver.takeRequest(5, TimeUnit.SECONDS);
      assertThat(delivered).isNotNull();
      assertThat(delivered.getMethod()).isEqualTo("POST");
      assertThat(delivered.getHeaders().get("X-Hook")).isEqualTo("yes");
      assertThat(delivered.getHeaders().get("X-Delivery")).isEqualTo("d-1");
      assertThat(delivered.getHeaders().get("Content-Type")).startsWith("application/json");
      assertThat(delivered.getBody().utf8()).isEqualTo("{\"n\":1}");
      RawHttp.await(() -> fake.statuses.size() == 1, Duration.ofSeconds(5));
      assertThat(fake.statuses).containsExactly(418);
      assertThat(fake.journal().callbacks()).singleElement()
          .satisfies(c -> assertThat(c.status()).isEqualTo(418))
          .satisfies(c -> assertThat(c.body()).isEqualTo("{\"n\":1}"));
    }
  }

  @Test
  void deliverCallbackReportsMinusOneForAnUnusableUrlOrAnUnreachableHost() throws Exception {
    int deadPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      deadPort = s.getLocalPort();
    }

    RawHttp.post(fake, "/deliver", fake.apiKey(), "{\"url\":\"not a url\"}");
    RawHttp.post(fake, "/deliver", fake.apiKey(), "{\"url\":\"http://127.0.0.1:" + deadPort + "/cb\"}");

    RawHttp.await(() -> fake.statuses.size() == 2, Duration.ofSeconds(10));
    assertThat(fake.statuses).containsExactly(-1, -1);
    assertThat(fake.journal().callbacks()).extracting(Journal.Callback::status).containsExactly(-1, -1);
  }
}
