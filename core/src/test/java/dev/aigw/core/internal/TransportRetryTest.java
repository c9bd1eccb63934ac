package dev.aigw.core.internal;

import static dev.aigw.core.internal.TransportTestSupport.FAST;
import static dev.aigw.core.internal.TransportTestSupport.config;
import static dev.aigw.core.internal.TransportTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.aigw.core.error.AigwException;
import dev.aigw.core.error.ApiException;
import dev.aigw.core.error.ConnectionException;
import dev.aigw.core.error.RateLimitException;
import dev.aigw.core.error.ServerException;
import dev.aigw.core.error.UpstreamTimeoutException;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.http.RetryPolicy;
import dev.aigw.core.http.RetrySafety;
import dev.aigw.core.spi.ErrorMapping;import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.ResponseReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The "never charge twice" retry rules as seen on the wire: for a GET and for each {@link
 * RetrySafety} of POST, which failures are sent again and which end the call with an exception.
 */
class TransportRetryTest {
  @StartStop final MockWebServer server = new MockWebServer();

  private static final String OK = "{\"ok\":true}";
  /** What a failure of paid work without an idempotency key the vendor honours says of recovery. */
  private static final String NO_RECOVERY =
      "acme documents no idempotency key for this call: the work may exist and be charged, and aigw cannot find it";
  private static final Duration TIMEOUT = Duration.ofMillis(300);

  /** One failure of the first attempt; every case answers {@link #OK} to a second attempt. */
  enum Failure {
    HTTP_408, HTTP_429, HTTP_500, HTTP_502, HTTP_503, HTTP_504,
    /** DNS fails: nothing was written. */
    IO_BEFORE_SEND,
    /** The server reads the whole request, then drops the connection without answering. */
    IO_AFTER_SEND,
    /** The answer's headers come later than the request's timeout. */
    TIMEOUT;

    int status() {
      return Integer.parseInt(name().substring(5));
    }

    boolean isStatus() {
      return name().startsWith("HTTP_");
    }
  }

  private static final Set<Failure> EVERY = EnumSet.allOf(Failure.class);

  @ParameterizedTest(name = "GET after {0}")
  @EnumSource(Failure.class)
  void retriesGetAfterAnyTransientFailure(Failure failure) {
    check(ApiRequest.get("/v1/models"), failure, EVERY);
  }

  @ParameterizedTest(name = "POST IDEMPOTENT after {0}")
  @EnumSource(Failure.class)
  void retriesIdempotentPostAfterAnyTransientFailure(Failure failure) {
    check(post(RetrySafety.IDEMPOTENT), failure, EVERY);
  }

  @ParameterizedTest(name = "POST DEDUPLICATED_BY_KEY after {0}")
  @EnumSource(Failure.class)
  void retriesDeduplicatedPostAfterAnyTransientFailureWithTheSameKey(Failure failure) throws Exception {
    check(post(RetrySafety.DEDUPLICATED_BY_KEY), failure, EVERY);
    if (failure != Failure.IO_BEFORE_SEND) {
      String first = server.takeRequest().getHeaders().get("Idempotency-Key");
      String second = server.takeRequest().getHeaders().get("Idempotency-Key");
      assertThat(first).isNotBlank();
      assertThat(second).isEqualTo(first);
    }
  }

  @ParameterizedTest(name = "POST NOT_CHARGED_ON_ERROR after {0}")
  @EnumSource(Failure.class)
  void retriesNotChargedPostOnlyAfterAnExplicitErrorOrWhenNothingWasSent(Failure failure) {
    check(post(RetrySafety.NOT_CHARGED_ON_ERROR), failure, EnumSet.of(
        Failure.HTTP_429, Failure.HTTP_500, Failure.HTTP_502, Failure.HTTP_503, Failure.IO_BEFORE_SEND));
  }

  @ParameterizedTest(name = "POST UNPROTECTED after {0}")
  @EnumSource(Failure.class)
  void retriesUnprotectedPostOnlyAfterRateLimitOrWhenNothingWasSent(Failure failure) {
    check(post(RetrySafety.UNPROTECTED), failure, EnumSet.of(Failure.HTTP_429, Failure.IO_BEFORE_SEND));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(RetrySafety.class)
  void retriesAConnectionThatNeverOpenedForEverySafetyClass(RetrySafety safety) throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    Transport t = new Transport(config(TransportTestSupport.deadUrl())
        .withHttpClient(TransportTestSupport.countingClient(attempts)));

    Throwable e = catchThrowable(() -> t.execute(ApiRequest.post("/v1/images", safety)
        .json(Map.of("prompt", "a cat")).build(), ResponseReader.text()));

    assertThat(e).isExactlyInstanceOf(ConnectionException.class);
    assertThat(((ConnectionException) e).requestSent()).isFalse();
    assertThat(e).hasMessageStartingWith("[acme] POST /v1/images failed: ")
        .hasMessageEndingWith("(the request was not sent) — not retried: the 2 retries allowed were used");
    assertThat(attempts).hasValue(1 + FAST.maxRetries());
  }

