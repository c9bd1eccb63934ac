package dev.aigw.cheapsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aigw.core.chat.ChatRequest;
import dev.aigw.core.cost.Budget;
import dev.aigw.core.cost.Cost;
import dev.aigw.core.cost.CostMeter;
import dev.aigw.core.cost.CostUnit;
import dev.aigw.core.error.BudgetExceededException;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.operation.PollingStrategy;
import dev.aigw.core.video.VideoRequest;
import dev.aigw.testkit.FakeCheapSub;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** CheapSub says what a task consumed only when it is done: paid calls stop once the limit is reached. */
@Timeout(30)
class CheapSubBudgetTest {
  private FakeCheapSub fake;
  private final CostMeter meter = new CostMeter();
  private final Budget budget = Budget.builder().limit("cheapsub", Cost.of("0.5", CostUnit.KRW)).build();
  private CheapSubClient client;

  @BeforeEach
  void start() {
    fake = FakeCheapSub.start();
    fake.tasks().pollsToFinish(1);
    client = CheapSubClient.builder().baseUrl(fake.baseUrl()).apiKey(fake.apiKey()).listener(meter).budget(budget)
        .polling(PollingStrategy.fixed(Duration.ofMillis(10), Duration.ofSeconds(10))).build();
  }

  @AfterEach
  void stop() {
    client.close();
    fake.close();
  }

  @Test
  void pricesAreUnknownBeforeSending() {
    assertThat(client.estimate(ImageRequest.builder().model("nano-banana-2").prompt("cat").build()).isKnown()).isFalse();
    assertThat(client.estimate(VideoRequest.builder().model("sora-2").prompt("dog").build()).reason())
        .contains("known only afterwards");
    assertThat(client.estimate(ChatRequest.builder().model("gemini-3-flash").user("hi").build()).reason())
        .contains("tokens");
  }

  @Test
  void onceTheSpendingReachesTheLimitPaidCallsAreRefusedBeforeSendingAndReadsAreNot() {
    client.images().generate(ImageRequest.builder().model("nano-banana-2").prompt("cat").build());
    assertThat(meter.total("cheapsub", CostUnit.KRW)).isEqualTo(Cost.of("0.500000", CostUnit.KRW));
    fake.journal().clear();

    BudgetExceededException refused = catchThrowableOfType(BudgetExceededException.class,
        () -> client.chat().create(ChatRequest.builder().model("gemini-3-flash").user("hi").build()));

    assertThat(refused).hasMessage("[cheapsub] POST /api/v1/chat refused before sending: 0.500000 KRW of the budget's"
        + " 0.5 KRW for cheapsub is spent, and the price of this call is known only afterwards (cheapsub publishes no"
        + " price for POST /api/v1/chat); nothing was sent");
    assertThat(refused.price()).isNull();
    catchThrowableOfType(BudgetExceededException.class,
        () -> client.images().submit(ImageRequest.builder().model("nano-banana-2").prompt("cat").build()));
    catchThrowableOfType(BudgetExceededException.class,
        () -> client.chat().stream(ChatRequest.builder().model("gemini-3-flash").user("hi").build()));
    assertThat(fake.journal().requests()).isEmpty();

    assertThat(client.models().list()).isNotEmpty();
    assertThat(fake.journal().requests()).singleElement().satisfies(e -> assertThat(e.path()).isEqualTo("/api/v1/models"));
  }
}
