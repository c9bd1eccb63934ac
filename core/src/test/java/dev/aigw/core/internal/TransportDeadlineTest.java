package dev.aigw.core.internal;

import static dev.aigw.core.internal.TransportTestSupport.config;
import static dev.aigw.core.internal.TransportTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import dev.aigw.core.error.ConnectionException;
import dev.aigw.core.error.RateLimitException;
import dev.aigw.core.error.ServerException;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.http.RetryPolicy;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.ResponseReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Time limits a caller can set: the call timeout bounds every attempt, backoff, {@code
 * Retry-After} wait and wait for a request slot; a rate-limit wait beyond the longest allowed ends
 * the call at once with the wait as its hint, on either side of the boundary.
 */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TransportDeadlineTest {
  @StartStop final MockWebServer server = new MockWebServer();
  private final TransportTestSupport.LogCapture logs = new TransportTestSupport.LogCapture();
  private final Instant now = Instant.parse("2026-11-21T10:00:00Z");
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void cleanUp() {
    release.countDown();
    logs.close();
  }

  private static RetryPolicy policy(Duration maxWait) {
    return new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5), maxWait);
  }

  /** A transport on a fixed clock (for rate-limit resets) with this policy and call timeout. */
  private Transport transport(Duration maxWait, Duration callTimeout) {
    return new Transport(TransportTestSupport.withClock(config(server), Clock.fixed(now, ZoneOffset.UTC))
        .withRetryPolicy(policy(maxWait)).withCallTimeout(callTimeout));
  }

  private MockResponse rateLimitedUntil(Instant reset) {
    return new MockResponse.Builder(json(429, "{\"error\":\"slow down\"}")).setHeader("X-RateLimit-Remaining", "0")
        .setHeader("X-RateLimit-Reset", String.valueOf(reset.getEpochSecond())).build();
  }

  private Duration timed(Runnable r) {
    long start = System.nanoTime();
    r.run();
    return Duration.ofNanos(System.nanoTime() - start);
  }

  // ---- rate-limit waits ----

  @Test
  void aResetJustOverTheLongestWaitFailsAtOnceWithTheWaitAsItsHint() {
    server.enqueue(rateLimitedUntil(now.plusSeconds(61)));
    Transport t = transport(Duration.ofSeconds(60), null);

    RateLimitException[] e = new RateLimitException[1];
    Duration took = timed(() -> e[0] = (RateLimitException) catchThrowable(
        () -> t.execute(ApiRequest.get("/v1/models").build(), ResponseReader.text())));

    assertThat(took).isLessThan(Duration.ofSeconds(2));
    assertThat(e[0].rateLimit().resetTime()).as("the reset is the hint").contains(now.plusSeconds(61));
    assertThat(e[0].retryAfter()).as("the server sent no Retry-After").isEmpty();
    assertThat(e[0]).hasMessage("[acme] 429: slow down — not retried: the rate-limit window resets in 61 s, later than"
        + " the longest rate-limit wait allowed (maxRetryWait 60 s)");
    assertThat(logs.lines(Level.INFO)).containsExactly("[acme] not retrying GET /v1/models after HTTP 429: the"
        + " rate-limit window resets in 61 s, later than the longest rate-limit wait allowed (maxRetryWait 60 s)");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aResetJustUnderTheLongestWaitNeverWaitsPastTheCallTimeout() {
    server.enqueue(rateLimitedUntil(now.plusSeconds(59)));
    Transport t = transport(Duration.ofSeconds(60), Duration.ofSeconds(1));

    RateLimitException[] e = new RateLimitException[1];
    Duration took = timed(() -> e[0] = (RateLimitException) catchThrowable(
        () -> t.execute(ApiRequest.get("/v1/models").build(), ResponseReader.text())));

    assertThat(took).as("no 59 s block").isLessThan(Duration.ofSeconds(2));
    assertThat(e[0].rateLimit().resetTime()).contains(now.plusSeconds(59));
    assertThat(e[0]).hasMessage("[acme] 429: slow down — not retried: a retry in 59 s would pass the call's 1 s"
        + " deadline (callTimeout)");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void waitsWithinTheLongestWaitAreWaitedAndRetried() {
    server.enqueue(new MockResponse.Builder(json(429, "{\"error\":\"slow down\"}")).setHeader("Retry-After", "0.4")
        .build());
    server.enqueue(json(200, "{}"));
    Transport t = transport(Duration.ofMillis(500), Duration.ofSeconds(5));

    RawResponse<?>[] r = new RawResponse<?>[1];
    Duration took = timed(() -> r[0] = t.execute(ApiRequest.get("/v1/models").build(), ResponseReader.text()));

    assertThat(r[0].attempts()).isEqualTo(2);
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(400));
  }

  @Test
  void waitsJustOverTheLongestWaitFailAtOnceTheSameWay() {
    server.enqueue(new MockResponse.Builder(json(429, "{\"error\":\"slow down\"}")).setHeader("Retry-After", "0.6")
        .build());
    Transport t = transport(Duration.ofMillis(500), Duration.ofSeconds(5));

    Throwable e = catchThrowable(() -> t.execute(ApiRequest.get("/v1/models").build(), ResponseReader.text()));

    assertThat(e).isExactlyInstanceOf(RateLimitException.class).hasMessage("[acme] 429: slow down — not retried:"
        + " the server asks to wait 600 ms, longer than the longest rate-limit wait allowed (maxRetryWait 500 ms)");
    assertThat(((RateLimitException) e).retryAfter()).contains(Duration.ofMillis(600));
  }

  @Test
  void aZeroLongestWaitNeverWaitsForARateLimit() {
    server.enqueue(rateLimitedUntil(now.plusSeconds(1)));
    Transport t = transport(Duration.ZERO, null);

    assertThatThrownBy(() -> t.execute(ApiRequest.get("/v1/models").build(), ResponseReader.text()))
        .isExactlyInstanceOf(RateLimitException.class)
        .hasMessageEndingWith("the rate-limit window resets in 1 s, later than the longest rate-limit wait allowed"
            + " (maxRetryWait 0 ms)");
  }

  // ---- the call timeout ----

  @Test
  void theCallTimeoutBoundsTheBackoffBetweenRetries() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse.Builder(json(503, "{\"error\":\"busy\"}")).setHeader("Retry-After", "2").build());
    }
    Transport t = transport(Duration.ofSeconds(60), Duration.ofMillis(500));

    Throwable[] e = new Throwable[1];
    Duration took = timed(() -> e[0] = catchThrowable(
        () -> t.execute(ApiRequest.get("/v1/models").build(), ResponseReader.text())));

    assertThat(took).isLessThan(Duration.ofMillis(1500));
    assertThat(e[0]).isExactlyInstanceOf(ServerException.class).hasMessage("[acme] 503: busy — not retried: a retry"
        + " in 2 s would pass the call's 500 ms deadline (callTimeout)");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void theCallTimeoutCutsAnAttemptShortAndEndsTheCall() {
    server.enqueue(new MockResponse.Builder(json(200, "{}")).headersDelay(3, TimeUnit.SECONDS).build());
    server.enqueue(json(200, "{}"));
    Transport t = transport(Duration.ofSeconds(60), Duration.ofMillis(300));

    Throwable[] e = new Throwable[1];
    Duration took = timed(() -> e[0] = catchThrowable(
        () -> t.execute(ApiRequest.get("/v1/models").build(), ResponseReader.text())));

    assertThat(took).isLessThan(Duration.ofMillis(2000));
    assertThat(e[0]).isExactlyInstanceOf(ConnectionException.class).hasMessage("[acme] GET /v1/models failed: timed"
        + " out — not retried: the call's 300 ms deadline (callTimeout) has passed");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void theCallTimeoutBoundsTheWaitForARequestSlot() throws Exception {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        await(release);
        return json(200, "{}");
      }
    });
    // one gate per key: the holder (no deadline) and the waiter share it
    Transport holding = new Transport(config(server).withMaxConcurrentRequests(1));
    Transport t = new Transport(config(server).withMaxConcurrentRequests(1).withCallTimeout(Duration.ofMillis(200)));
    CompletableFuture<?> holder = CompletableFuture.runAsync(
        () -> holding.execute(ApiRequest.get("/v1/a").build(), ResponseReader.text()));
    while (t.inFlight() == 0) {
      Thread.sleep(5);
    }

    Throwable blocking = catchThrowable(() -> t.execute(ApiRequest.get("/v1/b").build(), ResponseReader.text()));
    ExecutionException async = (ExecutionException) catchThrowable(
        () -> t.executeAsync(ApiRequest.get("/v1/c").build(), ResponseReader.text()).get(5, TimeUnit.SECONDS));

    String expected = " waited for one of the 1 concurrent request slots until the call's 200 ms deadline"
        + " (callTimeout) passed (the request was not sent)";
    assertThat(blocking).isExactlyInstanceOf(ConnectionException.class).hasMessage("[acme] GET /v1/b" + expected);
    assertThat(async.getCause()).isExactlyInstanceOf(ConnectionException.class).hasMessage("[acme] GET /v1/c" + expected);
    assertThat(((ConnectionException) async.getCause()).requestSent()).isFalse();
    release.countDown();
    holder.get(5, TimeUnit.SECONDS);
    assertThat(t.inFlight()).as("no slot leaked by the waiters that gave up").isZero();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return json(200, "{}");
      }
    });
    assertThat(t.executeAsync(ApiRequest.get("/v1/d").build(), ResponseReader.text()).get(5, TimeUnit.SECONDS)
        .status()).isEqualTo(200);
  }

  @Test
  void theCallTimeoutBoundsAsynchronousRetriesToo() throws Exception {
    server.enqueue(new MockResponse.Builder(json(503, "{\"error\":\"busy\"}")).setHeader("Retry-After", "3").build());
    Transport t = transport(Duration.ofSeconds(60), Duration.ofSeconds(1));

    ExecutionException e = (ExecutionException) catchThrowable(
        () -> t.executeAsync(ApiRequest.get("/v1/models").build(), ResponseReader.text()).get(2, TimeUnit.SECONDS));

    assertThat(e.getCause()).isExactlyInstanceOf(ServerException.class)
        .hasMessageEndingWith("not retried: a retry in 3 s would pass the call's 1 s deadline (callTimeout)");
  }

  @Test
  void aCallTimeoutMustBePositive() {
    assertThatThrownBy(() -> config(server).withCallTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("callTimeout must be positive, was PT0S");
  }

  @Test
  void durationsReadAsPeopleReadThem() {
    assertThat(Transport.human(Duration.ofMillis(250))).isEqualTo("250 ms");
    assertThat(Transport.human(Duration.ofSeconds(59))).isEqualTo("59 s");
    assertThat(Transport.human(Duration.ofSeconds(60))).isEqualTo("60 s");
    assertThat(Transport.human(Duration.ofMillis(60_300))).isEqualTo("60.3 s");
    assertThat(Transport.human(Duration.ofMinutes(2))).isEqualTo("2 min");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
