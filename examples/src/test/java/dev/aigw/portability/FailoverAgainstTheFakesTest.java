package dev.aigw.portability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.aigw.core.AiClients;
import dev.aigw.core.chat.ChatRequest;
import dev.aigw.core.chat.ChatStream;
import dev.aigw.core.error.ConnectionException;
import dev.aigw.core.error.ContentPolicyException;
import dev.aigw.core.error.OperationFailedException;
import dev.aigw.core.error.ServerException;
import dev.aigw.core.error.StreamException;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.routing.Attempt;
import dev.aigw.core.routing.Routed;
import dev.aigw.core.routing.Router;
import dev.aigw.core.routing.Routing;
import dev.aigw.gptimage2.GptImage2Client;
import dev.aigw.testkit.FakeGptImageHub;
import dev.aigw.testkit.FakeICodeEasy;
import dev.aigw.testkit.Journal;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The failover router against the fakes: it moves a request on only after a failure that certainly
 * did no paid work, and every logical request is charged exactly once in all the fakes' ledgers
 * together.
 */
@Timeout(60)
class FailoverAgainstTheFakesTest {
  private static final ImageRequest PORTABLE = ImageRequest.builder().prompt("A paper boat on a puddle").build();

  private FiveFakes five;

  @BeforeEach
  void start() {
    five = new FiveFakes();
  }

  @AfterEach
  void stop() {
    five.close();
  }

  private static List<Object> outcomes(Routing routing) {
    List<Object> out = new ArrayList<>();
    routing.attempts().forEach(a -> out.add(tuple(a.route(), a.outcome())));
    return out;
  }

  private static int charges(Journal journal) {
    return journal.chargesOnly().size();
  }

  @Test
  void aRateLimitStormAtTheFirstGatewayIsServedByTheNextAndChargedOnce() {
    for (int i = 0; i < 3; i++) {
      five.icodeeasyFake.faults().rateLimitNext("/v1/images", 0);
    }
    Router router = AiClients.router().add(five.icodeeasy).add(five.gptimagehub).build();

    Routed<ImageResult> routed = router.images().generateRouted(PORTABLE, FiveFakes.WAIT);

    assertThat(routed.servedBy()).isEqualTo("gptimagehub");
    assertThat(routed.value().images()).hasSize(1);
    assertThat(outcomes(routed.routing())).containsExactly(
        tuple("icodeeasy", Attempt.Outcome.MOVED_ON), tuple("gptimagehub", Attempt.Outcome.SERVED));
    assertThat(routed.routing().attempts().get(0).reason()).startsWith("rate limited (HTTP 429) after the retries");
    assertThat(five.icodeeasyFake.journal().requests("POST", "/v1/images/generations"))
        .extracting(Journal.Entry::status).containsExactly(429, 429, 429);
    assertThat(charges(five.icodeeasyFake.journal()) + charges(five.gptimagehubFake.journal())).isEqualTo(1);
    assertThat(five.gptimagehubFake.journal().netCharged()).isEqualByComparingTo(FakeGptImageHub.GPT_IMAGE_2_PRICE);
  }

  @Test
  void aPaymentRequiredAtTheFirstGatewayIsServedByTheNextAndChargedOnce() {
    five.cheapsubFake.balance(BigDecimal.ZERO);
    Router router = AiClients.router().add(five.cheapsub).add(five.icodeeasy).build();

    Routed<ImageResult> routed = router.images().generateRouted(PORTABLE, FiveFakes.WAIT);

    assertThat(routed.servedBy()).isEqualTo("icodeeasy");
    assertThat(routed.routing().attempts().get(0).reason()).startsWith("refused with HTTP 402 (no work was done)");
    assertThat(five.cheapsubFake.journal().charges()).isEmpty();
    assertThat(five.icodeeasyFake.journal().chargesOnly()).singleElement()
        .satisfies(c -> assertThat(c.amount()).isEqualByComparingTo(FakeICodeEasy.MEDIUM_PRICE));
  }

