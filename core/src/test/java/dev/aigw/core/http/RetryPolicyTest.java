package dev.aigw.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPolicyTest {
  private static final int SAMPLES = 300;

  @Test
  void defaultIsTwoRetriesFromHalfASecondToEightSeconds() {
    assertThat(RetryPolicy.DEFAULT.maxRetries()).isEqualTo(2);
    assertThat(RetryPolicy.DEFAULT.initialBackoff()).isEqualTo(Duration.ofMillis(500));
    assertThat(RetryPolicy.DEFAULT.maxBackoff()).isEqualTo(Duration.ofSeconds(8));
    assertThat(RetryPolicy.NONE.maxRetries()).isZero();
  }

  @ParameterizedTest
  @CsvSource({"1, 500", "2, 1000", "3, 2000", "4, 4000", "5, 8000", "6, 8000", "30, 8000", "100, 8000"})
  void delayDoublesUpToTheCapWithJitterBetweenHalfAndAll(int retry, long fullMillis) {
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < SAMPLES; i++) {
      long d = RetryPolicy.DEFAULT.delayBefore(retry, null).toMillis();
      assertThat(d).isBetween(fullMillis - fullMillis / 2, fullMillis);
      seen.add(d);
    }
    assertThat(seen).as("jittered, not fixed").hasSizeGreaterThan(1);
  }

  @Test
  void jitterCoversTheWholeRange() {
    RetryPolicy tiny = RetryPolicy.DEFAULT.withBackoff(Duration.ofMillis(4), Duration.ofMillis(4));
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < SAMPLES; i++) {
      seen.add(tiny.delayBefore(1, null).toMillis());
    }
    assertThat(seen).containsExactlyInAnyOrder(2L, 3L, 4L);
  }

  @Test
  void zeroBackoffMeansNoWait() {
    RetryPolicy none = RetryPolicy.DEFAULT.withBackoff(Duration.ZERO, Duration.ZERO);
    assertThat(none.delayBefore(1, null)).isZero();
    assertThat(none.delayBefore(7, null)).isZero();
  }

  @Test
  void retryAfterIsPassedThroughAsGiven() {
    assertThat(RetryPolicy.DEFAULT.delayBefore(1, Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
    assertThat(RetryPolicy.DEFAULT.delayBefore(2, Duration.ofSeconds(30)))
        .as("not capped by the backoff cap").isEqualTo(Duration.ofSeconds(30));
    assertThat(RetryPolicy.DEFAULT.delayBefore(1, Duration.ZERO)).isZero();
    assertThat(RetryPolicy.DEFAULT.delayBefore(1, Duration.ofSeconds(-5))).isZero();
  }

  @Test
  void withersKeepTheOtherValues() {
    RetryPolicy p = RetryPolicy.DEFAULT.withMaxRetries(5).withBackoff(Duration.ofMillis(10), Duration.ofMillis(80));
    assertThat(p).isEqualTo(new RetryPolicy(5, Duration.ofMillis(10), Duration.ofMillis(80), Duration.ofSeconds(60)));
  }

  @Test
  void invalidPoliciesAreRejected() {
    assertThatThrownBy(() -> RetryPolicy.DEFAULT.withMaxRetries(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxRetries");
    assertThatThrownBy(() -> RetryPolicy.DEFAULT.withBackoff(Duration.ofMillis(-1), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
