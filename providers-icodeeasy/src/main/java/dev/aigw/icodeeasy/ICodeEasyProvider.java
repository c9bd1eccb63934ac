package dev.aigw.icodeeasy;

import dev.aigw.core.AiClient;
import dev.aigw.core.AiClientProvider;
import dev.aigw.core.ClientOptions;
import java.util.Map;

/** Registers icodeeasy with {@link dev.aigw.core.AiClients} under the name {@code icodeeasy}. */
public final class ICodeEasyProvider implements AiClientProvider {
  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public ICodeEasyProvider() {}

  @Override
  public String name() {
    return ICodeEasyClient.VENDOR;
  }

  @Override
  public AiClient create(ClientOptions options) {
    return ICodeEasyClient.builder().options(options).build();
  }

  @Override
  public AiClient fromEnv(Map<String, String> environment) {
    return ICodeEasyClient.fromEnv(environment);
  }
}
