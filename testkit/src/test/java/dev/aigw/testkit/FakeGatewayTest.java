package dev.aigw.testkit;

import static dev.aigw.testkit.RawHttp.get;
import static dev.aigw.testkit.RawHttp.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What {@link FakeGateway} gives every vendor fake, through {@link TinyGateway}. */
@Timeout(30) // a stream that never ends must fail the test, not stall the build
class FakeGatewayTest {
  private TinyGateway fake;

  @BeforeEach
  void start() {
    fake = TinyGateway.start();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void keysCarryTheVendorsPrefix() {
    assertThat(fake.vendor()).isEqualTo("tiny");
    assertThat(fake.apiKey()).startsWith("tk_test");
    assertThat(fake.newKey()).startsWith("tk_test");
  }

  @Test
  void publicRoutesNeedNoKeyAndOthersDo() throws IOException {
    RawHttp.Answer health = get(fake, "/health", null);
    assertThat(health.code()).isEqualTo(200);
    assertThat(Instant.parse(health.string("clock"))).isBeforeOrEqualTo(Instant.now());

    RawHttp.Answer refused = get(fake, "/items/1", null);
    assertThat(refused.code()).isEqualTo(401);
    assertThat(refused.json()).containsEntry("message", "auth: MISSING").containsEntry("code", "missing");
    assertThat(get(fake, "/items/1", "csk_" + fake.apiKey().substring(3)).code()).isEqualTo(403);
  }

  @Test
  void requestsExposePathParametersQueryHeadersAndUrl() throws IOException {
    Request request = new Request.Builder().url(fake.baseUrl() + "/items/abc-42?q=cats")
        .header("Authorization", "Bearer " + fake.apiKey()).header("X-Test", "yes").build();
    try (Response r = RawHttp.CLIENT.newCall(request).execute()) {
      RawHttp.Answer answer = new RawHttp.Answer(r.code(), r.body().string(), r.headers(), 0);
      assertThat(answer.json()).containsEntry("id", "abc-42").containsEntry("q", "cats").containsEntry("header", "yes")
          .containsEntry("method", "GET").containsEntry("path", "/items/abc-42").doesNotContainKey("missing")
          .containsEntry("url", fake.baseUrl() + "/items/abc-42?q=cats");
      assertThat(answer.at("bodySize")).isEqualTo(0.0);
    }
  }

  @Test
  void requestsReadTheirJsonBody() throws IOException {
    RawHttp.Answer answer = post(fake, "/echo", fake.apiKey(), "{\"s\":\"text\",\"n\":3,\"xs\":[1,2]}");

    assertThat(answer.json()).containsEntry("isJson", true).containsEntry("s", "text").doesNotContainKey("n")
        .containsEntry("xs", List.of(1.0, 2.0)).containsEntry("notList", List.of())
        .containsEntry("body", "{\"s\":\"text\",\"n\":3,\"xs\":[1,2]}").containsEntry("bearer", fake.apiKey());
    RawHttp.Answer notJson = post(fake, "/echo", fake.apiKey(), "[1,2]");
    assertThat(notJson.json()).containsEntry("isJson", false).containsEntry("xs", List.of()).containsEntry("bytes", 5.0);
  }

  @Test
  void handlerThatThrowsBecomesA500() throws IOException {
    RawHttp.Answer answer = post(fake, "/boom", fake.apiKey(), "{}");

    assertThat(answer.code()).isEqualTo(500);
    assertThat(answer.json()).containsEntry("code", "internal_error");
    assertThat(answer.string("message")).startsWith("fake failed: java.lang.IllegalStateException: kaput");
  }

  @Test
  void chargesRefundsAndTheBalance() throws IOException {
    assertThat(post(fake, "/buy", fake.apiKey(), "{\"order\":\"a\",\"price\":\"4\"}").code()).isEqualTo(200);
    assertThat(post(fake, "/buy", fake.apiKey(), "{\"order\":\"b\",\"price\":\"7\"}").code()).isEqualTo(402);
    assertThat(post(fake, "/refund", fake.apiKey(), "{\"order\":\"a\",\"amount\":\"1.5\"}").code()).isEqualTo(200);

    assertThat(fake.balance()).isEqualByComparingTo("7.5");
    assertThat(fake.journal().charges()).extracting(Journal.Charge::reference).containsExactly("order-a", "order-a");
    assertThat(fake.journal().charges()).extracting(Journal.Charge::amount)
        .containsExactly(new BigDecimal("4"), new BigDecimal("-1.5"));
    assertThat(fake.journal().chargesOnly()).hasSize(1);
    assertThat(fake.journal().netCharged()).isEqualByComparingTo("2.5");

    fake.balance(new BigDecimal("100"));
    assertThat(post(fake, "/buy", fake.apiKey(), "{\"order\":\"b\",\"price\":\"7\"}").code()).isEqualTo(200);
    assertThat(fake.balance()).isEqualByComparingTo("93");
  }

  @Test
  void storedFilesAreServedWithTheirContentType() throws IOException {
    String url = post(fake, "/store", fake.apiKey(), "{\"payload\":1}").string("url");

    assertThat(url).startsWith(fake.baseUrl() + "/files/").endsWith(".bin");
    try (Response r = RawHttp.CLIENT.newCall(new Request.Builder().url(url).build()).execute()) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.header("Content-Type")).isEqualTo("application/octet-stream");
      assertThat(r.body().string()).isEqualTo("{\"payload\":1}");
    }
    RawHttp.Answer missing = get(fake, "/files/none.bin", null);
    assertThat(missing.code()).isEqualTo(404);
    assertThat(missing.json()).containsEntry("message", "no such file");
  }

  @Test
  void sseWritesTypedAndUntypedEventsAndEndsTheBody() throws IOException {
    fake.streamPause(Duration.ZERO);

    RawHttp.Answer answer = get(fake, "/events", fake.apiKey());

    assertThat(answer.headers().get("Content-Type")).isEqualTo("text/event-stream");
    assertThat(answer.headers().get("Transfer-Encoding")).isEqualTo("chunked");
    assertThat(answer.body()).isEqualTo("data: first\n\nevent: named\ndata: second\n\ndata: third\n\n");
  }

  @Test
  void connectionIsReusedAfterAStream() throws IOException {
    RawHttp.Answer first = get(fake, "/events", fake.apiKey());
    RawHttp.Answer second = get(fake, "/events", fake.apiKey());

    assertThat(first.body()).isEqualTo(second.body());
    assertThat(fake.journal().requests("GET", "/events")).hasSize(2);
  }

  @Test
  void callbacksArePostedAsJsonAndJournaled() throws Exception {
    try (MockWebServer receiver = new MockWebServer()) {
      receiver.enqueue(new MockResponse.Builder().code(500).build());
      receiver.start(InetAddress.getLoopbackAddress(), 0);
      String hook = receiver.url("/cb").toString();

      assertThat(post(fake, "/notify", fake.apiKey(), "{\"url\":\"" + hook + "\"}").code()).isEqualTo(202);

      RecordedRequest delivered = receiver.takeRequest(5, TimeUnit.SECONDS);
      assertThat(delivered).isNotNull();
      assertThat(delivered.getBody().utf8()).isEqualTo("{\"hello\":\"world\"}");
      RawHttp.await(() -> fake.journal().callbacks().size() == 1, Duration.ofSeconds(5));
      assertThat(fake.journal().callbacks().get(0)).isEqualTo(new Journal.Callback(hook, "{\"hello\":\"world\"}", 500));
    }
  }

  @Test
  void aCallbackAnsweredWithARedirectIsJournaledAndNotFollowed() throws Exception {
    try (MockWebServer receiver = new MockWebServer()) {
      receiver.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "/elsewhere").build());
      receiver.start(InetAddress.getLoopbackAddress(), 0);
      String hook = receiver.url("/cb").toString();

      assertThat(post(fake, "/notify", fake.apiKey(), "{\"url\":\"" + hook + "\"}").code()).isEqualTo(202);

      RawHttp.await(() -> fake.journal().callbacks().size() == 1, Duration.ofSeconds(5));
      assertThat(fake.journal().callbacks().get(0).status()).isEqualTo(302);
      assertThat(receiver.takeRequest(5, TimeUnit.SECONDS).getUrl().encodedPath()).isEqualTo("/cb");
      assertThat(receiver.takeRequest(300, TimeUnit.MILLISECONDS)).as("the redirect was followed").isNull();
    }
  }

  @Test
  void journalRecordsEveryRequestWithMethodPathQueryBodyAndStatus() throws IOException {
    Request request = new Request.Builder().url(fake.baseUrl() + "/items/7?q=x&r=y")
        .header("Authorization", "Bearer " + fake.apiKey()).build();
    try (Response ignored = RawHttp.CLIENT.newCall(request).execute()) {
      assertThat(ignored.code()).isEqualTo(200);
    }
    post(fake, "/nowhere", fake.apiKey(), "{\"a\":1}");

    List<Journal.Entry> entries = fake.journal().requests();
    assertThat(entries).hasSize(2);
    Journal.Entry first = entries.get(0);
    assertThat(first.method()).isEqualTo("GET");
    assertThat(first.path()).isEqualTo("/items/7");
    assertThat(first.query()).isEqualTo("q=x&r=y");
    assertThat(first.body()).isEmpty();
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.at()).isBeforeOrEqualTo(Instant.now());
    assertThat(first.headers()).containsKey("host").allSatisfy((name, value) -> assertThat(name).isLowerCase());
    Journal.Entry second = entries.get(1);
    assertThat(second.query()).isNull();
    assertThat(second.body()).isEqualTo("{\"a\":1}");
    assertThat(second.status()).isEqualTo(404);
    assertThat(fake.journal().requests("POST", "/nowhere")).containsExactly(second);
    assertThat(fake.journal().requests("GET", "/nowhere")).isEmpty();
  }

  @Test
  void journalNeverHoldsTheFullKey() throws IOException {
    String key = fake.apiKey();
    get(fake, "/items/1", key);
    RawHttp.send("GET", fake.baseUrl() + "/items/2", key, null);
    RawHttp.send("GET", fake.baseUrl() + "/items/3", "Token " + key, null);
    RawHttp.send("GET", fake.baseUrl() + "/items/4", "Bearer tk_ab", null);
    Request withCookie = new Request.Builder().url(fake.baseUrl() + "/health").header("Cookie", "session=" + key).build();
    try (Response ignored = RawHttp.CLIENT.newCall(withCookie).execute()) {
      assertThat(ignored.code()).isEqualTo(200);
    }

    List<Journal.Entry> entries = fake.journal().requests();
    assertThat(entries).hasSize(5);
    assertThat(entries.toString()).doesNotContain(key).doesNotContain(key.substring(0, 12));
    assertThat(entries.get(0).headers().get("authorization")).isEqualTo("Bearer " + key.substring(0, 8) + "****");
    assertThat(entries.get(1).headers().get("authorization")).as("no scheme").isEqualTo(key.substring(0, 8) + "****");
    assertThat(entries.get(2).headers().get("authorization")).as("another scheme").isEqualTo("Token tk****");
    assertThat(entries.get(3).headers().get("authorization")).as("short tokens show half at most").isEqualTo("Bearer tk****");
    assertThat(entries.get(4).headers().get("cookie")).isEqualTo("****");
  }

  @Test
  void journalListsAreSnapshotsAndClearForgetsEverything() throws Exception {
    post(fake, "/buy", fake.apiKey(), "{\"order\":\"a\",\"price\":\"1\"}");
    post(fake, "/notify", fake.apiKey(), "{\"url\":\"not a url\"}");
    List<Journal.Entry> before = fake.journal().requests();
    get(fake, "/health", null);

    assertThat(before).hasSize(2);
    assertThat(fake.journal().requests()).hasSize(3);
    assertThat(fake.journal().callbacks()).singleElement().extracting(Journal.Callback::status).isEqualTo(-1);

    fake.journal().clear();

    assertThat(fake.journal().requests()).isEmpty();
    assertThat(fake.journal().charges()).isEmpty();
    assertThat(fake.journal().callbacks()).isEmpty();
    assertThat(fake.journal().netCharged()).isEqualByComparingTo("0");
    assertThat(fake.balance()).as("clearing the journal does not give credits back").isEqualByComparingTo("9");
  }

  @Test
  void bodiesOfOtherTypesAreJournaledAsText() throws IOException {
    Request request = new Request.Builder().url(fake.baseUrl() + "/echo").header("Authorization", "Bearer " + fake.apiKey())
        .post(RequestBody.create("plain words", MediaType.get("text/plain"))).build();
    try (Response r = RawHttp.CLIENT.newCall(request).execute()) {
      assertThat(r.code()).isEqualTo(200);
    }

    assertThat(fake.journal().requests("POST", "/echo").get(0).body()).isEqualTo("plain words");
    assertThat(fake.journal().requests("POST", "/echo").get(0).headers()).containsEntry("content-type", "text/plain; charset=utf-8");
    Map<String, String> headers = fake.journal().requests().get(0).headers();
    assertThat(headers.get("authorization")).endsWith("****");
  }
}
