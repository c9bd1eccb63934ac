package dev.aigw.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aigw.core.Capability;
import dev.aigw.core.error.AigwException;
import dev.aigw.core.error.ApiException;
import dev.aigw.core.error.AuthenticationException;
import dev.aigw.core.error.BadRequestException;
import dev.aigw.core.error.ConnectionException;
import dev.aigw.core.error.ContentPolicyException;
import dev.aigw.core.error.ErrorDetails;
import dev.aigw.core.error.OperationFailedException;
import dev.aigw.core.error.OperationTimeoutException;
import dev.aigw.core.error.PaymentRequiredException;
import dev.aigw.core.error.PermissionDeniedException;
import dev.aigw.core.error.RateLimitException;
import dev.aigw.core.error.ServerException;
import dev.aigw.core.error.StreamException;
import dev.aigw.core.error.UnsupportedCapabilityException;
import dev.aigw.core.error.UpstreamTimeoutException;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.http.RetrySafety;
import dev.aigw.core.operation.OperationStatus;
import dev.aigw.core.profile.GatewayProfile;
import dev.aigw.core.spi.FailedCalls;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The move-on table: a failure moves a request on only when it certainly did no paid work. */
class MoveOnTest {
  private static final GatewayProfile REFUNDS = new GatewayProfile("hub", EnumSet.of(Capability.IMAGES), null, null, null, true);
  private static final GatewayProfile KEEPS = new GatewayProfile("sub", EnumSet.of(Capability.IMAGES), null, null, null, false);

  private static ErrorDetails details(int status) {
    return new ErrorDetails("sub", status, null, null, "HTTP " + status, null, null, null, null);
  }

  private static <T extends Throwable> T tagged(T failure, RetrySafety safety) {
    FailedCalls.record(failure, safety);
    return failure;
  }

  private static MoveOn.Decision submit(Throwable failure) {
    return MoveOn.decide(failure, false, KEEPS, false, false);
  }

  @Test
  void refusalsBeforeSendingAndAnswersThatDidNoWorkMoveOn() {
    assertThat(submit(new ValidationException("sub", "n", "too many"))).isEqualTo(
        new MoveOn.Decision(true, false, "refused before sending: sub: n: too many"));
    assertThat(submit(new UnsupportedCapabilityException("sub", Capability.VIDEOS)).moveOn()).isTrue();
    for (ApiException e : new ApiException[] {new AuthenticationException(details(401)),
        new PaymentRequiredException(details(402)), new PermissionDeniedException(details(403))}) {
      MoveOn.Decision d = submit(e);
      assertThat(d.moveOn()).isTrue();
      assertThat(d.gatewayFault()).isTrue();
      assertThat(d.reason()).startsWith("refused with HTTP " + e.status() + " (no work was done)");
    }
    assertThat(submit(new RateLimitException(details(429))).reason()).startsWith("rate limited (HTTP 429) after the retries");
    assertThat(submit(new ApiException(details(408))).moveOn()).isTrue();
  }

  @Test
  void otherRefusalsAboutTheRequestItselfStopWithoutCountingAgainstTheGateway() {
    MoveOn.Decision d = submit(new BadRequestException(details(400)));
    assertThat(d).isEqualTo(new MoveOn.Decision(false, false, "refused with HTTP 400, an answer about the request"
        + " itself: [sub] 400: HTTP 400"));
  }

  @Test
  void aServerErrorMovesOnOnlyWhereTheFailedCallIsDeclaredFree() {
    assertThat(submit(tagged(new ServerException(details(503)), RetrySafety.NOT_CHARGED_ON_ERROR)).reason())
        .startsWith("HTTP 503, and sub does not charge a call that fails so (NOT_CHARGED_ON_ERROR)");
    assertThat(submit(tagged(new ServerException(details(500)), RetrySafety.IDEMPOTENT)).moveOn()).isTrue();
    assertThat(submit(tagged(new UpstreamTimeoutException(details(504)), RetrySafety.NOT_CHARGED_ON_ERROR)).moveOn())
        .as("a 504 may hide work done upstream").isFalse();
    assertThat(submit(tagged(new ServerException(details(502)), RetrySafety.DEDUPLICATED_BY_KEY)).moveOn())
        .as("deduplicated by key at that gateway, not across gateways").isFalse();
    MoveOn.Decision unprotected = submit(tagged(new ServerException(details(502)), RetrySafety.UNPROTECTED));
    assertThat(unprotected.moveOn()).isFalse();
    assertThat(unprotected.gatewayFault()).isTrue();
    assertThat(unprotected.reason()).isEqualTo("HTTP 502 from sub, where a failed call may still have been charged"
        + " (UNPROTECTED): [sub] 502: HTTP 502; not moved on, since another gateway would charge again");
    assertThat(submit(new ServerException(details(503))).moveOn()).as("unknown: judged unprotected").isFalse();
  }

