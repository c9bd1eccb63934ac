package dev.aigw.core.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aigw.core.error.AigwException;
import dev.aigw.core.error.BudgetExceededException;
import dev.aigw.core.error.ServerException;
import dev.aigw.core.listener.CallFinished;
import dev.aigw.core.listener.CallInfo;
import dev.aigw.core.listener.CostRecorded;
import dev.aigw.core.listener.OperationFinished;
import dev.aigw.core.listener.OperationInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BudgetTest {
  private static final Cost PRICE = Cost.of("0.40", CostUnit.CNY);

  private static CallInfo call(String vendor) {
    return new CallInfo(vendor, "generate_content", "image", "gpt-image-2", "POST", "/v1/images/generations",
        "jp.icodeeasy.cc", 443, false, null, Instant.now(), System.nanoTime());
  }

  private static PriceEstimate priced(Cost price) {
    return PriceEstimate.known("icodeeasy", price, "2 images at 0.20 CNY (quality medium)");
  }

  private static Budget oneYuan() {
    return Budget.builder().limit("icodeeasy", Cost.of("1.00", CostUnit.CNY)).build();
  }

  @Test
  void aCallThatWouldCrossTheLimitIsRefusedNamingLimitSpendAndPrice() {
    Budget budget = oneYuan();
    budget.admit(call("icodeeasy"), priced(PRICE));
    budget.admit(call("icodeeasy"), priced(PRICE));

    BudgetExceededException e = catchThrowableOfType(BudgetExceededException.class,
        () -> budget.admit(call("icodeeasy"), priced(PRICE)));

    assertThat(e).isInstanceOf(AigwException.class);
    assertThat(e.vendor()).isEqualTo("icodeeasy");
    assertThat(e).hasMessage("[icodeeasy] POST /v1/images/generations refused before sending: it costs 0.40 CNY"
        + " (2 images at 0.20 CNY (quality medium)), and 0.80 CNY of the budget's 1.00 CNY for icodeeasy is spent"
        + " or reserved, so it would come to 1.20 CNY; nothing was sent");
    assertThat(e.limit()).isEqualTo(Cost.of("1.00", CostUnit.CNY));
    assertThat(e.spent()).isEqualTo(Cost.of("0.80", CostUnit.CNY));
    assertThat(e.price()).isEqualTo(PRICE);
    assertThat(budget.spent("icodeeasy", CostUnit.CNY)).as("the refused call reserved nothing")
        .isEqualTo(Cost.of("0.80", CostUnit.CNY));
  }

  @Test
  void aCallThatReachesTheLimitExactlyIsLetThrough() {
    Budget budget = Budget.builder().limit("icodeeasy", Cost.of("0.8", CostUnit.CNY)).build();
    budget.admit(call("icodeeasy"), priced(PRICE));
    budget.admit(call("icodeeasy"), priced(PRICE));
    assertThat(budget.remaining("icodeeasy", CostUnit.CNY)).contains(Cost.of("0.00", CostUnit.CNY));
  }

  @Test
  void theReportedCostReplacesTheReservation() {
    Budget budget = oneYuan();
    CallInfo submit = call("icodeeasy");
    budget.admit(submit, priced(PRICE));
    assertThat(budget.spent("icodeeasy", CostUnit.CNY)).isEqualTo(Cost.of("0.40", CostUnit.CNY));

    budget.onCost(new CostRecorded("icodeeasy", Cost.of("0.2", CostUnit.CNY), "t-1", submit, false));
    assertThat(budget.spent("icodeeasy", CostUnit.CNY).amount()).isEqualByComparingTo("0.2");

    budget.onCost(new CostRecorded("icodeeasy", Cost.of("0.2", CostUnit.CNY), "t-1", submit, false));
    assertThat(budget.spent("icodeeasy", CostUnit.CNY).amount()).as("the same task seen again")
        .isEqualByComparingTo("0.2");
  }

  @Test
  void anErrorAnswerOrAFailedTaskReleasesTheReservation() {
    Budget budget = oneYuan();
    CallInfo refusedByServer = call("icodeeasy");
    budget.admit(refusedByServer, priced(PRICE));
    budget.onCallFinished(new CallFinished(refusedByServer, 500, 1, Duration.ZERO, null, null, null, null,
        new ServerException(new dev.aigw.core.error.ErrorDetails("icodeeasy", 500, null, null, "boom", null, null,
            null, null))));
    assertThat(budget.spent("icodeeasy", CostUnit.CNY).amount()).isEqualByComparingTo("0");

    CallInfo lostAnswer = call("icodeeasy");
    budget.admit(lostAnswer, priced(PRICE));
    budget.onCallFinished(new CallFinished(lostAnswer, -1, 1, Duration.ZERO, null, null, null, null,
        new AigwException("icodeeasy", "timed out", null)));
    assertThat(budget.spent("icodeeasy", CostUnit.CNY).amount()).as("a lost answer may hide a charge")
        .isEqualByComparingTo("0.40");

    CallInfo submit = call("icodeeasy");
    budget.admit(submit, priced(PRICE));
    OperationInfo op = new OperationInfo("icodeeasy", "t-9", false, submit, Instant.now(), System.nanoTime());
    budget.onOperationFinished(new OperationFinished(op, OperationFinished.End.FAILED, 3, Duration.ZERO, null,
        new AigwException("icodeeasy", "failed", null)));
    assertThat(budget.spent("icodeeasy", CostUnit.CNY).amount()).isEqualByComparingTo("0.40");

    CallInfo succeeded = call("icodeeasy");
    budget.admit(succeeded, priced(PRICE));
    budget.onCallFinished(new CallFinished(succeeded, 202, 1, Duration.ZERO, null, null, null, null, null));
    assertThat(budget.spent("icodeeasy", CostUnit.CNY).amount()).as("held until the task reports")
        .isEqualByComparingTo("0.80");
  }

  @Test
  void whereThePriceIsKnownOnlyAfterwardsPaidCallsStopOnceTheLimitIsReached() {
    Budget budget = Budget.builder().limit("cheapsub", Cost.of("1", CostUnit.KRW)).build();
    PriceEstimate unknown = PriceEstimate.unknown("cheapsub", "CheapSub says what a task consumed when it is done");
    budget.admit(call("cheapsub"), unknown);
    budget.onCost(new CostRecorded("cheapsub", Cost.of("0.500000", CostUnit.KRW), "t-1", null, false));
    budget.admit(call("cheapsub"), unknown);
    budget.onCost(new CostRecorded("cheapsub", Cost.of("0.500000", CostUnit.KRW), "t-2", null, false));

    BudgetExceededException e = catchThrowableOfType(BudgetExceededException.class,
        () -> budget.admit(call("cheapsub"), unknown));

    assertThat(e).hasMessage("[cheapsub] POST /v1/images/generations refused before sending: 1.000000 KRW of the"
        + " budget's 1 KRW for cheapsub is spent, and the price of this call is known only afterwards (CheapSub says"
        + " what a task consumed when it is done); nothing was sent");
    assertThat(e.price()).isNull();
    assertThat(e.spent()).isEqualTo(Cost.of("1.000000", CostUnit.KRW));
  }

  @Test
  void gatewaysWithoutALimitAreNeverRefused() {
    Budget budget = oneYuan();
    for (int i = 0; i < 10; i++) {
      budget.admit(call("gptimagehub"), PriceEstimate.known("gptimagehub", Cost.of("8", CostUnit.CREDITS), "one"));
    }
    budget.admit(call("cheapsub"), PriceEstimate.unknown("cheapsub", "later"));
    assertThat(budget.limit("gptimagehub", CostUnit.CREDITS)).isEmpty();
    assertThat(budget.remaining("gptimagehub", CostUnit.CREDITS)).isEmpty();
    assertThat(budget.limit("icodeeasy", CostUnit.CNY)).contains(Cost.of("1.00", CostUnit.CNY));
  }

  @Test
  void callsAdmittedAtOnceCannotTogetherCrossTheLimit() throws Exception {
    Budget budget = Budget.builder().limit("icodeeasy", Cost.of("4.00", CostUnit.CNY)).build();
    AtomicInteger admitted = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      Thread w = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < 10; i++) {
          try {
            budget.admit(call("icodeeasy"), priced(PRICE));
            admitted.incrementAndGet();
          } catch (BudgetExceededException e) {
            refused.incrementAndGet();
          }
        }
      });
      w.start();
      threads.add(w);
    }
    start.countDown();
    for (Thread w : threads) {
      w.join();
    }
    assertThat(admitted.get()).isEqualTo(10);
    assertThat(refused.get()).isEqualTo(70);
    assertThat(budget.spent("icodeeasy", CostUnit.CNY).amount()).isEqualByComparingTo("4.00");
  }

  @Test
  void resetForgetsSpendingButKeepsLimits() {
    Budget budget = oneYuan();
    budget.onCost(new CostRecorded("icodeeasy", Cost.of("0.9", CostUnit.CNY), null, null, true));
    assertThatThrownBy(() -> budget.admit(call("icodeeasy"), priced(PRICE)))
        .isInstanceOf(BudgetExceededException.class);
    budget.reset();
    budget.admit(call("icodeeasy"), priced(PRICE));
    assertThat(budget).hasToString("Budget[icodeeasy 1.00 CNY]");
  }
}
