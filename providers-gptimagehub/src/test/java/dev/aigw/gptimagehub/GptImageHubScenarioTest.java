package dev.aigw.gptimagehub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aigw.core.AiClient;
import dev.aigw.core.AiClients;
import dev.aigw.core.ClientOptions;
import dev.aigw.core.error.ApiException;
import dev.aigw.core.error.AuthenticationException;
import dev.aigw.core.error.BadRequestException;
import dev.aigw.core.error.ConnectionException;
import dev.aigw.core.error.NotFoundException;
import dev.aigw.core.error.OperationFailedException;
import dev.aigw.core.error.PaymentRequiredException;
import dev.aigw.core.error.ServerException;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.http.RetryPolicy;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.image.Quality;
import dev.aigw.core.model.ModelInfo;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.operation.OperationStatus;
import dev.aigw.core.operation.PollingStrategy;
import dev.aigw.testkit.FakeGptImageHub;
import dev.aigw.testkit.Journal;
import dev.aigw.testkit.TestMedia;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * GPTImageHub end to end through the SDK against {@link FakeGptImageHub}: synchronous and queued
 * generations saved as PNGs, a real reference file uploaded, credits charged at the model's price
 * and refunded when a generation fails, every documented error code, and the checks that stop a
 * request before it is sent.
 */
