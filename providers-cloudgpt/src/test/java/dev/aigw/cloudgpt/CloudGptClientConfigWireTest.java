package dev.aigw.cloudgpt;

import static dev.aigw.cloudgpt.CloudGptWire.fixture;
import static dev.aigw.cloudgpt.CloudGptWire.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.aigw.core.AiClient;
import dev.aigw.core.AiClients;
import dev.aigw.core.Capability;
import dev.aigw.core.ClientOptions;
import dev.aigw.core.error.ValidationException;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** Building a CloudGPT client: no fixed host, the key or an explicit anonymous mode, environment, ServiceLoader. */
class CloudGptClientConfigWireTest {
  @StartStop final MockWebServer server = new MockWebServer();

  /** CloudGPT has no fixed host: "Replace your-app.vercel.app with your actual deployment URL". */
  @Test
  void aMissingBaseUrlIsAClearErrorAtBuild() {
    assertThatThrownBy(() -> CloudGptClient.builder().apiKey(CloudGptWire.KEY).build())
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("baseUrl"))
        .hasMessage("cloudgpt: baseUrl: cloudgpt has no fixed host: set baseUrl(…) or CLOUDGPT_BASE_URL to your deployment's URL");
    assertThatThrownBy(() -> CloudGptClient.fromEnv(Map.of("CLOUDGPT_API_KEY", CloudGptWire.KEY)))
        .isInstanceOf(ValidationException.class).hasMessageContaining("CLOUDGPT_BASE_URL");
    assertThatThrownBy(() -> CloudGptClient.builder().anonymous().build())
        .isInstanceOf(ValidationException.class).hasMessageContaining("CLOUDGPT_BASE_URL");
  }

  @Test
  void aMalformedBaseUrlIsRefused() {
    assertThatThrownBy(() -> CloudGptClient.builder().apiKey(CloudGptWire.KEY).baseUrl("your-app.vercel.app").build())
        .isInstanceOf(ValidationException.class).hasMessageContaining("baseUrl").hasMessageContaining("your-app.vercel.app");
  }

  @Test
  void aMissingKeyNamesTheVariableAndTheAnonymousMode() {
    String base = server.url("/").toString();
    assertThatThrownBy(() -> CloudGptClient.builder().baseUrl(base).build())
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("apiKey"))
        .hasMessage("cloudgpt: apiKey: an API key is required: set apiKey(…) or CLOUDGPT_API_KEY,"
            + " or call anonymous() to use the anonymous rate limits");
    assertThatThrownBy(() -> CloudGptClient.fromEnv(Map.of("CLOUDGPT_BASE_URL", base)))
        .isInstanceOf(ValidationException.class).hasMessageContaining("CLOUDGPT_API_KEY");
  }

  @Test
  void anotherVendorsKeyIsRefusedWithoutShowingIt() {
    String cheapSubKey = "csk_live_9f8e7d6c5b4a3928";
    assertThatThrownBy(() -> CloudGptClient.builder().apiKey(cheapSubKey).baseUrl(server.url("/").toString()).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("cgpt_")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(cheapSubKey).doesNotContain("9f8e7d6c"));
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void fromEnvReadsTheKeyAndTheBaseUrl() throws Exception {
    server.enqueue(ok(fixture("models-chat-response.json")));
    try (CloudGptClient client = CloudGptClient.fromEnv(Map.of(
        "CLOUDGPT_API_KEY", CloudGptWire.KEY, "CLOUDGPT_BASE_URL", server.url("/").toString()))) {
      assertThat(client.toString()).isEqualTo("CloudGptClient[" + server.url("/") + "]");
      assertThat(client.isAnonymous()).isFalse();
      assertThat(client.models().chat()).hasSize(2);
    }
    RecordedRequest request = server.takeRequest();
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + CloudGptWire.KEY);
  }

  /** Anonymous use, only when asked for: no Authorization header at all. */
  @Test
  void anAnonymousClientSendsNoAuthorization() throws Exception {
    server.enqueue(ok(fixture("chat-response.json")));
    try (CloudGptClient client = CloudGptClient.builder().baseUrl(server.url("/").toString()).anonymous().build()) {
      assertThat(client.isAnonymous()).isTrue();
      assertThat(client.toString()).isEqualTo("CloudGptClient[" + server.url("/") + ", anonymous]");
      client.chat().create(CloudGptChatWireTest.curlExample());
    }
    RecordedRequest request = server.takeRequest();
    assertThat(request.getHeaders().get("Authorization")).isNull();
    assertThat(request.getHeaders().get("User-Agent")).isEqualTo(CloudGptWire.USER_AGENT);
  }

  @Test
  void anonymousWinsOverAKeyOnlyWhenAskedFor() throws Exception {
    server.enqueue(ok(fixture("chat-response.json")));
    try (CloudGptClient client = CloudGptWire.builder(server).anonymous().build()) {
      client.chat().create(CloudGptChatWireTest.curlExample());
    }
    assertThat(server.takeRequest().getHeaders().get("Authorization")).isNull();
  }

  @Test
  void aBaseUrlWithAPathPrefixIsKept() throws Exception {
    server.enqueue(ok(fixture("models-video-response.json")));
    try (CloudGptClient client = CloudGptClient.builder().apiKey(CloudGptWire.KEY)
        .baseUrl(server.url("/cloudgpt/").toString()).build()) {
      client.models().video();
    }
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/cloudgpt/api/models/video");
  }

  @Test
  void toStringNeverShowsTheKey() {
    try (CloudGptClient client = CloudGptWire.client(server)) {
      assertThat(client.toString()).doesNotContain(CloudGptWire.KEY).doesNotContain("test_key");
    }
  }

  @Test
  void aiClientsFindsCloudGptByServiceLoader() throws Exception {
    server.enqueue(ok(fixture("models-chat-response.json")));
    assertThat(AiClients.available()).containsKey("cloudgpt");
    try (AiClient client = AiClients.create("cloudgpt", ClientOptions.builder()
        .apiKey(CloudGptWire.KEY).baseUrl(server.url("/").toString()).maxRetries(0).build())) {
      assertThat(client).isInstanceOf(CloudGptClient.class);
      assertThat(client.vendor()).isEqualTo("cloudgpt");
      assertThat(((CloudGptClient) client).models().chat()).hasSize(2);
    }
  }

  @Test
  void aiClientsCanBuildAnAnonymousClientOrOneFromTheEnvironment() throws Exception {
    server.enqueue(ok(fixture("chat-response.json")));
    try (AiClient client = AiClients.create("cloudgpt", ClientOptions.builder()
        .baseUrl(server.url("/").toString()).anonymous(true).build())) {
      client.chat().create(CloudGptChatWireTest.curlExample());
    }
    assertThat(server.takeRequest().getHeaders().get("Authorization")).isNull();
    try (AiClient client = AiClients.fromEnv("CloudGPT", Map.of("CLOUDGPT_API_KEY", CloudGptWire.KEY,
        "CLOUDGPT_BASE_URL", server.url("/").toString()))) {
      assertThat(client).isInstanceOf(CloudGptClient.class);
    }
    assertThatThrownBy(() -> AiClients.create("cloudgpt", ClientOptions.builder().apiKey(CloudGptWire.KEY).build()))
        .isInstanceOf(ValidationException.class).hasMessageContaining("CLOUDGPT_BASE_URL");
  }

  @Test
  void capabilitiesAreChatStreamingImagesVideosAndModels() {
    try (CloudGptClient client = CloudGptWire.client(server)) {
      assertThat(client.capabilities()).containsExactlyInAnyOrder(Capability.CHAT, Capability.CHAT_STREAMING,
          Capability.IMAGES, Capability.VIDEOS, Capability.MODELS);
      assertThat(client.supports(Capability.IMAGE_REFERENCES)).isFalse();
      AiClient neutral = client;
      assertThat(neutral.chat()).isSameAs(client.chat());
      assertThat(neutral.images()).isSameAs(client.images());
      assertThat(neutral.videos()).isSameAs(client.videos());
      assertThat(neutral.models()).isSameAs(client.models());
      assertThat(client.keys()).isNotNull();
      assertThat(client.vendor()).isEqualTo(CloudGptClient.VENDOR).isEqualTo("cloudgpt");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aClosedClientSendsNothing() {
    CloudGptClient client = CloudGptWire.client(server);
    client.close();
    assertThatThrownBy(() -> client.models().chat()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void fromEnvWithoutArgumentsReadsTheProcessEnvironment() {
    // whatever this machine's environment holds, the no-argument form must behave as the explicit one
    Throwable implicit = catchThrowable(() -> CloudGptClient.fromEnv().close());
    Throwable explicit = catchThrowable(() -> CloudGptClient.fromEnv(System.getenv()).close());
    if (explicit == null) {
      assertThat(implicit).isNull();
    } else {
      assertThat(implicit).isInstanceOf(explicit.getClass()).hasMessage(explicit.getMessage());
    }
  }
}
