package dev.aigw.gptimagehub;

import dev.aigw.core.AiClient;
import dev.aigw.core.AiClientProvider;
import dev.aigw.core.ClientOptions;
import java.util.Map;

/** Registers GPTImageHub with {@link dev.aigw.core.AiClients} under the name {@code gptimagehub}. */
public final class GptImageHubProvider implements AiClientProvider {
  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public GptImageHubProvider() {}

  @Override
  public String name() {
    return GptImageHubClient.VENDOR;
  }

  @Override
  public AiClient create(ClientOptions options) {
    return GptImageHubClient.builder().options(options).build();
  }

  @Override
  public AiClient fromEnv(Map<String, String> environment) {
    return GptImageHubClient.fromEnv(environment);
  }
}
