package dev.aigw.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.cheapsub.CheapSubClient;
import dev.aigw.cloudgpt.CloudGptClient;
import dev.aigw.core.AiClient;
import dev.aigw.core.cost.Budget;
import dev.aigw.core.cost.Cost;
import dev.aigw.core.cost.CostUnit;
import dev.aigw.core.error.BudgetExceededException;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.listener.AigwListener;
import dev.aigw.core.listener.CallFinished;
import dev.aigw.core.listener.CallStarted;
import dev.aigw.core.routing.Router;
import dev.aigw.core.shared.ConcurrencyLimiter;
import dev.aigw.core.shared.LimitKey;
import dev.aigw.core.shared.LocalConcurrencyLimiter;
import dev.aigw.core.shared.LocalPendingOperations;
import dev.aigw.core.shared.SharedState;
import dev.aigw.core.webhook.DeliveryDeduplicator;
import dev.aigw.gptimage2.GptImage2Client;
import dev.aigw.gptimagehub.GptImageHubClient;
import dev.aigw.icodeeasy.ICodeEasyClient;
import dev.aigw.opentelemetry.OpenTelemetryListener;
import dev.aigw.testkit.FakeCheapSub;
import dev.aigw.testkit.FakeCloudGpt;
import dev.aigw.testkit.FakeGptImage2;
import dev.aigw.testkit.FakeGptImageHub;
import dev.aigw.testkit.FakeICodeEasy;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.NoUniqueBeanDefinitionException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clients, the router, listeners and OpenTelemetry as the auto-configuration creates them, against the testkit's fakes. */
class AigwAutoConfigurationTest {
  static FakeCheapSub cheapsub;
  static FakeCloudGpt cloudgpt;
  static FakeGptImageHub gptimagehub;
  static FakeICodeEasy icodeeasy;
  static FakeGptImage2 gptimage2;

