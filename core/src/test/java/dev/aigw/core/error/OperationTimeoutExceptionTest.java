package dev.aigw.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aigw.core.operation.OperationStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OperationTimeoutExceptionTest {
  @Test
  void messageNamesTheWaitInPlainUnitsAndTheLastStatus() {
    assertThat(new OperationTimeoutException("acme", "t-1", Duration.ofMinutes(10), OperationStatus.RUNNING))
        .hasMessage("[acme] operation t-1 did not finish within 10 min; last status seen: RUNNING");
    assertThat(OperationTimeoutException.human(Duration.ofMillis(250))).isEqualTo("250 ms");
    assertThat(OperationTimeoutException.human(Duration.ofSeconds(90))).isEqualTo("90 s");
    assertThat(OperationTimeoutException.human(Duration.ofMillis(1500))).isEqualTo("1.5 s");
  }
}
