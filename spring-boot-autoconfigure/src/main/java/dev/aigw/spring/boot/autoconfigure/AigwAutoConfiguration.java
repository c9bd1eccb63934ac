package dev.aigw.spring.boot.autoconfigure;

import dev.aigw.cheapsub.CheapSubClient;
import dev.aigw.cloudgpt.CloudGptClient;
import dev.aigw.core.VendorClient;
import dev.aigw.core.listener.AigwListener;
import dev.aigw.core.routing.Router;
import dev.aigw.core.shared.SharedState;
import dev.aigw.gptimage2.GptImage2Client;
import dev.aigw.gptimagehub.GptImageHubClient;
import dev.aigw.icodeeasy.ICodeEasyClient;
import dev.aigw.opentelemetry.OpenTelemetryListener;
import dev.aigw.redis.RedisSharedState;
import io.opentelemetry.api.OpenTelemetry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/**
 * aigw for Spring Boot: a client bean per configured gateway, the failover router, listeners and
 * OpenTelemetry.
 *
 * <ul>
 *   <li>A gateway's client ({@code CheapSubClient}, {@code CloudGptClient}, {@code
 *       GptImageHubClient}, {@code ICodeEasyClient}, {@code GptImage2Client}) is created when its
 *       jar is on the class path and it is configured ({@link ConditionalOnGateway}), from its
 *       {@code aigw.<gateway>.*} section and environment variables. It is an {@code AiClient} too,
 *       and is closed with the context.
 *   <li>With {@code aigw.router.gateways} set, a {@link Router} over those gateways is the
 *       {@link Primary} {@code AiClient}. Without it, an {@code AiClient} injection point needs
 *       exactly one configured gateway.
 *   <li>Every {@link AigwListener} bean is added to every client (a {@code Budget} bean as its
 *       budget); with {@code aigw-opentelemetry} on the class path and an {@code OpenTelemetry}
 *       bean in the context, an {@link OpenTelemetryListener} bean is created and added as well.
 *   <li>With {@code aigw.redis.url} set and {@code aigw-redis} on the class path, a {@link
 *       RedisSharedState} is the {@link SharedState} bean (closed with the context); a {@code
 *       SharedState} bean, ours or the application's, is every client's shared state.
 * </ul>
 *
 * <p>Every bean backs off when the application defines its own of the same type.
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.opentelemetry.OpenTelemetryAutoConfiguration"})
@EnableConfigurationProperties(AigwProperties.class)
public class AigwAutoConfiguration {

  /** Created by Spring. */
  public AigwAutoConfiguration() {}

  /**
   * The failover router over {@code aigw.router.gateways}, in that order: the primary {@code
   * AiClient}. Closing the context closes the gateways' clients (their own beans); the router
   * holds nothing else.
   *
   * @param properties aigw's settings
   * @param clients the gateways' client beans
   * @return the router
   * @throws IllegalStateException naming {@code aigw.router.gateways} when it names a gateway that
   *     is not configured
   */
  @Bean(destroyMethod = "")
  @Primary
  @Conditional(OnRouterCondition.class)
  @ConditionalOnMissingBean(Router.class)
  public Router aigwRouter(AigwProperties properties, ObjectProvider<VendorClient> clients) {
    AigwProperties.Router settings = properties.getRouter();
    Map<String, VendorClient> byVendor = new LinkedHashMap<>();
    clients.orderedStream().forEach(c -> byVendor.putIfAbsent(c.vendor(), c));
    Router.Builder builder = Router.builder()
        .moveOnWhenChargeUncertain(settings.isMoveOnWhenChargeUncertain())
        .moveOnAfterContentPolicy(settings.isMoveOnAfterContentPolicy());
    if (settings.getCooldownFailures() > 0) {
      builder.cooldown(settings.getCooldownFailures(), settings.getCooldown());
    }
    List<String> names = settings.names();
    for (String name : names) {
      VendorClient client = byVendor.get(name);
      if (client == null) {
        throw new IllegalStateException("Invalid aigw configuration: aigw.router.gateways names " + name
            + ", which is not configured (set aigw." + name + ".api-key or " + GatewaySettings.variable(name, "API_KEY")
            + ", and put aigw-" + name + " on the class path); configured: " + byVendor.keySet());
      }
      builder.add(name, client);
    }
    return builder.build();
  }

  /** CheapSub's client. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(CheapSubClient.class)
  @ConditionalOnGateway("cheapsub")
  static class CheapSubConfiguration {
    @Bean
    @ConditionalOnMissingBean
    CheapSubClient cheapSubClient(AigwProperties properties, Environment env, ObjectProvider<AigwListener> listeners,
        ObjectProvider<SharedState> shared) {
      AigwProperties.CheapSub settings = properties.getCheapsub();
      CheapSubClient.Builder builder = GatewaySettings.apply(CheapSubClient.builder(), "cheapsub", settings, env,
          listeners, shared);
      if (settings.getVideoTimeout() != null) {
        builder.videoTimeout(settings.getVideoTimeout());
      }
      return GatewaySettings.build("cheapsub", builder::build);
    }
  }

  /** CloudGPT's client. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(CloudGptClient.class)
  @ConditionalOnGateway("cloudgpt")
  static class CloudGptConfiguration {
    @Bean
    @ConditionalOnMissingBean
    CloudGptClient cloudGptClient(AigwProperties properties, Environment env, ObjectProvider<AigwListener> listeners,
        ObjectProvider<SharedState> shared) {
      AigwProperties.CloudGpt settings = properties.getCloudgpt();
      CloudGptClient.Builder builder = GatewaySettings.apply(CloudGptClient.builder(), "cloudgpt", settings, env,
          listeners, shared);
      if (settings.getVideoTimeout() != null) {
        builder.videoTimeout(settings.getVideoTimeout());
      }
      if (settings.isAnonymous() && GatewaySettings.apiKey("cloudgpt", settings, env) == null) {
        builder.anonymous();
      }
      String token = GatewaySettings.either(settings.getKeysToken(), env.getProperty(CloudGptClient.KEYS_TOKEN_VARIABLE));
      return GatewaySettings.build("cloudgpt", () -> builder.keysToken(token).build());
    }
  }

  /** GPTImageHub's client. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(GptImageHubClient.class)
  @ConditionalOnGateway("gptimagehub")
  static class GptImageHubConfiguration {
    @Bean
    @ConditionalOnMissingBean
    GptImageHubClient gptImageHubClient(AigwProperties properties, Environment env,
        ObjectProvider<AigwListener> listeners,
        ObjectProvider<SharedState> shared) {
      AigwProperties.GptImageHub settings = properties.getGptimagehub();
      GptImageHubClient.Builder builder = GatewaySettings.apply(GptImageHubClient.builder(), "gptimagehub", settings,
          env, listeners, shared);
      if (settings.getSyncTimeout() != null) {
        builder.syncTimeout(settings.getSyncTimeout());
      }
      return GatewaySettings.build("gptimagehub", builder::build);
    }
  }

  /** icodeeasy's client. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(ICodeEasyClient.class)
  @ConditionalOnGateway("icodeeasy")
  static class ICodeEasyConfiguration {
    @Bean
    @ConditionalOnMissingBean
    ICodeEasyClient iCodeEasyClient(AigwProperties properties, Environment env, ObjectProvider<AigwListener> listeners,
        ObjectProvider<SharedState> shared) {
      AigwProperties.ICodeEasy settings = properties.getIcodeeasy();
      ICodeEasyClient.Builder builder = GatewaySettings.apply(ICodeEasyClient.builder(), "icodeeasy", settings, env,
          listeners, shared);
      if (settings.getSyncTimeout() != null) {
        builder.syncTimeout(settings.getSyncTimeout());
      }
      return GatewaySettings.build("icodeeasy", builder::build);
    }
  }

  /** gptimage2.plus's client. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(GptImage2Client.class)
  @ConditionalOnGateway("gptimage2")
  static class GptImage2Configuration {
    @Bean
    @ConditionalOnMissingBean
    GptImage2Client gptImage2Client(AigwProperties properties, Environment env, ObjectProvider<AigwListener> listeners,
        ObjectProvider<SharedState> shared) {
      GptImage2Client.Builder builder = GatewaySettings.apply(GptImage2Client.builder(), "gptimage2",
          properties.getGptimage2(), env, listeners, shared);
      return GatewaySettings.build("gptimage2", builder::build);
    }
  }

  /** State shared with other instances in Redis, when {@code aigw.redis.url} is set. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(RedisSharedState.class)
  @ConditionalOnProperty(prefix = "aigw.redis", name = "url")
  static class RedisConfiguration {
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(SharedState.class)
    RedisSharedState aigwSharedState(AigwProperties properties) {
      AigwProperties.Redis settings = properties.getRedis();
      RedisSharedState.Builder builder = RedisSharedState.builder(settings.getUrl().strip());
      if (settings.getPrefix() != null) {
        builder.prefix(settings.getPrefix());
      }
      if (settings.getCommandTimeout() != null) {
        builder.commandTimeout(settings.getCommandTimeout());
      }
      if (settings.getLeaseTtl() != null) {
        builder.leaseTtl(settings.getLeaseTtl());
      }
      if (settings.getClaimTtl() != null) {
        builder.claimTtl(settings.getClaimTtl());
      }
      if (settings.getDeliveryTtl() != null) {
        builder.deliveryTtl(settings.getDeliveryTtl());
      }
      return builder.build();
    }
  }

  /** The OpenTelemetry listener, when the module and an {@code OpenTelemetry} bean are there. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({OpenTelemetryListener.class, OpenTelemetry.class})
  static class OpenTelemetryConfiguration {
    @Bean
    @ConditionalOnBean(OpenTelemetry.class)
    @ConditionalOnMissingBean
    OpenTelemetryListener aigwOpenTelemetryListener(OpenTelemetry openTelemetry) {
      return OpenTelemetryListener.create(openTelemetry);
    }
  }
}