  final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(AigwAutoConfiguration.class, AigwHealthAutoConfiguration.class));

  @BeforeAll
  static void startFakes() {
    cheapsub = FakeCheapSub.start();
    cloudgpt = FakeCloudGpt.startDeployed(); // key management takes the session token
    gptimagehub = FakeGptImageHub.start();
    icodeeasy = FakeICodeEasy.start();
    gptimage2 = FakeGptImage2.start();
  }

  @AfterAll
  static void stopFakes() {
    for (AutoCloseable fake : List.<AutoCloseable>of(cheapsub, cloudgpt, gptimagehub, icodeeasy, gptimage2)) {
      try {
        fake.close();
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }
  }

  static String[] cheapSub() {
    return new String[] {"aigw.cheapsub.api-key=" + cheapsub.apiKey(), "aigw.cheapsub.base-url=" + cheapsub.baseUrl()};
  }

  static String[] all() {
    return new String[] {
        "aigw.cheapsub.api-key=" + cheapsub.apiKey(), "aigw.cheapsub.base-url=" + cheapsub.baseUrl(),
        "aigw.cloudgpt.api-key=" + cloudgpt.apiKey(), "aigw.cloudgpt.base-url=" + cloudgpt.baseUrl(),
        "aigw.gptimagehub.api-key=" + gptimagehub.apiKey(), "aigw.gptimagehub.base-url=" + gptimagehub.baseUrl(),
        "aigw.icodeeasy.api-key=" + icodeeasy.apiKey(), "aigw.icodeeasy.base-url=" + icodeeasy.baseUrl(),
        "aigw.gptimage2.api-key=" + gptimage2.apiKey(), "aigw.gptimage2.base-url=" + gptimage2.baseUrl()};
  }

  @Test
  void nothingConfiguredMeansNoClient() {
    runner.run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).hasSingleBean(AigwProperties.class);
      assertThat(context).doesNotHaveBean(AiClient.class);
      assertThat(context).doesNotHaveBean(Router.class);
    });
  }

  @Test
  void oneConfiguredGatewayIsItsTypedBeanAndTheAiClient() {
    runner.withPropertyValues(cheapSub()).run(context -> {
      assertThat(context).hasSingleBean(CheapSubClient.class);
      assertThat(context.getBeansOfType(AiClient.class)).hasSize(1);
      AiClient client = context.getBean(AiClient.class);
      assertThat(client).isSameAs(context.getBean(CheapSubClient.class));
      assertThat(client.toString()).isEqualTo("CheapSubClient[" + cheapsub.baseUrl() + "/]");
      // the client reaches the fake: its models answer
      assertThat(context.getBean(CheapSubClient.class).models().list()).isNotEmpty();
      assertThat(context).doesNotHaveBean(CloudGptClient.class);
      assertThat(context).doesNotHaveBean(GptImageHubClient.class);
      assertThat(context).doesNotHaveBean(ICodeEasyClient.class);
      assertThat(context).doesNotHaveBean(GptImage2Client.class);
    });
  }

  @Test
  void theKeyAndBaseUrlAreAlsoReadFromTheGatewaysUsualVariables() {
    // CHEAPSUB_API_KEY and CHEAPSUB_BASE_URL, as the environment would give them
    runner.withPropertyValues("CHEAPSUB_API_KEY=" + cheapsub.apiKey(), "CHEAPSUB_BASE_URL=" + cheapsub.baseUrl(),
        "CLOUDGPT_API_KEY=" + cloudgpt.apiKey(), "CLOUDGPT_BASE_URL=" + cloudgpt.baseUrl(),
        "CLOUDGPT_KEYS_TOKEN=" + cloudgpt.sessionToken()).run(context -> {
          assertThat(context).hasSingleBean(CheapSubClient.class);
          assertThat(context).hasSingleBean(CloudGptClient.class);
          assertThat(context.getBean(CheapSubClient.class).models().list()).isNotEmpty();
          assertThat(context.getBean(CloudGptClient.class).keys().list()).isNotNull();
        });
  }

  @Test
  void everyConfiguredGatewayHasItsBeanAndAnAiClientPointNeedsTheRouter() {
    runner.withPropertyValues(all()).run(context -> {
      assertThat(context).hasSingleBean(CheapSubClient.class);
      assertThat(context).hasSingleBean(CloudGptClient.class);
      assertThat(context).hasSingleBean(GptImageHubClient.class);
      assertThat(context).hasSingleBean(ICodeEasyClient.class);
      assertThat(context).hasSingleBean(GptImage2Client.class);
      assertThat(context).doesNotHaveBean(Router.class);
      assertThatThrownBy(() -> context.getBean(AiClient.class)).isInstanceOf(NoUniqueBeanDefinitionException.class);
    });
  }

  @Test
  void theRouterIsThePrimaryAiClientOverTheNamedGatewaysInOrder() {
    runner.withPropertyValues(all()).withPropertyValues("aigw.router.gateways=icodeeasy, GPTImage2,cheapsub",
        "aigw.router.cooldown-failures=3", "aigw.router.cooldown=10s").run(context -> {
          Router router = context.getBean(Router.class);
          assertThat(context.getBean(AiClient.class)).isSameAs(router);
          assertThat(router.routes()).containsExactly("icodeeasy", "gptimage2", "cheapsub");
          assertThat(router.vendor()).isEqualTo("icodeeasy+gptimage2+cheapsub");
          // routed to the first gateway, the fake icodeeasy
          assertThat(router.images().generate(image("a red square")).images()).hasSize(1);
          assertThat(icodeeasy.journal().requests("POST", "/v1/images/generations")).isNotEmpty();
        });
  }

  @Test
  void disabledOrMissingGatewaysHaveNoBean() {
    runner.withPropertyValues(all()).withPropertyValues("aigw.cloudgpt.enabled=false")
        .withClassLoader(new FilteredClassLoader(GptImageHubClient.class))
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).doesNotHaveBean(CloudGptClient.class);
          assertThat(context).doesNotHaveBean("gptImageHubClient");
          assertThat(context).hasSingleBean(CheapSubClient.class);
          assertThat(context.getBeansOfType(AiClient.class)).containsOnlyKeys("cheapSubClient", "iCodeEasyClient",
              "gptImage2Client");
        });
  }

  @Test
  void cloudGptAnonymousNeedsOnlyABaseUrl() {
    runner.withPropertyValues("aigw.cloudgpt.anonymous=true", "aigw.cloudgpt.base-url=" + cloudgpt.baseUrl())
        .run(context -> {
          CloudGptClient client = context.getBean(CloudGptClient.class);
          assertThat(client.isAnonymous()).isTrue();
          assertThat(client.models().list()).isNotEmpty();
        });
  }

  @Test
  void everySettingReachesTheBuilder() {
    runner.withPropertyValues(cheapSub()).withPropertyValues(
        "aigw.cheapsub.max-retries=0", "aigw.cheapsub.connect-timeout=5s", "aigw.cheapsub.request-timeout=30s",
        "aigw.cheapsub.stream-idle-timeout=20s", "aigw.cheapsub.call-timeout=1m", "aigw.cheapsub.max-retry-wait=0s",
        "aigw.cheapsub.max-concurrent-requests=3", "aigw.cheapsub.video-timeout=5m",
        "aigw.cheapsub.default-models.image=nano-banana-pro", "aigw.cheapsub.extra-models.chat=my-model",
        "aigw.cheapsub.polling.initial-interval=10ms", "aigw.cheapsub.polling.multiplier=1",
        "aigw.cheapsub.polling.max-interval=10ms", "aigw.cheapsub.polling.max-consecutive-failures=2",
        "aigw.cheapsub.polling.timeout=1m",
        "aigw.cloudgpt.api-key=" + cloudgpt.apiKey(), "aigw.cloudgpt.base-url=" + cloudgpt.baseUrl(),
        "aigw.cloudgpt.video-timeout=2m", "aigw.cloudgpt.keys-token=" + cloudgpt.sessionToken(),
        "aigw.gptimagehub.api-key=" + gptimagehub.apiKey(), "aigw.gptimagehub.base-url=" + gptimagehub.baseUrl(),
        "aigw.gptimagehub.sync-timeout=2m",
        "aigw.icodeeasy.api-key=" + icodeeasy.apiKey(), "aigw.icodeeasy.base-url=" + icodeeasy.baseUrl(),
        "aigw.icodeeasy.sync-timeout=2m").run(context -> {
          assertThat(context).hasNotFailed();
          CheapSubClient cheap = context.getBean(CheapSubClient.class);
          assertThat(cheap.profile().images().models().defaultModel()).isEqualTo("nano-banana-pro");
          assertThat(cheap.profile().chat().models().offers("my-model")).isTrue();
          // a generation polls at the configured 10 ms and finishes well before any default wait
          assertThat(cheap.images().generate(image("a red square")).images()).hasSize(1);
          assertThat(context.getBean(CloudGptClient.class).keys().list()).isNotNull();
        });
  }

  @Test
  void aKeyOfTheWrongFormFailsStartupNamingThePropertyButNotTheKey() {
    String key = cloudgpt.apiKey(); // a cgpt_ key given to CheapSub
    runner.withPropertyValues("aigw.cheapsub.api-key=" + key).run(context -> {
      assertThat(context).hasFailed();
      String message = messages(context.getStartupFailure());
      assertThat(message).contains("aigw.cheapsub.api-key: cheapsub keys start with 'csk_'");
      assertThat(message).doesNotContain(key);
    });
  }

  @Test
  void aKeyOfTheWrongFormInTheVariableFailsStartupNamingBoth() {
    String key = cloudgpt.apiKey();
    runner.withPropertyValues("CHEAPSUB_API_KEY=" + key).run(context -> {
      assertThat(context).hasFailed();
      String message = messages(context.getStartupFailure());
      assertThat(message).contains("aigw.cheapsub.api-key (or CHEAPSUB_API_KEY): ").contains("csk_");
      assertThat(message).doesNotContain(key);
    });
  }

  @Test
  void aNegativeTimeoutFailsStartupNamingTheProperty() {
    runner.withPropertyValues(cheapSub()).withPropertyValues("aigw.cheapsub.request-timeout=-5s").run(context -> {
      assertThat(context).hasFailed();
      assertThat(messages(context.getStartupFailure()))
          .contains("aigw.cheapsub.request-timeout: must be a positive duration, was PT-5S");
    });
  }

  @Test
  void everyOtherBadValueIsNamedToo() {
    runner.withPropertyValues("aigw.cloudgpt.api-key=gih_live_x", "aigw.cloudgpt.base-url=ftp://example",
        "aigw.cloudgpt.keys-token=cgpt_abc", "aigw.cloudgpt.max-retries=-1",
        "aigw.cloudgpt.max-concurrent-requests=0", "aigw.cloudgpt.max-retry-wait=-1s",
        "aigw.cloudgpt.video-timeout=0s", "aigw.gptimagehub.sync-timeout=-1s", "aigw.icodeeasy.sync-timeout=-1s",
        "aigw.gptimage2.connect-timeout=-1s", "aigw.gptimage2.health.ttl=-1s",
        "aigw.cheapsub.polling.multiplier=0.5", "aigw.cheapsub.polling.max-consecutive-failures=-1",
        "aigw.cheapsub.polling.initial-interval=-1s", "aigw.cheapsub.polling.timeout=0s",
        "aigw.router.gateways=cheapsub,cheapsub", "aigw.router.cooldown-failures=-1", "aigw.router.cooldown=0s")
        .run(context -> {
          assertThat(context).hasFailed();
          assertThat(messages(context.getStartupFailure())).contains(
              "aigw.cloudgpt.api-key: cloudgpt keys start with 'cgpt_'",
              "aigw.cloudgpt.base-url: must be an absolute http or https URL, was 'ftp://example'",
              "aigw.cloudgpt.keys-token: key management takes the CloudGPT dashboard's session token",
              "aigw.cloudgpt.max-retries: must be 0 or more, was -1",
              "aigw.cloudgpt.max-concurrent-requests: must be 1 or more, was 0",
              "aigw.cloudgpt.max-retry-wait: must not be negative, was PT-1S",
              "aigw.cloudgpt.video-timeout: must be a positive duration, was PT0S",
              "aigw.gptimagehub.sync-timeout: must be a positive duration",
              "aigw.icodeeasy.sync-timeout: must be a positive duration",
              "aigw.gptimage2.connect-timeout: must be a positive duration",
              "aigw.gptimage2.health.ttl: must not be negative",
              "aigw.cheapsub.polling.multiplier: must be 1 or more, was 0.5",
              "aigw.cheapsub.polling.max-consecutive-failures: must be 0 or more, was -1",
              "aigw.cheapsub.polling.initial-interval: must not be negative",
              "aigw.cheapsub.polling.timeout: must be a positive duration",
              "aigw.router.gateways: names a gateway twice: [cheapsub, cheapsub]",
              "aigw.router.cooldown-failures: must be 0 or more, was -1",
              "aigw.router.cooldown: must be a positive duration");
        });
  }

  @Test
  void anUnknownGatewayInTheRouterFailsStartupNamingTheProperty() {
    runner.withPropertyValues(cheapSub()).withPropertyValues("aigw.router.gateways=cheapsub,openai").run(context -> {
      assertThat(context).hasFailed();
      assertThat(messages(context.getStartupFailure())).contains("aigw.router.gateways: unknown gateway 'openai'; "
          + "known: cheapsub, cloudgpt, gptimagehub, icodeeasy, gptimage2");
    });
  }

  @Test
  void aRoutedGatewayThatIsNotConfiguredFailsStartupNamingTheProperty() {
    runner.withPropertyValues(cheapSub()).withPropertyValues("aigw.router.gateways=cheapsub,cloudgpt").run(context -> {
      assertThat(context).hasFailed();
      assertThat(messages(context.getStartupFailure())).contains("Invalid aigw configuration: aigw.router.gateways "
          + "names cloudgpt, which is not configured (set aigw.cloudgpt.api-key or CLOUDGPT_API_KEY, and put "
          + "aigw-cloudgpt on the class path); configured: [cheapsub]");
    });
  }

  @Test
  void aValueOnlyTheBuilderCanCheckIsNamedToo() {
    // CloudGPT has no fixed host: without a base URL the builder refuses
    runner.withPropertyValues("aigw.cloudgpt.api-key=" + cloudgpt.apiKey()).run(context -> {
      assertThat(context).hasFailed();
      assertThat(messages(context.getStartupFailure()))
          .contains("Invalid aigw configuration: aigw.cloudgpt.base-url (or CLOUDGPT_BASE_URL): ");
    });
    runner.withPropertyValues(cheapSub()).withPropertyValues("aigw.cheapsub.default-models.video=no-such-model")
        .run(context -> assertThat(messages(context.getStartupFailure()))
            .contains("Invalid aigw configuration: aigw.cheapsub.default-models: "));
  }

  @Test
  void aSharedStateBeanIsEveryClientsSharedState() {
    runner.withPropertyValues(cheapSub()).withPropertyValues("aigw.cheapsub.max-concurrent-requests=2")
        .withUserConfiguration(OwnSharedState.class).run(context -> {
          CountingLimiter limiter = context.getBean(CountingLimiter.class);
          context.getBean(CheapSubClient.class).models().list();
          assertThat(limiter.keys).hasSize(1);
          assertThat(limiter.keys.get(0).vendor()).isEqualTo("cheapsub");
          assertThat(limiter.keys.get(0).limit()).isEqualTo(2);
        });
  }

  @Test
  void withoutARedisUrlThereIsNoSharedStateBean() {
    runner.withPropertyValues(cheapSub()).run(context -> assertThat(context).doesNotHaveBean(SharedState.class));
  }

  @Test
  void aRedisUrlOfAnotherSchemeFailsStartupNamingThePropertyButNotTheUrl() {
    runner.withPropertyValues(cheapSub()).withPropertyValues("aigw.redis.url=http://:s3cret@redis.internal:6379",
        "aigw.redis.lease-ttl=0s", "aigw.redis.prefix= ").run(context -> {
          assertThat(context).hasFailed();
          assertThat(messages(context.getStartupFailure()))
              .contains("aigw.redis.url: must be a redis://, rediss:// or redis-socket:// URL",
                  "aigw.redis.lease-ttl: must be a positive duration, was PT0S", "aigw.redis.prefix: must not be blank")
              .doesNotContain("s3cret");
        });
  }

  @Test
  void aRedisThatDoesNotAnswerFailsStartupWithTheSharedStateError() throws Exception {
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort(); // closed again: nothing listens there
    }
    runner.withPropertyValues(cheapSub()).withPropertyValues("aigw.redis.url=redis://127.0.0.1:" + port,
        "aigw.redis.command-timeout=1s").run(context -> {
          assertThat(context).hasFailed();
          assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(java.net.ConnectException.class);
          assertThat(messages(context.getStartupFailure()))
              .contains("aigw-redis could not connect to Redis at 127.0.0.1:" + port);
        });
  }

  @Test
  void anApplicationsOwnClientReplacesOurs() {
    runner.withPropertyValues(cheapSub()).withUserConfiguration(OwnClient.class).run(context -> {
      assertThat(context).hasSingleBean(CheapSubClient.class);
      assertThat(context.getBean(CheapSubClient.class)).isSameAs(context.getBean("ownCheapSub"));
    });
  }

  @Test
  void clientsAreClosedWithTheContext() {
    CheapSubClient[] kept = new CheapSubClient[1];
    runner.withPropertyValues(all()).withPropertyValues("aigw.router.gateways=cheapsub,icodeeasy").run(context -> {
      kept[0] = context.getBean(CheapSubClient.class);
      assertThat(kept[0].models().list()).isNotEmpty();
    });
    assertThatThrownBy(() -> kept[0].models().list()).isInstanceOf(IllegalStateException.class)
        .hasMessage("the cheapsub client is closed");
  }

  @Test
  void listenersInTheContextAreAttached() {
    runner.withPropertyValues(cheapSub()).withUserConfiguration(Listening.class).run(context -> {
      Recorder recorder = context.getBean(Recorder.class);
      context.getBean(CheapSubClient.class).models().list();
      assertThat(recorder.events).containsExactly("started cheapsub", "finished cheapsub 200");
    });
  }

  @Test
  void aBudgetBeanIsEveryClientsBudget() {
    runner.withPropertyValues(all()).withUserConfiguration(Budgeted.class).run(context -> {
      int before = icodeeasy.journal().requests("POST", "/v1/images/generations").size();
      // a medium image costs CNY 0.20, past the CNY 0.10 limit: refused before sending
      assertThatThrownBy(() -> context.getBean(ICodeEasyClient.class).images().generate(image("a cat")))
          .isInstanceOf(BudgetExceededException.class).hasMessageContaining("icodeeasy");
      assertThat(icodeeasy.journal().requests("POST", "/v1/images/generations")).hasSize(before);
    });
  }

  @Test
  void twoBudgetBeansFailStartup() {
    runner.withPropertyValues(cheapSub()).withUserConfiguration(Budgeted.class, SecondBudget.class).run(context ->
        assertThat(messages(context.getStartupFailure())).contains("aigw: the context has 2 Budget beans"));
  }

  @Test
  void openTelemetryIsWiredWhenTheApplicationHasIt() {
    runner.withPropertyValues(cheapSub()).withUserConfiguration(Telemetry.class).run(context -> {
      assertThat(context).hasSingleBean(OpenTelemetryListener.class);
      context.getBean(CheapSubClient.class).models().list();
      List<SpanData> spans = context.getBean(InMemorySpanExporter.class).getFinishedSpanItems();
      assertThat(spans).extracting(SpanData::getName).isNotEmpty();
      assertThat(spans.get(0).getAttributes().asMap().toString()).contains("cheapsub");
    });
    runner.withPropertyValues(cheapSub()).run(context -> assertThat(context).doesNotHaveBean(OpenTelemetryListener.class));
    runner.withPropertyValues(cheapSub()).withUserConfiguration(Telemetry.class)
        .withClassLoader(new FilteredClassLoader(OpenTelemetryListener.class))
        .run(context -> assertThat(context).doesNotHaveBean("aigwOpenTelemetryListener"));
  }

  @Test
  void propertiesNeverShowAKey() {
    runner.withPropertyValues(cheapSub()).run(context -> {
      String text = context.getBean(AigwProperties.class).toString();
      assertThat(text).doesNotContain(cheapsub.apiKey()).contains("cheapsub=[enabled=true, apiKey=set, baseUrl="
          + cheapsub.baseUrl() + "]").contains("cloudgpt=[enabled=true, apiKey=unset");
    });
  }

  static ImageRequest image(String prompt) {
    return ImageRequest.builder().prompt(prompt).build();
  }

  static String messages(Throwable failure) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append('\n');
    }
    return all.toString();
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnClient {
    @Bean
    CheapSubClient ownCheapSub() {
      return CheapSubClient.builder().apiKey(cheapsub.apiKey()).baseUrl(cheapsub.baseUrl()).build();
    }
  }

  static final class Recorder implements AigwListener {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void onCallStarted(CallStarted event) {
      events.add("started " + event.call().vendor());
    }

    @Override
    public void onCallFinished(CallFinished event) {
      events.add("finished " + event.call().vendor() + " " + event.status());
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Listening {
    @Bean
    Recorder recorder() {
      return new Recorder();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Budgeted {
    @Bean
    Budget budget() {
      return Budget.builder().limit("icodeeasy", Cost.of("0.10", CostUnit.CNY)).build();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class SecondBudget {
    @Bean
    Budget secondBudget() {
      return Budget.builder().limit("cheapsub", Cost.of("1", CostUnit.KRW)).build();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Telemetry {
    @Bean
    InMemorySpanExporter spans() {
      return InMemorySpanExporter.create();
    }

    @Bean
    OpenTelemetry openTelemetry(InMemorySpanExporter spans) {
      return OpenTelemetrySdk.builder()
          .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
          .build();
    }
  }
  @Configuration(proxyBeanMethods = false)
  static class OwnSharedState {
    @Bean
    CountingLimiter countingLimiter() {
      return new CountingLimiter();
    }

    @Bean
    SharedState sharedState(CountingLimiter limiter) {
      return SharedState.of(limiter, new DeliveryDeduplicator(), new LocalPendingOperations(), "test-instance");
    }
  }

  /** The in-process limiter, recording the keys it is asked for. */
  static final class CountingLimiter implements ConcurrencyLimiter {
    final List<LimitKey> keys = new CopyOnWriteArrayList<>();
    final LocalConcurrencyLimiter local = new LocalConcurrencyLimiter();

    @Override
    public java.util.concurrent.CompletableFuture<Lease> acquire(LimitKey key) {
      keys.add(key);
      return local.acquire(key);
    }
  }
}
