package dev.aigw.icodeeasy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aigw.core.AiClient;
import dev.aigw.core.AiClients;
import dev.aigw.core.ClientOptions;
import dev.aigw.core.cost.Cost;
import dev.aigw.core.cost.CostUnit;
import dev.aigw.core.error.ApiException;
import dev.aigw.core.error.AuthenticationException;
import dev.aigw.core.error.BadRequestException;
import dev.aigw.core.error.ConnectionException;
import dev.aigw.core.error.OperationFailedException;
import dev.aigw.core.error.PaymentRequiredException;
import dev.aigw.core.error.RateLimitException;
import dev.aigw.core.error.ServerException;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.http.RetryPolicy;
import dev.aigw.core.image.AspectRatio;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.image.Quality;
import dev.aigw.core.image.Resolution;
import dev.aigw.core.media.DataUrl;
import dev.aigw.core.media.MediaInput;
import dev.aigw.core.model.Modality;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.operation.OperationStatus;
import dev.aigw.core.operation.PollingStrategy;
import dev.aigw.core.spi.Json;
import dev.aigw.icodeeasy.ICodeEasyImageOptions.LocalReferences;
import dev.aigw.testkit.FakeICodeEasy;
import dev.aigw.testkit.Journal;
import dev.aigw.testkit.TestMedia;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * icodeeasy end to end through the SDK against {@link FakeICodeEasy}: what a user sees for
 * text-to-image (sync and async) saved as PNGs, image-to-image from a local file and from mixed
 * references, the 302 download, each error type, every pre-send check, and retries that charge
 * once.
 */
