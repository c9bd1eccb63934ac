package dev.aigw.cheapsub;

import dev.aigw.core.AiClient;
import dev.aigw.core.AiClientProvider;
import dev.aigw.core.ClientOptions;
import java.util.Map;

/** Registers CheapSub with {@link dev.aigw.core.AiClients} under the name {@code cheapsub}. */
public final class CheapSubProvider implements AiClientProvider {
  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public CheapSubProvider() {}

  @Override
  public String name() {
    return CheapSubClient.VENDOR;
  }

  @Override
  public AiClient create(ClientOptions options) {
    return CheapSubClient.builder().options(options).build();
  }

  @Override
  public AiClient fromEnv(Map<String, String> environment) {
    return CheapSubClient.fromEnv(environment);
  }
}
