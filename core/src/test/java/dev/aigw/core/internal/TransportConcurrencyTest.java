package dev.aigw.core.internal;

import static dev.aigw.core.internal.TransportTestSupport.FAST;
import static dev.aigw.core.internal.TransportTestSupport.VENDOR;
import static dev.aigw.core.internal.TransportTestSupport.config;
import static dev.aigw.core.internal.TransportTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.aigw.core.Secret;
import dev.aigw.core.error.AigwException;
import dev.aigw.core.error.ConnectionException;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.http.RetryPolicy;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.ResponseReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** {@code maxConcurrentRequests}: the most requests of one client in flight at the server at once. */
class TransportConcurrencyTest {
  @StartStop final MockWebServer server = new MockWebServer();

  /** Answers every request after {@code delayMs}, counting how many it is handling at once. */
  static final class CountingDispatcher extends Dispatcher {
    final AtomicInteger current = new AtomicInteger();
    final AtomicInteger max = new AtomicInteger();
    final AtomicInteger total = new AtomicInteger();
    private final long delayMs;

    CountingDispatcher(long delayMs) {
      this.delayMs = delayMs;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
      int now = current.incrementAndGet();
      max.accumulateAndGet(now, Math::max);
      total.incrementAndGet();
      try {
        Thread.sleep(delayMs);
      } finally {
        current.decrementAndGet();
      }
      return json(200, "{\"path\":\"" + request.getUrl().encodedPath() + "\"}");
    }
  }

  @Test
  void asyncCallsNeverExceedTheLimitAndAllSucceed() throws Exception {
    CountingDispatcher dispatcher = new CountingDispatcher(100);
    server.setDispatcher(dispatcher);
    // a limit below the shared pool's async threads, so that the pool alone would not enforce it
    Transport t = new Transport(config(server).withMaxConcurrentRequests(1));

    List<CompletableFuture<RawResponse<String>>> futures = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      futures.add(t.executeAsync(ApiRequest.get("/v1/tasks/" + i).build(), ResponseReader.text()));
    }
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

