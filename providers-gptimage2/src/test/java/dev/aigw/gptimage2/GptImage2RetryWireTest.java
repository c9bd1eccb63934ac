package dev.aigw.gptimage2;

import static dev.aigw.gptimage2.GptImage2TestWire.WAIT;
import static dev.aigw.gptimage2.GptImage2TestWire.accepted;
import static dev.aigw.gptimage2.GptImage2TestWire.assertGeneratedKey;
import static dev.aigw.gptimage2.GptImage2TestWire.bodyText;
import static dev.aigw.gptimage2.GptImage2TestWire.generation;
import static dev.aigw.gptimage2.GptImage2TestWire.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aigw.core.error.ConnectionException;
import dev.aigw.core.error.ServerException;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.media.MediaInput;
import dev.aigw.core.operation.Operation;
import dev.aigw.testkit.TestMedia;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Retries of a generation: gptimage2.plus answers an {@code Idempotency-Key} it has seen with the
 * existing generation, so a submission is retried after a 5xx, a 429 and a connection lost after
 * sending, always with the same key, and never charged twice. The next submission has its own key.
 */
class GptImage2RetryWireTest {
  @StartStop final MockWebServer server = new MockWebServer();

  static final ImageRequest REQUEST = ImageRequest.builder().prompt("a lighthouse").build();

  private static MockResponse dropAfterReading() {
    return new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build();
  }

  /** The next {@code count} requests' idempotency keys, after checking each is a POST of the same body. */
  private List<String> keysOfGenerates(int count) throws InterruptedException {
    List<String> keys = new ArrayList<>();
    String body = null;
    for (int i = 0; i < count; i++) {
      RecordedRequest r = server.takeRequest();
      assertThat(r.getMethod() + " " + r.getUrl().encodedPath()).isEqualTo("POST /api/v1/generate");
      if (body != null) {
        assertThat(bodyText(r)).isEqualTo(body);
      }
      body = bodyText(r);
      keys.add(r.getHeaders().get("Idempotency-Key"));
    }
    return keys;
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503, 504})
  void aServerErrorIsRetriedWithTheSameKey(int status) throws Exception {
    server.enqueue(json(status, "{\"error\":\"upstream hiccup\"}"));
    server.enqueue(accepted("gen_1"));
    RawResponse<Operation<ImageResult>> raw;
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      raw = client.images().withRawResponse().submit(REQUEST);
    }

    assertThat(raw.attempts()).isEqualTo(2);
    assertThat(raw.body().id()).isEqualTo("gen_1");
    List<String> keys = keysOfGenerates(2);
    assertGeneratedKey(keys.get(0));
    assertThat(keys).containsOnly(keys.get(0));
  }

  @Test
  void a429IsRetriedWithTheSameKey() throws Exception {
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "0").build());
    server.enqueue(accepted("gen_1"));
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      assertThat(client.images().withRawResponse().submit(REQUEST).attempts()).isEqualTo(2);
    }

    List<String> keys = keysOfGenerates(2);
    assertThat(keys.get(1)).isEqualTo(keys.get(0));
  }

  @Test
  void aConnectionLostAfterTheRequestWasSentIsRetriedWithTheSameKey() throws Exception {
    server.enqueue(dropAfterReading());
    server.enqueue(accepted("gen_1"));
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      assertThat(client.images().submit(REQUEST).id()).isEqualTo("gen_1");
    }

    List<String> keys = keysOfGenerates(2);
    assertThat(keys.get(1)).as("the server dedupes the retry by this key").isEqualTo(keys.get(0));
  }

  @Test
  void theCallersKeyIsTheOneRetried() throws Exception {
    server.enqueue(json(503, "{}"));
    server.enqueue(dropAfterReading());
    server.enqueue(accepted("gen_1"));
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      client.images().submit(REQUEST.toBuilder().vendorOption(GptImage2Options.idempotencyKey("order-7")).build());
    }

    assertThat(keysOfGenerates(3)).containsExactly("order-7", "order-7", "order-7");
  }

  @Test
  void afterTheLastRetryTheErrorSurfacesAndEveryAttemptHadTheSameKey() throws Exception {
    for (int i = 0; i < 3; i++) {
      server.enqueue(json(503, "{\"error\":\"Service unavailable\"}"));
    }
    ServerException e;
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      e = catchThrowableOfType(ServerException.class, () -> client.images().submit(REQUEST));
    }

    List<String> keys = keysOfGenerates(3);
    assertThat(e.getMessage()).isEqualTo("[gptimage2] 503: Service unavailable — not retried: the 2 retries allowed"
        + " were used; the work may have been done and charged: resubmit with idempotency key " + keys.get(0)
        + " to get it without a second charge");
    assertThat(e.idempotencyKey()).contains(keys.get(0));
    assertGeneratedKey(keys.get(0));
    assertThat(keys).containsOnly(keys.get(0));
  }

  @Test
  void retriesNeverOutliveTheirCountAfterDroppedConnections() throws Exception {
    for (int i = 0; i < 3; i++) {
      server.enqueue(dropAfterReading());
    }
    ConnectionException e;
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      e = catchThrowableOfType(ConnectionException.class, () -> client.images().submit(REQUEST));
    }

    assertThat(e.requestSent()).isTrue();
    assertThat(e.getMessage()).startsWith("[gptimage2] POST /api/v1/generate failed: ")
        .doesNotContain("may have reached the server; not retried");
    List<String> keys = keysOfGenerates(3);
    assertThat(keys).containsOnly(keys.get(0));
  }

  @Test
  void theNextSubmissionAfterARetriedOneHasAFreshKey() throws Exception {
    server.enqueue(json(503, "{}"));
    server.enqueue(accepted("gen_1"));
    server.enqueue(accepted("gen_2"));
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      client.images().submit(REQUEST);
      client.images().submit(REQUEST);
    }

    List<String> keys = keysOfGenerates(3);
    assertThat(keys.get(1)).isEqualTo(keys.get(0));
    assertThat(keys.get(2)).isNotEqualTo(keys.get(0));
    assertGeneratedKey(keys.get(2));
  }

  @Test
  void aPollThatFailsDoesNotEndTheOperation() throws Exception {
    server.enqueue(accepted("gen_1"));
    server.enqueue(json(503, "{}"));
    server.enqueue(dropAfterReading());
    server.enqueue(generation("succeeded", "gen_1"));
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      assertThat(client.images().generate(REQUEST, WAIT).id()).isEqualTo("gen_1");
    }
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void anUploadRequestIsRetriedAfterA5xxSinceItChargesNothing() throws Exception {
    server.enqueue(json(502, "{}"));
    server.enqueue(GptImage2TestWire.ok("{\"url\":\"" + server.url("/put/k1?X-Amz-Signature=s") + "\",\"key\":\"uploads/k1\"}"));
    server.enqueue(new MockResponse.Builder().code(200).build());
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      assertThat(client.uploads().upload(MediaInput.bytes(TestMedia.png(4, 4, 1))).key()).isEqualTo("uploads/k1");
    }

    RecordedRequest first = server.takeRequest();
    RecordedRequest second = server.takeRequest();
    assertThat(second.getHeaders().get("Idempotency-Key")).isEqualTo(first.getHeaders().get("Idempotency-Key"));
    RecordedRequest put = server.takeRequest();
    assertThat(put.getMethod()).isEqualTo("PUT");
    assertThat(put.getHeaders().get("Authorization")).as("even on the API's own host").isNull();
  }
}