  @Test
  void anOutageOfTheFirstGatewayIsServedByTheNextAndChargedOnce() {
    String down = five.gptimage2Fake.baseUrl();
    five.gptimage2Fake.close(); // connection refused: the request never left
    try (GptImage2Client unreachable = FiveFakes.fast(GptImage2Client.builder(), five.gptimage2Fake).baseUrl(down)
        .build()) {
      Router router = AiClients.router().add(unreachable).add(five.gptimagehub).build();

      Routed<ImageResult> routed = router.images().generateRouted(PORTABLE, FiveFakes.WAIT);

      assertThat(routed.servedBy()).isEqualTo("gptimagehub");
      Attempt first = routed.routing().attempts().get(0);
      assertThat(first.outcome()).isEqualTo(Attempt.Outcome.MOVED_ON);
      assertThat(first.failure()).isInstanceOfSatisfying(ConnectionException.class,
          e -> assertThat(e.requestSent()).isFalse());
      assertThat(first.reason()).startsWith("the connection failed before the request was sent");
      assertThat(five.gptimagehubFake.journal().chargesOnly()).hasSize(1);
    }
  }

  @Test
  void aCutAfterCheapSubAcceptedTheWorkIsNotMovedOnAndTheExceptionListsTheAttempt() {
    five.cheapsubFake.faults().dropNextConnectionAfterHandling("/api/v1/image");
    Router router = AiClients.router().add(five.cheapsub).add(five.icodeeasy).build();

    ConnectionException e = catchThrowableOfType(ConnectionException.class, () -> router.images().submit(PORTABLE));

    assertThat(e).isNotNull();
    assertThat(e.vendor()).isEqualTo("cheapsub");
    assertThat(e.requestSent()).isTrue();
    Routing routing = Router.routing(e).orElseThrow();
    assertThat(outcomes(routing)).containsExactly(tuple("cheapsub", Attempt.Outcome.STOPPED));
    assertThat(routing.attempts().get(0).reason()).contains("may have reached cheapsub and been charged")
        .endsWith("not moved on, since another gateway would charge again");
    assertThat(e.getSuppressed()[0].getMessage()).startsWith("routed over 1 gateway(s):\n1. cheapsub: STOPPED — ");
    assertThat(five.icodeeasyFake.journal().requests()).as("never tried").isEmpty();
    assertThat(five.cheapsubFake.journal().chargesOnly()).as("the one charge, of the unseen success").hasSize(1);
  }

  @Test
  void aServerErrorAtCheapSubIsNotMovedOnButOneWhereFailedCallsAreFreeIs() {
    five.cheapsubFake.faults().failNextAfterHandling("/api/v1/image", 502);
    Router cheapsubFirst = AiClients.router().add(five.cheapsub).add(five.icodeeasy).build();
    ServerException stopped = catchThrowableOfType(ServerException.class, () -> cheapsubFirst.images().submit(PORTABLE));
    assertThat(Router.routing(stopped).orElseThrow().attempts()).singleElement()
        .satisfies(a -> assertThat(a.reason()).startsWith("HTTP 502 from cheapsub, where a failed call may still have"
            + " been charged (UNPROTECTED)"));
    assertThat(five.icodeeasyFake.journal().requests()).isEmpty();

    five.icodeeasyFake.faults().failNext(3, 503);
    Router icodeeasyFirst = AiClients.router().add(five.icodeeasy).add(five.gptimagehub).build();
    Routed<ImageResult> routed = icodeeasyFirst.images().generateRouted(PORTABLE, FiveFakes.WAIT);
    assertThat(routed.servedBy()).isEqualTo("gptimagehub");
    assertThat(routed.routing().attempts().get(0).reason())
        .startsWith("HTTP 503, and icodeeasy does not charge a call that fails so (NOT_CHARGED_ON_ERROR)");
    assertThat(five.icodeeasyFake.journal().charges()).isEmpty();
    assertThat(five.gptimagehubFake.journal().chargesOnly()).hasSize(1);
  }

