package dev.aigw.core.internal;

import static dev.aigw.core.internal.TransportTestSupport.config;
import static dev.aigw.core.internal.TransportTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.aigw.core.error.ConnectionException;
import dev.aigw.core.error.NotFoundException;
import dev.aigw.core.error.ServerException;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.http.RetrySafety;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.ErrorMapping;
import dev.aigw.core.spi.ResponseReader;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** {@link Transport#executeAsync}: the same rules as a blocking call, delivered through a future. */
class TransportAsyncTest {
  @StartStop final MockWebServer server = new MockWebServer();

  private Transport transport() {
    return new Transport(config(server).withErrors(ErrorMapping.STANDARD, "Idempotency-Key"));
  }

  private static ApiRequest paidPost(RetrySafety safety) {
    return ApiRequest.post("/v1/images", safety).json(Map.of("prompt", "a cat")).build();
  }

  @Test
  void completesWithTheAnswer() throws Exception {
    server.enqueue(new MockResponse.Builder(json(200, "{\"id\":\"img-1\"}")).setHeader("X-Request-Id", "r-9").build());

    RawResponse<String> r = transport().executeAsync(paidPost(RetrySafety.UNPROTECTED), ResponseReader.text())
        .get(5, TimeUnit.SECONDS);

    assertThat(r.body()).isEqualTo("{\"id\":\"img-1\"}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.requestId()).isEqualTo("r-9");
    assertThat(r.attempts()).isEqualTo(1);
    assertThat(server.takeRequest().getBody().utf8()).isEqualTo("{\"prompt\":\"a cat\"}");
  }

  @Test
  void retriesWithTheSameIdempotencyKey() throws Exception {
    server.enqueue(json(503, "{}"));
    server.enqueue(new MockResponse.Builder(json(429, "{}")).setHeader("Retry-After", "0.05").build());
    server.enqueue(json(200, "{\"id\":\"img-1\"}"));

    RawResponse<String> r = transport().executeAsync(paidPost(RetrySafety.DEDUPLICATED_BY_KEY), ResponseReader.text())
        .get(5, TimeUnit.SECONDS);

    assertThat(r.attempts()).isEqualTo(3);
    assertThat(server.getRequestCount()).isEqualTo(3);
    String key = server.takeRequest().getHeaders().get("Idempotency-Key");
    assertThat(key).isNotBlank();
    assertThat(server.takeRequest().getHeaders().get("Idempotency-Key")).isEqualTo(key);
    assertThat(server.takeRequest().getHeaders().get("Idempotency-Key")).isEqualTo(key);
  }

  @Test
  void retriesAConnectionDroppedAfterSendingOnlyWhenTheSafetyAllows() throws Exception {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
    server.enqueue(json(200, "{}"));
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
    server.enqueue(json(200, "{}"));
    Transport t = transport();

    RawResponse<String> r = t.executeAsync(paidPost(RetrySafety.DEDUPLICATED_BY_KEY), ResponseReader.text())
        .get(5, TimeUnit.SECONDS);
    assertThat(r.attempts()).isEqualTo(2);

    Throwable e = catchThrowable(() -> t.executeAsync(paidPost(RetrySafety.NOT_CHARGED_ON_ERROR), ResponseReader.text())
        .get(5, TimeUnit.SECONDS));
    assertThat(e).isInstanceOf(ExecutionException.class);
    assertThat(e.getCause()).isExactlyInstanceOf(ConnectionException.class);
    assertThat(((ConnectionException) e.getCause()).requestSent()).isTrue();
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void failsWithTheMappedException() {
    server.enqueue(new MockResponse.Builder(json(404, "{\"error\":{\"message\":\"No task t-1\",\"code\":\"not_found\"}}"))
        .setHeader("X-Request-Id", "r-4").build());

    CompletableFuture<RawResponse<String>> f = transport()
        .executeAsync(ApiRequest.get("/v1/tasks/t-1").build(), ResponseReader.text());
    Throwable e = catchThrowable(() -> f.get(5, TimeUnit.SECONDS));

    assertThat(e).isInstanceOf(ExecutionException.class);
    assertThat(e.getCause()).isExactlyInstanceOf(NotFoundException.class)
        .hasMessage("[acme] 404 not_found: No task t-1 (request id r-4)");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void failsWithTheLastErrorWhenRetriesRunOut() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(json(502, "{\"error\":\"bad gateway " + i + "\"}"));
    }

    Throwable e = catchThrowable(() -> transport().executeAsync(ApiRequest.get("/v1/models").build(),
        ResponseReader.text()).get(5, TimeUnit.SECONDS));

    assertThat(e.getCause()).isExactlyInstanceOf(ServerException.class).hasMessage("[acme] 502: bad gateway 2 — not retried: the 2 retries allowed were used");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void preparedCallRunsAsynchronouslyAndMapsItsBody() throws Exception {
    server.enqueue(json(200, "{\"n\":1}"));

    RawResponse<Integer> r = transport().prepare(ApiRequest.get("/v1/x").build(), ResponseReader.text())
        .map(String::length).executeAsync().get(5, TimeUnit.SECONDS);

    assertThat(r.body()).isEqualTo(7);
    assertThat(r.status()).isEqualTo(200);
  }

  @Test
  void timesOutAndRetriesOnlyWhenTheSafetyAllows() throws Exception {
    server.enqueue(new MockResponse.Builder(json(200, "{}")).headersDelay(1, TimeUnit.SECONDS).build());
    server.enqueue(json(200, "{\"second\":true}"));
    server.enqueue(new MockResponse.Builder(json(200, "{}")).headersDelay(1, TimeUnit.SECONDS).build());
    Transport t = transport();
    Duration timeout = Duration.ofMillis(300);

    RawResponse<String> r = t.executeAsync(ApiRequest.get("/v1/tasks/t1").timeout(timeout).build(),
        ResponseReader.text()).get(5, TimeUnit.SECONDS);
    assertThat(r.body()).isEqualTo("{\"second\":true}");
    assertThat(r.attempts()).isEqualTo(2);

    Throwable e = catchThrowable(() -> t.executeAsync(ApiRequest.post("/v1/images", RetrySafety.NOT_CHARGED_ON_ERROR)
        .timeout(timeout).build(), ResponseReader.text()).get(5, TimeUnit.SECONDS));
    assertThat(e.getCause()).isExactlyInstanceOf(ConnectionException.class)
        .hasMessage("[acme] POST /v1/images failed: timed out — not retried: the request may have reached the server,"
            + " so a retry could charge twice; acme documents no idempotency key for this call: the work may exist and"
            + " be charged, and aigw cannot find it");
    assertThat(((ConnectionException) e.getCause()).requestSent()).isTrue();
    assertThat(server.getRequestCount()).isEqualTo(3);
  }
}
