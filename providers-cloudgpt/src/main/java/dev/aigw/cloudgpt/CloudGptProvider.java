package dev.aigw.cloudgpt;

import dev.aigw.core.AiClient;
import dev.aigw.core.AiClientProvider;
import dev.aigw.core.ClientOptions;
import java.util.Map;

/** Registers CloudGPT with {@link dev.aigw.core.AiClients} under the name {@code cloudgpt}. */
public final class CloudGptProvider implements AiClientProvider {
  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public CloudGptProvider() {}

  @Override
  public String name() {
    return CloudGptClient.VENDOR;
  }

  @Override
  public AiClient create(ClientOptions options) {
    return CloudGptClient.builder().options(options).build();
  }

  @Override
  public AiClient fromEnv(Map<String, String> environment) {
    return CloudGptClient.fromEnv(environment);
  }
}
