package dev.aigw.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aigw.core.Secret;
import dev.aigw.core.error.ServerException;
import dev.aigw.core.http.RetryPolicy;
import dev.aigw.core.http.RetrySafety;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.FailedCalls;
import dev.aigw.core.spi.ResponseReader;
import dev.aigw.core.spi.SseDecoder;
import java.util.concurrent.CompletionException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** Every failed call's declared retry safety is recorded, for the router; everything else passes through. */
class RecordingGatewayTest {
  @StartStop final MockWebServer server = new MockWebServer();

  private RecordingGateway gateway() {
    TransportConfig config = TransportConfig.of("acme", HttpUrl.get(server.url("/").toString()),
        Secret.of("acme_0123456789abcdef"));
    return new RecordingGateway(new Transport(config.withRetryPolicy(RetryPolicy.NONE)));
  }

  private void fail() {
    server.enqueue(new MockResponse.Builder().code(503).body("{}").build());
  }

  @Test
  void aFailureOfEachKindOfCallCarriesTheSafetyItWasDeclaredWith() {
    RecordingGateway g = gateway();
    fail();
    ServerException sync = (ServerException) org.assertj.core.api.Assertions.catchThrowable(() ->
        g.execute(ApiRequest.post("/a", RetrySafety.NOT_CHARGED_ON_ERROR).json(java.util.Map.of()).build(), ResponseReader.rawJson()));
    assertThat(FailedCalls.safetyOf(sync)).contains(RetrySafety.NOT_CHARGED_ON_ERROR);

    fail();
    Throwable async = org.assertj.core.api.Assertions.catchThrowable(() ->
        g.prepare(ApiRequest.post("/b", RetrySafety.UNPROTECTED).json(java.util.Map.of()).build(), ResponseReader.rawJson())
            .executeAsync().join());
    assertThat(async).isInstanceOf(CompletionException.class);
    assertThat(FailedCalls.safetyOf(async.getCause())).contains(RetrySafety.UNPROTECTED);

    fail();
    Throwable prepared = org.assertj.core.api.Assertions.catchThrowable(() ->
        g.prepare(ApiRequest.get("/c").build(), ResponseReader.rawJson()).execute());
    assertThat(FailedCalls.safetyOf(prepared)).contains(RetrySafety.IDEMPOTENT);

    fail();
    SseDecoder<String> decoder = (type, data) -> data;
    Throwable stream = org.assertj.core.api.Assertions.catchThrowable(() ->
        g.openStream(ApiRequest.post("/d", RetrySafety.DEDUPLICATED_BY_KEY).json(java.util.Map.of()).streaming(true).build(), decoder));
    assertThat(FailedCalls.safetyOf(stream)).contains(RetrySafety.DEDUPLICATED_BY_KEY);

    assertThat(FailedCalls.safetyOf(new RuntimeException())).isEmpty();
    FailedCalls.record(null, RetrySafety.IDEMPOTENT);
    FailedCalls.record(sync, RetrySafety.IDEMPOTENT);
    assertThat(FailedCalls.safetyOf(sync)).as("the first record wins").contains(RetrySafety.NOT_CHARGED_ON_ERROR);
  }

  @Test
  void everythingElseIsTheTransports() {
    RecordingGateway g = gateway();
    Transport transport = (Transport) g.delegate();
    assertThat(g.vendor()).isEqualTo("acme");
    assertThat(g.baseUrl()).isEqualTo(transport.baseUrl());
    assertThat(g.isAnonymous()).isFalse();
    assertThat(g.downloader()).isSameAs(transport.downloader());
    assertThat(g.checks()).isSameAs(transport.checks());
    assertThat(g.toString()).isEqualTo(transport.toString());
    g.close();
    assertThat(transport.isClosed()).isTrue();
  }
}
