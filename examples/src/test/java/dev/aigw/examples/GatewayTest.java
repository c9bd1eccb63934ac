package dev.aigw.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aigw.cheapsub.CheapSubClient;
import dev.aigw.core.error.ValidationException;
import dev.aigw.testkit.FakeCheapSub;
import dev.aigw.testkit.FakeGateway;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayTest {

  @Test
  void withoutAKeyTheClientTalksToAnEmbeddedFakeAndSaysSo() {
    Console console = new Console();

    try (Gateway gateway = Gateway.open("cheapsub", Map.of(), console.out())) {
      assertThat(gateway.live()).isFalse();
      String url = gateway.fake(FakeCheapSub.class).orElseThrow().baseUrl();
      assertThat(console.lines()).containsExactly(
          "== cheapsub: offline: the embedded fake at " + url + " (set CHEAPSUB_API_KEY to call the real service)");
      assertThat(gateway.client(CheapSubClient.class).models().list()).hasSize(5);
    }
  }

  @Test
  void aBlankKeyCountsAsUnset() {
    try (Gateway gateway = Gateway.open("icodeeasy", Map.of("ICODEEASY_API_KEY", "  "), new Console().out())) {
      assertThat(gateway.live()).isFalse();
    }
  }

  @Test
  void withAKeyTheClientIsBuiltFromTheEnvironmentAndTheKeyIsNeverPrinted() {
    Console console = new Console();
    try (FakeCheapSub service = FakeCheapSub.start()) {
      // the "real service" here is a fake the test runs: the client finds it through CHEAPSUB_BASE_URL
      Map<String, String> env = Map.of("CHEAPSUB_API_KEY", service.apiKey(), "CHEAPSUB_BASE_URL", service.baseUrl());

      try (Gateway gateway = Gateway.open("cheapsub", env, console.out())) {
        assertThat(gateway.live()).isTrue();
        assertThat(gateway.fake(FakeGateway.class)).isEmpty();
        assertThat(gateway.client(CheapSubClient.class).models().list()).hasSize(5);
      }

      assertThat(console.lines()).containsExactly("== cheapsub: live, CheapSubClient[" + service.baseUrl()
          + "/] (CHEAPSUB_API_KEY is set; calls are charged)");
      assertThat(console.text()).doesNotContain(service.apiKey()).doesNotContain("csk_");
      assertThat(service.journal().requests("GET", "/api/v1/models")).hasSize(1);
    }
  }

  @Test
  void aLiveKeyOfAnotherVendorIsRefusedBeforeAnythingIsSent() {
    ValidationException e = catchThrowableOfType(ValidationException.class,
        () -> Gateway.open("gptimage2", Map.of("GPTIMAGE2_API_KEY", "csk_wrong_vendor_key"), new Console().out()));

    assertThat(e).hasMessage("gptimage2: apiKey: gptimage2 keys start with 'gimg_'; this one starts otherwise"
        + " (is it another vendor's key?)");
    assertThat(e.getMessage()).doesNotContain("csk_wrong_vendor_key");
  }

  @Test
  void anUnknownGatewayIsRefusedWithTheFiveNames() {
    IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class,
        () -> Gateway.open("openai", Map.of(), new Console().out()));

    assertThat(e).hasMessage("unknown gateway 'openai'; choose one of cheapsub, cloudgpt, gptimagehub, icodeeasy,"
        + " gptimage2");
  }

  @Test
  void closingStopsTheFake() throws Exception {
    URI url;
    try (Gateway gateway = Gateway.open("gptimagehub", Map.of(), new Console().out())) {
      url = URI.create(gateway.fake(FakeGateway.class).orElseThrow().baseUrl());
      try (Socket open = new Socket(url.getHost(), url.getPort())) {
        assertThat(open.isConnected()).isTrue();
      }
    }

    assertThat(catchThrowableOfType(ConnectException.class, () -> new Socket(url.getHost(), url.getPort()).close()))
        .isNotNull();
  }

  @Test
  void theKeyVariableIsTheVendorNameInCapitals() {
    assertThat(Gateway.VENDORS).map(Gateway::apiKeyVariable).containsExactly("CHEAPSUB_API_KEY", "CLOUDGPT_API_KEY",
        "GPTIMAGEHUB_API_KEY", "ICODEEASY_API_KEY", "GPTIMAGE2_API_KEY");
  }
}
