package dev.aigw.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.error.SharedStateException;
import dev.aigw.core.error.ValidationException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What needs no Redis server: the settings, and the failure when there is none. */
class RedisSharedStateTest {
  @Test
  void aMissingOrMalformedUrlIsRefusedBeforeAnyConnection() {
    assertThatThrownBy(() -> RedisSharedState.connect(" ")).isInstanceOf(ValidationException.class)
        .hasMessageContaining("a Redis URL is required, such as redis://localhost:6379");
    assertThatThrownBy(() -> RedisSharedState.connect("http://:secret-pass@host")).isInstanceOf(ValidationException.class)
        .hasMessageContaining("must be a Redis URL such as redis://host:6379")
        .hasMessageNotContaining("secret-pass");
  }

  @Test
  void settingsOutOfRangeAreRefused() {
    RedisSharedState.Builder b = RedisSharedState.builder("redis://127.0.0.1:1");
    assertThatThrownBy(() -> b.leaseTtl(Duration.ofMillis(100))).isInstanceOf(ValidationException.class)
        .hasMessageContaining("leaseTtl").hasMessageContaining("must be at least 300 ms");
    assertThatThrownBy(() -> b.commandTimeout(Duration.ZERO)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("commandTimeout");
    assertThatThrownBy(() -> b.claimTtl(Duration.ofSeconds(-1))).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> b.deliveryTtl(Duration.ZERO)).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> b.pollInterval(Duration.ZERO)).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> b.instanceId(" ")).isInstanceOf(ValidationException.class)
        .hasMessageContaining("instanceId");
    assertThatThrownBy(() -> b.prefix(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void noServerAtTheUrlFailsTypedWithinTheTimeoutAndHidesThePassword() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    long started = System.nanoTime();
    assertThatThrownBy(() -> RedisSharedState.builder("redis://:hunter2@127.0.0.1:" + port)
        .commandTimeout(Duration.ofMillis(500)).build())
        .isInstanceOf(SharedStateException.class)
        .hasMessageStartingWith("aigw-redis could not connect to Redis at 127.0.0.1:" + port + " within 500 ms")
        .hasMessageNotContaining("hunter2")
        .hasCauseInstanceOf(RuntimeException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
  }
}
