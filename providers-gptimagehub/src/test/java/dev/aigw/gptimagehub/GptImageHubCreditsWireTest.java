package dev.aigw.gptimagehub;

import static dev.aigw.gptimagehub.HubWire.assertGet;
import static dev.aigw.gptimagehub.HubWire.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aigw.core.http.RawResponse;
import java.math.BigDecimal;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/credits} (doc section 크레딧): balance, account type and next expiration. The doc
 * shows no answer; these use the fields of the {@code balance} object its generation answer shows
 * ({@code credits}, {@code account_type}, {@code next_expiration}).
 */
class GptImageHubCreditsWireTest {
  @StartStop final MockWebServer server = new MockWebServer();

  @Test
  void readsTheBalanceWithTheKey() throws Exception {
    server.enqueue(ok("{\"credits\":112,\"account_type\":\"PRO\",\"next_expiration\":null}"));
    GptImageHubBalance balance;
    try (GptImageHubClient client = HubWire.client(server)) {
      balance = client.credits().balance();
    }
    assertGet(server.takeRequest(), "/api/v1/credits");
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(balance.credits()).isEqualTo(new BigDecimal("112"));
    assertThat(balance.accountType()).isEqualTo("PRO");
    assertThat(balance.nextExpiration()).isNull();
    assertThat(balance.hasExpiringCredits()).isFalse();
    assertThat(balance.toString()).isEqualTo("GptImageHubBalance[credits=112, accountType=PRO, nextExpiration=none]");
  }

  @Test
  void creditsAreExactDecimalsAndAnExpirationIsKeptAsSent() {
    server.enqueue(ok("{\"credits\":112.50,\"account_type\":\"FREE\","
        + "\"next_expiration\":{\"credits\":20,\"expires_at\":\"2026-06-01T00:00:00.000Z\"}}"));
    GptImageHubBalance balance;
    try (GptImageHubClient client = HubWire.client(server)) {
      balance = client.credits().balance();
    }
    assertThat(balance.credits()).isEqualTo(new BigDecimal("112.50"));
    assertThat(balance.credits().toPlainString()).isEqualTo("112.50");
    assertThat(balance.hasExpiringCredits()).isTrue();
    assertThat(balance.nextExpiration().get("expires_at")).isEqualTo("2026-06-01T00:00:00.000Z");
    assertThat(balance.toString()).contains("credits=112.50").contains("2026-06-01");
  }

  @Test
  void aBalanceWrappedInBalanceOrDataIsReadToo() {
    server.enqueue(ok("{\"object\":\"credits\",\"balance\":{\"credits\":\"7.25\",\"account_type\":\"PRO\"}}"));
    server.enqueue(ok("{\"data\":{\"credits\":3,\"account_type\":\"FREE\",\"next_expiration\":\"2026-07-01\"}}"));
    server.enqueue(ok("{}"));
    try (GptImageHubClient client = HubWire.client(server)) {
      GptImageHubBalance nested = client.credits().balance();
      assertThat(nested.credits()).isEqualTo(new BigDecimal("7.25"));
      assertThat(nested.accountType()).isEqualTo("PRO");
      assertThat(nested.raw().get("account_type")).isEqualTo("PRO");
      GptImageHubBalance data = client.credits().balance();
      assertThat(data.credits()).isEqualTo(new BigDecimal("3"));
      assertThat(data.nextExpiration().value()).isEqualTo("2026-07-01");
      GptImageHubBalance empty = client.credits().balance();
      assertThat(empty.credits()).isNull();
      assertThat(empty.toString()).contains("credits=?");
    }
  }

  @Test
  void rawKeepsHttpDetails() {
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/json")
        .setHeader("X-Request-Id", "credits-1").body("{\"credits\":1}").build());
    try (GptImageHubClient client = HubWire.client(server)) {
      RawResponse<GptImageHubBalance> raw = client.credits().withRawResponse().balance();
      assertThat(raw.requestId()).isEqualTo("credits-1");
      assertThat(raw.body().credits()).isEqualTo(BigDecimal.ONE);
    }
  }
}
