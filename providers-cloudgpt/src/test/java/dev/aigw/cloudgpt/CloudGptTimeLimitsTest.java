package dev.aigw.cloudgpt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.aigw.core.chat.ChatRequest;
import dev.aigw.core.error.RateLimitException;
import dev.aigw.testkit.FakeCloudGpt;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * CloudGPT's 429 carries no {@code Retry-After}, only the minute window's reset (up to 60 s ahead):
 * the wait never passes the call timeout nor the longest rate-limit wait the caller set, and the
 * {@link RateLimitException} thrown at once carries the reset as its retry hint.
 */
@Timeout(30)
class CloudGptTimeLimitsTest {
  private FakeCloudGpt fake;

  @BeforeEach
  void start() {
    fake = FakeCloudGpt.start();
    fake.rateLimit("chat", 1, 1);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private static ChatRequest haiku() {
    return ChatRequest.builder().model("openai").user("Write a haiku about AI").build();
  }

  private RateLimitException secondCallOfTheMinute(CloudGptClient client, Duration[] took) {
    client.chat().create(haiku());
    long start = System.nanoTime();
    Throwable e = catchThrowable(() -> client.chat().create(haiku()));
    took[0] = Duration.ofNanos(System.nanoTime() - start);
    assertThat(e).isInstanceOf(RateLimitException.class);
    return (RateLimitException) e;
  }

  @Test
  void theCallTimeoutBoundsTheWaitForTheWindowToReset() {
    Duration[] took = new Duration[1];
    RateLimitException e;
    try (CloudGptClient client = CloudGptClient.builder().baseUrl(fake.baseUrl()).apiKey(fake.apiKey())
        .callTimeout(Duration.ofSeconds(2)).build()) {
      e = secondCallOfTheMinute(client, took);
    }

    assertThat(took[0]).as("no minute-long block").isLessThan(Duration.ofSeconds(2));
    assertThat(e.rateLimit().resetTime()).as("the reset is the hint").hasValueSatisfying(
        reset -> assertThat(Duration.between(Instant.now(), reset)).isBetween(Duration.ofSeconds(57), Duration.ofSeconds(61)));
    // on either side of the 60 s default, the call fails at once and says why
    assertThat(e.getMessage()).startsWith("[cloudgpt] 429 rate_limit_exceeded: Rate limit exceeded — not retried: ")
        .containsAnyOf("would pass the call's 2 s deadline (callTimeout)",
            "later than the longest rate-limit wait allowed (maxRetryWait 60 s)");
    assertThat(fake.journal().requests("POST", "/api/chat")).hasSize(2);
  }

  @Test
  void aResetBeyondTheLongestWaitFailsAtOnce() {
    Duration[] took = new Duration[1];
    RateLimitException e;
    try (CloudGptClient client = CloudGptClient.builder().baseUrl(fake.baseUrl()).apiKey(fake.apiKey())
        .maxRetryWait(Duration.ofSeconds(5)).build()) {
      e = secondCallOfTheMinute(client, took);
    }

    assertThat(took[0]).isLessThan(Duration.ofSeconds(2));
    assertThat(e.getMessage()).matches("\\[cloudgpt\\] 429 rate_limit_exceeded: Rate limit exceeded — not retried: the"
        + " rate-limit window resets in [0-9.]+ s, later than the longest rate-limit wait allowed \\(maxRetryWait 5 s\\)");
    assertThat(e.rateLimit().resetTime()).isPresent();
    assertThat(fake.journal().requests("POST", "/api/chat")).hasSize(2);
  }
}
