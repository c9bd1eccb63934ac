package dev.aigw.gptimage2;

import dev.aigw.core.AiClient;
import dev.aigw.core.AiClientProvider;
import dev.aigw.core.ClientOptions;
import java.util.Map;

/** Registers gptimage2.plus with {@link dev.aigw.core.AiClients} under the name {@code gptimage2}. */
public final class GptImage2Provider implements AiClientProvider {
  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public GptImage2Provider() {}

  @Override
  public String name() {
    return GptImage2Client.VENDOR;
  }

  @Override
  public AiClient create(ClientOptions options) {
    return GptImage2Client.builder().options(options).build();
  }

  @Override
  public AiClient fromEnv(Map<String, String> environment) {
    return GptImage2Client.fromEnv(environment);
  }
}
