package dev.aigw.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.error.UnsupportedCapabilityException;
import dev.aigw.core.internal.Transport;
import dev.aigw.core.internal.TransportConfig;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.ResponseReader;
import java.util.EnumSet;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class VendorClientTest {
  static final class AcmeClient extends VendorClient {
    AcmeClient(Transport transport) {
      super(transport, EnumSet.of(Capability.CHAT, Capability.MODELS));
    }

    Transport exposedTransport() {
      return (Transport) gateway();
    }
  }

  private final Transport transport = new Transport(
      TransportConfig.of("acme", HttpUrl.get("https://api.acme.invalid/v1/"), Secret.of("acme_SECRET_KEY_123456")));

  @Test
  void namesTheVendorAndItsCapabilitiesFromWhatItWasGiven() {
    AcmeClient client = new AcmeClient(transport);
    assertThat(client.vendor()).isEqualTo("acme");
    assertThat(client.capabilities()).containsExactlyInAnyOrder(Capability.CHAT, Capability.MODELS);
    assertThat(client.supports(Capability.IMAGES)).isFalse();
    assertThat(client.exposedTransport()).isSameAs(transport);
    assertThatThrownBy(client::images).isInstanceOf(UnsupportedCapabilityException.class)
        .hasMessage("acme does not offer image generation");
    assertThat(client.capabilities()).isUnmodifiable();
  }

  @Test
  void toStringShowsTheClassAndBaseUrlButNeverTheKey() {
    assertThat(new AcmeClient(transport).toString())
        .isEqualTo("AcmeClient[https://api.acme.invalid/v1/]")
        .doesNotContain("SECRET");
  }

  @Test
  void closeStopsTheTransport() {
    AcmeClient client = new AcmeClient(transport);
    client.close();
    assertThat(transport.isClosed()).isTrue();
    assertThatThrownBy(() -> transport.execute(ApiRequest.get("/x").build(), ResponseReader.text()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }
}