  @Test
  void aConnectionFailureMovesOnOnlyWhenNothingPaidCanHaveStarted() {
    assertThat(submit(new ConnectionException("sub", "refused", false, null)).reason())
        .isEqualTo("the connection failed before the request was sent: refused");
    assertThat(submit(tagged(new ConnectionException("sub", "reset", true, null), RetrySafety.IDEMPOTENT)).reason())
        .isEqualTo("a free call failed on the way: reset");
    MoveOn.Decision cut = submit(tagged(new ConnectionException("sub", "timed out", true, null), RetrySafety.NOT_CHARGED_ON_ERROR));
    assertThat(cut.moveOn()).isFalse();
    assertThat(cut.reason()).startsWith("the request may have reached sub and been charged before the connection failed");
    assertThat(MoveOn.decide(new ConnectionException("sub", "timed out", true, null), false, KEEPS, true, false).reason())
        .endsWith("moving on anyway, as the router was told (moveOnWhenChargeUncertain)");
  }

  @Test
  void contentPolicyStopsUnlessOptedIn() {
    ContentPolicyException blocked = new ContentPolicyException(details(422));
    assertThat(submit(blocked)).isEqualTo(new MoveOn.Decision(false, false, "refused by sub's content policy; a"
        + " content-policy refusal does not move on unless the router is built with moveOnAfterContentPolicy(true)"));
    assertThat(MoveOn.decide(blocked, false, KEEPS, false, true).moveOn()).isTrue();
  }

  @Test
  void aFailedTaskMovesOnWhereFailedTasksAreRefunded() {
    OperationFailedException failed = new OperationFailedException("hub", "t1", OperationStatus.FAILED, "x", "boom");
    assertThat(MoveOn.decide(failed, true, REFUNDS, false, false).reason())
        .startsWith("the task failed, and hub does not charge (or refunds) a failed task");
    MoveOn.Decision kept = MoveOn.decide(failed, true, KEEPS, false, false);
    assertThat(kept.moveOn()).isFalse();
    assertThat(kept.reason()).startsWith("the task failed, and sub documents no refund of a failed task");
    assertThat(MoveOn.decide(failed, true, KEEPS, true, false).moveOn()).isTrue();

    OperationFailedException blocked = new OperationFailedException("hub", "t1", OperationStatus.BLOCKED, null, null);
    assertThat(MoveOn.decide(blocked, true, REFUNDS, false, false).moveOn()).isFalse();
    assertThat(MoveOn.decide(blocked, true, REFUNDS, false, true).reason())
        .startsWith("blocked by content moderation, and hub refunds it");
    assertThat(MoveOn.decide(blocked, true, KEEPS, false, true).moveOn()).as("not refunded there").isFalse();

    OperationTimeoutException late = new OperationTimeoutException("hub", "t1", Duration.ofSeconds(5), OperationStatus.RUNNING);
    assertThat(MoveOn.decide(late, true, REFUNDS, false, false).reason())
        .startsWith("the task was accepted (and may be charged) before this failure");
    assertThat(MoveOn.decide(new ValidationException("hub", "f", "x"), true, REFUNDS, false, false).moveOn()).isTrue();
  }

  @Test
  void whatTheRouterCannotJudgeStops() {
    assertThat(submit(new StreamException("sub", "cut", null, null)).moveOn()).isFalse();
    assertThat(submit(new AigwException("sub", "odd", null)).reason())
        .startsWith("an outcome the router cannot judge: dev.aigw.core.error.AigwException: odd");
    assertThat(submit(new IllegalStateException("bug")).moveOn()).isFalse();
  }
}
