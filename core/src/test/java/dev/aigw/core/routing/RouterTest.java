package dev.aigw.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.aigw.core.AiClients;
import dev.aigw.core.Capability;
import dev.aigw.core.chat.ChatRequest;
import dev.aigw.core.chat.ChatStream;
import dev.aigw.core.error.AigwException;
import dev.aigw.core.error.ConnectionException;
import dev.aigw.core.error.ErrorDetails;
import dev.aigw.core.error.OperationFailedException;
import dev.aigw.core.error.PaymentRequiredException;
import dev.aigw.core.error.RateLimitException;
import dev.aigw.core.error.UnsupportedCapabilityException;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.model.ModelInfo;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.routing.Attempt.Outcome;
import dev.aigw.core.video.VideoRequest;
import dev.aigw.core.video.VideoResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The router's loop: which gateway it tries, when it moves on, what it says, and what it throws. */
class RouterTest {
  private static final ImageRequest IMAGE = ImageRequest.builder().prompt("boat").build();
  private static final VideoRequest VIDEO = VideoRequest.builder().prompt("waves").build();
  private static final ChatRequest CHAT = ChatRequest.builder().user("hi").build();

  private static ScriptedClient images(String vendor, boolean refunds) {
    return new ScriptedClient(vendor, refunds, Capability.IMAGES, Capability.VIDEOS, Capability.CHAT,
        Capability.CHAT_STREAMING, Capability.MODELS);
  }

  private static RateLimitException rateLimited(String vendor) {
    return new RateLimitException(new ErrorDetails(vendor, 429, null, null, "slow down", null, null, null, null));
  }

  private static List<Object> outcomes(Routing routing) {
    List<Object> out = new ArrayList<>();
    routing.attempts().forEach(a -> out.add(tuple(a.route(), a.outcome())));
    return out;
  }

  @Test
  void sendsEachRequestToTheFirstGatewayThatTakesItAndSaysWhichServedIt() {
    ScriptedClient a = images("a", false).refusing("boat");
    ScriptedClient b = images("b", false);
    Router router = AiClients.router().add(a).add("second", b).build();

    Routed<Operation<ImageResult>> routed = router.images().submitRouted(IMAGE);

    assertThat(routed.servedBy()).isEqualTo("second");
    assertThat(outcomes(routed.routing())).containsExactly(tuple("a", Outcome.REFUSED), tuple("second", Outcome.SERVED));
    assertThat(routed.routing().attempts().get(0).reason()).isEqualTo("would refuse it: a: prompt: is refused here");
    assertThat(routed.value().id()).isEqualTo("second:op-1");
    assertThat(routed.value().vendor()).isEqualTo("b");
    assertThat(a.calls).isEmpty();
    assertThat(router.vendor()).isEqualTo("a+b");
    assertThat(router.routes()).containsExactly("a", "second");
    assertThat(router.capabilities()).contains(Capability.IMAGES, Capability.MODELS);
    assertThat(router.profile().capabilities()).isEqualTo(router.capabilities());
    assertThat(router.profiles()).containsOnlyKeys("a", "second");
    assertThat(router).hasToString("Router[a=Scripted[a], second=Scripted[b]]");
    assertThat(routed.routing().describe()).isEqualTo("1. a: REFUSED — would refuse it: a: prompt: is refused here\n"
        + "2. second (b): SERVED — served");
    assertThat(routed.routing()).hasToString("Routing[a: REFUSED — would refuse it: a: prompt: is refused here;"
        + " second (b): SERVED — served]");
  }

