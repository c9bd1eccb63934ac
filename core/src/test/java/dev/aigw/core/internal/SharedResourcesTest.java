package dev.aigw.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Request;
import okhttp3.Response;
import org.jetbrains.annotations.NotNull;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SharedResourcesTest {
  private final MockWebServer server = new MockWebServer();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger mostInFlight = new AtomicInteger();

  @BeforeEach
  void start() throws IOException {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
          Thread.sleep(20);
        } finally {
          inFlight.decrementAndGet();
        }
        return new MockResponse.Builder().body("{\"status\":\"processing\"}").build();
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void theDispatcherHasOneLimitSoThatAdmittingACallNeverWalksTheQueue() {
    // a per-host limit below the total made OkHttp walk every waiting call whenever one ended:
    // with 10,000 operations polled at once, most of the CPU of waiting (OperationsProbe, JFR)
    okhttp3.Dispatcher dispatcher = SharedResources.httpClient().dispatcher();
    assertThat(dispatcher.getMaxRequests()).isEqualTo(SharedResources.MAX_REQUESTS);
    assertThat(dispatcher.getMaxRequestsPerHost()).isEqualTo(dispatcher.getMaxRequests());
  }

  @Test
  void asynchronousCallsRunOnAFixedHandfulOfThreadsAndTheRestWaitTheirTurn() throws Exception {
    int calls = 40;
    CountDownLatch answered = new CountDownLatch(calls);
    AtomicInteger succeeded = new AtomicInteger();
    for (int i = 0; i < calls; i++) {
      Request request = new Request.Builder().url(server.url("/task?id=" + i)).build();
      SharedResources.httpClient().newCall(request).enqueue(new Callback() {
        @Override
        public void onFailure(@NotNull Call call, @NotNull IOException e) {
          answered.countDown();
        }

        @Override
        public void onResponse(@NotNull Call call, @NotNull Response response) {
          try (response) {
            if (response.isSuccessful()) {
              succeeded.incrementAndGet();
            }
          }
          answered.countDown();
        }
      });
    }

    assertThat(answered.await(20, TimeUnit.SECONDS)).isTrue();
    assertThat(succeeded).hasValue(calls);
    assertThat(mostInFlight.get()).as("calls on the wire at once")
        .isBetween(1, SharedResources.DEFAULT_ASYNC_THREADS);
    assertThat(aigwHttpThreads()).as("aigw-http threads alive")
        .isBetween(1L, (long) SharedResources.DEFAULT_ASYNC_THREADS);
  }

  @Test
  void theNumberOfAsyncThreadsComesFromTheSystemPropertyWithinLimits() {
    assertThat(SharedResources.asyncThreads(null)).isEqualTo(SharedResources.DEFAULT_ASYNC_THREADS);
    assertThat(SharedResources.asyncThreads(" ")).isEqualTo(SharedResources.DEFAULT_ASYNC_THREADS);
    assertThat(SharedResources.asyncThreads("1")).isEqualTo(1);
    assertThat(SharedResources.asyncThreads(" 8 ")).isEqualTo(8);
    assertThat(SharedResources.asyncThreads("64")).isEqualTo(64);
    assertThat(SharedResources.asyncThreads("0")).isEqualTo(SharedResources.DEFAULT_ASYNC_THREADS);
    assertThat(SharedResources.asyncThreads("65")).isEqualTo(SharedResources.DEFAULT_ASYNC_THREADS);
    assertThat(SharedResources.asyncThreads("many")).isEqualTo(SharedResources.DEFAULT_ASYNC_THREADS);
  }

  private static long aigwHttpThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("aigw-http-")).count();
  }
}
