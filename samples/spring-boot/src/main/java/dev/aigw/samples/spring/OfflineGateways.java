package dev.aigw.samples.spring;

import dev.aigw.testkit.FakeGateway;
import dev.aigw.testkit.FakeGptImage2;
import dev.aigw.testkit.FakeICodeEasy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes the sample offline when no gateway key is set (neither {@code aigw.<gateway>.api-key} nor
 * {@code <GATEWAY>_API_KEY}), or when {@code sample.offline=true}: starts the testkit's fakes of
 * icodeeasy and gptimage2.plus and adds, with the lowest precedence, the properties that point aigw
 * at them — their keys and base URLs, quick polling, {@code aigw.router.gateways=icodeeasy,gptimage2}
 * and icodeeasy's health check. {@link FakesCloser} stops the fakes with the context.
 */
public class OfflineGateways implements EnvironmentPostProcessor, Ordered {

  /** The name of the property source it adds. */
  public static final String SOURCE = "aigw-offline-fakes";

  static final List<String> GATEWAYS = List.of("cheapsub", "cloudgpt", "gptimagehub", "icodeeasy", "gptimage2");

  private final Log log;

  /**
   * Created by Spring Boot.
   *
   * @param logs where to log once logging is set up
   */
  public OfflineGateways(DeferredLogFactory logs) {
    this.log = logs.getLog(OfflineGateways.class);
  }

  /** After the application's own configuration files are read. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    Binder binder = Binder.get(environment);
    String forced = binder.bind("sample.offline", String.class).orElse("auto");
    boolean anyKey = GATEWAYS.stream().anyMatch(g -> hasText(binder.bind("aigw." + g + ".api-key", String.class)
        .orElse(null)) || hasText(environment.getProperty(g.toUpperCase(Locale.ROOT) + "_API_KEY")));
    if (forced.equals("false") || (!forced.equals("true") && anyKey)) {
      return;
    }
    FakeICodeEasy icodeeasy = FakeICodeEasy.start();
    FakeGptImage2 gptimage2 = FakeGptImage2.start();
    Map<String, Object> properties = new LinkedHashMap<>();
    for (FakeGateway fake : List.<FakeGateway>of(icodeeasy, gptimage2)) {
      String prefix = "aigw." + fake.vendor() + ".";
      properties.put(prefix + "api-key", fake.apiKey());
      properties.put(prefix + "base-url", fake.baseUrl());
      // the fakes finish a task in a few polls: poll them quickly
      properties.put(prefix + "polling.initial-interval", "50ms");
      properties.put(prefix + "polling.max-interval", "50ms");
    }
    for (String other : List.of("cheapsub", "cloudgpt", "gptimagehub")) {
      properties.put("aigw." + other + ".enabled", "false");
    }
    properties.put("aigw.router.gateways", "icodeeasy,gptimage2");
    properties.put("aigw.icodeeasy.health.enabled", "true");
    log.info("aigw sample: offline, against the testkit's fakes of icodeeasy (" + icodeeasy.baseUrl()
        + ") and gptimage2.plus (" + gptimage2.baseUrl() + "); set a gateway's key (ICODEEASY_API_KEY …) to call it");
    // highest precedence when forced (the application's keys are then ignored), lowest otherwise
    if (forced.equals("true")) {
      environment.getPropertySources().addFirst(new Fakes(properties, List.of(icodeeasy, gptimage2)));
    } else {
      environment.getPropertySources().addLast(new Fakes(properties, List.of(icodeeasy, gptimage2)));
    }
  }

  private static boolean hasText(String value) {
    return value != null && !value.isBlank();
  }

  /** The offline properties, and the fakes they point at. */
  static final class Fakes extends MapPropertySource {
    final List<FakeGateway> fakes;

    Fakes(Map<String, Object> properties, List<FakeGateway> fakes) {
      super(SOURCE, properties);
      this.fakes = fakes;
    }
  }
}