  @Test
  void movesOnAfterAFailureThatDidNoPaidWorkAndThrowsTheLastWithEveryAttemptWhenNoneServes() {
    PaymentRequiredException broke = new PaymentRequiredException(
        new ErrorDetails("a", 402, null, null, "no credits", null, null, null, null));
    RateLimitException busy = rateLimited("b");
    Router router = AiClients.router().add(images("a", false).then(broke)).add(images("b", false).then(busy)).build();

    RateLimitException thrown = catchThrowableOfType(RateLimitException.class, () -> router.images().submit(IMAGE));

    assertThat(thrown).isSameAs(busy);
    Routing routing = Router.routing(thrown).orElseThrow();
    assertThat(outcomes(routing)).containsExactly(tuple("a", Outcome.MOVED_ON), tuple("b", Outcome.MOVED_ON));
    assertThat(routing.attempts().get(0).failure()).isSameAs(broke);
    assertThat(routing.servedBy()).isEmpty();
    assertThat(thrown.getSuppressed()[0]).isInstanceOf(RoutingFailure.class)
        .hasMessageStartingWith("routed over 2 gateway(s):\n1. a: MOVED_ON — refused with HTTP 402");
    assertThat(((RoutingFailure) thrown.getSuppressed()[0]).routing()).isEqualTo(routing);
    assertThat(thrown.getSuppressed()[0].getStackTrace()).isEmpty();
  }

  @Test
  void stopsAfterAnOutcomeThatMayHaveBeenChargedUnlessToldOtherwise() {
    ConnectionException cut = new ConnectionException("a", "timed out", true, null);
    ScriptedClient b = images("b", false);
    Router router = AiClients.router().add(images("a", false).then(cut)).add(b).build();
    assertThat(catchThrowableOfType(ConnectionException.class, () -> router.images().submit(IMAGE))).isSameAs(cut);
    assertThat(b.calls).isEmpty();

    ConnectionException again = new ConnectionException("a", "timed out", true, null);
    Router bold = AiClients.router().add(images("a", false).then(again)).add(b).moveOnWhenChargeUncertain(true).build();
    assertThat(bold.images().submitRouted(IMAGE).servedBy()).isEqualTo("b");
  }

  @Test
  void aRequestNoGatewayTakesIsTheFirstRefusalAndOneNoneOffersIsUnsupported() {
    Router router = AiClients.router().add(images("a", false).refusing("boat")).add(images("b", false).refusing("boat"))
        .build();
    ValidationException refused = catchThrowableOfType(ValidationException.class, () -> router.images().submit(IMAGE));
    assertThat(refused).hasMessage("a: prompt: is refused here");
    assertThat(outcomes(Router.routing(refused).orElseThrow()))
        .containsExactly(tuple("a", Outcome.REFUSED), tuple("b", Outcome.REFUSED));
    assertThat(router.check(IMAGE).messages()).containsExactly("a: prompt: is refused here", "b: prompt: is refused here");
    assertThat(router.check(IMAGE).vendor()).isEqualTo("a+b");
    assertThat(router.check(ImageRequest.builder().prompt("other").build()).accepted()).isTrue();

    ScriptedClient chatOnly = new ScriptedClient("c", false, Capability.CHAT);
    Router mixed = AiClients.router().add(chatOnly).add(images("d", false)).build();
    assertThat(mixed.check(IMAGE).vendor()).isEqualTo("d");
    Routed<Operation<ImageResult>> routed = mixed.images().submitRouted(IMAGE);
    assertThat(routed.routing().attempts().get(0).reason()).isEqualTo("c does not offer image generation");
    assertThat(mixed.check(VIDEO).vendor()).isEqualTo("d");

    Router chatRouter = AiClients.router().add(chatOnly).build();
    assertThat(chatRouter.check(IMAGE).messages()).containsExactly("c: capability: c does not offer image generation");
    assertThatThrownBy(chatRouter::images).isInstanceOf(UnsupportedCapabilityException.class)
        .hasMessage("c does not offer image generation");
    assertThatThrownBy(chatRouter::videos).isInstanceOf(UnsupportedCapabilityException.class);
    assertThatThrownBy(chatRouter::models).isInstanceOf(UnsupportedCapabilityException.class);
    assertThat(AiClients.router().add(images("e", false)).build().models()).isNotNull();
    Router noChat = AiClients.router().add(new ScriptedClient("f", false, Capability.IMAGES)).build();
    assertThatThrownBy(noChat::chat).isInstanceOf(UnsupportedCapabilityException.class).hasMessage("f does not offer chat completions");
    assertThat(noChat.check(CHAT).accepted()).isFalse();
  }

