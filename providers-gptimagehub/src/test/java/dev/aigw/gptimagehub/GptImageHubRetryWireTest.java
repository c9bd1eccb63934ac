package dev.aigw.gptimagehub;

import static dev.aigw.gptimagehub.HubWire.error;
import static dev.aigw.gptimagehub.HubWire.fixture;
import static dev.aigw.gptimagehub.HubWire.json;
import static dev.aigw.gptimagehub.HubWire.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.cost.Cost;
import dev.aigw.core.cost.CostUnit;
import dev.aigw.core.error.ConnectionException;
import dev.aigw.core.error.ServerException;
import dev.aigw.core.error.UpstreamTimeoutException;
import dev.aigw.core.image.ImageResult;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * Retry safety as DESIGN.md's table says for GPTImageHub: failed generations are refunded, so a
 * generation POST is retried after 429 and an explicit 5xx answer, never after a timeout or a cut
 * connection (a success may be hidden there, already charged); GETs are retried freely.
 */
class GptImageHubRetryWireTest {
  @StartStop final MockWebServer server = new MockWebServer();

  static MockResponse dropAfterRequest() {
    return new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build();
  }

  @Test
  void aGenerationIsRetriedAfter429WithTheSameBody() throws Exception {
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "0")
        .setHeader("Content-Type", "application/json").body("{\"error\":{\"message\":\"slow down\"}}").build());
    server.enqueue(ok(fixture("generation-response.json")));
    try (GptImageHubClient client = HubWire.client(server)) {
      assertThat(client.images().generateSync(GptImageHubImagesWireTest.perfume()).credits())
          .isEqualTo(new BigDecimal("8"));
    }
    RecordedRequest first = server.takeRequest();
    RecordedRequest second = server.takeRequest();
    assertThat(HubWire.bodyText(second)).isEqualTo(HubWire.bodyText(first));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  /** generationFailed is refunded, so trying again cannot charge twice. */
  @Test
  void aGenerationIsRetriedAfterAnExplicitServerError() {
    server.enqueue(error(500, "generationFailed", "Image generation failed"));
    server.enqueue(json(503, "{\"error\":{\"message\":\"busy\"}}"));
    server.enqueue(json(202, fixture("generation-async-response.json")));
    try (GptImageHubClient client = HubWire.client(server)) {
      assertThat(client.images().submit(GptImageHubImagesWireTest.studio()).id()).isEqualTo(HubWire.DOC_ID);
    }
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void retriesEndWithTheLastErrorAndItsCode() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(error(500, "generationFailed", "Image generation failed"));
    }
    try (GptImageHubClient client = HubWire.client(server)) {
      assertThatThrownBy(() -> client.images().generateSync(GptImageHubImagesWireTest.perfume()))
          .isInstanceOfSatisfying(ServerException.class, e -> assertThat(e.code()).isEqualTo("generationFailed"));
    }
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aGenerationIsNotRetriedAfterTheConnectionDropsOnceSent() {
    server.enqueue(dropAfterRequest());
    server.enqueue(ok(fixture("generation-response.json")));
    try (GptImageHubClient client = HubWire.client(server)) {
      assertThatThrownBy(() -> client.images().generateSync(GptImageHubImagesWireTest.perfume()))
          .isInstanceOfSatisfying(ConnectionException.class, e -> assertThat(e.getMessage())
              .contains("may have reached the server").contains("charge twice"));
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aGenerationIsNotRetriedAfterAGatewayTimeout() {
    server.enqueue(json(504, "{\"error\":{\"message\":\"upstream timeout\"}}"));
    server.enqueue(ok(fixture("generation-response.json")));
    try (GptImageHubClient client = HubWire.client(server)) {
      assertThatThrownBy(() -> client.images().generateSync(GptImageHubImagesWireTest.perfume()))
          .isInstanceOf(UpstreamTimeoutException.class);
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  /** The sync timeout applies to the whole call; when it runs out nothing is repeated. */
  @Test
  void aSyncGenerationThatOutlastsItsTimeoutIsNotRetried() {
    server.enqueue(new MockResponse.Builder().headersDelay(1, TimeUnit.SECONDS)
        .setHeader("Content-Type", "application/json").body(fixture("generation-response.json")).build());
    server.enqueue(ok(fixture("generation-response.json")));
    try (GptImageHubClient client = HubWire.builder(server).syncTimeout(Duration.ofMillis(200)).build()) {
      assertThatThrownBy(() -> client.images().generateSync(GptImageHubImagesWireTest.perfume()))
          .isInstanceOfSatisfying(ConnectionException.class, e -> assertThat(e.getMessage()).contains("timed out"));
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void pollsAndReadsAreRetriedAfterServerErrorsAndDrops() throws Exception {
    server.enqueue(json(202, fixture("generation-async-response.json")));
    server.enqueue(json(500, "{\"error\":{\"message\":\"oops\"}}"));
    server.enqueue(dropAfterRequest());
    server.enqueue(ok(fixture("generation-response.json")));
    server.enqueue(json(502, "{\"error\":{\"message\":\"bad gateway\"}}"));
    server.enqueue(dropAfterRequest());
    server.enqueue(ok("{\"credits\":112}"));
    try (GptImageHubClient client = HubWire.client(server)) {
      ImageResult result = client.images().generate(GptImageHubImagesWireTest.studio(), Duration.ofSeconds(5));
      assertThat(result.cost()).isEqualTo(Cost.of("8", CostUnit.CREDITS));
      assertThat(client.credits().balance().credits()).isEqualTo(new BigDecimal("112"));
    }
    assertThat(server.getRequestCount()).isEqualTo(7);
  }
}
