package dev.aigw.gptimage2;

import static dev.aigw.gptimage2.GptImage2TestWire.KEY;
import static dev.aigw.gptimage2.GptImage2TestWire.accepted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.aigw.core.AiClient;
import dev.aigw.core.AiClients;
import dev.aigw.core.Capability;
import dev.aigw.core.ClientOptions;
import dev.aigw.core.error.UnsupportedCapabilityException;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.image.ImageRequest;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** Building a gptimage2.plus client: key, base URL, environment, ServiceLoader, capabilities. */
class GptImage2ClientConfigWireTest {
  @StartStop final MockWebServer server = new MockWebServer();

  @Test
  void aMissingKeyIsRefusedNamingTheVariable() {
    assertThatThrownBy(() -> GptImage2Client.builder().build()).isInstanceOf(ValidationException.class)
        .hasMessageContaining("gptimage2").hasMessageContaining("GPTIMAGE2_API_KEY");
    assertThatThrownBy(() -> GptImage2Client.fromEnv(Map.of())).isInstanceOf(ValidationException.class)
        .hasMessageContaining("GPTIMAGE2_API_KEY");
  }

  @Test
  void aKeyWithoutTheGimgPrefixIsRefusedWithoutShowingIt() {
    String other = "csk_live_9f8e7d6c5b4a39281706";
    assertThatThrownBy(() -> GptImage2Client.builder().apiKey(other).build())
        .isInstanceOf(ValidationException.class).hasMessageContaining("gimg_")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("9f8e7d6c"));
  }

  @Test
  void theDefaultBaseUrlIsTheDocumentedOne() {
    try (GptImage2Client client = GptImage2Client.builder().apiKey(KEY).build()) {
      assertThat(client.toString()).isEqualTo("GptImage2Client[https://gptimage2.plus/]");
    }
    assertThat(GptImage2Client.DEFAULT_BASE_URL).isEqualTo("https://gptimage2.plus");
  }

  @Test
  void fromEnvReadsKeyAndBaseUrl() throws Exception {
    server.enqueue(accepted("gen_1"));
    try (GptImage2Client client = GptImage2Client.fromEnv(Map.of("GPTIMAGE2_API_KEY", KEY,
        "GPTIMAGE2_BASE_URL", server.url("/proxy/").toString()))) {
      assertThat(client.toString()).isEqualTo("GptImage2Client[" + server.url("/proxy/") + "]").doesNotContain(KEY);
      client.images().submit(ImageRequest.builder().prompt("p").build());
    }
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/proxy/api/v1/generate");
  }

  @Test
  void fromEnvWithoutArgumentsReadsTheProcessEnvironment() {
    Throwable implicit = catchThrowable(() -> GptImage2Client.fromEnv().close());
    Throwable explicit = catchThrowable(() -> GptImage2Client.fromEnv(System.getenv()).close());
    if (explicit == null) {
      assertThat(implicit).isNull();
    } else {
      assertThat(implicit).isInstanceOf(explicit.getClass()).hasMessage(explicit.getMessage());
    }
  }

  @Test
  void aiClientsFindsGptImage2ByServiceLoader() throws Exception {
    server.enqueue(accepted("gen_1"));
    assertThat(AiClients.available()).containsKey("gptimage2");
    try (AiClient client = AiClients.create("gptimage2", ClientOptions.builder().apiKey(KEY)
        .baseUrl(server.url("/").toString()).maxRetries(0).build())) {
      assertThat(client).isInstanceOf(GptImage2Client.class);
      assertThat(client.images().submit(ImageRequest.builder().prompt("p").build()).id()).isEqualTo("gen_1");
    }
    try (AiClient client = AiClients.fromEnv("gptimage2", Map.of("GPTIMAGE2_API_KEY", KEY))) {
      assertThat(client.vendor()).isEqualTo("gptimage2");
    }
  }

  @Test
  void itOffersImagesWithReferencesAndNothingElse() {
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      assertThat(client.capabilities()).containsExactlyInAnyOrder(Capability.IMAGES, Capability.IMAGE_REFERENCES);
      assertThat(client.vendor()).isEqualTo("gptimage2");
      AiClient neutral = client;
      assertThat(neutral.images()).isSameAs(client.images());
      assertThat(catchThrowable(neutral::chat)).isInstanceOf(UnsupportedCapabilityException.class);
      assertThat(catchThrowable(neutral::videos)).isInstanceOf(UnsupportedCapabilityException.class);
      assertThat(client.uploads()).isNotNull();
      assertThat(client.webhooks()).isNotNull();
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aClosedClientSendsNothing() {
    GptImage2Client client = GptImage2TestWire.client(server);
    client.close();
    assertThatThrownBy(() -> client.images().submit(ImageRequest.builder().prompt("p").build()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    assertThat(server.getRequestCount()).isZero();
  }
}