  @Test
  void aStreamWithoutStreamingAtAnyGatewayIsUnsupported() {
    ScriptedClient plainChat = new ScriptedClient("p", false, Capability.CHAT);
    Router router = AiClients.router().add(plainChat).build();
    assertThatThrownBy(() -> router.chat().stream(CHAT)).isInstanceOf(UnsupportedCapabilityException.class)
        .hasMessage("p does not offer streamed chat completions")
        .satisfies(e -> assertThat(Router.routing(e)).isPresent());
  }

  @Test
  void generateMovesATaskThatFailedOnWhereFailedTasksAreRefundedOnly() {
    Router refunding = AiClients.router().add(images("hub", true).then(ScriptedClient.FAILED_TASK))
        .add(images("next", false)).build();
    Routed<ImageResult> routed = refunding.images().generateRouted(IMAGE, Duration.ofSeconds(1));
    assertThat(routed.servedBy()).isEqualTo("next");
    assertThat(routed.value().id()).isEqualTo("next");
    assertThat(refunding.images().generate(IMAGE, Duration.ofSeconds(1)).id()).isEqualTo("hub");

    Router keeping = AiClients.router().add(images("sub", false).then(ScriptedClient.FAILED_TASK))
        .add(images("next", false)).build();
    OperationFailedException failed = catchThrowableOfType(OperationFailedException.class,
        () -> keeping.images().generate(IMAGE));
    assertThat(failed.operationId()).isEqualTo("sub:op-1");
    assertThat(outcomes(Router.routing(failed).orElseThrow())).containsExactly(tuple("sub", Outcome.STOPPED));
  }

  @Test
  void videosAreRoutedAndResumedLikeImages() {
    ScriptedClient a = images("a", true).then(rateLimited("a"), ScriptedClient.OK, ScriptedClient.FAILED_TASK);
    ScriptedClient b = images("b", false);
    Router router = AiClients.router().add(a).add(b).build();

    Routed<Operation<VideoResult>> first = router.videos().submitRouted(VIDEO);
    assertThat(first.servedBy()).isEqualTo("b");
    assertThat(router.videos().submit(VIDEO).id()).isEqualTo("a:op-1");
    assertThat(router.videos().generateRouted(VIDEO, Duration.ofSeconds(1)).servedBy()).isEqualTo("b");
    assertThat(router.videos().generate(VIDEO, Duration.ofSeconds(1)).id()).isEqualTo("a");
    assertThat(router.videos().withRawResponse().submit(VIDEO).body().id()).startsWith("a:");
    Operation<VideoResult> resumed = router.videos().resume("b:op-7");
    assertThat(resumed.id()).isEqualTo("b:op-7");
    assertThat(resumed.result().id()).isEqualTo("b-resumed");
    assertThat(b.calls).contains("resume op-7");
  }

  @Test
  void imageOperationsResumeAtTheRouteTheirIdNames() {
    ScriptedClient a = images("a", false);
    Router router = AiClients.router().add(a).add(images("b", false)).build();
    assertThat(router.images().withRawResponse().submit(IMAGE).body().id()).isEqualTo("a:op-1");
    Operation<ImageResult> resumed = router.images().resume(" a:task:42 ");
    assertThat(resumed.id()).isEqualTo("a:task:42");
    assertThat(resumed.result().id()).isEqualTo("a-resumed");
    assertThat(a.calls).contains("resume task:42");
    for (String bad : new String[] {"c:1", "a:", ":1", "a", null}) {
      assertThatThrownBy(() -> router.images().resume(bad)).isInstanceOf(ValidationException.class)
          .hasMessage("a+b: operationId: a router's operation id is <route>:<id>, where the route is one of a, b;"
              + " was '" + bad + "'");
    }
  }

