package dev.aigw.spring.boot.autoconfigure;

import dev.aigw.core.ClientBuilder;
import dev.aigw.core.cost.Budget;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.listener.AigwListener;
import dev.aigw.core.operation.PollingStrategy;
import dev.aigw.core.shared.SharedState;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;

/** Applies a gateway's {@code aigw.<gateway>.*} section, its environment variables and the context's listeners to its builder. */
final class GatewaySettings {
  private GatewaySettings() {}

  /**
   * The key of {@code gateway}: {@code aigw.<gateway>.api-key}, else {@code <GATEWAY>_API_KEY}.
   *
   * @return the key, or {@code null}
   */
  static String apiKey(String gateway, AigwProperties.Gateway settings, Environment env) {
    return either(settings.getApiKey(), env.getProperty(variable(gateway, "API_KEY")));
  }

  /** {@code CHEAPSUB_API_KEY} for ({@code cheapsub}, {@code API_KEY}), and so on. */
  static String variable(String gateway, String suffix) {
    return gateway.toUpperCase(Locale.ROOT) + "_" + suffix;
  }

  static String either(String property, String variable) {
    if (property != null && !property.isBlank()) {
      return property.strip();
    }
    return variable != null && !variable.isBlank() ? variable.strip() : null;
  }

  /**
   * Sets everything the builders share.
   *
   * @param builder the gateway's builder
   * @param gateway the gateway's name
   * @param settings its section
   * @param env the environment, for its variables
   * @param listeners the context's listeners ({@link Budget}s become the builder's budget)
   * @param shared the context's shared state, if it has one
   * @return the builder
   */
  static <B extends ClientBuilder<B, ?>> B apply(B builder, String gateway, AigwProperties.Gateway settings,
      Environment env, ObjectProvider<AigwListener> listeners, ObjectProvider<SharedState> shared) {
    builder.apiKey(apiKey(gateway, settings, env));
    String url = either(settings.getBaseUrl(), env.getProperty(variable(gateway, "BASE_URL")));
    if (url != null) {
      builder.baseUrl(url);
    }
    if (settings.getMaxRetries() != null) {
      builder.maxRetries(settings.getMaxRetries());
    }
    if (settings.getConnectTimeout() != null) {
      builder.connectTimeout(settings.getConnectTimeout());
    }
    if (settings.getRequestTimeout() != null) {
      builder.requestTimeout(settings.getRequestTimeout());
    }
    if (settings.getStreamIdleTimeout() != null) {
      builder.streamIdleTimeout(settings.getStreamIdleTimeout());
    }
    if (settings.getCallTimeout() != null) {
      builder.callTimeout(settings.getCallTimeout());
    }
    if (settings.getMaxRetryWait() != null) {
      builder.maxRetryWait(settings.getMaxRetryWait());
    }
    if (settings.getMaxConcurrentRequests() != null) {
      builder.maxConcurrentRequests(settings.getMaxConcurrentRequests());
    }
    settings.getDefaultModels().forEach(builder::defaultModel);
    settings.getExtraModels().forEach((modality, models) -> builder.extraModels(modality, models.toArray(String[]::new)));
    AigwProperties.Polling polling = settings.getPolling();
    if (polling.isSet()) {
      PollingStrategy d = PollingStrategy.DEFAULT;
      builder.polling(new PollingStrategy(
          polling.getInitialInterval() != null ? polling.getInitialInterval() : d.initialInterval(),
          polling.getMultiplier() != null ? polling.getMultiplier() : d.multiplier(),
          polling.getMaxInterval() != null ? polling.getMaxInterval() : d.maxInterval(),
          polling.getMaxConsecutiveFailures() != null ? polling.getMaxConsecutiveFailures() : d.maxConsecutiveFailures(),
          polling.getTimeout() != null ? polling.getTimeout() : d.defaultTimeout()));
    }
    List<AigwListener> all = listeners.orderedStream().toList();
    List<Budget> budgets = all.stream().filter(Budget.class::isInstance).map(Budget.class::cast).toList();
    if (budgets.size() > 1) {
      throw new IllegalStateException("aigw: the context has " + budgets.size()
          + " Budget beans; a client takes one (put every limit in one Budget)");
    }
    for (AigwListener listener : all) {
      if (listener instanceof Budget budget) {
        builder.budget(budget);
      } else {
        builder.listener(listener);
      }
    }
    SharedState state = shared.getIfAvailable();
    if (state != null) {
      builder.sharedState(state);
    }
    return builder;
  }

  /**
   * Builds the client, naming the property behind a value the builder refuses.
   *
   * @param gateway the gateway's name
   * @param build the builder's {@code build}
   * @return the client
   * @throws IllegalStateException naming the property when the builder refuses a value
   */
  static <C> C build(String gateway, Supplier<C> build) {
    try {
      return build.get();
    } catch (ValidationException e) {
      throw new IllegalStateException("Invalid aigw configuration: " + property(gateway, e.field()) + ": "
          + e.getMessage(), e);
    }
  }

  /** The property (and variable) behind a builder field of {@code gateway}. */
  static String property(String gateway, String field) {
    String prefix = AigwProperties.PREFIX + "." + gateway + ".";
    return switch (field == null ? "" : field) {
      case "apiKey" -> prefix + "api-key (or " + variable(gateway, "API_KEY") + ")";
      case "baseUrl" -> prefix + "base-url (or " + variable(gateway, "BASE_URL") + ")";
      case "keysToken" -> prefix + "keys-token (or " + variable(gateway, "KEYS_TOKEN") + ")";
      case "defaultModel" -> prefix + "default-models";
      case "" -> AigwProperties.PREFIX + "." + gateway;
      default -> prefix + kebab(field);
    };
  }

  private static String kebab(String camel) {
    StringBuilder out = new StringBuilder();
    for (char c : camel.toCharArray()) {
      if (Character.isUpperCase(c)) {
        out.append('-').append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
