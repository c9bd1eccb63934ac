package dev.aigw.core.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.error.OperationFailedException;
import dev.aigw.core.http.RateLimit;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.spi.OperationDriver;
import dev.aigw.core.spi.PreparedCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

/** An operation known by a router's id still polls the gateway for the task's own id. */
class OperationWithIdTest {
  @Test
  void aPollingOperationUnderAnotherIdPollsTheOriginalIdAndReportsTheNewOne() {
    List<String> polled = new ArrayList<>();
    OperationDriver<String, String> driver = OperationDriver.of(id -> new PreparedCall<String>() {
      @Override
      public RawResponse<String> execute() {
        polled.add(id);
        return new RawResponse<>(200, Map.of(), null, RateLimit.NONE, 1, Duration.ZERO, "done");
      }

      @Override
      public CompletableFuture<RawResponse<String>> executeAsync() {
        return CompletableFuture.completedFuture(execute());
      }
    }, (id, body) -> OperationSnapshot.succeeded(id, body, "result of " + id, null));
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try {
      Operation<String> inner = Operation.polling("acme", "task-1", driver, PollingStrategy.DEFAULT, scheduler, null);
      Operation<String> routed = inner.withId("acme:task-1");

      assertThat(routed.id()).isEqualTo("acme:task-1");
      assertThat(routed.vendor()).isEqualTo("acme");
      assertThat(routed.snapshot().id()).isEqualTo("acme:task-1");
      assertThat(routed.waitForCompletion(Duration.ofSeconds(5))).isEqualTo("result of task-1");
      assertThat(routed.snapshot().id()).isEqualTo("acme:task-1");
      assertThat(polled).containsOnly("task-1");
    } finally {
      scheduler.shutdownNow();
    }
  }

  @Test
  void aFinishedOperationUnderAnotherIdFailsUnderThatId() {
    Operation<String> failed = Operation.completed("acme",
        OperationSnapshot.failed("task-2", OperationStatus.FAILED, "failed", "boom", "it broke", null));
    Operation<String> routed = failed.withId("acme:task-2");
    assertThat(routed.isDone()).isTrue();
    assertThatThrownBy(routed::result).isInstanceOf(OperationFailedException.class)
        .hasMessage("[acme] operation acme:task-2 failed (boom): it broke");
    assertThat(Operation.succeeded("acme", "t", "r").withId("acme:t").result()).isEqualTo("r");
  }
}
