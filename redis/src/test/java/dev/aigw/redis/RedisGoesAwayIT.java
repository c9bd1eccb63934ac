package dev.aigw.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.aigw.core.error.SharedStateException;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.shared.LimitKey;
import dev.aigw.gptimage2.GptImage2Client;
import dev.aigw.testkit.FakeGptImage2;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Redis stops in the middle of a run (its process is killed): what needs it fails with a {@link
 * SharedStateException} within the command timeout, never hangs, and nothing is sent without a slot.
 */
class RedisGoesAwayIT {
  private static final ImageRequest LIGHTHOUSE = ImageRequest.builder().prompt("A lighthouse at dawn").build();

  @Test
  void callsFailWithATypedErrorWithinTheTimeoutOnceRedisIsGone() throws Exception {
    try (RedisServer redis = RedisServer.start();
        FakeGptImage2 fake = FakeGptImage2.start();
        RedisSharedState shared = RedisSharedState.builder(redis.url()).commandTimeout(Duration.ofSeconds(1))
            .build();
        GptImage2Client client = GptImage2Client.builder().baseUrl(fake.baseUrl()).apiKey(fake.apiKey())
            .sharedState(shared).build()) {
      Operation<ImageResult> before = client.images().submit(LIGHTHOUSE);
      assertThat(shared.pendingOperations().find("gptimage2", before.id())).isPresent();

      redis.kill();

      long started = System.nanoTime();
      Throwable blocking = catchThrowable(() -> client.images().submit(LIGHTHOUSE));
      assertThat(blocking).isInstanceOf(SharedStateException.class)
          .hasMessageContaining("aigw-redis could not take a request slot")
          .hasMessageContaining("Redis at 127.0.0.1:")
          .hasMessageNotContaining(fake.apiKey());
      assertThat(((SharedStateException) blocking).vendor()).isEqualTo("gptimage2");
      assertThat(blocking.getCause()).isNotNull();

      CompletableFuture<?> async = shared.limiter().acquire(new LimitKey("gptimage2", "http://x/", "cd".repeat(32), 5));
      assertThatThrownBy(() -> async.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(SharedStateException.class);
      assertThatThrownBy(() -> shared.deliveries().firstDelivery("dlv_1")).isInstanceOf(SharedStateException.class)
          .hasMessageContaining("record webhook delivery dlv_1");
      assertThatThrownBy(() -> shared.pendingOperations().claimable(5)).isInstanceOf(SharedStateException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no hang").isLessThan(Duration.ofSeconds(30));
      assertThat(fake.journal().requests("POST", "/api/v1/generate")).as("nothing sent without a slot").hasSize(1);
    }
  }

  @Test
  void connectingToNoRedisFailsWithinTheTimeout() throws Exception {
    String url;
    try (RedisServer redis = RedisServer.start()) {
      url = redis.url();
    }
    long started = System.nanoTime();
    assertThatThrownBy(() -> RedisSharedState.builder(url).commandTimeout(Duration.ofSeconds(1)).build())
        .isInstanceOf(SharedStateException.class)
        .hasMessageStartingWith("aigw-redis could not connect to Redis at 127.0.0.1:")
        .hasCauseInstanceOf(RuntimeException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
  }
}
