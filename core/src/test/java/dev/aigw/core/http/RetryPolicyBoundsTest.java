package dev.aigw.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The waits between retries: 0.5 s doubling to 8 s with jitter, or what the server asked. */
class RetryPolicyBoundsTest {

  @RepeatedTest(20)
  void defaultBackoffDoublesFromHalfASecondToEightWithEqualJitter() {
    RetryPolicy p = RetryPolicy.DEFAULT;
    assertThat(p.maxRetries()).isEqualTo(2);
    assertThat(p.delayBefore(1, null)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
    assertThat(p.delayBefore(2, null)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
    assertThat(p.delayBefore(3, null)).isBetween(Duration.ofMillis(1000), Duration.ofMillis(2000));
    assertThat(p.delayBefore(5, null)).isBetween(Duration.ofMillis(4000), Duration.ofMillis(8000));
    assertThat(p.delayBefore(60, null)).isBetween(Duration.ofMillis(4000), Duration.ofMillis(8000));
  }

  @Test
  void retryAfterReplacesTheComputedWait() {
    assertThat(RetryPolicy.DEFAULT.delayBefore(1, Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
    assertThat(RetryPolicy.DEFAULT.delayBefore(1, Duration.ofMillis(-5))).isEqualTo(Duration.ZERO);
  }

  @Test
  void noneNeverRetries() {
    assertThat(RetryPolicy.NONE.maxRetries()).isZero();
  }

  @Test
  void rejectsNegativeValues() {
    assertThatThrownBy(() -> RetryPolicy.DEFAULT.withMaxRetries(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RetryPolicy.DEFAULT.withBackoff(Duration.ofMillis(-1), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
