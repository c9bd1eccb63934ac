package dev.aigw.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.error.AigwException;
import dev.aigw.core.error.UnsupportedCapabilityException;
import dev.aigw.core.error.ValidationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AiClientsTest {
  private static final String KEY = "tv_0123456789abcdef";

  @Test
  void providersAreFoundThroughTheServiceLoader() {
    assertThat(AiClients.available()).containsOnlyKeys("selfhosted", "testvendor");
    assertThat(AiClients.available().get("testvendor")).isInstanceOf(TestVendorProvider.class);
  }

  @Test
  void createBuildsAClientFromOptions() {
    try (AiClient client = AiClients.create("testvendor", ClientOptions.builder().apiKey(KEY).maxRetries(0).build())) {
      assertThat(client).isInstanceOf(TestVendorClient.class);
      assertThat(client.vendor()).isEqualTo("testvendor");
      assertThat(((TestVendorClient) client).transport().config().retryPolicy().maxRetries()).isZero();
    }
  }

  @Test
  void createStillValidates() {
    assertThatThrownBy(() -> AiClients.create("testvendor", ClientOptions.builder().build()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("TESTVENDOR_API_KEY");
  }

  @Test
  void fromEnvReadsTheGivenEnvironment() {
    Map<String, String> env = Map.of("SELFHOSTED_API_KEY", "sh_abc123", "SELFHOSTED_BASE_URL", "http://127.0.0.1:9/");
    try (AiClient client = AiClients.fromEnv("selfhosted", env)) {
      assertThat(client.vendor()).isEqualTo("selfhosted");
      TestVendorClient c = (TestVendorClient) client;
      assertThat(c.transport().config().apiKey().reveal()).isEqualTo("sh_abc123");
      assertThat(c.transport().config().baseUrl().port()).isEqualTo(9);
    }
    assertThatThrownBy(() -> AiClients.fromEnv("selfhosted", Map.of("SELFHOSTED_API_KEY", "sh_abc123")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("SELFHOSTED_BASE_URL");
  }

  @Test
  void namesAreCaseInsensitiveAndTrimmed() {
    assertThat(AiClients.provider("TestVendor")).isInstanceOf(TestVendorProvider.class);
    assertThat(AiClients.provider(" TESTVENDOR ")).isInstanceOf(TestVendorProvider.class);
    assertThatThrownBy(() -> AiClients.fromEnv("SelfHosted", Map.of("SELFHOSTED_BASE_URL", "http://127.0.0.1:9")))
        .as("found under any case; then the provider itself refuses a missing key")
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("SELFHOSTED_API_KEY")
        .hasMessageContaining("anonymous()");
  }

  @Test
  void anonymousOptionWorksWhereTheVendorAllowsIt() {
    ClientOptions options = ClientOptions.builder().anonymous(true).baseUrl("http://127.0.0.1:9").build();
    try (AiClient client = AiClients.create("SELFHOSTED", options)) {
      assertThat(((TestVendorClient) client).transport().config().apiKey()).isNull();
    }
  }

  @Test
  void unknownNameListsTheKnownProviders() {
    assertThatThrownBy(() -> AiClients.create("cheapsubb", ClientOptions.builder().build()))
        .isInstanceOf(AigwException.class)
        .hasMessageContaining("'cheapsubb'")
        .hasMessageContaining("known: selfhosted, testvendor")
        .hasMessageContaining("aigw-<name>");
    assertThatThrownBy(() -> AiClients.fromEnv("nope", Map.of()))
        .hasMessageContaining("known: selfhosted, testvendor");
  }

  @Test
  void blankNameIsRefusedListingTheKnownProviders() {
    assertThatThrownBy(() -> AiClients.provider(" "))
        .isInstanceOf(AigwException.class)
        .hasMessageContaining("known: selfhosted, testvendor");
    assertThatThrownBy(() -> AiClients.provider(null)).isInstanceOf(AigwException.class);
  }

  @Test
  void missingCapabilitiesThrowUnsupportedCapabilityNeverNull() {
    try (AiClient client = AiClients.create("testvendor", ClientOptions.builder().apiKey(KEY).build())) {
      assertThat(client.supports(Capability.MODELS)).isTrue();
      assertThat(client.supports(Capability.CHAT)).isFalse();
      assertThat(client.supports(Capability.VIDEOS)).isFalse();
      assertThat(client.models().list()).extracting(m -> m.shortId()).containsExactly("tiny");

      assertThatThrownBy(client::chat)
          .isInstanceOf(UnsupportedCapabilityException.class)
          .hasMessage("testvendor does not offer chat completions")
          .satisfies(e -> {
            UnsupportedCapabilityException u = (UnsupportedCapabilityException) e;
            assertThat(u.capability()).isEqualTo(Capability.CHAT);
            assertThat(u.vendor()).isEqualTo("testvendor");
          });
      assertThatThrownBy(client::images)
          .isInstanceOf(UnsupportedCapabilityException.class)
          .hasMessageContaining("image generation");
      assertThatThrownBy(client::videos)
          .isInstanceOf(UnsupportedCapabilityException.class)
          .hasMessageContaining("video generation");
    }
  }

  @Test
  void defaultModelsIsUnsupportedToo() {
    AiClient bare = new AiClient() {
      @Override
      public String vendor() {
        return "bare";
      }

      @Override
      public java.util.Set<Capability> capabilities() {
        return java.util.Set.of();
      }

      @Override
      public void close() {}
    };
    assertThatThrownBy(bare::models)
        .isInstanceOf(UnsupportedCapabilityException.class)
        .hasMessage("bare does not offer a model catalogue");
    assertThat(bare.supports(Capability.MODELS)).isFalse();
  }
}
