package dev.aigw.core;

import dev.aigw.core.spi.VendorSpec;
import java.util.Map;

/**
 * A second test provider, {@code selfhosted}: no documented base URL, keys starting {@code sh_},
 * anonymous calls allowed.
 */
public final class SelfHostedTestProvider implements AiClientProvider {
  /** Its spec. */
  public static final VendorSpec SPEC =
      VendorSpec.of("selfhosted", "SELFHOSTED", null, "sh_").withAnonymousAllowed();

  @Override
  public String name() {
    return "selfhosted";
  }

  @Override
  public AiClient create(ClientOptions options) {
    return TestVendorClient.builder(SPEC).options(options).build();
  }

  @Override
  public AiClient fromEnv(Map<String, String> environment) {
    return TestVendorClient.builder(SPEC).environment(environment).build();
  }
}
