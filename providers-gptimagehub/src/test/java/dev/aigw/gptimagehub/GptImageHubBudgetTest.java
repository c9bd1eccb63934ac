package dev.aigw.gptimagehub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aigw.core.cost.Budget;
import dev.aigw.core.cost.Cost;
import dev.aigw.core.cost.CostMeter;
import dev.aigw.core.cost.CostUnit;
import dev.aigw.core.cost.PriceEstimate;
import dev.aigw.core.error.BudgetExceededException;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.operation.PollingStrategy;
import dev.aigw.testkit.FakeGptImageHub;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** GPTImageHub lists each model's credits per image: a budget refuses before sending. */
@Timeout(30)
class GptImageHubBudgetTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private FakeGptImageHub fake;
  private final CostMeter meter = new CostMeter();
  private final Budget budget = Budget.builder().limit("gptimagehub", Cost.of("20", CostUnit.CREDITS)).build();
  private GptImageHubClient client;

  @BeforeEach
  void start() {
    fake = FakeGptImageHub.start();
    fake.addModel("gpt-image-2-mini", new BigDecimal("3"), 2);
    client = GptImageHubClient.builder().baseUrl(fake.baseUrl()).apiKey(fake.apiKey()).listener(meter).budget(budget)
        .polling(new PollingStrategy(Duration.ofMillis(5), 1.0, Duration.ofMillis(10), 3, WAIT)).build();
  }

  @AfterEach
  void stop() {
    client.close();
    fake.close();
  }

  private static ImageRequest.Builder perfume() {
    return ImageRequest.builder().prompt("a perfume bottle on black marble").size(1024, 1024);
  }

  @Test
  void theEstimateIsTheModelsCreditsPerImageFromTheModelList() {
    PriceEstimate two = client.estimate(perfume().n(2).build());
    assertThat(two.price()).isEqualTo(Cost.of("16", CostUnit.CREDITS));
    assertThat(two.reason()).isEqualTo("2 images of gpt-image-2 at 8 credits each");
    assertThat(client.estimate(perfume().model("gpt-image-2-mini").build()).price())
        .isEqualTo(Cost.of("3", CostUnit.CREDITS));
    PriceEstimate unknown = client.estimate(perfume().model("dall-e-9").build());
    assertThat(unknown.isKnown()).isFalse();
    assertThat(unknown.reason()).isEqualTo("dall-e-9 is not in GPTImageHub's model list");
    assertThat(fake.journal().requests()).as("only the model list, once, without a key").singleElement()
        .satisfies(e -> {
          assertThat(e.path()).isEqualTo("/api/v1/models");
          assertThat(e.headers()).doesNotContainKey("Authorization");
        });
    assertThat(fake.journal().charges()).isEmpty();
  }

  @Test
  void aRequestThatWouldCrossTheLimitIsRefusedWithNothingOnTheWireAndNoCharge() {
    ImageResult two = client.images().generate(perfume().n(2).build(), WAIT);
    assertThat(two.cost()).isEqualTo(Cost.of("16", CostUnit.CREDITS));
    assertThat(meter.total("gptimagehub", CostUnit.CREDITS)).isEqualTo(Cost.of("16", CostUnit.CREDITS));
    fake.journal().clear();
    BigDecimal balance = fake.balance();

    BudgetExceededException refused = catchThrowableOfType(BudgetExceededException.class,
        () -> client.images().submit(perfume().build()));

    assertThat(refused).hasMessage("[gptimagehub] POST /api/v1/images/generations refused before sending: it costs"
        + " 8 credits (1 image of gpt-image-2 at 8 credits each), and 16 credits of the budget's 20 credits for"
        + " gptimagehub is spent or reserved, so it would come to 24 credits; nothing was sent");
    assertThat(refused.vendor()).isEqualTo("gptimagehub");
    assertThat(fake.journal().requests()).as("nothing reached GPTImageHub").isEmpty();
    assertThat(fake.journal().charges()).isEmpty();
    assertThat(fake.balance()).isEqualByComparingTo(balance);

    // the synchronous mode is checked the same way, and a cheaper model still fits
    catchThrowableOfType(BudgetExceededException.class, () -> client.images().generateSync(perfume().build()));
    GptImageHubGeneration mini = client.images().generateSync(perfume().model("gpt-image-2-mini").build());
    assertThat(mini.cost()).isEqualTo(Cost.of("3", CostUnit.CREDITS));
    assertThat(meter.total("gptimagehub", CostUnit.CREDITS)).isEqualTo(Cost.of("19", CostUnit.CREDITS));
    assertThat(budget.spent("gptimagehub", CostUnit.CREDITS)).isEqualTo(Cost.of("19", CostUnit.CREDITS));
  }

  @Test
  void aFailedGenerationIsRefundedAndGivesItsReservationBack() {
    fake.tasks().failNext("provider failed");
    catchThrowableOfType(dev.aigw.core.error.OperationFailedException.class,
        () -> client.images().generate(perfume().n(2).build(), WAIT));
    assertThat(budget.spent("gptimagehub", CostUnit.CREDITS).amount()).isEqualByComparingTo("0");
    assertThat(meter.snapshot()).isEmpty();
    client.images().generate(perfume().n(2).build(), WAIT);
    assertThat(budget.remaining("gptimagehub", CostUnit.CREDITS)).contains(Cost.of("4", CostUnit.CREDITS));
  }
}
