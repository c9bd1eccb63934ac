package dev.aigw.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aigw.core.Secret;
import dev.aigw.core.shared.ConcurrencyLimiter.Lease;
import dev.aigw.core.shared.LimitKey;
import dev.aigw.core.shared.PendingOperation;
import dev.aigw.core.webhook.WebhookReceiver;
import dev.aigw.core.webhook.WebhookVerifier;
import dev.aigw.gptimage2.GptImage2Event;
import dev.aigw.gptimage2.GptImage2Webhooks;
import dev.aigw.testkit.FakeGptImage2;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Several instances of an application (JVMs of their own, started from this test's class path)
 * sharing one gptimage2 key and one real redis-server.
 */
class MultiInstanceIT {
  private static RedisServer redis;

  @BeforeAll
  static void startRedis() throws Exception {
    redis = RedisServer.shared();
  }

  @AfterAll
  static void stopRedis() throws Exception {
    redis.close();
  }

  private static String prefix() {
    return "it-" + UUID.randomUUID() + ":";
  }

  /**
   * Three instances submit 8 generations each at once, in {@code mode}; the fake counts them.
   *
   * @return each instance's {@code SUBMITTED n} line
   */
  private static List<String> threeInstances(FakeGptImage2 fake, String mode) throws Exception {
    String prefix = prefix();
    List<Instances.Child> children = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        children.add(Instances.start(mode, redis.url(), prefix, fake.baseUrl(), fake.apiKey(), "8"));
      }
      for (Instances.Child child : children) {
        child.await("READY");
      }
      for (Instances.Child child : children) {
        child.send("GO");
      }
      List<String> said = new ArrayList<>();
      for (Instances.Child child : children) {
        said.add(child.await("SUBMITTED"));
        assertThat(child.exit()).as(child.output()).isZero();
      }
      return said;
    } finally {
      for (Instances.Child child : children) {
        child.close();
      }
    }
  }

  @Test
  void withoutSharedStateThreeInstancesExceedTheLimit() throws Exception {
    // the control: each instance keeps 5 in flight, so together they go past the gateway's 5
    try (FakeGptImage2 fake = FakeGptImage2.start()) {
      fake.processingDelay(Duration.ofMillis(400));
      threeInstances(fake, "load-alone");
      assertThat(fake.maxConcurrentRequests()).isGreaterThan(FakeGptImage2.CONCURRENCY_LIMIT);
      assertThat(fake.journal().requests()).anyMatch(e -> e.status() == 429);
    }
  }

  @Test
  void threeInstancesOnOneKeyNeverHaveMoreThanFiveInFlightAndMeetNo429() throws Exception {
    try (FakeGptImage2 fake = FakeGptImage2.start()) {
      fake.processingDelay(Duration.ofMillis(150));
      assertThat(threeInstances(fake, "load")).containsOnly("SUBMITTED 8");
      List<Integer> statuses = fake.journal().requests("POST", "/api/v1/generate").stream()
          .map(e -> e.status()).toList();
      assertThat(statuses).hasSize(24).containsOnly(202);
      assertThat(fake.journal().requests()).noneMatch(e -> e.status() == 429);
      assertThat(fake.maxConcurrentRequests()).isBetween(2, FakeGptImage2.CONCURRENCY_LIMIT);
      assertThat(fake.journal().chargesOnly()).hasSize(24);
    }
  }

  @Test
  void slotsOfAKilledInstanceComeBackAfterTheLeaseTime() throws Exception {
    String prefix = prefix();
    String fingerprint = "ab".repeat(32);
    LimitKey key = new LimitKey("gptimage2", "http://127.0.0.1/", fingerprint, 5);
    try (Instances.Child holder = Instances.start("hold", redis.url(), prefix, "2000", fingerprint);
        RedisSharedState mine = RedisSharedState.builder(redis.url()).prefix(prefix).build()) {
      holder.await("HELD 5");
      CompletableFuture<Lease> waiting = mine.limiter().acquire(key);
      // the holder renews its leases (every 2/3 s): past a whole lease time, they are still held
      Thread.sleep(2500);
      assertThat(waiting).as("a sixth slot while another instance holds all five").isNotDone();

      holder.kill();
      List<Lease> leases = new ArrayList<>();
      leases.add(waiting.get(30, TimeUnit.SECONDS));
      for (int i = 0; i < 4; i++) {
        leases.add(mine.limiter().acquire(key).get(30, TimeUnit.SECONDS));
      }
      assertThat(leases).hasSize(5);
      CompletableFuture<Lease> sixth = mine.limiter().acquire(key);
      Thread.sleep(300);
      assertThat(sixth).as("still five at most").isNotDone();
      leases.get(0).release();
      assertThat(sixth.get(30, TimeUnit.SECONDS)).isNotNull();
    }
  }

  @Test
  void aDeliveryPostedToTwoInstancesIsHandledOnce() throws Exception {
    String prefix = prefix();
    Secret secret = Secret.of("whsec_test_0123456789");
    String body = "{\"event\":\"generation.succeeded\",\"data\":{\"generationId\":\"gen_1\",\"type\":\"image\","
        + "\"status\":\"succeeded\",\"outputs\":[],\"createdAt\":\"2026-01-01T00:00:00Z\","
        + "\"completedAt\":\"2026-01-01T00:00:05Z\"}}";
    byte[] raw = body.getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = Map.of(
        GptImage2Webhooks.SIGNATURE_HEADER, WebhookVerifier.hmacSha256("gptimage2", secret).sign(raw),
        GptImage2Webhooks.DELIVERY_HEADER, "dlv_" + UUID.randomUUID(),
        GptImage2Webhooks.EVENT_HEADER, "generation.succeeded");
    AtomicInteger handled = new AtomicInteger();
    try (RedisSharedState first = RedisSharedState.builder(redis.url()).prefix(prefix).build();
        RedisSharedState second = RedisSharedState.builder(redis.url()).prefix(prefix).build()) {
      WebhookReceiver<GptImage2Event> a = GptImage2Webhooks.receiver(secret, first.deliveries());
      WebhookReceiver<GptImage2Event> b = GptImage2Webhooks.receiver(secret, second.deliveries());

      Optional<WebhookReceiver.Delivery<GptImage2Event>> onA = a.receive(raw, headers);
      onA.ifPresent(d -> handled.incrementAndGet());
      Optional<WebhookReceiver.Delivery<GptImage2Event>> onB = b.receive(raw, headers);
      onB.ifPresent(d -> handled.incrementAndGet());

      assertThat(onA).isPresent();
      assertThat(onB).as("the retry that reached the other instance").isEmpty();
      assertThat(handled).hasValue(1);

      // handling failed on A: it forgets the id, and the sender's next retry is handled (on B)
      a.forget(headers.get(GptImage2Webhooks.DELIVERY_HEADER));
      assertThat(b.receive(raw, headers)).isPresent();
    }
  }

  @Test
  void anOperationOfAKilledInstanceIsFinishedByAnotherOnceAndChargedOnce() throws Exception {
    try (FakeGptImage2 fake = FakeGptImage2.start()) {
      fake.tasks().pollsToFinish(2);
      String prefix = prefix();
      String id;
      String submitter;
      try (Instances.Child first = Instances.start("submit", redis.url(), prefix, fake.baseUrl(), fake.apiKey(),
          "1500")) {
        String[] said = first.await("SUBMITTED").split(" ");
        id = said[1];
        submitter = said[2];
        first.kill();
      }
      try (RedisSharedState look = RedisSharedState.builder(redis.url()).prefix(prefix).build()) {
        PendingOperation pending = look.pendingOperations().find("gptimage2", id).orElseThrow();
        assertThat(pending.claimedBy()).isEqualTo(submitter);
        assertThat(pending.asked()).isEqualTo("image via POST /api/v1/generate");
        assertThat(fake.journal().requests("GET", "/api/v1/generations/" + id)).as("never polled").isEmpty();
      }

      List<Instances.Child> others = new ArrayList<>();
      try {
        for (int i = 0; i < 2; i++) {
          others.add(Instances.start("takeover", redis.url(), prefix, fake.baseUrl(), fake.apiKey(), "5000", id));
        }
        List<String> resumed = new ArrayList<>();
        for (Instances.Child other : others) {
          assertThat(other.exit()).as(other.output()).isZero();
          assertThat(other.output()).endsWith("DONE");
          other.output().lines().filter(l -> l.startsWith("RESUMED")).forEach(resumed::add);
        }
        assertThat(resumed).as("finished by exactly one of the two").containsExactly("RESUMED " + id + " 1");
      } finally {
        for (Instances.Child other : others) {
          other.close();
        }
      }
      assertThat(fake.journal().requests("POST", "/api/v1/generate")).hasSize(1);
      assertThat(fake.journal().chargesOnly()).hasSize(1);
      try (RedisSharedState look = RedisSharedState.builder(redis.url()).prefix(prefix).build()) {
        assertThat(look.pendingOperations().find("gptimage2", id)).as("completed").isEmpty();
        assertThat(look.pendingOperations().claimable(10)).isEmpty();
      }
    }
  }
}