  @Test
  void givesUpAfterMaxRetriesWithTheLastError() {
    for (int i = 0; i < 4; i++) {
      server.enqueue(json(503, "{\"error\":{\"message\":\"overloaded " + i + "\"}}"));
    }
    Transport t = new Transport(config(server));

    Throwable e = catchThrowable(() -> t.execute(ApiRequest.get("/v1/models").build(), ResponseReader.text()));

    assertThat(e).isExactlyInstanceOf(ServerException.class)
        .hasMessage("[acme] 503: overloaded 2 — not retried: the 2 retries allowed were used");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void sendsOnceWhenRetriesAreOff() {
    server.enqueue(json(503, "{}"));
    server.enqueue(json(200, OK));
    Transport t = new Transport(config(server).withRetryPolicy(RetryPolicy.NONE));

    Throwable e = catchThrowable(() -> t.execute(ApiRequest.get("/v1/models").build(), ResponseReader.text()));

    assertThat(e).isInstanceOf(ServerException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void firstAttemptThatSucceedsCountsAsOneAttempt() {
    server.enqueue(json(200, OK));
    Transport t = new Transport(config(server));

    RawResponse<String> r = t.execute(post(RetrySafety.UNPROTECTED).build(), ResponseReader.text());

    assertThat(r.attempts()).isEqualTo(1);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  // --- Retry-After -------------------------------------------------------------------------

  @Test
  void waitsTheFractionalSecondsOfRetryAfter() {
    server.enqueue(new MockResponse.Builder(json(429, "{\"error\":\"slow down\"}")).setHeader("Retry-After", "0.3").build());
    server.enqueue(json(200, OK));
    Transport t = new Transport(config(server));

    long start = System.nanoTime();
    RawResponse<String> r = t.execute(post(RetrySafety.UNPROTECTED).build(), ResponseReader.text());
    long tookMs = (System.nanoTime() - start) / 1_000_000;

    assertThat(r.attempts()).isEqualTo(2);
    assertThat(tookMs).isGreaterThanOrEqualTo(300);
    assertThat(r.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void waitsUntilTheHttpDateOfRetryAfter() {
    // the server's date is 250 ms after our fixed clock
    Clock clock = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z").minusMillis(250), ZoneOffset.UTC);
    server.enqueue(new MockResponse.Builder(json(503, "{}"))
        .setHeader("Retry-After", "Tue, 01 Jan 2030 00:00:00 GMT").build());
    server.enqueue(json(200, OK));
    Transport t = new Transport(TransportTestSupport.withClock(config(server), clock));

    long start = System.nanoTime();
    RawResponse<String> r = t.execute(ApiRequest.get("/v1/models").build(), ResponseReader.text());
    long tookMs = (System.nanoTime() - start) / 1_000_000;

    assertThat(r.attempts()).isEqualTo(2);
    assertThat(tookMs).isGreaterThanOrEqualTo(250);
  }

  @Test
  void doesNotRetryWhenRetryAfterIsLongerThanAllowed() {
    server.enqueue(new MockResponse.Builder(json(429, "{\"error\":{\"message\":\"quota\",\"code\":\"rate_limited\"}}"))
        .setHeader("Retry-After", "120").build());
    server.enqueue(json(200, OK));
    Transport t = new Transport(config(server));

    long start = System.nanoTime();
    Throwable e = catchThrowable(() -> t.execute(ApiRequest.get("/v1/models").build(), ResponseReader.text()));

    assertThat(e).isInstanceOf(RateLimitException.class).hasMessage("[acme] 429 rate_limited: quota — not retried:"
        + " the server asks to wait 2 min, longer than the longest rate-limit wait allowed (maxRetryWait 5 s)");
    assertThat(((RateLimitException) e).retryAfter()).contains(Duration.ofSeconds(120));
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void doesNotRetryWhenAnHttpDateRetryAfterIsLongerThanAllowed() {
    Clock clock = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
    server.enqueue(new MockResponse.Builder(json(503, "{}"))
        .setHeader("Retry-After", "Tue, 01 Jan 2030 01:00:00 GMT").build());
    server.enqueue(json(200, OK));
    Transport t = new Transport(TransportTestSupport.withClock(config(server), clock));

    Throwable e = catchThrowable(() -> t.execute(ApiRequest.get("/v1/models").build(), ResponseReader.text()));

    assertThat(e).isInstanceOf(ServerException.class);
    assertThat(((ApiException) e).retryAfter()).contains(Duration.ofHours(1));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  // --- helpers -----------------------------------------------------------------------------

  private static ApiRequest.Builder post(RetrySafety safety) {
    return ApiRequest.post("/v1/images", safety).json(Map.of("prompt", "a cat"));
  }

  /**
   * Makes the first attempt fail with {@code failure} and a second answer {@link #OK}, then
   * checks the call was retried exactly when {@code retried} holds the failure.
   */
  private void check(ApiRequest.Builder builder, Failure failure, Set<Failure> retried) {
    TransportConfig config = config(server)
        .withErrors(ErrorMapping.STANDARD, "Idempotency-Key");
    if (failure == Failure.IO_BEFORE_SEND) {
      config = config(TransportTestSupport.flakyUrl(server))
          .withErrors(ErrorMapping.STANDARD, "Idempotency-Key")
          .withHttpClient(TransportTestSupport.flakyDnsClient(server, 1));
    } else if (failure == Failure.IO_AFTER_SEND) {
      server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
    } else if (failure == Failure.TIMEOUT) {
      server.enqueue(new MockResponse.Builder(json(200, OK)).headersDelay(1, TimeUnit.SECONDS).build());
      builder.timeout(TIMEOUT);
    } else {
      server.enqueue(json(failure.status(), "{\"error\":{\"message\":\"failure " + failure.status() + "\"}}"));
    }
    server.enqueue(json(200, OK));
    Transport t = new Transport(config);
    ApiRequest request = builder.build();

    if (retried.contains(failure)) {
      RawResponse<String> r = t.execute(request, ResponseReader.text());
      assertThat(r.body()).isEqualTo(OK);
      assertThat(r.attempts()).isEqualTo(2);
      assertThat(server.getRequestCount()).isEqualTo(failure == Failure.IO_BEFORE_SEND ? 1 : 2);
      return;
    }
    Throwable e = catchThrowable(() -> t.execute(request, ResponseReader.text()));
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(e).isInstanceOf(AigwException.class);
    String what = request.describe();
    String timeoutWhy = "a timeout may hide work done upstream, so a retry could charge twice";
    String serverWhy = "nothing documented says a failed call is free, so a retry could charge twice";
    String ioWhy = "the request may have reached the server, so a retry could charge twice";
    switch (failure) {
      case HTTP_408 -> assertThat(e).isExactlyInstanceOf(ApiException.class)
          .hasMessage("[acme] 408: failure 408 — not retried: " + timeoutWhy + "; " + NO_RECOVERY);
      case HTTP_500, HTTP_502, HTTP_503 -> assertThat(e).isExactlyInstanceOf(ServerException.class)
          .hasMessage("[acme] " + failure.status() + ": failure " + failure.status() + " — not retried: " + serverWhy
              + "; " + NO_RECOVERY);
      case HTTP_504 -> assertThat(e).isExactlyInstanceOf(UpstreamTimeoutException.class)
          .hasMessage("[acme] 504: failure 504 — not retried: " + timeoutWhy + "; " + NO_RECOVERY);
      case IO_AFTER_SEND -> {
        assertThat(e).isExactlyInstanceOf(ConnectionException.class)
            .hasMessageStartingWith("[acme] " + what + " failed: ")
            .hasMessageNotContaining("not sent")
            .hasMessageEndingWith(" — not retried: " + ioWhy + "; " + NO_RECOVERY);
        assertThat(((ConnectionException) e).requestSent()).isTrue();
      }
      case TIMEOUT -> {
        assertThat(e).isExactlyInstanceOf(ConnectionException.class)
            .hasMessage("[acme] " + what + " failed: timed out — not retried: " + ioWhy + "; " + NO_RECOVERY);
        assertThat(((ConnectionException) e).requestSent()).isTrue();
      }
      default -> throw new AssertionError("expected " + failure + " to be retried", e);
    }
  }
}
