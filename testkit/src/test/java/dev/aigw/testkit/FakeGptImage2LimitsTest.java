package dev.aigw.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link FakeGptImage2}'s rate limits per key: 5 requests in flight, 600 an hour, and their headers. */
@Timeout(30)
class FakeGptImage2LimitsTest {
  private FakeGptImage2 fake;
  private GptImage2Http http;

  @BeforeEach
  void start() {
    fake = FakeGptImage2.start();
    http = new GptImage2Http(fake);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  /** Sends {@code count} generations at once with {@code key}, and returns their answers. */
  private List<RawHttp.Answer> atOnce(int count, String key) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(count);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<RawHttp.Answer>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        futures.add(pool.submit(() -> {
          go.await();
          return http.generate(key, null, "{\"prompt\":\"a\"}");
        }));
      }
      go.countDown();
      List<RawHttp.Answer> answers = new ArrayList<>();
      for (Future<RawHttp.Answer> f : futures) {
        answers.add(f.get(20, TimeUnit.SECONDS));
      }
      return answers;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aSixthRequestInFlightIs429WithRetryAfterAndChargesNothing() throws Exception {
    fake.processingDelay(Duration.ofMillis(400));

    List<RawHttp.Answer> answers = atOnce(8, fake.apiKey());

    List<RawHttp.Answer> refused = answers.stream().filter(a -> a.code() == 429).toList();
    List<RawHttp.Answer> accepted = answers.stream().filter(a -> a.code() == 202).toList();
    assertThat(accepted).hasSizeLessThanOrEqualTo(5).isNotEmpty();
    assertThat(refused).hasSize(8 - accepted.size()).isNotEmpty().allSatisfy(a -> {
      assertThat(a.headers().get("Retry-After")).isEqualTo("1");
      assertThat(a.json()).containsEntry("error", "Too many concurrent requests (at most 5)")
          .containsEntry("code", "rate_limited");
      assertThat(a.headers().get("X-RateLimit-Limit")).isEqualTo("600");
    });
    assertThat(fake.maxConcurrentRequests()).isGreaterThan(5);
    assertThat(fake.journal().chargesOnly()).hasSize(accepted.size());
  }

  @Test
  void theLimitInFlightIsPerKey() throws Exception {
    fake.processingDelay(Duration.ofMillis(300));
    String second = fake.newKey();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<List<RawHttp.Answer>> a = pool.submit(() -> atOnce(4, fake.apiKey()));
      Future<List<RawHttp.Answer>> b = pool.submit(() -> atOnce(4, second));
      assertThat(a.get(20, TimeUnit.SECONDS)).allSatisfy(x -> assertThat(x.code()).isEqualTo(202));
      assertThat(b.get(20, TimeUnit.SECONDS)).allSatisfy(x -> assertThat(x.code()).isEqualTo(202));
    } finally {
      pool.shutdownNow();
    }
    assertThat(fake.maxConcurrentRequests()).isLessThanOrEqualTo(4);
  }

  @Test
  void fiveAtOnceAreServed() throws Exception {
    fake.processingDelay(Duration.ofMillis(200));

    assertThat(atOnce(5, fake.apiKey())).allSatisfy(a -> assertThat(a.code()).isEqualTo(202));
    assertThat(fake.maxConcurrentRequests()).isBetween(1, 5);
  }

  @Test
  void pastTheHourlyLimitAKeyGets429UntilTheNextHour() throws IOException {
    fake.processingDelay(Duration.ZERO).hourlyLimit(3);

    List<String> remaining = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      RawHttp.Answer a = http.generate("{\"prompt\":\"a\"}");
      assertThat(a.code()).isEqualTo(202);
      remaining.add(a.headers().get("X-RateLimit-Remaining"));
    }
    RawHttp.Answer refused = http.generate("{\"prompt\":\"a\"}");
    RawHttp.Answer otherKey = http.generate(fake.newKey(), null, "{\"prompt\":\"a\"}");

    assertThat(remaining).containsExactly("2", "1", "0");
    assertThat(refused.code()).isEqualTo(429);
    assertThat(refused.string("error")).isEqualTo("Hourly limit of 3 requests reached");
    assertThat(refused.headers().get("X-RateLimit-Limit")).isEqualTo("3");
    assertThat(refused.headers().get("X-RateLimit-Remaining")).isEqualTo("0");
    long reset = Long.parseLong(refused.headers().get("X-RateLimit-Reset"));
    long retryAfter = Long.parseLong(refused.headers().get("Retry-After"));
    assertThat(retryAfter).isBetween(1L, 3600L);
    assertThat(Instant.now().getEpochSecond() + retryAfter).isBetween(reset - 2, reset + 2);
    assertThat(otherKey.code()).as("another key has its own hour").isEqualTo(202);
    assertThat(fake.journal().chargesOnly()).hasSize(4);
  }

  @Test
  void accountCallsWithACookieAndFileDownloadsAreNotCounted() throws IOException {
    fake.hourlyLimit(1);

    RawHttp.Answer webhook = http.registerWebhook(fake.sessionCookie().reveal(),
        "{\"url\":\"https://example.com/h\",\"events\":[\"generation.succeeded\"]}");
    RawHttp.Answer generate = http.generate("{\"prompt\":\"a\"}");

    assertThat(webhook.code()).isEqualTo(200);
    assertThat(webhook.headers().get("X-RateLimit-Limit")).isNull();
    assertThat(generate.code()).isEqualTo(202);
    assertThat(generate.headers().get("X-RateLimit-Remaining")).isEqualTo("0");
  }
}
