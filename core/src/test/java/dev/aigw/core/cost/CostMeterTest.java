package dev.aigw.core.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.listener.CostRecorded;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class CostMeterTest {

  private static CostRecorded charge(String vendor, String amount, CostUnit unit, String operationId) {
    return new CostRecorded(vendor, Cost.of(amount, unit), operationId, null, false);
  }

  @Test
  void totalsPerGatewayAndUnitExactly() {
    CostMeter meter = new CostMeter();
    meter.onCost(charge("icodeeasy", "0.1", CostUnit.CNY, "t-1"));
    meter.onCost(charge("icodeeasy", "0.2", CostUnit.CNY, "t-2"));
    meter.onCost(charge("gptimagehub", "8", CostUnit.CREDITS, "g-1"));
    meter.onCost(charge("gptimage2", "2", CostUnit.CREDITS, "g-1"));
    meter.onCost(charge("cheapsub", "0.500000", CostUnit.KRW, "c-1"));

    assertThat(meter.total("icodeeasy", CostUnit.CNY)).isEqualTo(Cost.of("0.3", CostUnit.CNY));
    assertThat(meter.total("gptimagehub", CostUnit.CREDITS)).isEqualTo(Cost.of("8", CostUnit.CREDITS));
    assertThat(meter.total("gptimage2", CostUnit.CREDITS)).as("another gateway's credits")
        .isEqualTo(Cost.of("2", CostUnit.CREDITS));
    assertThat(meter.total("cloudgpt", CostUnit.USD).amount()).isEqualByComparingTo("0");
    assertThat(meter.snapshot()).extracting(Object::toString).containsExactly(
        "cheapsub: 0.500000 KRW (1 charge)",
        "gptimage2: 2 credits (1 charge)",
        "gptimagehub: 8 credits (1 charge)",
        "icodeeasy: 0.3 CNY (2 charges)");
  }

  @Test
  void countsAnOperationOnceHoweverOftenItsCostIsSeen() {
    CostMeter meter = new CostMeter();
    assertThat(meter.record("gptimage2", Cost.of("4", CostUnit.CREDITS), "gen-1")).isTrue();
    assertThat(meter.record("gptimage2", Cost.of("4", CostUnit.CREDITS), "gen-1")).as("the same generation again")
        .isFalse();
    assertThat(meter.record("gptimagehub", Cost.of("4", CostUnit.CREDITS), "gen-1")).as("another gateway's id")
        .isTrue();
    assertThat(meter.record("gptimage2", Cost.of("1", CostUnit.CREDITS), null)).as("no id: always counted").isTrue();
    assertThat(meter.record("gptimage2", Cost.of("1", CostUnit.CREDITS), null)).isTrue();
    assertThat(meter.total("gptimage2", CostUnit.CREDITS)).isEqualTo(Cost.of("6", CostUnit.CREDITS));
  }

  @Test
  void aSnapshotIsACopyAndResetForgetsEverything() {
    CostMeter meter = new CostMeter();
    meter.record("icodeeasy", Cost.of("0.2", CostUnit.CNY), "t-1");
    List<CostMeter.Total> before = meter.snapshot();
    meter.record("icodeeasy", Cost.of("0.2", CostUnit.CNY), "t-2");
    assertThat(before).singleElement().extracting(CostMeter.Total::charges).isEqualTo(1L);
    assertThatThrownBy(() -> before.add(null)).isInstanceOf(UnsupportedOperationException.class);

    meter.reset();
    assertThat(meter.snapshot()).isEmpty();
    assertThat(meter.record("icodeeasy", Cost.of("0.2", CostUnit.CNY), "t-1")).as("forgotten ids count again").isTrue();
    assertThat(meter).hasToString("CostMeter[icodeeasy: 0.2 CNY (1 charge)]");
  }

  @Test
  void addsUpCurrenciesAcrossGatewaysButNeverCredits() {
    CostMeter meter = new CostMeter();
    meter.record("a", Cost.of("1.5", CostUnit.CNY), null);
    meter.record("b", Cost.of("2", CostUnit.CNY), null);
    meter.record("b", Cost.of("100", CostUnit.KRW), null);
    assertThat(meter.total(CostUnit.CNY)).isEqualTo(Cost.of("3.5", CostUnit.CNY));
    assertThatThrownBy(() -> meter.total(CostUnit.CREDITS)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a currency");
  }

  @Test
  void manyThreadsChargingAtOnceLoseNothing() throws Exception {
    CostMeter meter = new CostMeter();
    int threads = 8;
    int each = 2_000;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread w = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < each; i++) {
          meter.onCost(charge("icodeeasy", "0.01", CostUnit.CNY, id + "-" + i));
        }
      });
      w.start();
      workers.add(w);
    }
    start.countDown();
    for (Thread w : workers) {
      w.join();
    }
    assertThat(meter.total("icodeeasy", CostUnit.CNY).amount()).isEqualByComparingTo("160.00");
    assertThat(meter.snapshot()).singleElement().extracting(CostMeter.Total::charges).isEqualTo(16_000L);
  }
}
