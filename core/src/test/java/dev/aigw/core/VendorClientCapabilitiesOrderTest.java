package dev.aigw.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aigw.core.internal.Transport;
import dev.aigw.core.internal.TransportConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class VendorClientCapabilitiesOrderTest {
  static final class AcmeClient extends VendorClient {
    AcmeClient(Set<Capability> capabilities) {
      super(new Transport(TransportConfig.of("acme", HttpUrl.get("https://api.acme.invalid/"),
          Secret.of("acme_SECRET_KEY_123456"))), capabilities);
    }
  }

  @Test
  void capabilitiesAreListedInTheEnumsOrderWhateverOrderTheyWereGivenIn() {
    List<Capability> backwards = new ArrayList<>(List.of(Capability.values()));
    Collections.reverse(backwards);
    Set<Capability> reversed = new LinkedHashSet<>(backwards);
    try (AcmeClient client = new AcmeClient(reversed)) {
      assertThat(client.capabilities()).containsExactly(Capability.values());
      assertThat(client.capabilities().toString()).isEqualTo(List.of(Capability.values()).toString());
    }
  }

  @Test
  void noCapabilitiesIsAnEmptyUnmodifiableSet() {
    try (AcmeClient client = new AcmeClient(Set.of())) {
      assertThat(client.capabilities()).isEmpty();
      assertThat(client.capabilities()).isUnmodifiable();
    }
  }
}