    assertThat(dispatcher.max.get()).isEqualTo(1);
    assertThat(dispatcher.total).hasValue(10);
    for (int i = 0; i < 10; i++) {
      assertThat(futures.get(i).get().body()).isEqualTo("{\"path\":\"/v1/tasks/" + i + "\"}");
    }
    assertThat(t.inFlight()).isZero();
  }

  @Test
  void withoutALimitTheSameCallsDoOverlap() throws Exception {
    // the control for the test above: the dispatcher does see overlap when nothing limits it (as
    // many calls at once as the shared pool has async threads)
    CountingDispatcher dispatcher = new CountingDispatcher(200);
    server.setDispatcher(dispatcher);
    Transport t = new Transport(config(server));

    List<CompletableFuture<RawResponse<String>>> futures = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      futures.add(t.executeAsync(ApiRequest.get("/v1/tasks/" + i).build(), ResponseReader.text()));
    }
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

    assertThat(dispatcher.max.get()).isEqualTo(SharedResources.DEFAULT_ASYNC_THREADS);
  }

  @Test
  void blockingCallsNeverExceedTheLimit() throws Exception {
    CountingDispatcher dispatcher = new CountingDispatcher(50);
    server.setDispatcher(dispatcher);
    Transport t = new Transport(config(server).withMaxConcurrentRequests(2));
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<RawResponse<String>>> results = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        results.add(pool.submit(() -> t.execute(ApiRequest.get("/v1/x").build(), ResponseReader.text())));
      }
      for (Future<RawResponse<String>> r : results) {
        assertThat(r.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(dispatcher.max.get()).isBetween(1, 2);
    assertThat(dispatcher.total).hasValue(12);
    assertThat(t.inFlight()).isZero();
  }

  @Test
  void clientsOfTheSameKeyShareTheLimit() throws Exception {
    CountingDispatcher dispatcher = new CountingDispatcher(50);
    server.setDispatcher(dispatcher);
    Transport first = new Transport(config(server).withMaxConcurrentRequests(2));
    Transport second = new Transport(config(server).withMaxConcurrentRequests(2));

    callFromSixThreads(first, second);

    assertThat(dispatcher.max.get()).isBetween(1, 2);
    assertThat(dispatcher.total).hasValue(12);
    assertThat(first.inFlight()).isZero();
  }

  @Test
  void clientsOfDifferentKeysHaveALimitEach() throws Exception {
    // the control for the test above: two keys, two gates, so the calls do overlap beyond 2
    CountingDispatcher dispatcher = new CountingDispatcher(50);
    server.setDispatcher(dispatcher);
    Transport first = new Transport(config(server).withMaxConcurrentRequests(2));
    Transport second = new Transport(TransportConfig.of(VENDOR, server.url("/"), Secret.of("tk_other_key_456"))
        .withRetryPolicy(FAST).withMaxConcurrentRequests(2));

    callFromSixThreads(first, second);

    assertThat(dispatcher.max.get()).isBetween(3, 4);
    assertThat(dispatcher.total).hasValue(12);
  }

  private static void callFromSixThreads(Transport first, Transport second) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<RawResponse<String>>> results = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        Transport t = i % 2 == 0 ? first : second;
        results.add(pool.submit(() -> t.execute(ApiRequest.get("/v1/x").build(), ResponseReader.text())));
      }
      for (Future<RawResponse<String>> r : results) {
        assertThat(r.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aCallWaitingForASlotGivesUpAfterItsTimeout() throws Exception {
    CountingDispatcher dispatcher = new CountingDispatcher(400);
    server.setDispatcher(dispatcher);
    Transport t = new Transport(config(server).withMaxConcurrentRequests(1));
    CompletableFuture<RawResponse<String>> holder = t.executeAsync(ApiRequest.get("/v1/slow").build(), ResponseReader.text());
    while (dispatcher.total.get() == 0) {
      Thread.sleep(5);
    }

    Throwable e = catchThrowable(() -> t.execute(ApiRequest.get("/v1/x").timeout(Duration.ofMillis(100)).build(),
        ResponseReader.text()));

    assertThat(e).isExactlyInstanceOf(ConnectionException.class)
        .hasMessage("[acme] GET /v1/x waited 100 ms for one of the 1 concurrent request slots (the request was not sent)");
    assertThat(((ConnectionException) e).requestSent()).isFalse();
    assertThat(holder.get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
    assertThat(dispatcher.total).hasValue(1);
    assertThat(t.inFlight()).isZero();
  }

  @Test
  void aBlockingCallWaitingToRetryDoesNotHoldItsSlot() throws Exception {
    // A's first attempt is cut after it was sent; A then waits 5-10 s before retrying. B, sent
    // while A waits, must get the only slot at once instead of queueing behind A's backoff.
    CountDownLatch aSent = new CountDownLatch(1);
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (request.getUrl().encodedPath().equals("/a")) {
          aSent.countDown();
          return new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build();
        }
        return json(200, "{}");
      }
    });
    Transport t = new Transport(config(server).withMaxConcurrentRequests(1)
        .withRetryPolicy(new RetryPolicy(1, Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(5))));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    Future<RawResponse<String>> a;
    try {
      a = pool.submit(() -> t.execute(ApiRequest.get("/a").build(), ResponseReader.text()));
      assertThat(aSent.await(5, TimeUnit.SECONDS)).isTrue();
      Future<RawResponse<String>> b = pool.submit(() -> t.execute(ApiRequest.get("/b").build(), ResponseReader.text()));

      assertThat(b.get(4, TimeUnit.SECONDS).status()).isEqualTo(200);
      assertThat(a).isNotDone();
    } finally {
      pool.shutdownNow(); // interrupts A's wait
    }

    Throwable e = catchThrowable(() -> a.get(5, TimeUnit.SECONDS));
    assertThat(e.getCause()).isExactlyInstanceOf(AigwException.class).hasMessage("interrupted before retrying GET /a");
    assertThat(t.inFlight()).isZero();
  }

  @Test
  void aBlockingCallMadeWhenAnAsyncCallCompletesGetsTheSlotThatCallFreed() throws Exception {
    server.setDispatcher(new CountingDispatcher(0));
    Transport t = new Transport(config(server).withMaxConcurrentRequests(1));

    CompletableFuture<String> chained = t.executeAsync(ApiRequest.get("/first").build(), ResponseReader.text())
        .thenApply(first -> t.execute(ApiRequest.get("/second").timeout(Duration.ofMillis(500)).build(),
            ResponseReader.text()).body());

    assertThat(chained.get(5, TimeUnit.SECONDS)).isEqualTo("{\"path\":\"/second\"}");
    assertThat(t.inFlight()).isZero();
  }
}
