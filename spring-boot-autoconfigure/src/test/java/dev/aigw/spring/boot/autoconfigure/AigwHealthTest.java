package dev.aigw.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aigw.testkit.FakeCheapSub;
import dev.aigw.testkit.FakeCloudGpt;
import dev.aigw.testkit.FakeGateway;
import dev.aigw.testkit.FakeGptImage2;
import dev.aigw.testkit.FakeGptImageHub;
import dev.aigw.testkit.FakeICodeEasy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The health indicators against the testkit's fakes: UP when the free call is answered, DOWN when the key is refused. */
class AigwHealthTest {
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
    cloudgpt = FakeCloudGpt.start();
    gptimagehub = FakeGptImageHub.start();
    icodeeasy = FakeICodeEasy.start();
    gptimage2 = FakeGptImage2.start();
  }

  @AfterAll
  static void stopFakes() {
    for (FakeGateway fake : List.<FakeGateway>of(cheapsub, cloudgpt, gptimagehub, icodeeasy, gptimage2)) {
      fake.close();
    }
  }

  /** The properties of {@code fake}'s gateway, with {@code key}. */
  static String[] gateway(FakeGateway fake, String key, String... more) {
    String prefix = "aigw." + fake.vendor() + ".";
    String[] all = new String[2 + more.length];
    all[0] = prefix + "api-key=" + key;
    all[1] = prefix + "base-url=" + fake.baseUrl();
    for (int i = 0; i < more.length; i++) {
      all[2 + i] = prefix + more[i];
    }
    return all;
  }

  static Health health(org.springframework.context.ApplicationContext context, String gateway) {
    return context.getBean("aigw-" + gateway + "HealthIndicator", HealthIndicator.class).health();
  }

  @Test
  void cheapSubIsUpWhileItsKeyIsAcceptedAndDownOnceItIsRefused() {
    String key = cheapsub.newKey();
    runner.withPropertyValues(gateway(cheapsub, key, "health.ttl=0s")).run(context -> {
      Health up = health(context, "cheapsub");
      assertThat(up.getStatus()).isEqualTo(Status.UP);
      assertThat(up.getDetails()).containsEntry("gateway", "cheapsub").containsEntry("call", "GET /api/v1/models")
          .containsKey("models");
      cheapsub.deactivate(key);
      Health down = health(context, "cheapsub");
      assertThat(down.getStatus()).isEqualTo(Status.DOWN);
      assertThat(down.getDetails()).containsEntry("gateway", "cheapsub");
      assertThat((String) down.getDetails().get("error")).isEqualTo("AuthenticationException: [cheapsub] 403: API key is inactive")
          .doesNotContain(key);
    });
  }

  @Test
  void aResultIsReusedForItsTimeToLive() {
    runner.withPropertyValues(gateway(cheapsub, cheapsub.apiKey())).run(context -> {
      int before = cheapsub.journal().requests("GET", "/api/v1/models").size();
      HealthIndicator indicator = context.getBean("aigw-cheapsubHealthIndicator", HealthIndicator.class);
      Health first = indicator.health();
      assertThat(indicator.health()).isSameAs(first);
      assertThat(cheapsub.journal().requests("GET", "/api/v1/models")).hasSize(before + 1);
    });
    runner.withPropertyValues(gateway(cheapsub, cheapsub.apiKey(), "health.ttl=0s")).run(context -> {
      int before = cheapsub.journal().requests("GET", "/api/v1/models").size();
      health(context, "cheapsub");
      health(context, "cheapsub");
      assertThat(cheapsub.journal().requests("GET", "/api/v1/models")).hasSize(before + 2);
    });
  }

  @Test
  void theTimeToLiveIsMeasuredOnTheClockGiven() {
    AtomicLong now = new AtomicLong();
    int[] calls = new int[1];
    GatewayHealthIndicator indicator = new GatewayHealthIndicator("cheapsub", "GET /api/v1/models", () -> {
      calls[0]++;
      return Map.of();
    }, Duration.ofSeconds(10), now::get);
    indicator.health();
    now.addAndGet(Duration.ofSeconds(10).toNanos() - 1);
    indicator.health();
    assertThat(calls[0]).isEqualTo(1);
    now.addAndGet(1);
    indicator.health();
    assertThat(calls[0]).isEqualTo(2);
    assertThat(indicator).hasToString("GatewayHealthIndicator[cheapsub, GET /api/v1/models]");
  }

  @Test
  void cloudGptAndGptImageHubAreCheckedByDefault() {
    String hubKey = gptimagehub.newKey();
    runner.withPropertyValues(gateway(cloudgpt, cloudgpt.apiKey())).withPropertyValues(gateway(gptimagehub, hubKey,
        "health.ttl=0s")).run(context -> {
          assertThat(health(context, "cloudgpt").getStatus()).isEqualTo(Status.UP);
          Health hub = health(context, "gptimagehub");
          assertThat(hub.getStatus()).isEqualTo(Status.UP);
          assertThat(hub.getDetails()).containsEntry("call", "GET /api/v1/credits");
          gptimagehub.deactivate(hubKey);
          assertThat(health(context, "gptimagehub").getStatus()).isEqualTo(Status.DOWN);
        });
  }

  @Test
  void iCodeEasyAndGptImage2AreNotCheckedUnlessAsked() {
    runner.withPropertyValues(gateway(icodeeasy, icodeeasy.apiKey())).withPropertyValues(
        gateway(gptimage2, gptimage2.apiKey())).run(context -> {
          assertThat(context).hasBean("iCodeEasyClient").hasBean("gptImage2Client");
          assertThat(context).doesNotHaveBean(GatewayHealthIndicator.class);
        });
  }

  @Test
  void iCodeEasyAndGptImage2CheckedOnRequestLookUpATaskThatDoesNotExist() {
    String icodeKey = icodeeasy.newKey();
    String gimgKey = gptimage2.newKey();
    runner.withPropertyValues(gateway(icodeeasy, icodeKey, "health.enabled=true", "health.ttl=0s"))
        .withPropertyValues(gateway(gptimage2, gimgKey, "health.enabled=true", "health.ttl=0s")).run(context -> {
          Health icode = health(context, "icodeeasy");
          assertThat(icode.getStatus()).isEqualTo(Status.UP);
          assertThat(icode.getDetails()).containsEntry("call", "GET /v1/images/tasks/aigw-health-probe");
          assertThat(icodeeasy.journal().requests("GET", "/v1/images/tasks/aigw-health-probe")).isNotEmpty();
          assertThat(health(context, "gptimage2").getStatus()).isEqualTo(Status.UP);
          assertThat(gptimage2.journal().requests("GET", "/api/v1/generations/aigw-health-probe")).isNotEmpty();
          // nothing paid was asked for
          assertThat(icodeeasy.journal().requests("POST", "/v1/images/generations")).isEmpty();
          assertThat(gptimage2.journal().requests("POST", "/api/v1/generate")).isEmpty();
          icodeeasy.deactivate(icodeKey);
          gptimage2.deactivate(gimgKey);
          assertThat(health(context, "icodeeasy").getStatus()).isEqualTo(Status.DOWN);
          assertThat(health(context, "gptimage2").getStatus()).isEqualTo(Status.DOWN);
        });
  }

  @Test
  void aTaskThatIsFoundStillMeansTheKeyWasAccepted() {
    assertThat(AigwHealthAutoConfiguration.notFound(() -> {})).containsEntry("note", "the probe task id was found");
  }

  @Test
  void noHealthIndicatorWhenTurnedOffOrWithoutTheActuator() {
    runner.withPropertyValues(gateway(cheapsub, cheapsub.apiKey(), "health.enabled=false"))
        .run(context -> assertThat(context).hasBean("cheapSubClient").doesNotHaveBean(GatewayHealthIndicator.class));
    runner.withPropertyValues(gateway(cheapsub, cheapsub.apiKey()))
        .withClassLoader(new FilteredClassLoader(HealthIndicator.class))
        .run(context -> assertThat(context).hasBean("cheapSubClient").doesNotHaveBean("aigw-cheapsubHealthIndicator"));
  }
}