  @Test
  void aTaskThatFailedAndWasRefundedMovesOnButOneThatMayBeChargedDoesNot() {
    five.gptimagehubFake.tasks().failNext("the provider failed");
    Router refunding = AiClients.router().add(five.gptimagehub).add(five.icodeeasy).build();
    Routed<ImageResult> routed = refunding.images().generateRouted(PORTABLE, FiveFakes.WAIT);
    assertThat(routed.servedBy()).isEqualTo("icodeeasy");
    assertThat(routed.routing().attempts().get(0).failure()).isInstanceOf(OperationFailedException.class);
    assertThat(routed.routing().attempts().get(0).reason())
        .startsWith("the task failed, and gptimagehub does not charge (or refunds) a failed task");
    assertThat(five.gptimagehubFake.journal().netCharged()).as("charged, then refunded").isZero();
    assertThat(five.icodeeasyFake.journal().chargesOnly()).hasSize(1);

    five.cheapsubFake.tasks().failNext("no image");
    Router cheapsubFirst = AiClients.router().add(five.cheapsub).add(five.gptimage2).build();
    OperationFailedException e = catchThrowableOfType(OperationFailedException.class,
        () -> cheapsubFirst.images().generate(PORTABLE, FiveFakes.WAIT));
    assertThat(e.operationId()).startsWith("cheapsub:");
    assertThat(Router.routing(e).orElseThrow().attempts().get(0).reason())
        .startsWith("the task failed, and cheapsub documents no refund of a failed task, so it may have been charged");
    assertThat(five.gptimage2Fake.journal().requests()).isEmpty();
  }

  @Test
  void anOperationIdNamesItsGatewaySoANewRouterResumesItThere() {
    Router before = AiClients.router().add(five.cheapsub).add(five.icodeeasy).build();
    five.cheapsubFake.balance(BigDecimal.ZERO);
    Operation<ImageResult> submitted = before.images().submit(PORTABLE);
    assertThat(submitted.id()).startsWith("icodeeasy:");
    assertThat(submitted.vendor()).isEqualTo("icodeeasy");
    ImageResult first = submitted.waitForCompletion(FiveFakes.WAIT);

    Router after = AiClients.router().add(five.cheapsub).add(five.icodeeasy).build(); // "after a restart"
    Operation<ImageResult> resumed = after.images().resume(submitted.id());
    ImageResult again = resumed.waitForCompletion(FiveFakes.WAIT);

    assertThat(resumed.id()).isEqualTo(submitted.id());
    assertThat(again.id()).isEqualTo(first.id());
    assertThat(again.first().bytes()).isEqualTo(first.first().bytes());
    assertThat(five.cheapsubFake.journal().requests("GET", "/api/v1/task")).isEmpty();
    ValidationException unknown = catchThrowableOfType(ValidationException.class,
        () -> after.images().resume("somewhere:123"));
    assertThat(unknown).hasMessage("cheapsub+icodeeasy: operationId: a router's operation id is <route>:<id>, where"
        + " the route is one of cheapsub, icodeeasy; was 'somewhere:123'");
  }

  @Test
  void aGatewayThatKeepsFailingIsSkippedForTheCooldownThenTriedAgain() {
    MutableClock clock = new MutableClock();
    five.icodeeasyFake.faults().failNext(6, 503);
    Router router = AiClients.router().add(five.icodeeasy).add(five.gptimagehub)
        .cooldown(2, Duration.ofMinutes(1)).clock(clock).build();

    router.images().submit(PORTABLE);
    router.images().submit(PORTABLE);
    Routed<Operation<ImageResult>> third = router.images().submitRouted(PORTABLE);

    assertThat(third.routing().attempts().get(0).outcome()).isEqualTo(Attempt.Outcome.SKIPPED);
    assertThat(third.routing().attempts().get(0).reason()).startsWith("cooling down after 2 failures in a row");
    assertThat(five.icodeeasyFake.journal().requests("POST", "/v1/images/generations")).hasSize(6);

    clock.advance(Duration.ofMinutes(1));
    Routed<Operation<ImageResult>> later = router.images().submitRouted(PORTABLE);
    assertThat(later.servedBy()).isEqualTo("icodeeasy");
  }

