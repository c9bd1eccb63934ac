package dev.aigw.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link Journal} on its own, and as {@link FakeCheapSub} fills it. */
class JournalTest {
  private static final Instant NOW = Instant.parse("2026-03-20T15:25:57Z");

  private static Journal.Entry entry(String method, String path, int status) {
    return new Journal.Entry(method, path, null, Map.of(), "", status, NOW);
  }

  @Test
  void filtersRequestsByMethodAndPath() {
    Journal journal = new Journal();
    journal.request(entry("POST", "/api/v1/image", 200));
    journal.request(entry("GET", "/api/v1/task", 200));
    journal.request(entry("POST", "/api/v1/image", 502));

    assertThat(journal.requests()).hasSize(3);
    assertThat(journal.requests("POST", "/api/v1/image")).extracting(Journal.Entry::status).containsExactly(200, 502);
    assertThat(journal.requests("GET", "/api/v1/image")).isEmpty();
    assertThat(journal.requests("POST", "/api/v1/image/")).as("paths match exactly").isEmpty();
  }

  @Test
  void separatesChargesFromRefundsAndNetsThem() {
    Journal journal = new Journal();
    journal.charge(new Journal.Charge("t1", new BigDecimal("0.500000"), NOW));
    journal.charge(new Journal.Charge("t2", new BigDecimal("2.000000"), NOW));
    journal.charge(new Journal.Charge("t2", new BigDecimal("-2.000000"), NOW));

    assertThat(journal.charges()).hasSize(3);
    assertThat(journal.chargesOnly()).extracting(Journal.Charge::reference).containsExactly("t1", "t2");
    assertThat(journal.netCharged()).isEqualByComparingTo("0.5");
  }

  @Test
  void listsAreUnmodifiableSnapshots() {
    Journal journal = new Journal();
    journal.callback(new Journal.Callback("http://127.0.0.1/a", "{}", 200));
    List<Journal.Callback> snapshot = journal.callbacks();
    List<Journal.Entry> requests = journal.requests();

    journal.callback(new Journal.Callback("http://127.0.0.1/b", "{}", -1));

    assertThat(snapshot).hasSize(1);
    assertThat(journal.callbacks()).hasSize(2);
    assertThatThrownBy(() -> requests.add(entry("GET", "/", 200))).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> journal.chargesOnly().add(null)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void clearForgetsRequestsChargesAndCallbacks() {
    Journal journal = new Journal();
    journal.request(entry("GET", "/", 200));
    journal.charge(new Journal.Charge("x", BigDecimal.ONE, NOW));
    journal.callback(new Journal.Callback("u", "b", 200));

    journal.clear();

    assertThat(journal.requests()).isEmpty();
    assertThat(journal.charges()).isEmpty();
    assertThat(journal.callbacks()).isEmpty();
    assertThat(journal.netCharged()).isEqualByComparingTo("0");
  }

  @Test
  void recordsFromManyThreadsAtOnce() throws InterruptedException {
    Journal journal = new Journal();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    for (int i = 0; i < 400; i++) {
      pool.execute(() -> {
        journal.request(entry("GET", "/", 200));
        journal.charge(new Journal.Charge("c", BigDecimal.ONE, NOW));
      });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

    assertThat(journal.requests()).hasSize(400);
    assertThat(journal.netCharged()).isEqualByComparingTo("400");
  }

  @Test
  void fakeCheapSubJournalsRequestsWithTheKeyMasked() throws IOException {
    try (FakeCheapSub fake = FakeCheapSub.start()) {
      String key = fake.apiKey();
      RawHttp.post(fake, "/api/v1/chat", key, "{\"model\":\"gpt-5.4\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
      RawHttp.get(fake, "/api/v1/models", key);

      List<Journal.Entry> entries = fake.journal().requests();
      assertThat(entries).extracting(Journal.Entry::path).containsExactly("/api/v1/chat", "/api/v1/models");
      assertThat(entries.get(0).body()).contains("\"content\":\"hi\"");
      assertThat(entries.get(0).headers().get("authorization")).isEqualTo("Bearer csk_test****");
      assertThat(entries.toString()).doesNotContain(key);
      assertThat(fake.journal().charges()).singleElement().extracting(Journal.Charge::reference).isEqualTo("chat");
    }
  }
}
