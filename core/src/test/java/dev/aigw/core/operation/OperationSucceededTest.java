package dev.aigw.core.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link Operation#succeeded}: the operation of a gateway that answers with the result at once. */
class OperationSucceededTest {

  @Test
  void isDoneWithItsResultWithoutPolling() throws Exception {
    Operation<String> op = Operation.succeeded("acme", "gen_1", "the picture");

    assertThat(op.id()).isEqualTo("gen_1");
    assertThat(op.vendor()).isEqualTo("acme");
    assertThat(op.isDone()).isTrue();
    assertThat(op.status()).isEqualTo(OperationStatus.SUCCEEDED);
    assertThat(op.result()).isEqualTo("the picture");
    assertThat(op.poll().result()).isEqualTo("the picture");
    assertThat(op.waitForCompletion(Duration.ofMillis(1))).isEqualTo("the picture");
    assertThat(op.resultAsync().get()).isEqualTo("the picture");
    assertThat(op.snapshot().progress()).isEqualTo(100);
  }

  @Test
  void withoutAGatewayIdItGetsALocalOne() {
    Operation<String> a = Operation.succeeded("acme", null, "x");
    Operation<String> b = Operation.succeeded("acme", " ", "x");

    assertThat(a.id()).startsWith("local-").hasSize("local-".length() + 36);
    assertThat(b.id()).startsWith("local-").isNotEqualTo(a.id());
  }

  @Test
  void aResultIsRequired() {
    assertThatThrownBy(() -> Operation.succeeded("acme", "id", null)).isInstanceOf(NullPointerException.class);
  }
}