  @Test
  void aContentPolicyRefusalStopsUnlessTheRouterIsToldToMoveOn() {
    ImageRequest forbidden = ImageRequest.builder().prompt("something forbidden").build();
    Router strict = AiClients.router().add(five.gptimage2).add(five.icodeeasy).build();
    ContentPolicyException e = catchThrowableOfType(ContentPolicyException.class, () -> strict.images().submit(forbidden));
    assertThat(e.status()).isEqualTo(422);
    assertThat(five.icodeeasyFake.journal().requests()).isEmpty();

    Router lenient = AiClients.router().add(five.gptimage2).add(five.icodeeasy).moveOnAfterContentPolicy(true).build();
    assertThat(lenient.images().submitRouted(forbidden).servedBy()).isEqualTo("icodeeasy");
    assertThat(five.gptimage2Fake.journal().charges()).isEmpty();
  }

  @Test
  void aStreamMovesOnWhileItOpensButNeverOnceItHasStarted() {
    five.cheapsubFake.chatReply("one two three four five");
    five.cloudgptFake.chatReply("six seven eight nine");
    ChatRequest hello = ChatRequest.builder().user("Count, please.").build();
    for (int i = 0; i < 3; i++) {
      five.cheapsubFake.faults().rateLimitNext("/api/v1/chat", 0);
    }
    Router router = AiClients.router().add(five.cheapsub).add(five.cloudgpt).build();
    Routed<ChatStream> routed = router.chat().streamRouted(hello);
    try (ChatStream stream = routed.value()) {
      assertThat(stream.text()).isEqualTo("six seven eight nine");
    }
    assertThat(routed.servedBy()).isEqualTo("cloudgpt");

    int cloudgptBefore = five.cloudgptFake.journal().requests().size();
    five.cheapsubFake.faults().cutNextStream(2);
    List<String> pieces = new ArrayList<>();
    try (ChatStream stream = router.chat().stream(hello)) {
      StreamException cut = catchThrowableOfType(StreamException.class,
          () -> stream.forEach(c -> pieces.add(c.text())));
      assertThat(cut).isNotNull();
    }
    assertThat(pieces).containsExactly("one", " two");
    assertThat(five.cloudgptFake.journal().requests()).as("not moved on mid-stream").hasSize(cloudgptBefore);
  }

  @Test
  void aRequestNoGatewayTakesIsRefusedBeforeSendingWithEveryGatewaysReason() {
    ImageRequest tooMany = ImageRequest.builder().prompt("x").n(5).build();
    Router router = AiClients.router().add(five.cloudgpt).add(five.gptimage2).build();

    assertThat(router.check(tooMany).messages()).containsExactly(
        "cloudgpt: n: CloudGPT makes one image per call; was 5", "gptimage2: n: must be between 1 and 4, was 5");
    ValidationException e = catchThrowableOfType(ValidationException.class, () -> router.images().submit(tooMany));
    assertThat(e).hasMessage("cloudgpt: n: CloudGPT makes one image per call; was 5");
    assertThat(outcomes(Router.routing(e).orElseThrow())).containsExactly(
        tuple("cloudgpt", Attempt.Outcome.REFUSED), tuple("gptimage2", Attempt.Outcome.REFUSED));
    assertThat(five.cloudgptFake.journal().requests()).isEmpty();
    assertThat(five.gptimage2Fake.journal().requests()).isEmpty();
  }

  /** A clock the test moves. */
  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
