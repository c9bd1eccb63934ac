package dev.aigw.cheapsub;

import static dev.aigw.cheapsub.CheapSubWire.assertGet;
import static dev.aigw.cheapsub.CheapSubWire.fixture;
import static dev.aigw.cheapsub.CheapSubWire.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.AiClient;
import dev.aigw.core.AiClients;
import dev.aigw.core.Capability;
import dev.aigw.core.ClientOptions;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.model.ModelInfo;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** Building a CheapSub client: key, base URL, environment, ServiceLoader, capabilities. */
class CheapSubClientConfigWireTest {
  @StartStop final MockWebServer server = new MockWebServer();

  @Test
  void aMissingKeyIsRefusedNamingTheVariable() {
    assertThatThrownBy(() -> CheapSubClient.builder().build())
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("apiKey"))
        .hasMessageContaining("cheapsub")
        .hasMessageContaining("CHEAPSUB_API_KEY");
    assertThatThrownBy(() -> CheapSubClient.fromEnv(Map.of()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("CHEAPSUB_API_KEY");
    assertThatThrownBy(() -> CheapSubClient.builder().apiKey("  ").build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("CHEAPSUB_API_KEY");
  }

  @Test
  void anotherVendorsKeyIsRefusedWithoutShowingIt() {
    String cloudGptKey = "cgpt_live_9f8e7d6c5b4a39281706";
    assertThatThrownBy(() -> CheapSubClient.builder().apiKey(cloudGptKey).baseUrl(server.url("/").toString()).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("cheapsub")
        .hasMessageContaining("csk_")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(cloudGptKey).doesNotContain("9f8e7d6c"));
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aMalformedBaseUrlIsRefused() {
    assertThatThrownBy(() -> CheapSubClient.builder().apiKey(CheapSubWire.KEY).baseUrl("api.cheapsub.im").build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("baseUrl");
  }

  @Test
  void fromEnvReadsKeyAndBaseUrl() throws Exception {
    server.enqueue(ok(fixture("s1-models-response.json")));
    List<ModelInfo> models;
    try (CheapSubClient client = CheapSubClient.fromEnv(Map.of(
        "CHEAPSUB_API_KEY", CheapSubWire.KEY, "CHEAPSUB_BASE_URL", server.url("/").toString()))) {
      assertThat(client.toString()).isEqualTo("CheapSubClient[" + server.url("/") + "]");
      models = client.models().list();
    }
    assertThat(models).hasSize(3);
    assertGet(server.takeRequest(), "/api/v1/models");
  }

  @Test
  void aBaseUrlWithAPathPrefixIsKept() throws Exception {
    server.enqueue(ok(fixture("s1-models-response.json")));
    try (CheapSubClient client = CheapSubClient.builder().apiKey(CheapSubWire.KEY)
        .baseUrl(server.url("/proxy/cheapsub/").toString()).build()) {
      client.models().list();
    }
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/proxy/cheapsub/api/v1/models");
  }

  @Test
  void theDefaultBaseUrlIsTheDocumentedOne() {
    try (CheapSubClient client = CheapSubClient.builder().apiKey(CheapSubWire.KEY).build()) {
      assertThat(client.toString()).isEqualTo("CheapSubClient[https://api.cheapsub.im/]");
    }
    try (CheapSubClient client = CheapSubClient.fromEnv(Map.of("CHEAPSUB_API_KEY", CheapSubWire.KEY))) {
      assertThat(client.toString()).isEqualTo("CheapSubClient[https://api.cheapsub.im/]");
    }
    assertThat(CheapSubClient.DEFAULT_BASE_URL).isEqualTo("https://api.cheapsub.im");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void toStringNeverShowsTheKey() {
    try (CheapSubClient client = CheapSubWire.client(server)) {
      assertThat(client.toString()).doesNotContain(CheapSubWire.KEY).doesNotContain("test_key");
    }
  }

  @Test
  void aiClientsFindsCheapSubByServiceLoader() throws Exception {
    server.enqueue(ok(fixture("s1-models-response.json")));
    assertThat(AiClients.available()).containsKey("cheapsub");
    try (AiClient client = AiClients.create("cheapsub", ClientOptions.builder()
        .apiKey(CheapSubWire.KEY).baseUrl(server.url("/").toString()).maxRetries(0).build())) {
      assertThat(client).isInstanceOf(CheapSubClient.class);
      assertThat(client.vendor()).isEqualTo("cheapsub");
      assertThat(client.models().list()).extracting(ModelInfo::id).contains("google/gemini-3-flash");
    }
    RecordedRequest request = server.takeRequest();
    assertGet(request, "/api/v1/models");
  }

  @Test
  void aiClientsFromEnvBuildsCheapSub() {
    try (AiClient client = AiClients.fromEnv("CheapSub", Map.of("CHEAPSUB_API_KEY", CheapSubWire.KEY,
        "CHEAPSUB_BASE_URL", server.url("/").toString()))) {
      assertThat(client).isInstanceOf(CheapSubClient.class);
      assertThat(client.toString()).isEqualTo("CheapSubClient[" + server.url("/") + "]");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aiClientsRefusesAMissingKeyToo() {
    assertThatThrownBy(() -> AiClients.create("cheapsub", ClientOptions.builder().build()))
        .isInstanceOf(ValidationException.class).hasMessageContaining("CHEAPSUB_API_KEY");
  }

  @Test
  void capabilitiesAreChatStreamingImagesReferencesVideosAndModels() {
    try (CheapSubClient client = CheapSubWire.client(server)) {
      assertThat(client.capabilities()).containsExactlyInAnyOrder(Capability.CHAT, Capability.CHAT_STREAMING,
          Capability.IMAGES, Capability.IMAGE_REFERENCES, Capability.VIDEOS, Capability.MODELS);
      assertThat(client.supports(Capability.IMAGE_REFERENCES)).isTrue();
      assertThat(client.vendor()).isEqualTo("cheapsub");
      AiClient neutral = client;
      assertThat(neutral.chat()).isSameAs(client.chat());
      assertThat(neutral.images()).isSameAs(client.images());
      assertThat(neutral.videos()).isSameAs(client.videos());
      assertThat(neutral.models()).isSameAs(client.models());
      assertThat(client.legacy()).isNotNull();
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void anAnonymousClientIsRefused() {
    assertThatThrownBy(() -> CheapSubClient.builder().anonymous().build())
        .isInstanceOf(ValidationException.class).hasMessageContaining("cheapsub");
  }

  @Test
  void aClosedClientSendsNothing() {
    CheapSubClient client = CheapSubWire.client(server);
    client.close();
    assertThatThrownBy(() -> client.models().list()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void fromEnvWithoutArgumentsReadsTheProcessEnvironment() {
    // whatever this machine's environment holds, the no-argument form must behave as the explicit one
    Throwable implicit = org.assertj.core.api.Assertions.catchThrowable(() -> CheapSubClient.fromEnv().close());
    Throwable explicit = org.assertj.core.api.Assertions.catchThrowable(
        () -> CheapSubClient.fromEnv(System.getenv()).close());
    if (explicit == null) {
      assertThat(implicit).isNull();
    } else {
      assertThat(implicit).isInstanceOf(explicit.getClass()).hasMessage(explicit.getMessage());
      if (System.getenv("CHEAPSUB_API_KEY") == null) {
        assertThat(implicit).isInstanceOf(ValidationException.class).hasMessageContaining("CHEAPSUB_API_KEY");
      }
    }
  }
}
