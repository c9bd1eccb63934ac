package dev.aigw.core;

import java.util.Map;

/**
 * Service-provider interface: each provider module registers one implementation in {@code
 * META-INF/services/dev.aigw.core.AiClientProvider} so that {@link AiClients} can find it by name.
 */
public interface AiClientProvider {

  /** {@return the vendor's name ({@code cheapsub} …): lower case, stable, used in configuration} */
  String name();

  /**
   * Creates a client from explicit options.
   *
   * @param options the key, base URL and other settings
   * @return a new client, which the caller closes
   */
  AiClient create(ClientOptions options);

  /**
   * Creates a client from environment variables ({@code <VENDOR>_API_KEY}, {@code
   * <VENDOR>_BASE_URL}).
   *
   * @param environment the variables to read, usually {@link System#getenv()}
   * @return a new client, which the caller closes
   */
  AiClient fromEnv(Map<String, String> environment);
}