  @Test
  void chatAndStreamsAreRoutedAndModelsComeFromTheFirstThatAnswers() {
    Router router = AiClients.router().add(images("a", false).then(rateLimited("a"), rateLimited("a"), rateLimited("a")))
        .add(images("b", false)).cooldown(5, Duration.ofMinutes(1)).build();
    assertThat(router.chat().createRouted(CHAT).value().text()).isEqualTo("b");
    assertThat(router.chat().create(CHAT).text()).isEqualTo("b");
    Routed<ChatStream> stream = router.chat().streamRouted(CHAT);
    try (ChatStream s = stream.value()) {
      assertThat(s.text()).isEqualTo("b");
    }
    assertThat(router.chat().withRawResponse().create(CHAT).body().text()).isEqualTo("a");
    try (ChatStream s = router.chat().stream(CHAT)) {
      assertThat(s.text()).isEqualTo("a");
    }

    Router models = AiClients.router().add(images("a", false).then(rateLimited("a"))).add(images("b", false)).build();
    assertThat(models.models().list()).extracting(ModelInfo::id).containsExactly("b-model");
  }

  @Test
  void aGatewayThatKeepsFailingIsSkippedForTheCooldownAndTriedAgainAfter() {
    TestClock clock = new TestClock();
    ScriptedClient a = images("a", false).then(rateLimited("a"), rateLimited("a"));
    Router router = AiClients.router().add(a).add(images("b", false)).cooldown(2, Duration.ofSeconds(30)).clock(clock)
        .build();
    router.images().submit(IMAGE);
    router.images().submit(IMAGE);

    Routed<Operation<ImageResult>> skipped = router.images().submitRouted(IMAGE);
    assertThat(skipped.routing().attempts().get(0).reason())
        .isEqualTo("cooling down after 2 failures in a row, until 2026-01-01T00:00:30Z");
    assertThat(a.calls).hasSize(2);

    clock.now = clock.now.plusSeconds(30);
    assertThat(router.images().submitRouted(IMAGE).servedBy()).isEqualTo("a");

    Router alone = AiClients.router().add(images("c", false).then(rateLimited("c"))).cooldown(1, Duration.ofMinutes(1))
        .clock(clock).build();
    catchThrowableOfType(RateLimitException.class, () -> alone.images().submit(IMAGE));
    AigwException none = catchThrowableOfType(AigwException.class, () -> alone.images().submit(IMAGE));
    assertThat(none).isExactlyInstanceOf(AigwException.class)
        .hasMessage("[c] no gateway could take the request: every one that offers image generation is cooling down");
  }

  @Test
  void closingTheRouterClosesEveryClientEvenWhenOneFailsToClose() {
    ScriptedClient a = images("a", false).failingToClose(new IllegalStateException("stuck"));
    ScriptedClient b = images("b", false);
    AiClients.router().add(a).add(b).build().close();
    assertThat(a.closes).hasValue(1);
    assertThat(b.closes).hasValue(1);
  }

  @Test
  void theBuilderRefusesAnEmptyRouterAndAmbiguousNames() {
    assertThatThrownBy(() -> AiClients.router().build()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> AiClients.router().add(images("a", false)).add(images("a", false)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a' is already there");
    assertThatThrownBy(() -> AiClients.router().add("x:y", images("a", false))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AiClients.router().add(" ", images("a", false))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AiClients.router().cooldown(0, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AiClients.router().cooldown(1, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AiClients.router().cooldown(1, null)).isInstanceOf(IllegalArgumentException.class);
    assertThat(Router.routing(null)).isEmpty();
    assertThat(Router.routing(new RuntimeException())).isEmpty();
    assertThat(new Routed<>("v", new Routing(List.of())).value()).isEqualTo("v");
  }

  /** A clock the test moves. */
  private static final class TestClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

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
}
