package dev.aigw.core.internal;

import static dev.aigw.core.internal.TransportTestSupport.config;
import static dev.aigw.core.internal.TransportTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aigw.core.http.RawResponse;
import dev.aigw.core.http.RetrySafety;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.ErrorMapping;
import dev.aigw.core.spi.PreparedCall;
import dev.aigw.core.spi.ResponseReader;
import java.util.Map;
import java.util.UUID;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** One idempotency key per logical POST, reused by its retries and sent only where the vendor honours it. */
class TransportIdempotencyTest {
  @StartStop final MockWebServer server = new MockWebServer();

  private Transport transport(String header) {
    return new Transport(config(server).withErrors(ErrorMapping.STANDARD, header));
  }

  private static ApiRequest.Builder paidPost() {
    return ApiRequest.post("/v1/images", RetrySafety.DEDUPLICATED_BY_KEY).json(Map.of("prompt", "a cat"));
  }

  @Test
  void sendsTheSameGeneratedKeyOnEveryAttemptOfOneCall() throws Exception {
    server.enqueue(json(503, "{}"));
    server.enqueue(json(500, "{}"));
    server.enqueue(json(200, "{}"));
    Transport t = transport("Idempotency-Key");

    RawResponse<String> r = t.execute(paidPost().build(), ResponseReader.text());

    assertThat(r.attempts()).isEqualTo(3);
    String first = server.takeRequest().getHeaders().get("Idempotency-Key");
    assertThat(UUID.fromString(first)).as("a generated key is a UUID").isNotNull();
    assertThat(server.takeRequest().getHeaders().get("Idempotency-Key")).isEqualTo(first);
    assertThat(server.takeRequest().getHeaders().get("Idempotency-Key")).isEqualTo(first);
  }

  @Test
  void generatesAFreshKeyForTheNextLogicalCall() throws Exception {
    server.enqueue(json(200, "{}"));
    server.enqueue(json(200, "{}"));
    Transport t = transport("Idempotency-Key");
    ApiRequest request = paidPost().build();

    t.execute(request, ResponseReader.text());
    t.execute(request, ResponseReader.text());

    String first = server.takeRequest().getHeaders().get("Idempotency-Key");
    String second = server.takeRequest().getHeaders().get("Idempotency-Key");
    assertThat(first).isNotBlank();
    assertThat(second).isNotBlank().isNotEqualTo(first);
  }

  @Test
  void preparedCallRunTwiceIsTwoLogicalCallsWithTwoKeys() throws Exception {
    server.enqueue(json(200, "{}"));
    server.enqueue(json(200, "{}"));
    PreparedCall<String> call = transport("Idempotency-Key").prepare(paidPost().build(), ResponseReader.text());

    call.execute();
    call.execute();

    assertThat(server.takeRequest().getHeaders().get("Idempotency-Key"))
        .isNotEqualTo(server.takeRequest().getHeaders().get("Idempotency-Key"));
  }

  @Test
  void usesTheCallersOwnKeyOnEveryAttempt() throws Exception {
    server.enqueue(json(429, "{}"));
    server.enqueue(json(200, "{}"));
    Transport t = transport("Idempotency-Key");

    t.execute(paidPost().idempotencyKey("order-42").build(), ResponseReader.text());

    assertThat(server.takeRequest().getHeaders().get("Idempotency-Key")).isEqualTo("order-42");
    assertThat(server.takeRequest().getHeaders().get("Idempotency-Key")).isEqualTo("order-42");
  }

  @Test
  void sendsTheKeyUnderTheHeaderTheVendorNames() throws Exception {
    server.enqueue(json(200, "{}"));
    Transport t = transport("X-Request-Key");

    t.execute(paidPost().idempotencyKey("k-1").build(), ResponseReader.text());

    RecordedRequest rec = server.takeRequest();
    assertThat(rec.getHeaders().get("X-Request-Key")).isEqualTo("k-1");
    assertThat(rec.getHeaders().get("Idempotency-Key")).isNull();
  }

  @Test
  void sendsNoKeyHeaderWhenTheVendorHonoursNone() throws Exception {
    server.enqueue(json(200, "{}"));
    server.enqueue(json(200, "{}"));
    Transport t = transport(null);

    t.execute(paidPost().build(), ResponseReader.text());
    t.execute(paidPost().idempotencyKey("k-1").build(), ResponseReader.text());

    for (int i = 0; i < 2; i++) {
      RecordedRequest rec = server.takeRequest();
      assertThat(rec.getHeaders().names()).noneMatch(n -> n.toLowerCase().contains("idempotency"));
      assertThat(rec.getHeaders().toString()).doesNotContain("k-1");
    }
  }

  @Test
  void sendsNoKeyOnGet() throws Exception {
    server.enqueue(json(503, "{}"));
    server.enqueue(json(200, "{}"));
    Transport t = transport("Idempotency-Key");

    t.execute(ApiRequest.get("/v1/models").build(), ResponseReader.text());

    assertThat(server.takeRequest().getHeaders().get("Idempotency-Key")).isNull();
    assertThat(server.takeRequest().getHeaders().get("Idempotency-Key")).isNull();
  }
}
