package dev.aigw.core.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollingStrategyTest {

  @Test
  void defaultStartsAtOneSecondAndGrowsByHalfToTenSeconds() {
    PollingStrategy s = PollingStrategy.DEFAULT;
    assertThat(s.initialInterval()).isEqualTo(Duration.ofSeconds(1));
    Duration d = s.initialInterval();
    long[] expected = {1500, 2250, 3375, 5063, 7595, 10000, 10000};
    for (long millis : expected) {
      d = s.next(d);
      assertThat(d).isEqualTo(Duration.ofMillis(millis));
    }
    assertThat(s.defaultTimeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(s.maxConsecutiveFailures()).isEqualTo(5);
  }

  @Test
  void intervalNeverExceedsTheCap() {
    PollingStrategy s = new PollingStrategy(Duration.ofMillis(100), 3.0, Duration.ofMillis(500), 1, Duration.ofSeconds(1));
    assertThat(s.next(Duration.ofMillis(100))).isEqualTo(Duration.ofMillis(300));
    assertThat(s.next(Duration.ofMillis(300))).isEqualTo(Duration.ofMillis(500));
    assertThat(s.next(Duration.ofHours(1))).as("a long Retry-After is brought back to the cap").isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void fixedKeepsTheSameInterval() {
    PollingStrategy s = PollingStrategy.fixed(Duration.ofMillis(20), Duration.ofSeconds(2));
    assertThat(s.next(Duration.ofMillis(20))).isEqualTo(Duration.ofMillis(20));
    assertThat(s.next(s.next(Duration.ofMillis(20)))).isEqualTo(Duration.ofMillis(20));
    assertThat(s.defaultTimeout()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void aZeroIntervalGrowsToAtLeastOneMillisecond() {
    assertThat(PollingStrategy.DEFAULT.next(Duration.ZERO)).isEqualTo(Duration.ofMillis(1));
  }

  @Test
  void withDefaultTimeoutChangesOnlyTheTimeout() {
    PollingStrategy s = PollingStrategy.DEFAULT.withDefaultTimeout(Duration.ofSeconds(30));
    assertThat(s.defaultTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.initialInterval()).isEqualTo(PollingStrategy.DEFAULT.initialInterval());
    assertThat(s.multiplier()).isEqualTo(PollingStrategy.DEFAULT.multiplier());
  }

  @Test
  void invalidStrategiesAreRejected() {
    Duration s = Duration.ofSeconds(1);
    assertThatThrownBy(() -> new PollingStrategy(Duration.ofMillis(-1), 1.5, s, 5, s)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PollingStrategy(s, 0.9, s, 5, s)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PollingStrategy(s, 1.5, Duration.ofMillis(-1), 5, s)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PollingStrategy(s, 1.5, s, -1, s)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PollingStrategy(s, 1.5, s, 5, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PollingStrategy(s, 1.5, s, 5, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PollingStrategy.DEFAULT.withDefaultTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nonNumericMultiplierIsRejected() {
    Duration s = Duration.ofSeconds(1);
    assertThatThrownBy(() -> new PollingStrategy(s, Double.NaN, s, 5, s)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PollingStrategy(s, Double.POSITIVE_INFINITY, s, 5, s))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
