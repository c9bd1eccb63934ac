package dev.aigw.core;

import java.util.Map;

/** Registers {@link TestVendorClient} as {@code testvendor} for {@link AiClients}. */
public final class TestVendorProvider implements AiClientProvider {
  @Override
  public String name() {
    return "testvendor";
  }

  @Override
  public AiClient create(ClientOptions options) {
    return TestVendorClient.builder().options(options).build();
  }

  @Override
  public AiClient fromEnv(Map<String, String> environment) {
    return TestVendorClient.builder().environment(environment).build();
  }
}
