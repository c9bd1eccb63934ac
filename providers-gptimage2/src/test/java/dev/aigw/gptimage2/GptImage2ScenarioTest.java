package dev.aigw.gptimage2;

import static dev.aigw.gptimage2.GptImage2TestWire.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aigw.core.error.BadRequestException;
import dev.aigw.core.error.ContentPolicyException;
import dev.aigw.core.error.OperationFailedException;
import dev.aigw.core.error.PaymentRequiredException;
import dev.aigw.core.error.PermissionDeniedException;
import dev.aigw.core.error.RateLimitException;
import dev.aigw.core.error.WebhookVerificationException;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.image.Quality;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.operation.OperationStatus;
import dev.aigw.core.webhook.WebhookReceiver;
import dev.aigw.testkit.FakeGptImage2;
import dev.aigw.testkit.Journal;
import dev.aigw.testkit.TestMedia;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenarios, end to end against {@link FakeGptImage2} (its idempotency store,
 * presigned uploads on a second host, rate limits and signed webhook deliveries with retries).
 */
@Timeout(60)
class GptImage2ScenarioTest {
  private FakeGptImage2 fake;
  private GptImage2Client client;

  @BeforeEach
  void start() {
    fake = FakeGptImage2.start();
    fake.tasks().pollsToFinish(2);
    client = GptImage2TestWire.builder(fake.baseUrl(), fake.apiKey()).build();
  }

  @AfterEach
  void stop() {
    client.close();
    fake.close();
  }

  private static ImageRequest.Builder lighthouse() {
    return ImageRequest.builder().prompt("A lighthouse at dawn, 35 mm photo");
  }

  /** The generations the fake recorded, with the idempotency key each carried. */
  private List<String> generateKeys() {
    return fake.journal().requests("POST", "/api/v1/generate").stream()
        .map(e -> e.headers().get("idempotency-key")).toList();
  }

  @Test
  void textToImageIsSavedAsAPngThatDecodes(@TempDir Path dir) throws Exception {
    ImageResult result = client.images().generate(lighthouse().size(1536, 1024).quality(Quality.HIGH).build(), WAIT);

    Path saved = result.first().saveTo(dir.resolve("lighthouse.png"));

    BufferedImage image = ImageIO.read(saved.toFile());
    assertThat(image).as("a PNG that decodes").isNotNull();
    assertThat(Files.readAllBytes(saved)).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    assertThat(result.first().width()).isEqualTo(1536);
    assertThat(result.first().height()).isEqualTo(1024);
    assertThat(result.costAmount()).isEqualByComparingTo("4");
    assertThat(GptImage2Images.generation(result).outputs()).singleElement()
        .satisfies(o -> assertThat(o.webp()).endsWith(".webp"));
    assertThat(fake.journal().requests("POST", "/api/v1/generate")).singleElement()
        .satisfies(e -> assertThat(e.body()).isEqualTo("{\"prompt\":\"A lighthouse at dawn, 35 mm photo\","
            + "\"type\":\"text2img\",\"size\":\"1536x1024\",\"quality\":\"high\"}"));
    assertThat(fake.journal().chargesOnly()).singleElement()
        .satisfies(c -> assertThat(c.amount()).isEqualByComparingTo("4"));
  }

  @Test
  void anEditFromALocalFileUploadsItsExactBytesToTheStorageHost(@TempDir Path dir) throws Exception {
    byte[] png = TestMedia.png(64, 48, 11);
    Path cat = Files.write(dir.resolve("cat.png"), png);

    ImageResult result = client.images().generate(ImageRequest.builder().prompt("make the cat blue")
        .referenceFile(cat).size(1024, 1536).build(), WAIT);

    List<FakeGptImage2.StorageRequest> puts = fake.storageRequests();
    assertThat(puts).singleElement().satisfies(put -> {
      assertThat(put.method()).isEqualTo("PUT");
      assertThat(put.status()).isEqualTo(200);
      assertThat(put.headers()).containsEntry("content-type", "image/png").doesNotContainKey("authorization")
          .doesNotContainKey("idempotency-key");
      assertThat(put.size()).isEqualTo(png.length);
    });
    String key = puts.get(0).path().substring("/bucket/".length());
    assertThat(fake.uploadedBytes(key)).isEqualTo(png);
    assertThat(fake.journal().requests("POST", "/api/v1/upload")).singleElement().satisfies(e ->
        assertThat(e.body()).isEqualTo("{\"filename\":\"cat.png\",\"contentType\":\"image/png\",\"size\":" + png.length + "}"));
    assertThat(fake.journal().requests("POST", "/api/v1/generate")).singleElement().satisfies(e ->
        assertThat(e.body()).isEqualTo("{\"prompt\":\"make the cat blue\",\"type\":\"edit\",\"size\":\"1024x1536\","
            + "\"inputImageKeys\":[\"" + key + "\"]}"));
    assertThat(GptImage2Images.generation(result).type()).isEqualTo("edit");
    assertThat(result.first().height()).isEqualTo(1536);
  }

