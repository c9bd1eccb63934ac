package dev.aigw.icodeeasy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aigw.core.AiClients;
import dev.aigw.core.ClientOptions;
import dev.aigw.core.cost.Budget;
import dev.aigw.core.cost.Cost;
import dev.aigw.core.cost.CostMeter;
import dev.aigw.core.cost.CostUnit;
import dev.aigw.core.cost.PriceEstimate;
import dev.aigw.core.error.BudgetExceededException;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.image.Quality;
import dev.aigw.core.operation.PollingStrategy;
import dev.aigw.testkit.FakeICodeEasy;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** icodeeasy's prices are published per image and quality: a budget refuses before sending. */
@Timeout(30)
class ICodeEasyBudgetTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private FakeICodeEasy fake;
  private final CostMeter meter = new CostMeter();
  private final Budget budget = Budget.builder().limit("icodeeasy", Cost.of("0.50", CostUnit.CNY)).build();
  private ICodeEasyClient client;

  @BeforeEach
  void start() {
    fake = FakeICodeEasy.start();
    client = ICodeEasyClient.builder().baseUrl(fake.baseUrl()).apiKey(fake.apiKey()).listener(meter).budget(budget)
        .polling(new PollingStrategy(Duration.ofMillis(5), 1.0, Duration.ofMillis(10), 3, WAIT)).build();
  }

  @AfterEach
  void stop() {
    client.close();
    fake.close();
  }

  private static ImageRequest.Builder corgi() {
    return ImageRequest.builder().prompt("a corgi astronaut on the moon");
  }

  @Test
  void theEstimateIsThePublishedTierTimesTheImages() {
    assertThat(client.estimate(corgi().quality(Quality.LOW).n(3).build())).satisfies(e -> {
      assertThat(e.isKnown()).isTrue();
      assertThat(e.price()).isEqualTo(Cost.of("0.30", CostUnit.CNY));
      assertThat(e.reason()).isEqualTo("3 images at 0.10 CNY (quality low)");
    });
    assertThat(client.estimate(corgi().build()).price()).as("medium by default").isEqualTo(Cost.of("0.20", CostUnit.CNY));
    assertThat(client.estimate(corgi().quality(Quality.AUTO).build()).price()).isEqualTo(Cost.of("0.20", CostUnit.CNY));
    assertThat(client.estimate(corgi().quality(Quality.HIGH).n(2).build()).price())
        .isEqualTo(Cost.of("0.80", CostUnit.CNY));
    assertThat(client.estimate(corgi().extraBody("quality", "ultra").build())).satisfies(e -> {
      assertThat(e.isKnown()).isFalse();
      assertThat(e.reason()).contains("no price for quality 'ultra'");
    });
    assertThat(fake.journal().requests()).as("estimating sends nothing").isEmpty();
  }

  @Test
  void aRequestThatWouldCrossTheLimitIsRefusedWithNothingOnTheWireAndNoCharge() {
    ImageResult first = client.images().generate(corgi().quality(Quality.HIGH).build(), WAIT);
    assertThat(first.cost()).isEqualTo(Cost.of("0.4", CostUnit.CNY));
    assertThat(meter.total("icodeeasy", CostUnit.CNY).amount()).isEqualByComparingTo("0.40");
    fake.journal().clear();
    var balance = fake.balance();

    BudgetExceededException refused = catchThrowableOfType(BudgetExceededException.class,
        () -> client.images().submit(corgi().quality(Quality.MEDIUM).build()));

    assertThat(refused).hasMessage("[icodeeasy] POST /v1/images/generations refused before sending: it costs 0.20 CNY"
        + " (1 image at 0.20 CNY (quality medium)), and 0.4 CNY of the budget's 0.50 CNY for icodeeasy is spent or"
        + " reserved, so it would come to 0.60 CNY; nothing was sent");
    assertThat(refused.limit()).isEqualTo(Cost.of("0.50", CostUnit.CNY));
    assertThat(refused.spent().amount()).isEqualByComparingTo("0.40");
    assertThat(refused.price()).isEqualTo(Cost.of("0.20", CostUnit.CNY));
    assertThat(fake.journal().requests()).as("nothing reached icodeeasy").isEmpty();
    assertThat(fake.journal().charges()).isEmpty();
    assertThat(fake.balance()).isEqualByComparingTo(balance);

    // what still fits is let through
    ImageResult cheap = client.images().generate(corgi().quality(Quality.LOW).build(), WAIT);
    assertThat(cheap.cost()).isEqualTo(Cost.of("0.1", CostUnit.CNY));
    assertThat(budget.spent("icodeeasy", CostUnit.CNY).amount()).isEqualByComparingTo("0.50");
  }

  @Test
  void aSynchronousGenerationCountsThePublishedPriceOfWhatItDelivered() {
    ImageResult result = client.images().generateSync(corgi().quality(Quality.LOW).n(2).build());

    assertThat(result.cost()).as("the answer does not say").isNull();
    assertThat(meter.snapshot()).singleElement().hasToString("icodeeasy: 0.20 CNY (1 charge)");
    assertThat(fake.journal().netCharged()).isEqualByComparingTo("0.20");
    assertThat(budget.spent("icodeeasy", CostUnit.CNY).amount()).as("the reservation became the cost")
        .isEqualByComparingTo("0.20");

    BudgetExceededException refused = catchThrowableOfType(BudgetExceededException.class,
        () -> client.images().generateSync(corgi().quality(Quality.HIGH).build()));
    assertThat(refused.price()).isEqualTo(Cost.of("0.40", CostUnit.CNY));
    assertThat(fake.journal().requests()).hasSize(1);
  }

  @Test
  void aBudgetGivenThroughClientOptionsWorksTheSame() {
    Budget tiny = Budget.builder().limit("icodeeasy", Cost.of("0.05", CostUnit.CNY)).build();
    try (var neutral = AiClients.create("icodeeasy", ClientOptions.builder().apiKey(fake.apiKey())
        .baseUrl(fake.baseUrl()).budget(tiny).build())) {
      PriceEstimate price = neutral.estimate(corgi().quality(Quality.LOW).build());
      assertThat(price.price()).isEqualTo(Cost.of("0.10", CostUnit.CNY));
      catchThrowableOfType(BudgetExceededException.class, () -> neutral.images().submit(corgi().quality(Quality.LOW).build()));
    }
    assertThat(fake.journal().requests()).isEmpty();
  }
}
