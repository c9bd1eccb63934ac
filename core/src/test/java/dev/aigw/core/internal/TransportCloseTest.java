package dev.aigw.core.internal;

import static dev.aigw.core.internal.TransportTestSupport.config;
import static dev.aigw.core.internal.TransportTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.aigw.core.http.RetrySafety;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.OpenAiChat;
import dev.aigw.core.spi.ResponseReader;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** A closed transport refuses new calls, clearly and without touching the network. */
class TransportCloseTest {
  @StartStop final MockWebServer server = new MockWebServer();

  private static final String CLOSED = "the acme client is closed";

  @Test
  void refusesBlockingCallsOnceClosed() {
    server.enqueue(json(200, "{}"));
    Transport t = new Transport(config(server));
    t.execute(ApiRequest.get("/v1/models").build(), ResponseReader.text());

    t.close();

    assertThat(t.isClosed()).isTrue();
    assertThat(catchThrowable(() -> t.execute(ApiRequest.get("/v1/models").build(), ResponseReader.text())))
        .isExactlyInstanceOf(IllegalStateException.class).hasMessage(CLOSED);
    assertThat(catchThrowable(() -> t.prepare(ApiRequest.post("/v1/images", RetrySafety.UNPROTECTED).build(),
        ResponseReader.text()).execute()))
        .isExactlyInstanceOf(IllegalStateException.class).hasMessage(CLOSED);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void failsAsyncCallsOnceClosed() {
    Transport t = new Transport(config(server));
    t.close();

    CompletableFuture<?> f = t.executeAsync(ApiRequest.get("/v1/models").build(), ResponseReader.text());
    Throwable e = catchThrowable(() -> f.get(5, TimeUnit.SECONDS));

    assertThat(e).isInstanceOf(ExecutionException.class);
    assertThat(e.getCause()).isExactlyInstanceOf(IllegalStateException.class).hasMessage(CLOSED);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void refusesStreamsOnceClosed() {
    Transport t = new Transport(config(server));
    t.close();

    Throwable e = catchThrowable(() -> t.openStream(ApiRequest.post("/v1/chat", RetrySafety.UNPROTECTED)
        .streaming(true).build(), OpenAiChat.chunkDecoder()));

    assertThat(e).isExactlyInstanceOf(IllegalStateException.class).hasMessage(CLOSED);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void refusedCallsDoNotUseUpConcurrencySlots() {
    Transport t = new Transport(config(server).withMaxConcurrentRequests(1)
        .withTimeouts(Duration.ofMillis(300), Duration.ofMillis(300)));
    t.close();

    for (int i = 0; i < 3; i++) {
      assertThat(catchThrowable(() -> t.execute(ApiRequest.get("/v1/models").build(), ResponseReader.text())))
          .isExactlyInstanceOf(IllegalStateException.class).hasMessage(CLOSED);
      assertThat(catchThrowable(() -> t.openStream(ApiRequest.get("/v1/events").streaming(true).build(),
          OpenAiChat.chunkDecoder())))
          .isExactlyInstanceOf(IllegalStateException.class).hasMessage(CLOSED);
    }
    assertThat(t.inFlight()).isZero();
  }
}