  @Test
  void anUploadedKeyIsReusedForASecondEdit() throws Exception {
    UploadedImage uploaded = client.uploads().upload(dev.aigw.core.media.MediaInput.bytes(TestMedia.jpeg(20, 20, 4), "me.jpg"));

    ImageResult result = client.images().generate(ImageRequest.builder().prompt("as a painting")
        .vendorOption(GptImage2Options.inputImageKeys(List.of(uploaded.key()))).build(), WAIT);

    assertThat(uploaded.contentType()).isEqualTo("image/jpeg");
    assertThat(fake.uploadedBytes(uploaded.key())).hasSize((int) uploaded.size());
    assertThat(result.images()).hasSize(1);
    assertThat(fake.storageRequests()).hasSize(1);
  }

  @Test
  void a503AfterTheWorkWasDoneIsRetriedWithTheSameKeyAndChargedOnce() throws Exception {
    fake.faults().failNextAfterHandling("/api/v1/generate", 503);

    ImageResult result = client.images().generate(lighthouse().build(), WAIT);

    List<Journal.Entry> generates = fake.journal().requests("POST", "/api/v1/generate");
    assertThat(generates).extracting(Journal.Entry::status).containsExactly(503, 202);
    assertThat(generateKeys()).hasSize(2).containsOnly(generateKeys().get(0));
    assertThat(fake.tasks().size()).as("the retry found the existing generation").isEqualTo(1);
    assertThat(fake.journal().chargesOnly()).singleElement().satisfies(c -> {
      assertThat(c.reference()).isEqualTo(result.id());
      assertThat(c.amount()).isEqualByComparingTo("2");
    });
    assertThat(fake.balance()).isEqualByComparingTo("998");
  }

  @Test
  void aConnectionLostAfterTheServerAcceptedIsRetriedAndChargedOnce() throws Exception {
    fake.faults().dropNextConnectionAfterHandling("/api/v1/generate");

    Operation<ImageResult> op = client.images().submit(lighthouse().build());
    ImageResult result = op.waitForCompletion(WAIT);

    assertThat(fake.journal().requests("POST", "/api/v1/generate")).extracting(Journal.Entry::status)
        .containsExactly(-1, 202);
    assertThat(generateKeys()).containsOnly(generateKeys().get(0));
    assertThat(fake.tasks().size()).isEqualTo(1);
    assertThat(op.id()).isEqualTo(result.id());
    assertThat(fake.journal().chargesOnly()).hasSize(1);
    assertThat(fake.journal().netCharged()).isEqualByComparingTo("2");
  }

  @Test
  void resubmittingWithTheCallersKeyAfterACrashFindsTheSameGeneration() throws Exception {
    ImageRequest order = lighthouse().vendorOption(GptImage2Options.idempotencyKey("order-2026-0042")).build();

    String first = client.images().submit(order).id();
    ImageResult again;
    try (GptImage2Client restarted = GptImage2TestWire.builder(fake.baseUrl(), fake.apiKey()).build()) {
      assertThat(restarted.images().submit(order).id()).as("still queued: the same generation").isEqualTo(first);
      ImageResult done = restarted.images().resume(first).waitForCompletion(WAIT);
      Operation<ImageResult> replay = restarted.images().submit(order);
      assertThat(replay.isDone()).as("an ended generation completes the replay at once").isTrue();
      again = replay.waitForCompletion(WAIT);
      assertThat(again.first().url()).isEqualTo(done.first().url());
    }

    assertThat(again.id()).isEqualTo(first);
    assertThat(fake.journal().chargesOnly()).hasSize(1);
  }

