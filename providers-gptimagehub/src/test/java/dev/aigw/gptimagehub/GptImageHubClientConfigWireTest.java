package dev.aigw.gptimagehub;

import static dev.aigw.gptimagehub.HubWire.assertModelsGet;
import static dev.aigw.gptimagehub.HubWire.models;
import static dev.aigw.gptimagehub.HubWire.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.AiClient;
import dev.aigw.core.AiClients;
import dev.aigw.core.Capability;
import dev.aigw.core.ClientOptions;
import dev.aigw.core.error.UnsupportedCapabilityException;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.model.ModelInfo;
import java.time.Duration;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** Building a GPTImageHub client: key, base URL, environment, ServiceLoader, capabilities, timeouts. */
class GptImageHubClientConfigWireTest {
  @StartStop final MockWebServer server = new MockWebServer();

  @Test
  void aMissingKeyIsRefusedNamingTheVariable() {
    assertThatThrownBy(() -> GptImageHubClient.builder().build())
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("apiKey"))
        .hasMessageContaining("gptimagehub")
        .hasMessageContaining("GPTIMAGEHUB_API_KEY");
    assertThatThrownBy(() -> GptImageHubClient.fromEnv(Map.of()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("GPTIMAGEHUB_API_KEY");
  }

  @Test
  void aKeyWithoutTheLivePrefixIsRefusedWithoutShowingIt() {
    for (String key : new String[] {"gih_test_9f8e7d6c5b4a39281706", "csk_9f8e7d6c5b4a39281706"}) {
      assertThatThrownBy(() -> GptImageHubClient.builder().apiKey(key).baseUrl(server.url("/").toString()).build())
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("gptimagehub")
          .hasMessageContaining("gih_live_")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(key).doesNotContain("9f8e7d6c"));
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void theDefaultBaseUrlIsTheDocumentedOne() {
    try (GptImageHubClient client = GptImageHubClient.builder().apiKey(HubWire.KEY).build()) {
      assertThat(client.toString()).isEqualTo("GptImageHubClient[https://www.gptimagehub.com/]");
    }
    assertThat(GptImageHubClient.DEFAULT_BASE_URL).isEqualTo("https://www.gptimagehub.com");
    assertThat(GptImageHubClient.KEY_PREFIX).isEqualTo("gih_live_");
  }

  @Test
  void fromEnvReadsKeyAndBaseUrl() throws Exception {
    server.enqueue(ok(models(16)));
    try (GptImageHubClient client = GptImageHubClient.fromEnv(Map.of(
        "GPTIMAGEHUB_API_KEY", HubWire.KEY, "GPTIMAGEHUB_BASE_URL", server.url("/").toString()))) {
      assertThat(client.toString()).isEqualTo("GptImageHubClient[" + server.url("/") + "]")
          .doesNotContain(HubWire.KEY);
      assertThat(client.models().list()).extracting(ModelInfo::id).containsExactly("gpt-image-2");
    }
    assertModelsGet(server.takeRequest());
  }

  @Test
  void aBaseUrlWithAPathPrefixIsKept() throws Exception {
    server.enqueue(ok("{\"credits\":1}"));
    try (GptImageHubClient client = GptImageHubClient.builder().apiKey(HubWire.KEY)
        .baseUrl(server.url("/proxy/hub/").toString()).build()) {
      client.credits().balance();
    }
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/proxy/hub/api/v1/credits");
  }

  @Test
  void capabilitiesAreImagesReferencesAndModels() {
    try (GptImageHubClient client = HubWire.client(server)) {
      assertThat(client.vendor()).isEqualTo("gptimagehub");
      assertThat(client.capabilities())
          .containsExactlyInAnyOrder(Capability.IMAGES, Capability.IMAGE_REFERENCES, Capability.MODELS);
      assertThat(client.supports(Capability.CHAT)).isFalse();
      assertThatThrownBy(client::chat).isInstanceOf(UnsupportedCapabilityException.class)
          .hasMessageContaining("gptimagehub");
      assertThatThrownBy(client::videos).isInstanceOf(UnsupportedCapabilityException.class);
    }
  }

  @Test
  void waitingForAQueuedGenerationDefaultsToAsLongAsASyncOneMayTake() {
    assertThat(GptImageHubClient.SPEC.polling().defaultTimeout()).isEqualTo(Duration.ofMinutes(15))
        .isGreaterThan(GptImageHubClient.DOCUMENTED_SYNC_MAXIMUM);
  }

  @Test
  void theSyncTimeoutMustBePositive() {
    assertThatThrownBy(() -> GptImageHubClient.builder().syncTimeout(Duration.ZERO))
        .isInstanceOf(ValidationException.class).hasMessageContaining("syncTimeout");
    assertThatThrownBy(() -> GptImageHubClient.builder().syncTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void aiClientsFindsGptImageHubByServiceLoader() throws Exception {
    server.enqueue(ok(models(16)));
    assertThat(AiClients.available()).containsKey("gptimagehub");
    try (AiClient client = AiClients.create("gptimagehub", ClientOptions.builder()
        .apiKey(HubWire.KEY).baseUrl(server.url("/").toString()).maxRetries(0).build())) {
      assertThat(client).isInstanceOf(GptImageHubClient.class);
      assertThat(client.models().list()).extracting(ModelInfo::provider).containsExactly("openai");
    }
    assertModelsGet(server.takeRequest());
    try (AiClient client = AiClients.fromEnv("gptimagehub", Map.of("GPTIMAGEHUB_API_KEY", HubWire.KEY,
        "GPTIMAGEHUB_BASE_URL", server.url("/").toString()))) {
      assertThat(client).isInstanceOf(GptImageHubClient.class);
    }
  }
}
