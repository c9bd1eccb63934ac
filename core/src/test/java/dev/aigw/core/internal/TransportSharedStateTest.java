package dev.aigw.core.internal;

import static dev.aigw.core.internal.TransportTestSupport.config;
import static dev.aigw.core.internal.TransportTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.ClientOptions;
import dev.aigw.core.TestVendorClient;
import dev.aigw.core.error.SharedStateException;
import dev.aigw.core.shared.ConcurrencyLimiter;
import dev.aigw.core.shared.LimitKey;
import dev.aigw.core.shared.LocalConcurrencyLimiter;
import dev.aigw.core.shared.SharedState;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.Listeners;
import dev.aigw.core.spi.ResponseReader;
import dev.aigw.core.webhook.DeliveryDeduplicator;
import dev.aigw.core.shared.LocalPendingOperations;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** A transport takes its request slots from the limiter of its shared state, by the key's fingerprint. */
class TransportSharedStateTest {
  @StartStop final MockWebServer server = new MockWebServer();

  /** Grants every slot through the local limiter, and records what it was asked. */
  static final class RecordingLimiter implements ConcurrencyLimiter {
    final List<LimitKey> asked = new CopyOnWriteArrayList<>();
    final AtomicInteger released = new AtomicInteger();
    final LocalConcurrencyLimiter local = new LocalConcurrencyLimiter();

    @Override
    public CompletableFuture<Lease> acquire(LimitKey key) {
      asked.add(key);
      return local.acquire(key).thenApply(lease -> () -> {
        released.incrementAndGet();
        lease.release();
      });
    }
  }

  /** Fails every slot as a store that is down does. */
  static final class DownLimiter implements ConcurrencyLimiter {
    @Override
    public CompletableFuture<Lease> acquire(LimitKey key) {
      return CompletableFuture.failedFuture(new SharedStateException(key.vendor(), "the store is down", null));
    }
  }

  @Test
  void slotsComeFromTheGivenLimiterUnderTheKeysFingerprint() throws Exception {
    server.enqueue(json(200, "{}"));
    server.enqueue(json(200, "{}"));
    RecordingLimiter limiter = new RecordingLimiter();
    try (Transport t = new Transport(config(server).withMaxConcurrentRequests(3), Listeners.NONE, null, limiter)) {
      t.execute(ApiRequest.get("/v1/a").build(), ResponseReader.text());
      t.executeAsync(ApiRequest.get("/v1/b").build(), ResponseReader.text()).get(10, TimeUnit.SECONDS);
      assertThat(t.inFlight()).isZero();
    }
    assertThat(limiter.asked).hasSize(2).allSatisfy(key -> {
      assertThat(key.vendor()).isEqualTo("acme");
      assertThat(key.baseUrl()).isEqualTo(server.url("/").toString());
      assertThat(key.limit()).isEqualTo(3);
      // SHA-256 of tk_test_key_123
      assertThat(key.keyFingerprint()).isEqualTo(Slots.fingerprint("tk_test_key_123")).doesNotContain("tk_test");
    });
    assertThat(limiter.released).hasValue(2);
  }

  @Test
  void aStoreThatIsDownFailsTheCallTypedAndNothingIsSent() {
    try (Transport t = new Transport(config(server).withMaxConcurrentRequests(3), Listeners.NONE, null,
        new DownLimiter())) {
      assertThatThrownBy(() -> t.execute(ApiRequest.get("/v1/a").build(), ResponseReader.text()))
          .isInstanceOf(SharedStateException.class).hasMessage("the store is down");
      assertThatThrownBy(() -> t.executeAsync(ApiRequest.get("/v1/b").build(), ResponseReader.text())
          .get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SharedStateException.class);
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void withoutALimitOrAKeyTheSharedLimiterIsNotAsked() throws Exception {
    server.enqueue(json(200, "{}"));
    server.enqueue(json(200, "{}"));
    RecordingLimiter limiter = new RecordingLimiter();
    try (Transport unlimited = new Transport(config(server), Listeners.NONE, null, limiter);
        Transport anonymous = new Transport(TransportConfig.of("acme", server.url("/"), null)
            .withMaxConcurrentRequests(1), Listeners.NONE, null, limiter)) {
      unlimited.execute(ApiRequest.get("/v1/a").build(), ResponseReader.text());
      anonymous.execute(ApiRequest.get("/v1/b").build(), ResponseReader.text());
      assertThat(anonymous.inFlight()).isZero();
    }
    assertThat(limiter.asked).isEmpty();
  }

  @Test
  void theBuilderAndClientOptionsHandTheSharedStateToTheTransport() throws Exception {
    server.enqueue(json(200, "{}"));
    RecordingLimiter limiter = new RecordingLimiter();
    SharedState state = SharedState.of(limiter, new DeliveryDeduplicator(), new LocalPendingOperations(), "me");
    ClientOptions options = ClientOptions.builder().sharedState(state).build();
    assertThat(options.sharedState()).isSameAs(state);
    assertThat(options.toBuilder().build()).isEqualTo(options);
    assertThat(options.toString()).contains("SharedState[me]");
    assertThat(ClientOptions.builder().build()).isNotEqualTo(options);
    try (TestVendorClient client = TestVendorClient.builder().apiKey("tv_key").baseUrl(server.url("/").toString())
        .maxConcurrentRequests(2).options(options).build()) {
      client.transport().execute(ApiRequest.get("/v1/a").build(), ResponseReader.text());
      assertThat(client.transport().listeners().all()).hasAtLeastOneElementOfType(PendingOperationsRecorder.class);
    }
    assertThat(limiter.asked).singleElement().satisfies(key -> assertThat(key.vendor()).isEqualTo("testvendor"));
  }
}