@Timeout(30)
class GptImageHubScenarioTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final String GENERATIONS = "/api/v1/images/generations";

  @TempDir Path dir;

  private FakeGptImageHub fake;
  private GptImageHubClient client;

  @BeforeEach
  void start() {
    fake = FakeGptImageHub.start();
    client = clientWith(fake.apiKey(), 2);
  }

  @AfterEach
  void stop() {
    client.close();
    fake.close();
  }

  private GptImageHubClient clientWith(String key, int retries) {
    return builder(key, retries).build();
  }

  private GptImageHubClient.Builder builder(String key, int retries) {
    return GptImageHubClient.builder().baseUrl(fake.baseUrl()).apiKey(key)
        .retryPolicy(new RetryPolicy(retries, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(5)))
        .polling(new PollingStrategy(Duration.ofMillis(5), 1.0, Duration.ofMillis(10), 3, WAIT));
  }

  /** The doc's JSON example. */
  private static ImageRequest perfume() {
    return ImageRequest.builder().model("gpt-image-2")
        .prompt("A cinematic product photo of a transparent perfume bottle on black marble")
        .size(1024, 1024).quality(Quality.HIGH).n(1).build();
  }

  private static BufferedImage decode(Path file) throws IOException {
    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image).as("%s decodes as an image", file).isNotNull();
    return image;
  }

  private static BigDecimal credits(String value) {
    return new BigDecimal(value);
  }

  // ----- generating -----

  @Test
  void aSyncGenerationChargesTheModelsPriceAndIsSavedAsAPng() throws IOException {
    GptImageHubGeneration g = client.images().generateSync(perfume());

    assertThat(g.operationStatus()).isEqualTo(OperationStatus.SUCCEEDED);
    assertThat(g.credits()).isEqualByComparingTo("8");
    // as in the doc's example: 120 credits, one gpt-image-2 image, 112 left
    assertThat(g.balance().credits()).isEqualByComparingTo("112");
    assertThat(g.balance().accountType()).isEqualTo("PRO");
    assertThat(g.aspectRatio()).isEqualTo("1:1");
    assertThat(g.quality()).isEqualTo("1K");
    Path saved = g.first().saveTo(dir.resolve("out/perfume.png"));
    assertThat(Files.readAllBytes(saved)).startsWith(0x89, 'P', 'N', 'G');
    assertThat(decode(saved).getWidth()).isEqualTo(64);

    assertThat(fake.balance()).isEqualByComparingTo("112");
    assertThat(client.credits().balance().credits()).isEqualByComparingTo("112");
    assertThat(fake.journal().charges()).extracting(Journal.Charge::amount).containsExactly(credits("8"));
    assertThat(fake.journal().requests("POST", GENERATIONS)).hasSize(1);
    assertThat(fake.journal().requests("POST", GENERATIONS).get(0).status()).isEqualTo(200);
    Journal.Entry download = fake.journal().requests().stream().filter(e -> e.path().startsWith("/files/"))
        .findFirst().orElseThrow();
    assertThat(download.headers()).doesNotContainKey("authorization");
  }

  @Test
  void aQueuedGenerationIsPolledToSuccessAndSavedAsPngs() throws IOException {
    List<OperationStatus> seen = new CopyOnWriteArrayList<>();
    Operation<ImageResult> job = client.images().submit(perfume().toBuilder().n(2).build());
    assertThat(job.status()).isEqualTo(OperationStatus.QUEUED);
    assertThat(fake.journal().requests("POST", GENERATIONS).get(0).status()).isEqualTo(202);
    // charged at submission, by the model's price for each image
    assertThat(fake.balance()).isEqualByComparingTo("104");

    ImageResult result = job.onUpdate(s -> seen.add(s.status())).waitForCompletion(WAIT);

    assertThat(seen).containsExactly(OperationStatus.RUNNING, OperationStatus.SUCCEEDED);
    assertThat(result.id()).isEqualTo(job.id());
    assertThat(result.costAmount()).isEqualByComparingTo("16");
    assertThat(result.images()).hasSize(2);
    for (int i = 0; i < 2; i++) {
      Path saved = result.images().get(i).saveTo(dir.resolve("queued-" + i + ".png"));
      assertThat(decode(saved).getHeight()).isEqualTo(64);
    }
    assertThat(fake.journal().requests("GET", "/api/v1/generations/" + job.id())).hasSize(2);
    assertThat(fake.journal().charges()).extracting(Journal.Charge::amount).containsExactly(credits("16"));
  }

  @Test
  void queueShowsTheCreditsRequestedAndFollowGivesTheFinalLog() {
    GptImageHubGeneration queued = client.images().queue(perfume());
    assertThat(queued.creditsRequested()).isEqualByComparingTo("8");
    assertThat(queued.credits()).isEqualByComparingTo("0");
    assertThat(queued.pollUrl()).isEqualTo(fake.baseUrl() + "/api/v1/generations/" + queued.id());

    GptImageHubGeneration done = client.images().follow(queued).waitForCompletion(WAIT);
    assertThat(done.credits()).isEqualByComparingTo("8");
    assertThat(done.images()).hasSize(1);
    assertThat(client.images().retrieve(queued.id()).operationStatus()).isEqualTo(OperationStatus.SUCCEEDED);
  }

  @Test
  void aGenerationCanBeResumedByAnotherClientFromItsId() {
    String id = client.images().submit(perfume()).id();
    try (GptImageHubClient later = clientWith(fake.apiKey(), 2)) {
      assertThat(later.images().resume(id).waitForCompletion(WAIT).images()).hasSize(1);
    }
  }

  @Test
  void creditsGoDownByTheChosenModelsPrice() {
    fake.addModel("gpt-image-2-mini", credits("2.5"), 4);
    BigDecimal before = client.credits().balance().credits();
    GptImageHubModel mini = client.models().catalog().stream()
        .filter(m -> m.id().equals("gpt-image-2-mini")).findFirst().orElseThrow();

    GptImageHubGeneration g = client.images().generateSync(ImageRequest.builder().model("gpt-image-2-mini")
        .prompt("A tiny house").n(3).build());

    BigDecimal price = mini.creditsPerImage().multiply(BigDecimal.valueOf(3));
    assertThat(price).isEqualByComparingTo("7.5");
    assertThat(g.credits()).isEqualByComparingTo(price);
    assertThat(client.credits().balance().credits()).isEqualByComparingTo(before.subtract(price));
    assertThat(g.images()).hasSize(3);
  }

  // ----- reference images -----

  @Test
  void aRealReferenceFileIsUploadedByteForByte() throws IOException {
    byte[] png = TestMedia.png(48, 32, 5);
    Path reference = Files.write(dir.resolve("reference.png"), png);
    byte[] jpeg = TestMedia.jpeg(20, 20, 6);
    Path photo = Files.write(dir.resolve("photo.jpg"), jpeg);

    GptImageHubGeneration g = client.images().generateSync(ImageRequest.builder()
        .prompt("Use the reference image and render it as a premium studio product shot")
        .size(1024, 1024).quality(Quality.HIGH).referenceFile(reference).referenceFile(photo).build());

    assertThat(g.images()).hasSize(1);
    List<FakeGptImageHub.Upload> uploads = fake.uploads();
    assertThat(uploads).hasSize(2);
    assertThat(uploads.get(0).generationId()).isEqualTo(g.id());
    assertThat(uploads.get(0).filename()).isEqualTo("reference.png");
    assertThat(uploads.get(0).contentType()).isEqualTo("image/png");
    assertThat(uploads.get(0).bytes()).isEqualTo(png);
    assertThat(uploads.get(1).filename()).isEqualTo("photo.jpg");
    assertThat(uploads.get(1).contentType()).isEqualTo("image/jpeg");
    assertThat(uploads.get(1).bytes()).isEqualTo(jpeg);
    // the model list (no key) was read first, for the reference limit
    Journal.Entry models = fake.journal().requests().get(0);
    assertThat(models.path()).isEqualTo("/api/v1/models");
    assertThat(models.headers()).doesNotContainKey("authorization");
    assertThat(fake.journal().requests("POST", GENERATIONS).get(0).headers().get("content-type"))
        .startsWith("multipart/form-data; boundary=");
  }

  @Test
  void aTooLargeReferenceIsRefusedBeforeAnythingIsSent() throws IOException {
    Path big = dir.resolve("huge.png");
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.write(TestMedia.png(4, 4, 1));
      f.setLength(50L * 1024 * 1024 + 1);
    }

    ValidationException e = catchThrowableOfType(ValidationException.class,
        () -> client.images().submit(perfume().toBuilder().referenceFile(big).build()));

    assertThat(e.field()).isEqualTo("references");
    assertThat(e).hasMessageContaining("gptimagehub").hasMessageContaining("50 MiB");
    assertThat(fake.journal().requests()).isEmpty();
    assertThat(fake.journal().charges()).isEmpty();
    assertThat(fake.uploads()).isEmpty();
  }

  @Test
  void tooManyReferencesAreRefusedBeforeAnyRequestAtAll() {
    ImageRequest.Builder request = perfume().toBuilder();
    for (int i = 0; i < FakeGptImageHub.DEFAULT_REFERENCE_IMAGE_LIMIT + 1; i++) {
      request.reference(dev.aigw.core.media.MediaInput.bytes(TestMedia.png(4, 4, i), "ref" + i + ".png"));
    }

    ValidationException e = catchThrowableOfType(ValidationException.class,
        () -> client.images().submit(request.build()));

    assertThat(e.vendor()).isEqualTo("gptimagehub");
    assertThat(e.field()).isEqualTo("references");
    assertThat(e).hasMessageContaining("at most 16 reference images").hasMessageContaining("was given 17");
    assertThat(fake.journal().requests()).as("not even GET /api/v1/models").isEmpty();
    assertThat(fake.journal().charges()).isEmpty();
    assertThat(fake.uploads()).isEmpty();
  }

  @Test
  void moreReferencesThanTheModelTakesAreRefusedBeforeTheGenerationIsSent() throws IOException {
    fake.referenceImageLimit("gpt-image-2", 1);
    Path a = Files.write(dir.resolve("a.png"), TestMedia.png(8, 8, 1));
    Path b = Files.write(dir.resolve("b.png"), TestMedia.png(8, 8, 2));

    assertThatThrownBy(() -> client.images().generateSync(perfume().toBuilder().referenceFile(a).referenceFile(b).build()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("gpt-image-2 takes at most 1 reference images");

    assertThat(fake.journal().requests()).extracting(Journal.Entry::path).containsExactly("/api/v1/models");
    assertThat(fake.journal().charges()).isEmpty();
  }

  // ----- failures and refunds -----

  @Test
  void aFailedSyncGenerationIsRefundedAndIsGenerationFailed() {
    fake.tasks().failNext("Upstream provider refused the prompt");
    try (GptImageHubClient once = clientWith(fake.apiKey(), 0)) {
      ServerException e = catchThrowableOfType(ServerException.class, () -> once.images().generateSync(perfume()));
      assertThat(e.status()).isEqualTo(500);
      assertThat(e.code()).isEqualTo("generationFailed");
      assertThat(e.vendorMessage()).isEqualTo("Upstream provider refused the prompt");
    }
    assertThat(fake.journal().charges()).extracting(Journal.Charge::amount).containsExactly(credits("8"), credits("-8"));
    assertThat(fake.journal().netCharged()).isEqualByComparingTo("0");
    assertThat(fake.balance()).isEqualByComparingTo(FakeGptImageHub.STARTING_BALANCE);
  }

  @Test
  void aFailedQueuedGenerationIsRefundedAndEndsWithGenerationFailed() {
    fake.tasks().failNext("No image came back");
    Operation<ImageResult> job = client.images().submit(perfume());
    assertThat(fake.balance()).isEqualByComparingTo("112");

    OperationFailedException e = catchThrowableOfType(OperationFailedException.class, () -> job.waitForCompletion(WAIT));

    assertThat(e.code()).isEqualTo("generationFailed");
    assertThat(e.reason()).isEqualTo("No image came back");
    assertThat(e.operationId()).isEqualTo(job.id());
    assertThat(fake.balance()).isEqualByComparingTo("120");
    assertThat(fake.journal().charges()).extracting(Journal.Charge::amount).containsExactly(credits("8"), credits("-8"));
    assertThat(client.images().retrieve(job.id()).credits()).isEqualByComparingTo("0");
  }

  /** A refunded failure may be retried: it never costs twice (charge, refund, charge). */
  @Test
  void aGenerationFailedIsRetriedAndChargedOnlyOnce() {
    fake.tasks().failNext("transient");
    GptImageHubGeneration g = client.images().generateSync(perfume());

    assertThat(g.operationStatus()).isEqualTo(OperationStatus.SUCCEEDED);
    assertThat(fake.journal().requests("POST", GENERATIONS)).extracting(Journal.Entry::status).containsExactly(500, 200);
    assertThat(fake.journal().charges()).extracting(Journal.Charge::amount)
        .containsExactly(credits("8"), credits("-8"), credits("8"));
    assertThat(fake.journal().netCharged()).isEqualByComparingTo("8");
  }

  /** The work was done and charged but the answer was lost: not retried, so not charged twice. */
  @Test
  void aLostAnswerIsNotRetried() {
    fake.faults().dropNextConnectionAfterHandling(GENERATIONS);
    assertThatThrownBy(() -> client.images().generateSync(perfume())).isInstanceOf(ConnectionException.class);
    assertThat(fake.journal().requests("POST", GENERATIONS)).hasSize(1);
    assertThat(fake.journal().chargesOnly()).hasSize(1);
  }

  // ----- each documented error code -----

  @Test
  void invalidRequest() {
    BadRequestException e = catchThrowableOfType(BadRequestException.class, () -> client.images().generateSync(
        ImageRequest.builder().prompt("x").extraBody("size", "enormous").build()));
    assertThat(e.code()).isEqualTo("invalid_request");
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.vendorMessage()).isEqualTo("size must be auto or WIDTHxHEIGHT");
    assertThat(fake.journal().charges()).isEmpty();
  }

  @Test
  void missingApiKey() {
    // a proxy that strips the Authorization header
    OkHttpClient stripping = new OkHttpClient.Builder().addInterceptor(chain ->
        chain.proceed(chain.request().newBuilder().removeHeader("Authorization").build())).build();
    try (GptImageHubClient stripped = builder(fake.apiKey(), 0).httpClient(stripping).build()) {
      AuthenticationException e = catchThrowableOfType(AuthenticationException.class, () -> stripped.credits().balance());
      assertThat(e.code()).isEqualTo("missingApiKey");
      assertThat(e.status()).isEqualTo(401);
    }
  }

  @Test
  void invalidApiKeyForAnUnknownOrRevokedKey() {
    String revoked = fake.newKey();
    fake.deactivate(revoked);
    for (String key : new String[] {"gih_live_unknown0000000000000000", revoked}) {
      try (GptImageHubClient c = clientWith(key, 0)) {
        AuthenticationException e = catchThrowableOfType(AuthenticationException.class, () -> c.credits().balance());
        assertThat(e.code()).isEqualTo("invalidApiKey");
        assertThat(e.getMessage()).doesNotContain(key);
      }
    }
  }

  @Test
  void expiredApiKey() {
    String old = fake.newKey();
    fake.expire(old);
    try (GptImageHubClient c = clientWith(old, 0)) {
      AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
          () -> c.images().generateSync(perfume()));
      assertThat(e.code()).isEqualTo("expiredApiKey");
      assertThat(e.vendorMessage()).isEqualTo("API key has expired");
    }
    assertThat(fake.journal().charges()).isEmpty();
  }

  @Test
  void insufficientCredits() {
    fake.balance(credits("7"));
    PaymentRequiredException e = catchThrowableOfType(PaymentRequiredException.class,
        () -> client.images().submit(perfume()));
    assertThat(e.code()).isEqualTo("insufficientCredits");
    assertThat(e.status()).isEqualTo(402);
    assertThat(fake.journal().charges()).isEmpty();
    assertThat(fake.balance()).isEqualByComparingTo("7");
  }

  @Test
  void notFoundForAnUnknownGenerationAndForAnotherKeysOne() {
    NotFoundException unknown = catchThrowableOfType(NotFoundException.class,
        () -> client.images().retrieve("no-such-generation"));
    assertThat(unknown.code()).isEqualTo("notFound");

    String mine = client.images().queue(perfume()).id();
    try (GptImageHubClient other = clientWith(fake.newKey(), 0)) {
      NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> other.images().retrieve(mine));
      assertThat(e.code()).isEqualTo("notFound");
    }
  }

  @Test
  void generationFailedIsAServerErrorWithItsCode() {
    fake.tasks().failNext("boom").failNext("boom").failNext("boom");
    ApiException e = catchThrowableOfType(ServerException.class, () -> client.images().generateSync(perfume()));
    assertThat(e.code()).isEqualTo("generationFailed");
    assertThat(fake.journal().requests("POST", GENERATIONS)).hasSize(3); // retried twice, refunded each time
    assertThat(fake.journal().netCharged()).isEqualByComparingTo("0");
  }

  // ----- models and the neutral API -----

  @Test
  void theModelListNeedsNoKeyAndDescribesTheModel() {
    List<GptImageHubModel> catalog = client.models().catalog();
    assertThat(catalog).hasSize(1);
    GptImageHubModel m = catalog.get(0);
    assertThat(m.id()).isEqualTo("gpt-image-2");
    assertThat(m.provider()).isEqualTo("openai");
    assertThat(m.qualities()).containsExactly("auto", "low", "medium", "high");
    assertThat(m.aspectRatios()).contains("1:1", "16:9");
    assertThat(m.referenceImageLimit()).isEqualTo(FakeGptImageHub.DEFAULT_REFERENCE_IMAGE_LIMIT);
    assertThat(m.creditsPerImage()).isEqualByComparingTo(FakeGptImageHub.GPT_IMAGE_2_PRICE);
    assertThat(fake.journal().requests("GET", "/api/v1/models").get(0).headers()).doesNotContainKey("authorization");
  }

  @Test
  void theNeutralApiWorksThroughAiClients() throws IOException {
    try (AiClient any = AiClients.create("gptimagehub", ClientOptions.builder().apiKey(fake.apiKey())
        .baseUrl(fake.baseUrl()).polling(PollingStrategy.fixed(Duration.ofMillis(5), WAIT)).build())) {
      assertThat(any.models().list()).extracting(ModelInfo::id).containsExactly("gpt-image-2");
      ImageResult result = any.images().generate(ImageRequest.builder().prompt("A lighthouse at dusk").build(), WAIT);
      assertThat(result.costAmount()).isEqualByComparingTo("8");
      assertThat(decode(result.first().saveTo(dir.resolve("lighthouse.png"))).getWidth()).isEqualTo(64);
    }
    // the neutral API queues: no connection is held while the image is drawn
    assertThat(fake.journal().requests("POST", GENERATIONS).get(0).body()).contains("\"async\":true");
  }
}
