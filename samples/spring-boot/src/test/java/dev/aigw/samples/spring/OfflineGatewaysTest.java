package dev.aigw.samples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.commons.logging.impl.NoOpLog;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/** When the sample goes offline, and when it does not. */
class OfflineGatewaysTest {
  final List<String> logged = new CopyOnWriteArrayList<>();
  final OfflineGateways offline = new OfflineGateways(destination -> new NoOpLog() {
    @Override
    public void info(Object message) {
      logged.add(String.valueOf(message));
    }
  });

  @Test
  void aKeyInTheEnvironmentKeepsTheSampleLive() {
    MockEnvironment env = new MockEnvironment().withProperty("ICODEEASY_API_KEY", "sk_live");
    offline.postProcessEnvironment(env, new SpringApplication());
    assertThat(env.getPropertySources().get(OfflineGateways.SOURCE)).isNull();
    assertThat(logged).isEmpty();
  }

  @Test
  void aKeyInTheApplicationsPropertiesKeepsItLiveToo() {
    MockEnvironment env = new MockEnvironment().withProperty("aigw.gptimage2.api-key", "gimg_live");
    offline.postProcessEnvironment(env, new SpringApplication());
    assertThat(env.getPropertySources().get(OfflineGateways.SOURCE)).isNull();
  }

  @Test
  void offlineCanBeTurnedOff() {
    MockEnvironment env = new MockEnvironment().withProperty("sample.offline", "false");
    offline.postProcessEnvironment(env, new SpringApplication());
    assertThat(env.getPropertySources().get(OfflineGateways.SOURCE)).isNull();
  }

  @Test
  void withoutAKeyTheFakesStartAndAreClosedWithTheContext() {
    MockEnvironment env = new MockEnvironment();
    offline.postProcessEnvironment(env, new SpringApplication());
    OfflineGateways.Fakes fakes = (OfflineGateways.Fakes) env.getPropertySources().get(OfflineGateways.SOURCE);
    assertThat(fakes).isNotNull();
    assertThat(logged).containsExactly("aigw sample: offline, against the testkit's fakes of icodeeasy ("
        + fakes.fakes.get(0).baseUrl() + ") and gptimage2.plus (" + fakes.fakes.get(1).baseUrl()
        + "); set a gateway's key (ICODEEASY_API_KEY …) to call it");
    assertThat(env.getProperty("aigw.router.gateways")).isEqualTo("icodeeasy,gptimage2");
    assertThat(env.getProperty("aigw.icodeeasy.base-url")).isEqualTo(fakes.fakes.get(0).baseUrl());
    // lowest precedence: the application's own values win
    assertThat(env.getPropertySources().precedenceOf(fakes)).isEqualTo(env.getPropertySources().size() - 1);
    new FakesCloser(env).destroy();
    assertThat(fakes.fakes).allSatisfy(f -> assertThat(f).extracting(x -> {
      try {
        new java.net.Socket("127.0.0.1", java.net.URI.create(x.baseUrl()).getPort()).close();
        return "open";
      } catch (java.io.IOException e) {
        return "closed";
      }
    }).isEqualTo("closed"));
  }
}
