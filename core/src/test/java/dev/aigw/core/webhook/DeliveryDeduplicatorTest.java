package dev.aigw.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeliveryDeduplicatorTest {

  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T00:00:00Z"));

  @Test
  void firstDeliveryIsTrueAndRepeatsAreFalse() {
    DeliveryDeduplicator dedup = new DeliveryDeduplicator(100, Duration.ofHours(1), clock);
    assertThat(dedup.firstDelivery("dlv_1")).isTrue();
    assertThat(dedup.firstDelivery("dlv_1")).isFalse();
    assertThat(dedup.firstDelivery("dlv_1")).isFalse();
    assertThat(dedup.firstDelivery("dlv_2")).isTrue();
    assertThat(dedup.size()).isEqualTo(2);
  }

  @Test
  void idsAreForgottenAfterTheirTtl() {
    DeliveryDeduplicator dedup = new DeliveryDeduplicator(100, Duration.ofMinutes(10), clock);
    assertThat(dedup.firstDelivery("a")).isTrue();
    clock.advance(Duration.ofMinutes(5));
    assertThat(dedup.firstDelivery("b")).isTrue();
    clock.advance(Duration.ofMinutes(4));
    assertThat(dedup.firstDelivery("a")).as("9 minutes on: still remembered").isFalse();
    clock.advance(Duration.ofMinutes(1).plusMillis(1));
    assertThat(dedup.size()).as("'a' expired, 'b' not").isEqualTo(1);
    assertThat(dedup.firstDelivery("a")).as("past its ttl: handled again").isTrue();
    assertThat(dedup.firstDelivery("b")).isFalse();
    clock.advance(Duration.ofMinutes(6));
    assertThat(dedup.firstDelivery("b")).isTrue();
  }

  @Test
  void aRepeatDoesNotExtendTheTtl() {
    DeliveryDeduplicator dedup = new DeliveryDeduplicator(10, Duration.ofSeconds(60), clock);
    dedup.firstDelivery("x");
    clock.advance(Duration.ofSeconds(50));
    assertThat(dedup.firstDelivery("x")).isFalse();
    clock.advance(Duration.ofSeconds(11));
    assertThat(dedup.firstDelivery("x")).isTrue();
  }

  @Test
  void capacityEvictsTheOldestIds() {
    DeliveryDeduplicator dedup = new DeliveryDeduplicator(3, Duration.ofHours(1), clock);
    for (String id : List.of("1", "2", "3", "4")) {
      assertThat(dedup.firstDelivery(id)).isTrue();
    }
    assertThat(dedup.size()).isEqualTo(3);
    assertThat(dedup.firstDelivery("4")).isFalse();
    assertThat(dedup.firstDelivery("3")).isFalse();
    assertThat(dedup.firstDelivery("2")).isFalse();
    assertThat(dedup.firstDelivery("1")).as("evicted as the oldest").isTrue();
    assertThat(dedup.size()).isEqualTo(3);
  }

  @Test
  void aForgottenIdCountsAsNewAgainAndOthersStayRemembered() {
    DeliveryDeduplicator dedup = new DeliveryDeduplicator(10, Duration.ofHours(1), clock);
    dedup.firstDelivery("failed-handling");
    dedup.firstDelivery("handled");

    dedup.forget("failed-handling");

    assertThat(dedup.size()).isEqualTo(1);
    assertThat(dedup.firstDelivery("failed-handling")).as("the sender's retry is handled").isTrue();
    assertThat(dedup.firstDelivery("failed-handling")).as("and remembered again").isFalse();
    assertThat(dedup.firstDelivery("handled")).isFalse();
  }

  @Test
  void forgettingAnUnknownIdChangesNothing() {
    DeliveryDeduplicator dedup = new DeliveryDeduplicator(10, Duration.ofHours(1), clock);
    dedup.firstDelivery("a");

    dedup.forget("never-seen");
    dedup.forget(null);

    assertThat(dedup.size()).isEqualTo(1);
    assertThat(dedup.firstDelivery("a")).isFalse();
  }

  @Test
  void invalidSettingsAreRejected() {
    assertThatThrownBy(() -> new DeliveryDeduplicator(0, Duration.ofHours(1), clock))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DeliveryDeduplicator(1, null, clock)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new DeliveryDeduplicator().firstDelivery(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void defaultInstanceRemembers() {
    DeliveryDeduplicator dedup = new DeliveryDeduplicator();
    assertThat(dedup.firstDelivery("evt")).isTrue();
    assertThat(dedup.firstDelivery("evt")).isFalse();
  }

  @Test
  void concurrentCallersSeeExactlyOneFirstDeliveryPerId() throws Exception {
    DeliveryDeduplicator dedup = new DeliveryDeduplicator(100_000, Duration.ofHours(1), clock);
    int threads = 8;
    int ids = 2_000;
    ConcurrentHashMap<String, AtomicInteger> trues = new ConcurrentHashMap<>();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < ids; i++) {
            String id = "dlv_" + i;
            if (dedup.firstDelivery(id)) {
              trues.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(trues).hasSize(ids);
    assertThat(trues.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    assertThat(dedup.size()).isEqualTo(ids);
  }
}
