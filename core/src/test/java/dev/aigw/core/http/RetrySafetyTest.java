package dev.aigw.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The retry rule as data: what each class retries, whether paid work may exist, and why not. */
class RetrySafetyTest {
  private static final String TIMEOUT = "a timeout may hide work done upstream, so a retry could charge twice";

  @Test
  void onlyReadsArePaidFree() {
    assertThat(RetrySafety.IDEMPOTENT.paid()).isFalse();
    assertThat(RetrySafety.DEDUPLICATED_BY_KEY.paid()).isTrue();
    assertThat(RetrySafety.NOT_CHARGED_ON_ERROR.paid()).isTrue();
    assertThat(RetrySafety.UNPROTECTED.paid()).isTrue();
  }

  @Test
  void paidWorkMayHideBehindATimeoutOrAServerErrorTheVendorMayHaveCharged() {
    assertThat(RetrySafety.IDEMPOTENT.mayHaveDoneWork(504)).isFalse();
    assertThat(RetrySafety.UNPROTECTED.mayHaveDoneWork(502)).isTrue();
    assertThat(RetrySafety.UNPROTECTED.mayHaveDoneWork(408)).isTrue();
    assertThat(RetrySafety.NOT_CHARGED_ON_ERROR.mayHaveDoneWork(500)).as("refunded").isFalse();
    assertThat(RetrySafety.NOT_CHARGED_ON_ERROR.mayHaveDoneWork(504)).isTrue();
    assertThat(RetrySafety.DEDUPLICATED_BY_KEY.mayHaveDoneWork(503)).isTrue();
    assertThat(RetrySafety.UNPROTECTED.mayHaveDoneWork(429)).as("refused before any work").isFalse();
    assertThat(RetrySafety.UNPROTECTED.mayHaveDoneWork(400)).isFalse();
  }

  @Test
  void eachRuleSaysWhyItDoesNotRetry() {
    assertThat(RetrySafety.IDEMPOTENT.whyNotRetried(503)).as("retried").isNull();
    assertThat(RetrySafety.UNPROTECTED.whyNotRetried(429)).as("retried").isNull();
    assertThat(RetrySafety.NOT_CHARGED_ON_ERROR.whyNotRetried(500)).as("retried").isNull();
    assertThat(RetrySafety.NOT_CHARGED_ON_ERROR.whyNotRetried(504)).isEqualTo(TIMEOUT);
    assertThat(RetrySafety.UNPROTECTED.whyNotRetried(408)).isEqualTo(TIMEOUT);
    assertThat(RetrySafety.UNPROTECTED.whyNotRetried(502))
        .isEqualTo("nothing documented says a failed call is free, so a retry could charge twice");
    assertThat(RetrySafety.IDEMPOTENT.whyNotRetried(404)).isEqualTo("the same request would fail the same way");
  }

  @Test
  void anIoFailureAfterSendingIsNotRetriedWhereARetryCouldChargeTwice() {
    String why = "the request may have reached the server, so a retry could charge twice";
    assertThat(RetrySafety.UNPROTECTED.whyNotRetriedAfterIoFailure(true)).isEqualTo(why);
    assertThat(RetrySafety.NOT_CHARGED_ON_ERROR.whyNotRetriedAfterIoFailure(true)).isEqualTo(why);
    assertThat(RetrySafety.UNPROTECTED.whyNotRetriedAfterIoFailure(false)).as("nothing was sent").isNull();
    assertThat(RetrySafety.DEDUPLICATED_BY_KEY.whyNotRetriedAfterIoFailure(true)).isNull();
  }
}
