package dev.aigw.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aigw.core.AiClient;
import dev.aigw.core.AiClients;
import dev.aigw.core.Capability;
import dev.aigw.core.ClientOptions;
import dev.aigw.core.error.AigwException;
import dev.aigw.core.error.ValidationException;
import dev.aigw.testkit.FakeCheapSub;
import dev.aigw.testkit.FakeCloudGpt;
import dev.aigw.testkit.FakeGateway;
import dev.aigw.testkit.FakeGptImage2;
import dev.aigw.testkit.FakeGptImageHub;
import dev.aigw.testkit.FakeICodeEasy;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.operation.PollingStrategy;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** With all five providers on the classpath, {@link AiClients} finds each by name. */
class AiClientsDiscoveryTest {

  @Test
  void findsExactlyTheFiveProviders() {
    assertThat(AiClients.available()).containsOnlyKeys("cheapsub", "cloudgpt", "gptimage2", "gptimagehub",
        "icodeeasy");
    AiClients.available().forEach((name, provider) -> assertThat(provider.name()).isEqualTo(name));
  }

  static Stream<Arguments> gateways() {
    return Stream.of(
        Arguments.of("cheapsub", (Supplier<FakeGateway>) FakeCheapSub::start, EnumSet.of(Capability.CHAT,
            Capability.CHAT_STREAMING, Capability.IMAGES, Capability.IMAGE_REFERENCES, Capability.VIDEOS,
            Capability.MODELS)),
        Arguments.of("cloudgpt", (Supplier<FakeGateway>) FakeCloudGpt::start, EnumSet.of(Capability.CHAT,
            Capability.CHAT_STREAMING, Capability.IMAGES, Capability.VIDEOS, Capability.MODELS)),
        Arguments.of("gptimagehub", (Supplier<FakeGateway>) FakeGptImageHub::start,
            EnumSet.of(Capability.IMAGES, Capability.IMAGE_REFERENCES, Capability.MODELS)),
        Arguments.of("icodeeasy", (Supplier<FakeGateway>) FakeICodeEasy::start,
            EnumSet.of(Capability.IMAGES, Capability.IMAGE_REFERENCES)),
        Arguments.of("gptimage2", (Supplier<FakeGateway>) FakeGptImage2::start,
            EnumSet.of(Capability.IMAGES, Capability.IMAGE_REFERENCES)));
  }

  @ParameterizedTest
  @MethodSource("gateways")
  void createsAClientByNameWithItsDocumentedCapabilities(String name, Supplier<FakeGateway> start,
      Set<Capability> documented) {
    try (FakeGateway fake = start.get();
        AiClient client = AiClients.create(name, ClientOptions.builder()
            .apiKey(fake.apiKey()).baseUrl(fake.baseUrl())
            .polling(PollingStrategy.fixed(Duration.ofMillis(10), Duration.ofSeconds(30))).build())) {
      assertThat(client.vendor()).isEqualTo(name);
      assertThat(client.capabilities()).containsExactlyInAnyOrderElementsOf(documented);
      // the client really talks to the gateway named: an image from its fake
      assertThat(client.images().submit(ImageRequest.builder()
              .model(Map.of("cheapsub", "nano-banana-2", "cloudgpt", "flux").get(name))
              .prompt("a dot").build())
          .waitForCompletion(Duration.ofSeconds(30)).first().bytes()).isNotEmpty();
    }
  }

  @Test
  void anUnknownNameIsRefusedWithTheFiveKnownNames() {
    AigwException e = catchThrowableOfType(AigwException.class,
        () -> AiClients.create("openai", ClientOptions.builder().apiKey("sk_x").build()));

    assertThat(e).hasMessage("no aigw provider named 'openai' on the classpath; known: cheapsub, cloudgpt, gptimage2,"
        + " gptimagehub, icodeeasy (add the matching aigw-<name> dependency)");
  }

  static Stream<Arguments> missingVariables() {
    return Stream.of(
        Arguments.of("cheapsub", "CHEAPSUB_API_KEY"),
        Arguments.of("cloudgpt", "CLOUDGPT_BASE_URL"),
        Arguments.of("gptimagehub", "GPTIMAGEHUB_API_KEY"),
        Arguments.of("icodeeasy", "ICODEEASY_API_KEY"),
        Arguments.of("gptimage2", "GPTIMAGE2_API_KEY"));
  }

  @ParameterizedTest
  @MethodSource("missingVariables")
  void fromAnEmptyEnvironmentFailsNamingTheMissingVariable(String name, String variable) {
    ValidationException e = catchThrowableOfType(ValidationException.class, () -> AiClients.fromEnv(name, Map.of()));

    assertThat(e.getMessage()).startsWith(name + ": ").contains(variable);
  }

  @Test
  void cloudGptWithItsBaseUrlButNoKeyFailsNamingTheKeyVariable() {
    ValidationException e = catchThrowableOfType(ValidationException.class,
        () -> AiClients.fromEnv("cloudgpt", Map.of("CLOUDGPT_BASE_URL", "https://my-cloudgpt.example")));

    assertThat(e).hasMessageContaining("CLOUDGPT_API_KEY");
  }
}
