package dev.aigw.icodeeasy;

import static dev.aigw.icodeeasy.ICodeEasyWire.fixture;
import static dev.aigw.icodeeasy.ICodeEasyWire.json;
import static dev.aigw.icodeeasy.ICodeEasyWire.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.aigw.core.AiClient;
import dev.aigw.core.AiClients;
import dev.aigw.core.Capability;
import dev.aigw.core.ClientOptions;
import dev.aigw.core.error.ConnectionException;
import dev.aigw.core.error.UnsupportedCapabilityException;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.image.ImageService;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** Building an icodeeasy client: key, base URL, environment, ServiceLoader, capabilities, timeouts. */
class ICodeEasyClientConfigWireTest {
  @StartStop final MockWebServer server = new MockWebServer();

  @Test
  void aMissingKeyIsRefusedNamingTheVariable() {
    assertThatThrownBy(() -> ICodeEasyClient.builder().build())
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("apiKey"))
        .hasMessageContaining("icodeeasy")
        .hasMessageContaining("ICODEEASY_API_KEY");
    assertThatThrownBy(() -> ICodeEasyClient.fromEnv(Map.of()))
        .isInstanceOf(ValidationException.class).hasMessageContaining("ICODEEASY_API_KEY");
  }

  @Test
  void anotherVendorsKeyIsRefusedWithoutShowingIt() {
    String cheapsub = "csk_live_9f8e7d6c5b4a39281706";
    assertThatThrownBy(() -> ICodeEasyClient.builder().apiKey(cheapsub).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("'sk_'")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(cheapsub).doesNotContain("9f8e7d6c"));
    assertThatThrownBy(() -> ICodeEasyClient.builder().apiKey("sk-openai-style-key").build())
        .isInstanceOf(ValidationException.class).hasMessageContaining("'sk_'");
  }

  @Test
  void theDefaultBaseUrlIsTheDocumentedOne() {
    try (ICodeEasyClient client = ICodeEasyClient.builder().apiKey(ICodeEasyWire.KEY).build()) {
      assertThat(client.toString()).isEqualTo("ICodeEasyClient[https://jp.icodeeasy.cc/]");
    }
    assertThat(ICodeEasyClient.DEFAULT_BASE_URL).isEqualTo("https://jp.icodeeasy.cc");
  }

  @Test
  void fromEnvReadsKeyAndBaseUrlAndTheRequestUsesThem() throws Exception {
    server.enqueue(ok(fixture("sync-response.json")));
    try (ICodeEasyClient client = ICodeEasyClient.fromEnv(Map.of("ICODEEASY_API_KEY", ICodeEasyWire.KEY,
        "ICODEEASY_BASE_URL", server.url("/").toString()))) {
      assertThat(client.toString()).isEqualTo("ICodeEasyClient[" + server.url("/") + "]")
          .doesNotContain(ICodeEasyWire.KEY);
      client.images().generateSync(ICodeEasyImagesWireTest.minimal());
    }
    ICodeEasyWire.assertPost(server.takeRequest(), "/v1/images/generations", null, "application/json");
  }

  @Test
  void aBaseUrlWithAPathPrefixIsKept() throws Exception {
    server.enqueue(ok(fixture("sync-response.json")));
    try (ICodeEasyClient client = ICodeEasyClient.builder().apiKey(ICodeEasyWire.KEY)
        .baseUrl(server.url("/proxy/icodeeasy/").toString()).build()) {
      client.images().generateSync(ICodeEasyImagesWireTest.minimal());
    }
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/proxy/icodeeasy/v1/images/generations");
  }

  @Test
  void aiClientsFindsICodeEasyAndItsNeutralImagesRunAsynchronously() throws Exception {
    server.enqueue(json(202, fixture("async-submit-response.json")));
    server.enqueue(ok(fixture("task-completed-response.json")));
    assertThat(AiClients.available()).containsKey("icodeeasy");
    try (AiClient client = AiClients.create("icodeeasy", ClientOptions.builder().apiKey(ICodeEasyWire.KEY)
        .baseUrl(server.url("/").toString()).maxRetries(0)
        .polling(dev.aigw.core.operation.PollingStrategy.fixed(Duration.ofMillis(5), Duration.ofSeconds(5))).build())) {
      assertThat(client).isInstanceOf(ICodeEasyClient.class);
      ImageService images = client.images();
      ImageResult result = images.generate(ICodeEasyImagesWireTest.minimal());
      assertThat(result.costAmount()).isEqualByComparingTo("0.2");
    }
    assertThat(server.takeRequest().getUrl().query()).isEqualTo("async=1");
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/v1/images/tasks/" + ICodeEasyImagesWireTest.TASK_ID);
  }

  @Test
  void aiClientsFromEnvBuildsICodeEasy() {
    try (AiClient client = AiClients.fromEnv("icodeeasy", Map.of("ICODEEASY_API_KEY", ICodeEasyWire.KEY))) {
      assertThat(client).isInstanceOf(ICodeEasyClient.class);
      assertThat(client.vendor()).isEqualTo("icodeeasy");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void capabilitiesAreImagesAndReferencesOnly() {
    try (ICodeEasyClient client = ICodeEasyWire.client(server)) {
      assertThat(client.capabilities()).containsExactlyInAnyOrder(Capability.IMAGES, Capability.IMAGE_REFERENCES);
      AiClient neutral = client;
      assertThat(neutral.images()).isSameAs(client.images());
      assertThatThrownBy(neutral::chat).isInstanceOf(UnsupportedCapabilityException.class);
      assertThatThrownBy(neutral::videos).isInstanceOf(UnsupportedCapabilityException.class);
      assertThatThrownBy(neutral::models).isInstanceOf(UnsupportedCapabilityException.class);
    }
  }

  @Test
  void theSyncTimeoutIsAtLeastTheDocumentedTwoHundredSecondsByDefault() {
    assertThat(ICodeEasyClient.DEFAULT_SYNC_TIMEOUT).isGreaterThanOrEqualTo(Duration.ofSeconds(200));
    try (ICodeEasyClient client = ICodeEasyClient.builder().apiKey(ICodeEasyWire.KEY).build()) {
      assertThat(client.images().syncTimeout()).isEqualTo(ICodeEasyClient.DEFAULT_SYNC_TIMEOUT);
    }
    try (ICodeEasyClient client = ICodeEasyClient.builder().apiKey(ICodeEasyWire.KEY)
        .requestTimeout(Duration.ofSeconds(30)).build()) {
      assertThat(client.images().syncTimeout()).as("a requestTimeout set alone also bounds sync calls")
          .isEqualTo(Duration.ofSeconds(30));
    }
    try (ICodeEasyClient client = ICodeEasyClient.builder().apiKey(ICodeEasyWire.KEY)
        .requestTimeout(Duration.ofSeconds(30)).syncTimeout(Duration.ofMinutes(8)).build()) {
      assertThat(client.images().syncTimeout()).isEqualTo(Duration.ofMinutes(8));
    }
    assertThatThrownBy(() -> ICodeEasyClient.builder().syncTimeout(Duration.ZERO))
        .isInstanceOf(ValidationException.class).hasMessage("icodeeasy: syncTimeout: must be positive, was PT0S");
  }

  /** The sync call has its own, longer timeout; the asynchronous submission keeps the ordinary one. */
  @Test
  void theSyncCallWaitsLongerThanOrdinaryCalls() {
    server.enqueue(ok(fixture("sync-response.json")).newBuilder().headersDelay(600, TimeUnit.MILLISECONDS).build());
    server.enqueue(json(202, fixture("async-submit-response.json")).newBuilder()
        .headersDelay(600, TimeUnit.MILLISECONDS).build());
    try (ICodeEasyClient client = ICodeEasyWire.builder(server).requestTimeout(Duration.ofMillis(200))
        .syncTimeout(Duration.ofSeconds(5)).build()) {
      assertThat(client.images().generateSync(ICodeEasyImagesWireTest.minimal()).images()).hasSize(1);
      assertThat(catchThrowable(() -> client.images().submit(ICodeEasyImagesWireTest.minimal())))
          .isInstanceOf(ConnectionException.class).hasMessageContaining("timed out");
    }
  }

  @Test
  void aClosedClientSendsNothing() {
    ICodeEasyClient client = ICodeEasyWire.client(server);
    client.close();
    assertThatThrownBy(() -> client.images().generateSync(ICodeEasyImagesWireTest.minimal()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void fromEnvWithoutArgumentsReadsTheProcessEnvironment() {
    Throwable implicit = catchThrowable(() -> ICodeEasyClient.fromEnv().close());
    Throwable explicit = catchThrowable(() -> ICodeEasyClient.fromEnv(System.getenv()).close());
    if (explicit == null) {
      assertThat(implicit).isNull();
    } else {
      assertThat(implicit).isInstanceOf(explicit.getClass()).hasMessage(explicit.getMessage());
    }
  }

  @Test
  void anAnonymousClientIsRefused() {
    assertThatThrownBy(() -> ICodeEasyClient.builder().anonymous().build())
        .isInstanceOf(ValidationException.class).hasMessageContaining("icodeeasy");
  }
}
