package dev.aigw.spring.boot.autoconfigure;

import dev.aigw.cheapsub.CheapSubClient;
import dev.aigw.cloudgpt.CloudGptClient;
import dev.aigw.core.error.NotFoundException;
import dev.aigw.gptimage2.GptImage2Client;
import dev.aigw.gptimagehub.GptImageHubClient;
import dev.aigw.icodeeasy.ICodeEasyClient;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An actuator health indicator per configured gateway, named {@code aigw-<gateway>} (so {@code
 * /actuator/health/aigw-cheapsub}). Each makes a call that costs nothing and keeps the result for
 * {@code aigw.<gateway>.health.ttl} (1 minute by default):
 *
 * <ul>
 *   <li>cheapsub: {@code GET /api/v1/models}; cloudgpt: {@code GET /api/models/chat}, {@code /image}
 *       and {@code /video}; gptimagehub: {@code GET /api/v1/credits}. On by default.
 *   <li>icodeeasy and gptimage2: their documentation offers no free call that checks a key (no model
 *       list, no balance; every other call starts a paid generation), so they are off by default.
 *       Turned on ({@code aigw.<gateway>.health.enabled=true}) they look up a task id that does not
 *       exist ({@code GET /v1/images/tasks/…}, {@code GET /api/v1/generations/…}), which is free:
 *       "not found" means the key was accepted.
 * </ul>
 *
 * <p>Present only with the actuator's health support on the class path.
 */
@AutoConfiguration(after = AigwAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
public class AigwHealthAutoConfiguration {

  /** The task id the icodeeasy and gptimage2 checks look up; no gateway issues it. */
  static final String PROBE_TASK = "aigw-health-probe";

  /** Created by Spring. */
  public AigwHealthAutoConfiguration() {}

  /** CheapSub's health. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(CheapSubClient.class)
  @ConditionalOnBean(CheapSubClient.class)
  @ConditionalOnProperty(name = "aigw.cheapsub.health.enabled", havingValue = "true", matchIfMissing = true)
  static class CheapSubHealth {
    @Bean("aigw-cheapsubHealthIndicator")
    @ConditionalOnMissingBean(name = "aigw-cheapsubHealthIndicator")
    GatewayHealthIndicator cheapSubHealthIndicator(CheapSubClient client, AigwProperties properties) {
      return new GatewayHealthIndicator("cheapsub", "GET /api/v1/models",
          () -> Map.of("models", client.models().list().size()), properties.getCheapsub().getHealth().getTtl());
    }
  }

  /** CloudGPT's health. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(CloudGptClient.class)
  @ConditionalOnBean(CloudGptClient.class)
  @ConditionalOnProperty(name = "aigw.cloudgpt.health.enabled", havingValue = "true", matchIfMissing = true)
  static class CloudGptHealth {
    @Bean("aigw-cloudgptHealthIndicator")
    @ConditionalOnMissingBean(name = "aigw-cloudgptHealthIndicator")
    GatewayHealthIndicator cloudGptHealthIndicator(CloudGptClient client, AigwProperties properties) {
      return new GatewayHealthIndicator("cloudgpt", "GET /api/models/{chat,image,video}",
          () -> Map.of("models", client.models().list().size()), properties.getCloudgpt().getHealth().getTtl());
    }
  }

  /** GPTImageHub's health. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(GptImageHubClient.class)
  @ConditionalOnBean(GptImageHubClient.class)
  @ConditionalOnProperty(name = "aigw.gptimagehub.health.enabled", havingValue = "true", matchIfMissing = true)
  static class GptImageHubHealth {
    @Bean("aigw-gptimagehubHealthIndicator")
    @ConditionalOnMissingBean(name = "aigw-gptimagehubHealthIndicator")
    GatewayHealthIndicator gptImageHubHealthIndicator(GptImageHubClient client, AigwProperties properties) {
      return new GatewayHealthIndicator("gptimagehub", "GET /api/v1/credits", () -> {
        client.credits().balance();
        return Map.of();
      }, properties.getGptimagehub().getHealth().getTtl());
    }
  }

  /** icodeeasy's health, off by default. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(ICodeEasyClient.class)
  @ConditionalOnBean(ICodeEasyClient.class)
  @ConditionalOnProperty(name = "aigw.icodeeasy.health.enabled", havingValue = "true")
  static class ICodeEasyHealth {
    @Bean("aigw-icodeeasyHealthIndicator")
    @ConditionalOnMissingBean(name = "aigw-icodeeasyHealthIndicator")
    GatewayHealthIndicator iCodeEasyHealthIndicator(ICodeEasyClient client, AigwProperties properties) {
      return new GatewayHealthIndicator("icodeeasy", "GET /v1/images/tasks/" + PROBE_TASK,
          () -> notFound(() -> client.images().resume(PROBE_TASK).poll()),
          properties.getIcodeeasy().getHealth().getTtl());
    }
  }

  /** gptimage2.plus's health, off by default. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(GptImage2Client.class)
  @ConditionalOnBean(GptImage2Client.class)
  @ConditionalOnProperty(name = "aigw.gptimage2.health.enabled", havingValue = "true")
  static class GptImage2Health {
    @Bean("aigw-gptimage2HealthIndicator")
    @ConditionalOnMissingBean(name = "aigw-gptimage2HealthIndicator")
    GatewayHealthIndicator gptImage2HealthIndicator(GptImage2Client client, AigwProperties properties) {
      return new GatewayHealthIndicator("gptimage2", "GET /api/v1/generations/" + PROBE_TASK,
          () -> notFound(() -> client.images().resume(PROBE_TASK).poll()),
          properties.getGptimage2().getHealth().getTtl());
    }
  }

  /** Runs a lookup of a task that does not exist: "not found" is the healthy answer. */
  static Map<String, Object> notFound(Runnable lookup) {
    try {
      lookup.run();
    } catch (NotFoundException expected) {
      return Map.of();
    }
    return Map.of("note", "the probe task id was found");
  }
}