@Timeout(30)
class ICodeEasyScenarioTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  @TempDir Path dir;

  private FakeICodeEasy fake;
  private ICodeEasyClient client;

  @BeforeEach
  void start() {
    fake = FakeICodeEasy.start();
    client = clientWith(fake.apiKey());
  }

  @AfterEach
  void stop() {
    client.close();
    fake.close();
  }

  private ICodeEasyClient clientWith(String key) {
    return ICodeEasyClient.builder().baseUrl(fake.baseUrl()).apiKey(key)
        .retryPolicy(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(5)))
        .polling(new PollingStrategy(Duration.ofMillis(5), 1.0, Duration.ofMillis(10), 3, Duration.ofSeconds(5)))
        .build();
  }

  private static ImageRequest.Builder cat() {
    return ImageRequest.builder().prompt("an orange cat sitting on a windowsill watching the sunset, watercolor style");
  }

  private static BufferedImage decode(Path file) throws IOException {
    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image).as("%s decodes as an image", file).isNotNull();
    return image;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> jsonOf(Journal.Entry entry) {
    return (Map<String, Object>) Json.tryParseTree(entry.body());
  }

  private List<Journal.Entry> posts() {
    return fake.journal().requests().stream().filter(e -> e.method().equals("POST")).toList();
  }

  // ----- text-to-image -----

  @Test
  void textToImageSyncIsSavedAsAPngThatDecodes() throws IOException {
    ImageResult result = client.images().generateSync(cat().aspectRatio(16, 9).resolution(Resolution.K2).build());

    assertThat(result.images()).hasSize(1);
    assertThat(result.cost()).isNull();
    BufferedImage image = decode(result.first().saveTo(dir.resolve("out/sync.png")));
    assertThat(image.getWidth()).isEqualTo(128);
    assertThat(image.getHeight()).isEqualTo(72);
    Journal.Entry post = posts().get(0);
    assertThat(post.path()).isEqualTo("/v1/images/generations");
    assertThat(post.query()).isNull();
    assertThat(jsonOf(post)).isEqualTo(Map.of("model", "gpt-image-2", "prompt", cat().build().prompt(),
        "size", "16:9", "resolution", "2k"));
    assertThat(fake.journal().chargesOnly()).extracting(Journal.Charge::amount).containsExactly(FakeICodeEasy.MEDIUM_PRICE);
  }

  @Test
  void textToImageAsyncIsPolledToCompletionWithItsExactCostAndSavedAsPngs() throws IOException {
    List<OperationStatus> seen = new CopyOnWriteArrayList<>();
    Operation<ImageResult> job = client.images().submit(cat().n(2).quality(Quality.HIGH).size(1536, 1024).build());
    assertThat(job.status()).isEqualTo(OperationStatus.QUEUED);
    assertThat(fake.journal().charges()).as("nothing charged before the images exist").isEmpty();

    ImageResult result = job.onUpdate(s -> seen.add(s.status())).waitForCompletion(WAIT);

    assertThat(seen).containsExactly(OperationStatus.QUEUED, OperationStatus.SUCCEEDED);
    assertThat(job.snapshot().vendorStatus()).isEqualTo("completed");
    assertThat(result.id()).isEqualTo(job.id());
    assertThat(result.cost()).isEqualTo(Cost.of("0.8", CostUnit.CNY));
    assertThat(fake.journal().netCharged()).isEqualByComparingTo(result.costAmount());
    assertThat(result.images()).hasSize(2);
    for (int i = 0; i < 2; i++) {
      BufferedImage image = decode(result.images().get(i).saveTo(dir.resolve("async-" + i + ".png")));
      assertThat(image.getWidth()).isEqualTo(64);
      assertThat(image.getHeight()).isEqualTo(43);
    }
    assertThat(posts().get(0).query()).isEqualTo("async=1");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(FakeICodeEasy.TaskResults.class)
  void aTaskOfTwoImagesYieldsBothImagesWhateverFormTheAnswerTakes(FakeICodeEasy.TaskResults form) throws IOException {
    fake.taskResults(form);
    ImageResult result = client.images().submit(cat().n(2).build()).waitForCompletion(WAIT);

    assertThat(result.cost()).as("charged for two").isEqualTo(new Cost(new BigDecimal("0.4"), CostUnit.CNY));
    assertThat(fake.journal().netCharged()).isEqualByComparingTo(result.costAmount());
    assertThat(result.images()).hasSize(2);
    assertThat(result.images()).extracting(i -> i.url()).doesNotHaveDuplicates();
    for (int i = 0; i < 2; i++) {
      assertThat(result.images().get(i).url()).endsWith("-" + (i + 1) + ".png");
      assertThat(decode(result.images().get(i).saveTo(dir.resolve(form + "-" + i + ".png"))).getWidth()).isEqualTo(64);
    }
  }

  @Test
  void theNeutralApiThroughAiClientsRunsAsynchronously() throws IOException {
    try (AiClient any = AiClients.create("icodeeasy", ClientOptions.builder().apiKey(fake.apiKey())
        .baseUrl(fake.baseUrl()).polling(PollingStrategy.fixed(Duration.ofMillis(5), WAIT)).build())) {
      ImageResult result = any.images().generate(cat().quality(Quality.LOW).build());
      assertThat(result.cost()).isEqualTo(Cost.of("0.1", CostUnit.CNY));
      assertThat(decode(result.first().saveTo(dir.resolve("neutral.png"))).getWidth()).isEqualTo(64);
    }
    assertThat(fake.journal().requests("GET", "/v1/images/tasks/" + fake.journal().chargesOnly().get(0).reference()))
        .hasSize(2);
  }

  @Test
  void aTaskCanBeResumedFromItsIdAlone() {
    fake.tasks().pollsToFinish(3);
    String id = client.images().submit(cat().build()).id();

    try (ICodeEasyClient later = clientWith(fake.apiKey())) {
      ImageResult result = later.images().resume(id).waitForCompletion(WAIT);
      assertThat(result.id()).isEqualTo(id);
      assertThat(result.cost()).isEqualTo(Cost.of("0.2", CostUnit.CNY));
    }
  }

  @Test
  void aFailedTaskIsAnOperationFailureAndIsNotCharged() {
    fake.tasks().failNext("upstream generation failed");

    OperationFailedException e = catchThrowableOfType(OperationFailedException.class,
        () -> client.images().generate(cat().build(), WAIT));

    assertThat(e.code()).isEqualTo("server_error");
    assertThat(e.reason()).isEqualTo("upstream generation failed");
    assertThat(fake.journal().charges()).isEmpty();
  }

  // ----- image-to-image -----

  @Test
  void imageToImageFromALocalFileUploadsItAsMultipart() throws IOException {
    byte[] photo = TestMedia.png(20, 10, 7);
    Path file = Files.write(dir.resolve("photo.png"), photo);

    ImageResult result = client.images().generate(cat().prompt("make this person 70 years old").size(1536, 1024)
        .referenceFile(file).build(), WAIT);

    assertThat(decode(result.first().saveTo(dir.resolve("old.png"))).getWidth()).isEqualTo(64);
    assertThat(fake.lastReferences()).hasSize(1);
    FakeICodeEasy.Reference received = fake.lastReferences().get(0);
    assertThat(received.bytes()).isEqualTo(photo);
    assertThat(received.filename()).isEqualTo("photo.png");
    assertThat(received.contentType()).isEqualTo("image/png");
    Journal.Entry post = posts().get(0);
    assertThat(post.path()).isEqualTo("/v1/images/edits");
    assertThat(post.headers().get("content-type")).startsWith("multipart/form-data; boundary=");
  }

  @Test
  void imageToImageFromMixedUrlAndDataUrlReferences() {
    byte[] inline = TestMedia.jpeg(6, 6, 2);
    ImageResult result = client.images().generateSync(cat().prompt("merge these two photos into a poster")
        .aspectRatio(4, 3).resolution(Resolution.K2).referenceUrl("https://example.com/photo-a.jpg")
        .referenceUrl(DataUrl.encode("image/jpeg", inline)).build());

    assertThat(result.images()).hasSize(1);
    assertThat(fake.lastReferences()).hasSize(2);
    assertThat(fake.lastReferences().get(0).url()).isEqualTo("https://example.com/photo-a.jpg");
    assertThat(fake.lastReferences().get(1).bytes()).isEqualTo(inline);
    assertThat(fake.lastReferences().get(1).contentType()).isEqualTo("image/jpeg");
    assertThat(jsonOf(posts().get(0))).containsEntry("size", "4:3");
  }

  @Test
  void aLocalFileBesideAUrlGoesInlineWhenTheCallerPicksJson() throws IOException {
    byte[] photo = TestMedia.png(5, 5, 9);
    Path file = Files.write(dir.resolve("b.png"), photo);

    client.images().generateSync(cat().referenceUrl("https://example.com/a.png").referenceFile(file)
        .vendorOption(ICodeEasyImageOptions.localReferences(LocalReferences.JSON_DATA_URLS)).build());

    assertThat(fake.lastReferences()).extracting(FakeICodeEasy.Reference::url).containsExactly("https://example.com/a.png", null);
    assertThat(fake.lastReferences().get(1).bytes()).isEqualTo(photo);
    assertThat(posts().get(0).headers().get("content-type")).startsWith("application/json");
  }

  // ----- downloads -----

  @Test
  void theResultUrl302sToTheFileHostAndTheKeyReachesNeither() throws IOException {
    ImageResult result;
    Path saved;
    GeneratedImageCheck forced;
    try (ICodeEasyWire.LogCapture logs = new ICodeEasyWire.LogCapture()) {
      result = client.images().generate(cat().build(), WAIT);
      saved = result.first().saveTo(dir.resolve("cat.png"));
      forced = new GeneratedImageCheck(client.images().forceDownload(result.first()).url(),
          client.images().forceDownload(result.first()).bytes());
      String url = result.first().url();
      assertThat(logs.lines()).isNotEmpty().allSatisfy(line -> assertThat(line).doesNotContain(url)
          .doesNotContain("/v1/images/files/").doesNotContain("/cdn/").doesNotContain(fake.apiKey()));
    }
    assertThat(decode(saved).getWidth()).isEqualTo(64);
    assertThat(forced.url()).endsWith("?download=1");
    assertThat(forced.bytes()).isEqualTo(Files.readAllBytes(saved));

    List<Journal.Entry> files = fake.journal().requests().stream()
        .filter(e -> e.path().startsWith("/v1/images/files/") || e.path().startsWith("/cdn/")).toList();
    assertThat(files).extracting(Journal.Entry::status).containsExactly(302, 200, 302, 200);
    // the file was served by the second server, the file host
    assertThat(files.get(1).headers().get("host")).endsWith(":" + okhttp3.HttpUrl.parse(fake.fileHostUrl()).port());
    assertThat(files.get(0).headers().get("host")).endsWith(":" + okhttp3.HttpUrl.parse(fake.baseUrl()).port());
    assertThat(files.get(3).query()).isEqualTo("download=1");
    assertThat(files).allSatisfy(e -> assertThat(e.headers()).doesNotContainKey("authorization"));
    // the API calls, by contrast, did carry it
    assertThat(posts().get(0).headers()).containsKey("authorization");
  }

  private record GeneratedImageCheck(String url, byte[] bytes) {}

  // ----- errors -----

  @Test
  void aModelIcodeeasyDoesNotOfferIsRefusedBeforeSending() {
    assertThatThrownBy(() -> client.images().submit(cat().model("dall-e-3").build()))
        .isInstanceOf(ValidationException.class)
        .hasMessage("icodeeasy: model: icodeeasy offers these image models: gpt-image-2; was dall-e-3");
    assertThat(posts()).isEmpty();
  }

  @Test
  void aBadParameterTheSdkPassesOnIsABadRequestWithTheServersMessage() {
    ICodeEasyClient permissive = ICodeEasyClient.builder().baseUrl(fake.baseUrl()).apiKey(fake.apiKey())
        .extraModels(Modality.IMAGE, "dall-e-3").build();
    BadRequestException e = catchThrowableOfType(BadRequestException.class,
        () -> permissive.images().submit(cat().model("dall-e-3").build()));

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.type()).isEqualTo("invalid_request_error");
    assertThat(e.vendorMessage()).isEqualTo("model must be gpt-image-2, got dall-e-3");
    assertThat(posts()).hasSize(1);
  }

  @Test
  void anUnknownKeyIsAnAuthenticationError() {
    String stranger = "sk_" + "0123456789abcdef0123456789abcdef";
    try (ICodeEasyClient other = clientWith(stranger)) {
      AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
          () -> other.images().generateSync(cat().build()));
      assertThat(e.type()).isEqualTo("authentication_error");
      assertThat(e.vendorMessage()).isEqualTo("Invalid API key");
      assertThat(e.getMessage()).doesNotContain(stranger);
    }
    assertThat(fake.journal().charges()).isEmpty();
  }

  @Test
  void aShortBalanceIsPaymentRequiredAndChargesNothing() {
    fake.balance(new BigDecimal("0.30"));

    PaymentRequiredException e = catchThrowableOfType(PaymentRequiredException.class,
        () -> client.images().submit(cat().n(2).build()));

    assertThat(e.status()).isEqualTo(402);
    assertThat(e.type()).isEqualTo("payment_required");
    assertThat(e.vendorMessage()).isEqualTo("Insufficient balance or monthly quota exhausted");
    assertThat(posts()).hasSize(1);
    assertThat(fake.balance()).isEqualByComparingTo("0.30");
  }

  @Test
  void aRateLimitIsRetriedThenSurfacesAsARateLimitException() {
    fake.faults().rateLimitNext(0).rateLimitNext(0).rateLimitNext(0);

    RateLimitException e = catchThrowableOfType(RateLimitException.class,
        () -> client.images().generateSync(cat().build()));

    assertThat(e.type()).isEqualTo("rate_limit_error");
    assertThat(e.vendorMessage()).isEqualTo("Too many requests");
    assertThat(posts()).hasSize(3);
    assertThat(fake.journal().charges()).isEmpty();
  }

  @Test
  void explicit5xxAnswersAreRetriedAndTheImageIsChargedOnce() {
    fake.faults().failNext(503).failNext(500);

    ImageResult result = client.images().generateSync(cat().build());

    assertThat(result.images()).hasSize(1);
    assertThat(posts()).extracting(Journal.Entry::status).containsExactly(503, 500, 200);
    assertThat(fake.journal().chargesOnly()).hasSize(1);
  }

  @Test
  void persistent5xxIsAServerExceptionWithTheServersMessage() {
    fake.faults().failNext(3, 502);

    ServerException e = catchThrowableOfType(ServerException.class, () -> client.images().submit(cat().build()));

    assertThat(e.type()).isEqualTo("server_error");
    assertThat(e.vendorMessage()).isEqualTo("Upstream server error");
    assertThat(posts()).hasSize(3);
  }

  /** Why a timed-out POST is not retried: the server made (and charged) the image anyway. */
  @Test
  void aSyncCallThatTimesOutIsNotRetriedBecauseTheWorkWasDone() {
    fake.faults().delayNext("/v1/images/generations", Duration.ofMillis(800));
    try (ICodeEasyClient impatient = ICodeEasyClient.builder().baseUrl(fake.baseUrl()).apiKey(fake.apiKey())
        .syncTimeout(Duration.ofMillis(200)).build()) {
      assertThatThrownBy(() -> impatient.images().generateSync(cat().build()))
          .isInstanceOf(ConnectionException.class).hasMessageContaining("timed out");
    }
    assertThat(posts()).hasSize(1);
    assertThat(fake.journal().chargesOnly()).hasSize(1);
  }

  // ----- pre-send checks -----

  @Test
  void everyPreSendCheckRefusesBeforeTheFakeSeesAnything() throws IOException {
    ImageRequest.Builder seventeen = cat();
    for (int i = 0; i < 17; i++) {
      seventeen.referenceUrl("https://example.com/" + i + ".png");
    }
    Path notes = Files.writeString(dir.resolve("notes.txt"), "not an image");
    Map<String, ImageRequest> refused = Map.of(
        "aspectRatio", cat().aspectRatio(AspectRatio.of(7, 5)).build(),
        "references", seventeen.build(),
        "references ", cat().referenceUrl("http://example.com/a.png").build(),
        "references  ", cat().referenceUrl("data:text/plain;base64,aGk=").build(),
        "references   ", cat().referenceFile(notes).build(),
        "quality", cat().extraBody("quality", "hd").build(),
        "resolution", cat().resolution(Resolution.K4).build(),
        "response_format", cat().extraBody("response_format", "b64_json").build(),
        "size", cat().extraBody("size", "7:5").build(),
        "seed", cat().seed(42).build());
    for (Map.Entry<String, ImageRequest> e : refused.entrySet()) {
      for (Consumer<ImageRequest> call : List.<Consumer<ImageRequest>>of(
          r -> client.images().generateSync(r), r -> client.images().submit(r))) {
        assertThatThrownBy(() -> call.accept(e.getValue()))
            .as(e.getKey())
            .isInstanceOfSatisfying(ValidationException.class, v -> assertThat(v.field()).isEqualTo(e.getKey().strip()))
            .hasMessageStartingWith("icodeeasy: " + e.getKey().strip() + ": ");
      }
    }
    assertThatThrownBy(() -> cat().referenceUrl("data:image/png;base64,@@@@"))
        .isInstanceOf(ValidationException.class).hasMessageContaining("not valid base64");
    assertThat(fake.journal().requests()).isEmpty();
    assertThat(fake.journal().charges()).isEmpty();
  }

  @Test
  void aBytesReferenceThatIsNotAnImageIsRefusedToo() {
    assertThatThrownBy(() -> client.images().submit(cat().reference(MediaInput.bytes(new byte[] {1, 2, 3}, "x.bin")).build()))
        .isInstanceOf(ValidationException.class)
        .hasMessage("icodeeasy: references: image bytes 'x.bin' is not a recognised image; accepted: GIF, JPEG, PNG, WEBP");
    assertThat(fake.journal().requests()).isEmpty();
  }

  @Test
  void errorsNeverCarryTheKey() {
    fake.faults().failNext(3, 500);
    ApiException e = catchThrowableOfType(ApiException.class, () -> client.images().generateSync(cat().build()));
    assertThat(e.getMessage()).doesNotContain(fake.apiKey());
    assertThat(e.details().body()).doesNotContain(fake.apiKey());
  }
}
