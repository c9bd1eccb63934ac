package dev.aigw.core;

import dev.aigw.core.error.AigwException;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Finds providers on the classpath by name, so that the vendor is a matter of configuration:
 *
 * <pre>{@code
 * try (AiClient client = AiClients.fromEnv("icodeeasy")) { … }
 * }</pre>
 */
public final class AiClients {
  private AiClients() {}

  /**
   * Creates a client for {@code name} from explicit options.
   *
   * @param name the provider name, in any case ({@code cheapsub} …)
   * @param options the key, base URL and other settings
   * @return a new client, which the caller closes
   * @throws AigwException if no provider of that name is on the classpath (the message lists the
   *     known ones)
   */
  public static AiClient create(String name, ClientOptions options) {
    return provider(name).create(options);
  }

  /**
   * Creates a client for {@code name} from the process environment.
   *
   * @param name the provider name, in any case ({@code cheapsub} …)
   * @return a new client, which the caller closes
   * @throws AigwException if no provider of that name is on the classpath
   */
  public static AiClient fromEnv(String name) {
    return fromEnv(name, System.getenv());
  }

  /**
   * Creates a client for {@code name} from the given environment variables.
   *
   * @param name the provider name, in any case ({@code cheapsub} …)
   * @param environment the variables to read ({@code <VENDOR>_API_KEY}, {@code <VENDOR>_BASE_URL})
   * @return a new client, which the caller closes
   * @throws AigwException if no provider of that name is on the classpath
   */
  public static AiClient fromEnv(String name, Map<String, String> environment) {
    return provider(name).fromEnv(environment);
  }

  /**
   * A builder of a failover {@link dev.aigw.core.routing.Router}: an {@link AiClient} over an
   * ordered list of clients that moves a request to the next gateway only when the failed attempt
   * certainly did no paid work.
   *
   * @return the builder
   */
  public static dev.aigw.core.routing.Router.Builder router() {
    return dev.aigw.core.routing.Router.builder();
  }

  /** {@return the providers on the classpath, by name} */
  public static Map<String, AiClientProvider> available() {
    Map<String, AiClientProvider> found = new TreeMap<>();
    for (AiClientProvider provider :
        ServiceLoader.load(AiClientProvider.class, AiClients.class.getClassLoader())) {
      found.putIfAbsent(provider.name(), provider);
    }
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    if (context != null && context != AiClients.class.getClassLoader()) {
      for (AiClientProvider provider : ServiceLoader.load(AiClientProvider.class, context)) {
        found.putIfAbsent(provider.name(), provider);
      }
    }
    return found;
  }

  /**
   * The provider called {@code name}.
   *
   * @param name the provider name, in any case
   * @return the provider
   * @throws AigwException if the name is blank or no provider of that name is on the classpath
   *     (the message lists the known ones)
   */
  public static AiClientProvider provider(String name) {
    if (name == null || name.isBlank()) {
      throw new AigwException(null, "a provider name is required; known: " + known(), null);
    }
    Map<String, AiClientProvider> found = available();
    AiClientProvider provider = found.get(name.strip().toLowerCase(java.util.Locale.ROOT));
    if (provider == null) {
      throw new AigwException(
          null,
          "no aigw provider named '" + name + "' on the classpath; known: " + known()
              + " (add the matching aigw-<name> dependency)",
          null);
    }
    return provider;
  }

  private static String known() {
    Map<String, AiClientProvider> found = available();
    return found.isEmpty() ? "none" : String.join(", ", found.keySet());
  }
}