  /** Submits {@code count} generations from as many threads at once; returns what each got. */
  private static List<Future<ImageResult>> burst(GptImage2Client c, int count, boolean wait) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(count);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<ImageResult>> futures = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        ImageRequest request = ImageRequest.builder().prompt("burst " + i).quality(Quality.LOW).build();
        futures.add(pool.submit(() -> {
          go.await();
          Operation<ImageResult> op = c.images().submit(request);
          return wait ? op.waitForCompletion(WAIT) : null;
        }));
      }
      go.countDown();
      for (Future<ImageResult> f : futures) {
        try {
          f.get(45, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException ignored) {
          // the caller looks at each future
        }
      }
      return futures;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aBurstOf50SubmissionsQueuesBehindTheConcurrencyLimitAndNo429Surfaces() throws Exception {
    fake.processingDelay(Duration.ofMillis(60)).tasks().pollsToFinish(1);

    List<Future<ImageResult>> results = burst(client, 50, true);

    for (Future<ImageResult> f : results) {
      assertThat(f.get().images()).hasSize(1);
    }
    assertThat(fake.maxConcurrentRequests()).isBetween(2, FakeGptImage2.CONCURRENCY_LIMIT);
    assertThat(fake.journal().requests()).noneMatch(e -> e.status() == 429);
    assertThat(fake.journal().requests("POST", "/api/v1/generate")).hasSize(50);
    assertThat(fake.journal().chargesOnly()).hasSize(50);
  }

  @Test
  void twoClientsOfOneKeyShareTheFiveSlotsAndNo429Surfaces() throws Exception {
    fake.processingDelay(Duration.ofMillis(60)).tasks().pollsToFinish(1);
    try (GptImage2Client second = GptImage2TestWire.builder(fake.baseUrl(), fake.apiKey()).build()) {
      List<Future<ImageResult>> results = new ArrayList<>();
      ExecutorService both = Executors.newFixedThreadPool(2);
      try {
        Future<List<Future<ImageResult>>> a = both.submit(() -> burst(client, 25, false));
        Future<List<Future<ImageResult>>> b = both.submit(() -> burst(second, 25, false));
        results.addAll(a.get(60, TimeUnit.SECONDS));
        results.addAll(b.get(60, TimeUnit.SECONDS));
      } finally {
        both.shutdownNow();
      }

      for (Future<ImageResult> f : results) {
        f.get(); // each submission succeeded
      }
      assertThat(fake.maxConcurrentRequests()).isBetween(2, FakeGptImage2.CONCURRENCY_LIMIT);
      assertThat(fake.journal().requests()).noneMatch(e -> e.status() == 429);
      assertThat(fake.journal().requests("POST", "/api/v1/generate")).hasSize(50);
    }
  }

  @Test
  void withoutTheLimitTheSameBurstGoesPastFiveAtOnceAndIsRefused() throws Exception {
    fake.processingDelay(Duration.ofMillis(60));
    try (GptImage2Client unlimited = GptImage2TestWire.builder(fake.baseUrl(), fake.apiKey())
        .maxConcurrentRequests(50).maxRetries(0).build()) {

      List<Future<ImageResult>> results = burst(unlimited, 50, false);

      assertThat(fake.maxConcurrentRequests()).isGreaterThan(FakeGptImage2.CONCURRENCY_LIMIT);
      long refused = results.stream().filter(f -> {
        try {
          f.get();
          return false;
        } catch (Exception e) {
          return e.getCause() instanceof RateLimitException;
        }
      }).count();
      assertThat(refused).isPositive();
      assertThat(fake.journal().requests()).anyMatch(e -> e.status() == 429);
    }
  }

  @Test
  void aBlockedGenerationEndsWithAContentPolicyFailureAndIsRefunded() {
    fake.tasks().blockNext("output rejected by moderation");

    OperationFailedException e = catchThrowableOfType(OperationFailedException.class,
        () -> client.images().generate(lighthouse().build(), WAIT));

    assertThat(e.status()).isEqualTo(OperationStatus.BLOCKED);
    assertThat(e.code()).isEqualTo("content_policy");
    assertThat(e.reason()).isEqualTo("output rejected by moderation");
    assertThat(e.getMessage()).endsWith("was blocked by content moderation (content_policy): output rejected by moderation");
    assertThat(client.images().generation(e.operationId()).creditsRefunded()).isTrue();
    assertThat(fake.journal().charges()).extracting(Journal.Charge::amount).usingElementComparator(BigDecimal::compareTo)
        .containsExactly(new BigDecimal("2"), new BigDecimal("-2"));
    assertThat(fake.balance()).isEqualByComparingTo("1000");
  }

  @Test
  void aFailedGenerationCarriesTheVendorsErrorAndIsRefunded() {
    fake.tasks().failNext("upstream model crashed");

    OperationFailedException e = catchThrowableOfType(OperationFailedException.class,
        () -> client.images().generate(lighthouse().quality(Quality.HIGH).build(), WAIT));

    assertThat(e.status()).isEqualTo(OperationStatus.FAILED);
    assertThat(e.reason()).isEqualTo("upstream model crashed");
    assertThat(client.images().generation(e.operationId()).creditsRefunded()).isTrue();
    assertThat(fake.journal().netCharged()).isEqualByComparingTo("0");
  }

  @Test
  void aWebhookDeliveryIsVerifiedATamperedOneRejectedAndARepeatDeduped() throws Exception {
    fake.tasks().pollsToFinish(1);
    try (MockWebServer app = new MockWebServer()) {
      app.enqueue(new MockResponse.Builder().code(200).build());
      app.enqueue(new MockResponse.Builder().code(200).build());
      app.start(InetAddress.getLoopbackAddress(), 0);
      WebhookRegistration registration = client.webhooks().register(fake.sessionCookie(),
          app.url("/hooks/gptimg").toString(), List.of("generation.succeeded", "generation.failed"), "scenario");
      WebhookReceiver<GptImage2Event> receiver = client.webhooks().receiver(registration.secret());

      ImageResult result = client.images().generate(lighthouse().build(), WAIT);
      RecordedRequest delivered = app.takeRequest(5, TimeUnit.SECONDS);
      assertThat(delivered).as("a delivery").isNotNull();
      byte[] raw = delivered.getBody().toByteArray();

      Optional<WebhookReceiver.Delivery<GptImage2Event>> first = receiver.receive(raw, delivered.getHeaders()::get);
      assertThat(first).isPresent();
      GptImage2Event event = first.get().event();
      assertThat(event.succeeded()).isTrue();
      assertThat(event.generation().id()).isEqualTo(result.id());
      assertThat(event.generation().outputs()).singleElement().satisfies(o -> {
        assertThat(o.png()).isEqualTo(result.first().url());
        assertThat(o.width()).isEqualTo(1024);
      });
      assertThat(first.get().eventType()).isEqualTo("generation.succeeded");

      byte[] tampered = new String(raw, StandardCharsets.UTF_8).replace("succeeded", "failed")
          .getBytes(StandardCharsets.UTF_8);
      assertThat(catchThrowableOfType(WebhookVerificationException.class,
          () -> receiver.receive(tampered, delivered.getHeaders()::get))).isNotNull();

      fake.redeliverLast();
      RecordedRequest again = app.takeRequest(5, TimeUnit.SECONDS);
      assertThat(again).as("the redelivery").isNotNull();
      assertThat(again.getHeaders().get("X-Gptimg-Delivery")).isEqualTo(delivered.getHeaders().get("X-Gptimg-Delivery"));
      assertThat(receiver.receive(again.getBody().toByteArray(), again.getHeaders()::get))
          .as("a repeat is dropped").isEmpty();
      assertThat(fake.journal().requests("POST", "/api/account/webhooks")).singleElement()
          .satisfies(e -> assertThat(e.headers()).containsEntry("cookie", "****").doesNotContainKey("authorization"));
    }
  }

  @Test
  void aWebhookIsRetriedAfterANon2xxAnswerAndTheRetryIsHandledOnce() throws Exception {
    fake.tasks().pollsToFinish(1);
    fake.webhookBackoff(Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofMillis(10));
    try (MockWebServer app = new MockWebServer()) {
      app.enqueue(new MockResponse.Builder().code(500).build());
      app.enqueue(new MockResponse.Builder().code(200).build());
      app.start(InetAddress.getLoopbackAddress(), 0);
      WebhookRegistration registration = client.webhooks().register(fake.sessionCookie(),
          app.url("/hooks").toString(), List.of("generation.failed"), null);
      WebhookReceiver<GptImage2Event> receiver = client.webhooks().receiver(registration.secret());
      fake.tasks().failNext("upstream model crashed");

      catchThrowableOfType(OperationFailedException.class, () -> client.images().generate(lighthouse().build(), WAIT));

      // the app took the first delivery, failed while handling it, answered 500 and forgot it
      RecordedRequest first = app.takeRequest(5, TimeUnit.SECONDS);
      assertThat(first).isNotNull();
      Optional<WebhookReceiver.Delivery<GptImage2Event>> handled = receiver.receive(first.getBody().toByteArray(),
          first.getHeaders()::get);
      assertThat(handled).isPresent();
      receiver.forget(handled.get().id());

      RecordedRequest retry = app.takeRequest(5, TimeUnit.SECONDS);
      assertThat(retry).as("the fake retried after the 500").isNotNull();
      assertThat(retry.getHeaders().get("X-Gptimg-Delivery")).isEqualTo(first.getHeaders().get("X-Gptimg-Delivery"));
      Optional<WebhookReceiver.Delivery<GptImage2Event>> second = receiver.receive(retry.getBody().toByteArray(),
          retry.getHeaders()::get);
      assertThat(second).as("handled again after forget").isPresent();
      assertThat(second.get().event().failed()).isTrue();
      assertThat(second.get().event().generation().status()).isEqualTo("failed");
      assertThat(receiver.receive(retry.getBody().toByteArray(), retry.getHeaders()::get)).isEmpty();
      assertThat(app.takeRequest(200, TimeUnit.MILLISECONDS)).as("no retry after the 200").isNull();
    }
  }

  @Test
  void theFakesRefusalsBecomeTheDocumentedExceptions() {
    try (GptImage2Client noPlan = GptImage2TestWire.builder(fake.baseUrl(), fake.keyWithoutPlan()).build()) {
      assertThat(catchThrowableOfType(PermissionDeniedException.class, () -> noPlan.images().submit(lighthouse().build())))
          .hasMessage("[gptimage2] 403 plan_required: The API requires a Pro or Max plan");
    }
    assertThat(catchThrowableOfType(ContentPolicyException.class,
        () -> client.images().submit(ImageRequest.builder().prompt("something forbidden").build())))
        .hasMessage("[gptimage2] 422 content_policy: The prompt was blocked by the content policy");
    assertThat(catchThrowableOfType(BadRequestException.class,
        () -> client.images().submit(lighthouse().extraBody("type", "upscale").build())).vendorMessage())
        .isEqualTo("type: Invalid enum value. Expected 'text2img' | 'edit', received 'upscale'");
    fake.balance(BigDecimal.ONE);
    assertThat(catchThrowableOfType(PaymentRequiredException.class, () -> client.images().submit(lighthouse().build())))
        .hasMessageContaining("Not enough credits or monthly compute limit reached");
    assertThat(fake.journal().charges()).isEmpty();
  }

  @Test
  void everyAnswerShowsTheRateLimitAndTheHourlyLimitIsARateLimitException() {
    fake.hourlyLimit(2);
    RawResponse<Operation<ImageResult>> first;
    RawResponse<GptImage2Generation> second;
    RateLimitException e;
    try (GptImage2Client once = GptImage2TestWire.builder(fake.baseUrl(), fake.apiKey()).maxRetries(0).build()) {
      first = once.images().withRawResponse().submit(lighthouse().build());
      second = once.images().withRawResponse().generation(first.body().id());
      e = catchThrowableOfType(RateLimitException.class, () -> once.images().generation(first.body().id()));
    }

    assertThat(first.rateLimit().limitValue()).hasValue(2);
    assertThat(first.rateLimit().remainingValue()).hasValue(1);
    assertThat(second.rateLimit().remainingValue()).hasValue(0);
    assertThat(second.rateLimit().resetTime()).isPresent();
    assertThat(e.getMessage()).startsWith("[gptimage2] 429 rate_limited: Hourly limit of 2 requests reached — not"
        + " retried: ");
    assertThat(e.rateLimit().limitValue()).hasValue(2);
    assertThat(e.rateLimit().remainingValue()).hasValue(0);
    assertThat(e.rateLimit().resetTime()).isPresent();
    assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(1), Duration.ofHours(1)));
  }
}
