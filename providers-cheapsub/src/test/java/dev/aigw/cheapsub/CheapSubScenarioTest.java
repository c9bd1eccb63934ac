package dev.aigw.cheapsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aigw.cheapsub.legacy.ClaudeMessage;
import dev.aigw.cheapsub.legacy.ClaudeRequest;
import dev.aigw.cheapsub.legacy.ClaudeStreamEvent;
import dev.aigw.cheapsub.legacy.GeminiRequest;
import dev.aigw.cheapsub.legacy.GeminiResponse;
import dev.aigw.cheapsub.legacy.LegacyGenerationRequest;
import dev.aigw.cheapsub.legacy.LegacyTask;
import dev.aigw.core.AiClient;
import dev.aigw.core.AiClients;
import dev.aigw.core.Capability;
import dev.aigw.core.ClientOptions;
import dev.aigw.core.chat.ChatChunk;
import dev.aigw.core.chat.ChatRequest;
import dev.aigw.core.chat.ChatResponse;
import dev.aigw.core.chat.ChatStream;
import dev.aigw.core.chat.Usage;
import dev.aigw.core.cost.Cost;
import dev.aigw.core.cost.CostUnit;
import dev.aigw.core.error.AuthenticationException;
import dev.aigw.core.error.ConnectionException;
import dev.aigw.core.error.NotFoundException;
import dev.aigw.core.error.OperationFailedException;
import dev.aigw.core.error.OperationTimeoutException;
import dev.aigw.core.error.PaymentRequiredException;
import dev.aigw.core.error.RateLimitException;
import dev.aigw.core.error.ServerException;
import dev.aigw.core.error.StreamException;
import dev.aigw.core.error.UpstreamTimeoutException;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.http.RetryPolicy;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.image.Resolution;
import dev.aigw.core.media.GeneratedMedia;
import dev.aigw.core.media.MediaInput;
import dev.aigw.core.model.Modality;
import dev.aigw.core.model.ModelInfo;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.operation.OperationStatus;
import dev.aigw.core.operation.PollingStrategy;
import dev.aigw.core.spi.Json;
import dev.aigw.core.stream.EventStream;
import dev.aigw.core.video.VideoRequest;
import dev.aigw.core.video.VideoResult;
import dev.aigw.testkit.FakeCheapSub;
import dev.aigw.testkit.Journal;
import dev.aigw.testkit.TestMedia;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * CheapSub end to end through the SDK against {@link FakeCheapSub}: what a user sees for chat,
 * streams, images, videos, failures, auth errors, the never-charge-twice retry rule, resumption,
 * callbacks, models, the native endpoints and the neutral API.
 */
@Timeout(30) // a stream that never ends must fail the test, not stall the build
class CheapSubScenarioTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  @TempDir Path dir;

  private FakeCheapSub fake;
  private CheapSubClient client;

  @BeforeEach
  void start() {
    fake = FakeCheapSub.start();
    client = clientWith(fake.apiKey());
  }

  @AfterEach
  void stop() {
    client.close();
    fake.close();
  }

  private CheapSubClient clientWith(String key) {
    return CheapSubClient.builder().baseUrl(fake.baseUrl()).apiKey(key)
        .retryPolicy(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(5)))
        .polling(new PollingStrategy(Duration.ofMillis(5), 1.0, Duration.ofMillis(10), 3, Duration.ofSeconds(5)))
        .build();
  }

  private static ChatRequest question(String text) {
    return ChatRequest.builder().model("gemini-3-flash").system("You are a helpful assistant.").user(text).build();
  }

  private static ImageRequest cat() {
    return ImageRequest.builder().model("nano-banana-2").prompt("A cute cat on a windowsill watching the rain")
        .aspectRatio(16, 9).resolution(Resolution.K2).build();
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

  // ----- 1. chat -----

  @Test
  void chatAnswersWithTheReplyTextAndTokenUsage() {
    ChatResponse reply = client.chat().create(question("What is the capital of Korea?"));

    assertThat(reply.text()).isEqualTo("You said: What is the capital of Korea?");
    assertThat(reply.message().role().value()).isEqualTo("assistant");
    assertThat(reply.finishReason()).isEqualTo("stop");
    assertThat(reply.model()).isEqualTo("gemini-3-flash");
    // two messages read (8 tokens each in the fake), eight words written
    assertThat(reply.usage()).isEqualTo(new Usage(16, 8, 24));
    List<Journal.Entry> posts = fake.journal().requests("POST", "/api/v1/chat");
    assertThat(posts).hasSize(1);
    assertThat(posts.get(0).body()).contains("\"role\":\"system\"", "\"model\":\"gemini-3-flash\"");
    assertThat(posts.get(0).body()).doesNotContain("\"stream\"");
  }

  @Test
  void chatWithTemperatureOutOfRangeIsRefusedBeforeAnythingIsSent() {
    ChatRequest hot = question("hi").toBuilder().temperature(2.5).build();

    assertThatThrownBy(() -> client.chat().create(hot)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("temperature");
    assertThat(fake.journal().requests()).isEmpty();
  }

  // ----- 2. streaming -----

  @Test
  void streamDeliversTheReplyChunkByChunkInOrderAndJoinsToTheWholeReply() {
    fake.chatReply("Seoul is the capital of South Korea");
    String whole = client.chat().create(question("capital?")).text();

    List<String> pieces = new ArrayList<>();
    String finish = null;
    try (ChatStream stream = client.chat().stream(question("capital?"))) {
      for (ChatChunk chunk : stream) {
        pieces.add(chunk.text());
        if (chunk.finishReason() != null) {
          finish = chunk.finishReason();
        }
      }
      assertThat(stream.isClosed()).isTrue();
    }

    assertThat(pieces.stream().filter(p -> !p.isEmpty()).toList())
        .containsExactly("Seoul", " is", " the", " capital", " of", " South", " Korea");
    assertThat(String.join("", pieces)).isEqualTo(whole).isEqualTo("Seoul is the capital of South Korea");
    assertThat(finish).isEqualTo("stop");
    assertThat(fake.journal().requests("POST", "/api/v1/chat").get(1).body()).contains("\"stream\":true");
  }

  @Test
  void streamTextCollectsEveryChunk() {
    try (ChatStream stream = client.chat().stream(question("hello there"))) {
      assertThat(stream.text()).isEqualTo("You said: hello there");
    }
  }

  // ----- 3. images -----

  @Test
  void imageIsPolledToSuccessAndSavedAsAPngThatDecodes() throws IOException {
    List<OperationStatus> seen = new CopyOnWriteArrayList<>();
    Operation<ImageResult> job = client.images().submit(cat());
    assertThat(job.id()).isNotBlank();
    assertThat(job.status()).isEqualTo(OperationStatus.QUEUED);

    ImageResult result = job.onUpdate(s -> seen.add(s.status())).waitForCompletion(WAIT);

    assertThat(seen).containsExactly(OperationStatus.RUNNING, OperationStatus.SUCCEEDED);
    assertThat(job.snapshot().vendorStatus()).isEqualTo("success");
    assertThat(result.id()).isEqualTo(job.id());
    assertThat(result.cost()).isEqualTo(Cost.of("0.500000", CostUnit.KRW));
    assertThat(result.costAmount().toPlainString()).isEqualTo("0.500000");
    assertThat(result.images()).hasSize(1);
    assertThat(result.first().source()).isEqualTo(GeneratedMedia.Source.URL);

    Path saved = result.first().saveTo(dir.resolve("out/cat.png"));
    BufferedImage image = decode(saved);
    assertThat(image.getWidth()).isEqualTo(64);
    assertThat(image.getHeight()).isEqualTo(48);

    // what went on the wire is the documented body
    Map<String, Object> body = jsonOf(fake.journal().requests("POST", "/api/v1/image").get(0));
    assertThat(body).containsEntry("model", "nano-banana-2").containsEntry("aspect_ratio", "16:9")
        .containsEntry("image_size", "2k");
    // the download carries no API key
    Journal.Entry download = fake.journal().requests().stream().filter(e -> e.path().startsWith("/files/"))
        .findFirst().orElseThrow();
    assertThat(download.headers()).doesNotContainKey("authorization");
    assertThat(fake.journal().chargesOnly()).hasSize(1);
    assertThat(fake.balance()).isEqualByComparingTo("999.5");
  }

  @Test
  void imageRequestsTheVendorCannotExpressAreRefusedBeforeAnythingIsSent() {
    ImageRequest sizedOnWrongModel = ImageRequest.builder().model("nano-banana").prompt("x")
        .resolution(Resolution.K4).build();
    ImageRequest twoImages = ImageRequest.builder().model("nano-banana-2").prompt("x").n(2).build();

    assertThatThrownBy(() -> client.images().submit(sizedOnWrongModel)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("resolution");
    assertThatThrownBy(() -> client.images().submit(twoImages)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("n");
    assertThat(fake.journal().requests()).isEmpty();
    assertThat(fake.journal().charges()).isEmpty();
  }

  @Test
  void imageSubmitWithTooFewCreditsIsPaymentRequiredAndChargesNothing() {
    fake.balance(new BigDecimal("0.1"));

    PaymentRequiredException e = catchThrowableOfType(PaymentRequiredException.class,
        () -> client.images().submit(cat()));

    assertThat(e.status()).isEqualTo(402);
    assertThat(e.vendorMessage()).isEqualTo("Not enough credits");
    assertThat(fake.journal().charges()).isEmpty();
    assertThat(fake.balance()).isEqualByComparingTo("0.1");
  }

  @Test
  void referenceImagesAndVendorOptionsGoOnTheWireAsDocumented() {
    ImageRequest edit = ImageRequest.builder().model("nano-banana-pro").prompt("make it blue")
        .referenceUrl("https://example.com/a.png").referenceUrl("https://example.com/b.png")
        .vendorOption(CheapSubImageOptions.failedIfNoImage(true)).extraBody("seed_hint", "x").build();

    client.images().submit(edit);

    Map<String, Object> body = jsonOf(fake.journal().requests("POST", "/api/v1/image").get(0));
    assertThat(body).containsEntry("images", List.of("https://example.com/a.png", "https://example.com/b.png"))
        .containsEntry("failed_if_no_image", true).containsEntry("seed_hint", "x")
        .doesNotContainKeys("aspect_ratio", "image_size", "callback_url");
  }

  @Test
  void referenceImagesCheapSubCannotTakeAreRefusedBeforeSending() {
    ImageRequest bytes = ImageRequest.builder().model("nano-banana-2").prompt("x")
        .reference(MediaInput.bytes(TestMedia.png(4, 4, 1))).build();
    ImageRequest.Builder five = ImageRequest.builder().model("nano-banana-2").prompt("x");
    for (int i = 0; i < 5; i++) {
      five.referenceUrl("https://example.com/" + i + ".png");
    }

    assertThatThrownBy(() -> client.images().submit(bytes)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("URLs only");
    assertThatThrownBy(() -> client.images().submit(five.build())).isInstanceOf(ValidationException.class)
        .hasMessageContaining("references");
    assertThat(fake.journal().requests()).isEmpty();
  }

  @Test
  void resultAsyncCompletesWithTheImage() throws Exception {
    ImageResult result = client.images().submit(cat()).resultAsync().get(5, TimeUnit.SECONDS);

    assertThat(result.images()).hasSize(1);
    assertThat(result.first().bytes()).startsWith(0x89, 'P', 'N', 'G');
  }

  // ----- 4. videos -----

  @Test
  void videoIsPolledToCompletionAndSavedAsAnMp4() throws IOException {
    Operation<VideoResult> job = client.videos().submit(VideoRequest.builder().model("sora-2")
        .prompt("A golden retriever running on a beach at sunset").durationSeconds(10).build());
    assertThat(job.status()).isEqualTo(OperationStatus.RUNNING);
    assertThat(job.snapshot().vendorStatus()).isEqualTo("processing");

    VideoResult result = job.waitForCompletion(WAIT);

    assertThat(job.snapshot().vendorStatus()).isEqualTo("completed");
    Path saved = result.video().saveTo(dir.resolve("dog.mp4"));
    byte[] mp4 = Files.readAllBytes(saved);
    assertThat(mp4.length).isGreaterThan(100);
    assertThat(new String(Arrays.copyOfRange(mp4, 4, 8), StandardCharsets.US_ASCII)).isEqualTo("ftyp");
    assertThat(result.video().mimeType()).isEqualTo("video/mp4");
    Map<String, Object> body = jsonOf(fake.journal().requests("POST", "/api/v1/video").get(0));
    assertThat(body).containsEntry("duration", "10");
    assertThat(fake.journal().chargesOnly()).extracting(Journal.Charge::amount)
        .containsExactly(FakeCheapSub.VIDEO_PRICE);
  }

  @Test
  void videoDurationOutsideTheDocumentedChoicesIsRefusedBeforeSending() {
    VideoRequest twelve = VideoRequest.builder().model("sora-2").prompt("x").durationSeconds(12).build();

    assertThatThrownBy(() -> client.videos().submit(twelve)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("durationSeconds");
    assertThat(fake.journal().requests()).isEmpty();
  }

  // ----- 5. data URLs -----

  @Test
  void imageDeliveredAsADataUrlIsDecodedToAPng() throws IOException {
    fake.imagesAsDataUrls(true);

    ImageResult result = client.images().generate(cat(), WAIT);

    assertThat(result.first().source()).isEqualTo(GeneratedMedia.Source.DATA_URL);
    assertThat(result.first().mimeType()).isEqualTo("image/png");
    BufferedImage image = decode(result.first().saveTo(dir.resolve("inline.png")));
    assertThat(image.getWidth()).isEqualTo(64);
    assertThat(image.getHeight()).isEqualTo(48);
    assertThat(fake.journal().requests().stream().noneMatch(e -> e.path().startsWith("/files/"))).isTrue();
  }

  /**
   * A data URL above 64 KiB is decoded to a temporary file while the poll is read: the image is that
   * file, saving writes the exact PNG and removes it, and raw() shows a placeholder.
   */
  @Test
  void aLargeDataUrlImageIsSpooledToDiskAndSavedExactly() throws IOException {
    fake.imagesAsDataUrls(true).imageSize(256, 256);

    ImageResult result = client.images().generate(cat(), WAIT);

    byte[] expected = TestMedia.png(256, 256, result.id().hashCode());
    assertThat(expected.length).as("the PNG is above the spooling threshold").isGreaterThan(64 * 1024);
    assertThat(result.first().source()).isEqualTo(GeneratedMedia.Source.FILE);
    assertThat(result.first().mimeType()).isEqualTo("image/png");
    assertThat(result.raw().get("data", "result", 0, "image")).isEqualTo("aigw-spooled:0");
    assertThat(result.raw().text()).doesNotContain("base64");
    Path spooled = result.first().file();
    Path saved = result.first().saveTo(dir.resolve("large.png"));
    assertThat(Files.readAllBytes(saved)).isEqualTo(expected);
    assertThat(spooled).doesNotExist();
    assertThat(result.first().file()).isEqualTo(saved);
  }

  // ----- 6. failed tasks -----

  @Test
  void failedTaskBecomesOperationFailedExceptionWithTheReason() {
    fake.tasks().failNext("safety filter");
    Operation<ImageResult> job = client.images().submit(cat());

    OperationFailedException e = catchThrowableOfType(OperationFailedException.class,
        () -> job.waitForCompletion(WAIT));

    assertThat(e.reason()).isEqualTo("safety filter");
    assertThat(e.status()).isEqualTo(OperationStatus.FAILED);
    assertThat(e.operationId()).isEqualTo(job.id());
    assertThat(e).hasMessageContaining("safety filter");
    assertThat(job.status()).isEqualTo(OperationStatus.FAILED);
    assertThatThrownBy(job::result).isInstanceOf(OperationFailedException.class);
  }

  @Test
  void waitingRunsOutWithTheLastStatusAndTheTaskCanBeResumedOnceItEnds() {
    fake.tasks().pollsToFinish(10_000);
    Operation<ImageResult> job = client.images().submit(cat());
    job.poll(); // one poll for certain (under load 100 ms may pass before the first one answers)

    OperationTimeoutException e = catchThrowableOfType(OperationTimeoutException.class,
        () -> job.waitForCompletion(Duration.ofMillis(100)));
    assertThat(e).hasMessageContaining(job.id());
    assertThat(job.status()).isEqualTo(OperationStatus.RUNNING);

    fake.tasks().finish(job.id());
    assertThat(client.images().resume(job.id()).waitForCompletion(WAIT).images()).hasSize(1);
  }

  // ----- 7. authentication -----

  @Test
  void inactiveKeyIsAnAuthenticationErrorWithTheServersMessage() {
    String key = fake.newKey();
    fake.deactivate(key);
    try (CheapSubClient inactive = clientWith(key)) {
      AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
          () -> inactive.chat().create(question("hi")));

      assertThat(e.status()).isEqualTo(403);
      assertThat(e.vendorMessage()).isEqualTo("API key is inactive");
      assertThat(e.getMessage()).doesNotContain(key);
    }
    assertThat(fake.journal().requests()).hasSize(1);
    assertThat(fake.journal().charges()).isEmpty();
  }

  @Test
  void unknownKeyIsAnAuthenticationErrorWithTheServersMessage() {
    String unknown = "csk_" + "0123456789abcdef0123456789abcdef";
    try (CheapSubClient stranger = clientWith(unknown)) {
      AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
          () -> stranger.images().submit(cat()));

      assertThat(e.status()).isEqualTo(403);
      assertThat(e.vendorMessage()).isEqualTo("Invalid API key");
      assertThat(e.getMessage()).doesNotContain(unknown);
    }
    assertThat(fake.journal().charges()).isEmpty();
  }

  @Test
  void keyOfAnotherVendorIsRefusedByTheBuilder() {
    assertThatThrownBy(() -> clientWith("sk-notcheapsub")).isInstanceOf(ValidationException.class)
        .hasMessageContaining("csk_");
    assertThatThrownBy(() -> CheapSubClient.builder().baseUrl(fake.baseUrl()).build())
        .isInstanceOf(ValidationException.class).hasMessageContaining("CHEAPSUB_API_KEY");
  }

  @Test
  void requestWithoutAKeyIsAnsweredWith401() throws IOException {
    OkHttpClient http = new OkHttpClient();
    try (Response response = http.newCall(new Request.Builder().url(fake.baseUrl() + "/api/v1/models").build()).execute()) {
      assertThat(response.code()).isEqualTo(401);
      assertThat(response.body().string()).contains("API key is required");
    }
  }

  // ----- 8. never charging twice -----

  @Test
  void image502AfterHandlingIsNotRetriedAndChargedOnce() {
    fake.faults().failNextAfterHandling("/api/v1/image", 502);

    ServerException e = catchThrowableOfType(ServerException.class, () -> client.images().submit(cat()));

    assertThat(e.status()).isEqualTo(502);
    assertThat(e.vendorMessage()).isEqualTo("Upstream server error");
    assertThat(fake.journal().requests("POST", "/api/v1/image")).hasSize(1);
    assertThat(fake.journal().chargesOnly()).hasSize(1);
  }

  @Test
  void image504AfterHandlingIsNotRetriedAndChargedOnce() {
    fake.faults().failNextAfterHandling("/api/v1/image", 504);

    ServerException e = catchThrowableOfType(ServerException.class, () -> client.images().submit(cat()));

    assertThat(e).isInstanceOf(UpstreamTimeoutException.class);
    assertThat(e.status()).isEqualTo(504);
    assertThat(fake.journal().requests("POST", "/api/v1/image")).hasSize(1);
    assertThat(fake.journal().chargesOnly()).hasSize(1);
  }

  @Test
  void imageConnectionDroppedAfterHandlingIsNotRetriedAndChargedOnce() {
    fake.faults().dropNextConnectionAfterHandling("/api/v1/image");

    ConnectionException e = catchThrowableOfType(ConnectionException.class, () -> client.images().submit(cat()));

    assertThat(e.requestSent()).isTrue();
    assertThat(fake.journal().requests("POST", "/api/v1/image")).hasSize(1);
    assertThat(fake.journal().requests("POST", "/api/v1/image").get(0).status()).isEqualTo(-1);
    assertThat(fake.journal().chargesOnly()).hasSize(1);
  }

  @Test
  void chat502IsNotRetriedEither() {
    fake.faults().failNextAfterHandling("/api/v1/chat", 502);

    assertThatThrownBy(() -> client.chat().create(question("hi"))).isInstanceOf(ServerException.class);
    assertThat(fake.journal().requests("POST", "/api/v1/chat")).hasSize(1);
  }

  @Test
  void pollThatFailsWith502IsRetriedAndTheImageStillArrives() {
    Operation<ImageResult> job = client.images().submit(cat());
    fake.faults().failNext("/api/v1/task", 502);

    assertThat(job.waitForCompletion(WAIT).images()).hasSize(1);
    assertThat(fake.journal().requests("GET", "/api/v1/task")).hasSizeGreaterThanOrEqualTo(3);
    assertThat(fake.journal().chargesOnly()).hasSize(1);
  }

  @Test
  void video502AfterHandlingIsNotRetriedAndChargedOnce() {
    fake.faults().failNextAfterHandling("/api/v1/video", 502);

    assertThatThrownBy(() -> client.videos().submit(VideoRequest.builder().model("sora-2").prompt("x").build()))
        .isInstanceOf(ServerException.class);
    assertThat(fake.journal().requests("POST", "/api/v1/video")).hasSize(1);
    assertThat(fake.journal().chargesOnly()).hasSize(1);
  }

  @Test
  void connectionDroppedBeforeHandlingIsNotRetriedAndChargesNothing() {
    fake.faults().dropNextConnection("/api/v1/image");

    ConnectionException e = catchThrowableOfType(ConnectionException.class, () -> client.images().submit(cat()));

    // the request left the client, which cannot know the server did nothing with it
    assertThat(e.requestSent()).isTrue();
    assertThat(fake.journal().requests("POST", "/api/v1/image")).hasSize(1);
    assertThat(fake.journal().charges()).isEmpty();
  }

  @Test
  void nativeCallsFollowTheSameRuleAndAreNotRetriedAfter502() {
    fake.faults().failNextAfterHandling("/api/v1/messages", 502);

    assertThatThrownBy(() -> client.legacy().messages(ClaudeRequest.of("claude-haiku-4.5", 16, "x")))
        .isInstanceOf(ServerException.class);
    assertThat(fake.journal().requests("POST", "/api/v1/messages")).hasSize(1);
    assertThat(fake.journal().chargesOnly()).hasSize(1);
  }

  // ----- 9. 429 -----

  @Test
  void rateLimitedImageSubmitIsRetriedAndChargedOnce() {
    fake.faults().rateLimitNext(0);

    Operation<ImageResult> job = client.images().submit(cat());

    assertThat(job.id()).isNotBlank();
    List<Journal.Entry> posts = fake.journal().requests("POST", "/api/v1/image");
    assertThat(posts).extracting(Journal.Entry::status).containsExactly(429, 200);
    assertThat(fake.journal().chargesOnly()).hasSize(1);
    assertThat(job.waitForCompletion(WAIT).images()).hasSize(1);
  }

  @Test
  void rateLimitedStreamIsRetriedAndReadWhole() {
    fake.faults().rateLimitNext(0);

    try (ChatStream stream = client.chat().stream(question("again"))) {
      assertThat(stream.text()).isEqualTo("You said: again");
    }
    assertThat(fake.journal().requests("POST", "/api/v1/chat")).extracting(Journal.Entry::status).containsExactly(429, 200);
  }

  @Test
  void rateLimitThatOutlastsTheRetriesEndsWithRateLimitException() {
    fake.faults().rateLimitNext(0).rateLimitNext(0).rateLimitNext(0);

    RateLimitException e = catchThrowableOfType(RateLimitException.class, () -> client.images().submit(cat()));

    assertThat(e.status()).isEqualTo(429);
    assertThat(e.retryAfter()).contains(Duration.ZERO);
    assertThat(fake.journal().requests("POST", "/api/v1/image")).hasSize(3);
    assertThat(fake.journal().charges()).isEmpty();
  }

  // ----- 10. resume -----

  @Test
  void taskSubmittedByOneClientIsResumedByIdFromAnother() throws IOException {
    String id = client.images().submit(cat()).id();
    client.close();

    try (CheapSubClient later = clientWith(fake.apiKey())) {
      Operation<ImageResult> resumed = later.images().resume(id);
      assertThat(resumed.status()).isEqualTo(OperationStatus.UNKNOWN);

      ImageResult result = resumed.waitForCompletion(WAIT);

      assertThat(result.id()).isEqualTo(id);
      assertThat(decode(result.first().saveTo(dir.resolve("resumed.png"))).getWidth()).isEqualTo(64);
    }
    assertThat(fake.journal().requests("POST", "/api/v1/image")).hasSize(1);
    assertThat(fake.journal().requests("GET", "/api/v1/task")).allSatisfy(e -> assertThat(e.query()).isEqualTo("task_id=" + id));
  }

  @Test
  void videoIsResumedByIdFromAnotherClient() {
    String id = client.videos().submit(VideoRequest.builder().model("veo3-fast").prompt("rain").build()).id();

    try (CheapSubClient later = clientWith(fake.apiKey())) {
      VideoResult result = later.videos().resume(id).waitForCompletion(WAIT);
      assertThat(result.id()).isEqualTo(id);
      assertThat(result.video().url()).startsWith(fake.baseUrl() + "/files/");
    }
  }

  @Test
  void resumingAnUnknownTaskIsNotFound() {
    Operation<ImageResult> ghost = client.images().resume("no-such-task");

    NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> ghost.waitForCompletion(WAIT));
    assertThat(e.vendorMessage()).isEqualTo("task not found");
  }

  // ----- 11. callback -----

  @Test
  void callbackUrlReceivesTheFinishedTaskWhenItEnds() throws Exception {
    try (MockWebServer receiver = new MockWebServer()) {
      receiver.enqueue(new MockResponse.Builder().code(200).build());
      receiver.start(java.net.InetAddress.getLoopbackAddress(), 0);
      String hook = receiver.url("/hooks/cheapsub").toString();

      ImageResult result = client.images().submit(cat().toBuilder()
          .vendorOption(CheapSubImageOptions.callbackUrl(hook)).build()).waitForCompletion(WAIT);

      RecordedRequest delivery = receiver.takeRequest(5, TimeUnit.SECONDS);
      assertThat(delivery).as("a callback arrived").isNotNull();
      assertThat(delivery.getMethod()).isEqualTo("POST");
      assertThat(delivery.getUrl().encodedPath()).isEqualTo("/hooks/cheapsub");
      Object delivered = Json.tryParseTree(delivery.getBody().utf8());
      assertThat(delivered).isEqualTo(result.raw().value());
      assertThat(result.raw().getString("data", "status")).isEqualTo("success");
      assertThat(fake.journal().requests("POST", "/api/v1/image").get(0).body()).contains("\"callback_url\":\"" + hook + "\"");
      assertThat(receiver.getRequestCount()).isEqualTo(1);
    }
  }

  @Test
  void callbackUrlThatCheapSubCannotPostToIsRefusedBeforeSending() {
    for (String bad : List.of("ftp://127.0.0.1/hook", "/relative/hook", "data:text/plain;base64,aGk=", "")) {
      ImageRequest request = cat().toBuilder().vendorOption(CheapSubImageOptions.callbackUrl(bad)).build();

      ValidationException e = catchThrowableOfType(ValidationException.class, () -> client.images().submit(request));

      assertThat(e).as(bad).isNotNull();
      assertThat(e.field()).isEqualTo("callbackUrl");
      assertThat(e.vendor()).isEqualTo("cheapsub");
      assertThat(e).hasMessageContaining("http or https");
    }
    assertThat(fake.journal().requests()).isEmpty();
  }

  // ----- 12. models -----

  @Test
  void modelsAreListedWithProviderAndModality() {
    List<ModelInfo> models = client.models().list();

    assertThat(models).extracting(ModelInfo::id).containsExactly("google/gemini-3-flash", "openai/gpt-5.4",
        "anthropic/claude-sonnet-4.6", "nano-banana-2", "sora-2");
    assertThat(models.get(0).provider()).isEqualTo("google");
    assertThat(models.get(0).shortId()).isEqualTo("gemini-3-flash");
    assertThat(models).extracting(ModelInfo::modality).containsExactly(Modality.CHAT, Modality.CHAT, Modality.CHAT,
        Modality.IMAGE, Modality.VIDEO);
    assertThat(models.get(3).provider()).isEqualTo("cheapsub");
  }

  // ----- 13. cut stream -----

  @Test
  void cutStreamRaisesStreamExceptionAfterTheFirstChunks() {
    fake.chatReply("one two three four five");
    fake.faults().cutNextStream(2);
    List<String> read = new ArrayList<>();

    long start = System.nanoTime();
    try (ChatStream stream = client.chat().stream(question("count"))) {
      StreamException e = catchThrowableOfType(StreamException.class, () -> stream.forEach(c -> read.add(c.text())));
      assertThat(e).hasMessageContaining("cut after 2 events").hasMessageNotContaining("timeout");
      assertThat(stream.isClosed()).isTrue();
    }
    // the cut is seen at once, not after the stream's idle timeout
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(read).containsExactly("one", " two");
    assertThat(fake.faults().pending()).isZero();
    // the stream after it is whole again
    assertThat(client.chat().stream(question("count")).text()).isEqualTo("one two three four five");
  }

  // ----- 14. native and legacy -----

  @Test
  void geminiNativeGenerateContentAnswersWithText() {
    GeminiResponse reply = client.legacy().generateContent(GeminiRequest.of("gemini-3-flash", "hello gemini"));

    assertThat(reply.text()).isEqualTo("You said: hello gemini");
    assertThat(reply.finishReason()).isEqualTo("STOP");
    assertThat(fake.journal().requests("POST", "/api/v1beta/models/gemini-3-flash:generateContent")).hasSize(1);
  }

  @Test
  void geminiNativeStreamDeliversPiecesInOrder() {
    List<GeminiResponse> pieces = new ArrayList<>();
    try (EventStream<GeminiResponse> stream = client.legacy().streamGenerateContent(
        GeminiRequest.of("gemini-3-flash", "stream me"))) {
      stream.forEach(pieces::add);
    }

    assertThat(pieces).extracting(GeminiResponse::text).containsExactly("You", " said:", " stream", " me");
    assertThat(pieces.get(pieces.size() - 1).finishReason()).isEqualTo("STOP");
    Journal.Entry call = fake.journal().requests("POST", "/api/v1beta/models/gemini-3-flash:streamGenerateContent").get(0);
    assertThat(call.query()).isEqualTo("alt=sse");
  }

  @Test
  void claudeNativeMessagesAnswersWithTextAndUsage() {
    ClaudeMessage message = client.legacy().messages(ClaudeRequest.of("claude-sonnet-4.6", 256, "hello claude"));

    assertThat(message.text()).isEqualTo("You said: hello claude");
    assertThat(message.stopReason()).isEqualTo("end_turn");
    assertThat(message.model()).isEqualTo("claude-sonnet-4.6");
    assertThat(message.id()).startsWith("msg_");
    assertThat(message.inputTokens()).isEqualTo(5);
    assertThat(message.outputTokens()).isEqualTo(4);
    assertThat(fake.journal().requests("POST", "/api/v1/messages").get(0).body()).contains("\"max_tokens\":256");
  }

  @Test
  void claudeNativeStreamDeliversEventsUntilMessageStop() {
    List<ClaudeStreamEvent> events = new ArrayList<>();
    try (EventStream<ClaudeStreamEvent> stream = client.legacy().streamMessages(
        ClaudeRequest.of("claude-sonnet-4.6", 256, "stream claude"))) {
      stream.forEach(events::add);
    }

    assertThat(events.get(0).type()).isEqualTo("message_start");
    assertThat(events.get(events.size() - 1).type()).isEqualTo("message_stop");
    StringBuilder text = new StringBuilder();
    events.forEach(e -> text.append(e.text()));
    assertThat(text).hasToString("You said: stream claude");
    assertThat(events).filteredOn(e -> e.type().equals("content_block_delta")).hasSizeGreaterThan(1);
  }

  @Test
  void legacyImageIsSubmittedAndQueriedUntilSuccess() {
    fake.tasks().pollsToFinish(2);
    LegacyTask submitted = client.legacy().legacyImage(LegacyGenerationRequest.of("nano-banana", "a legacy cat"));

    assertThat(submitted.taskId()).isNotBlank();
    assertThat(submitted.status()).isEqualTo(OperationStatus.RUNNING);
    assertThat(submitted.vendorStatus()).isEqualTo("processing");

    LegacyTask first = client.legacy().queryTask(submitted.taskId());
    LegacyTask second = client.legacy().queryTask(submitted.taskId());

    assertThat(first.status()).isEqualTo(OperationStatus.RUNNING);
    assertThat(second.taskId()).isEqualTo(submitted.taskId());
    assertThat(second.status()).isEqualTo(OperationStatus.SUCCEEDED);
    assertThat(second.raw().getString("data", "result", 0, "image")).startsWith(fake.baseUrl() + "/files/");
    assertThat(fake.journal().requests("GET", "/api/task/query")).hasSize(2);
    assertThat(fake.journal().chargesOnly()).extracting(Journal.Charge::amount).containsExactly(FakeCheapSub.IMAGE_PRICE);
  }

  @Test
  void legacySoraAndVeoSubmitOnTheirOwnPaths() {
    LegacyTask sora = client.legacy().legacySora(LegacyGenerationRequest.of("sora-2", "waves"));
    LegacyTask veo = client.legacy().legacyVeo(new LegacyGenerationRequest("veo3-fast", "clouds", Map.of("duration", "10")));
    fake.tasks().finish(sora.taskId());

    assertThat(client.legacy().queryTask(sora.taskId()).vendorStatus()).isEqualTo("completed");
    assertThat(veo.taskId()).isNotEqualTo(sora.taskId());
    assertThat(fake.journal().requests("POST", "/api/sora2/gen")).hasSize(1);
    assertThat(fake.journal().requests("POST", "/api/google/veo/generate").get(0).body()).contains("\"duration\":\"10\"");
  }

  // ----- 15. neutral API -----

  @Test
  void neutralApiThroughAiClientsReachesTheFake() throws IOException {
    ClientOptions options = ClientOptions.builder().apiKey(fake.apiKey()).baseUrl(fake.baseUrl())
        .polling(PollingStrategy.fixed(Duration.ofMillis(5), WAIT)).build();
    try (AiClient any = AiClients.create("cheapsub", options)) {
      assertThat(any).isInstanceOf(CheapSubClient.class);
      assertThat(any.vendor()).isEqualTo("cheapsub");
      assertThat(any.supports(Capability.VIDEOS)).isTrue();

      assertThat(any.chat().create(question("neutral")).text()).isEqualTo("You said: neutral");
      ImageResult image = any.images().generate(cat(), WAIT);
      assertThat(decode(image.first().saveTo(dir.resolve("neutral.png"))).getHeight()).isEqualTo(48);
      assertThat(any.models().list()).hasSize(5);
      VideoResult video = any.videos().generate(VideoRequest.builder().model("sora-2").prompt("p").build(), WAIT);
      assertThat(video.video().bytes()).hasSizeGreaterThan(8);
    }
    assertThat(fake.journal().requests()).allSatisfy(e -> {
      if (!e.path().startsWith("/files/")) {
        assertThat(e.headers().get("authorization")).startsWith("Bearer csk_").endsWith("****")
            .doesNotContain(fake.apiKey());
      }
    });
  }

  @Test
  void clientFromTheEnvironmentReachesTheFake() {
    try (CheapSubClient fromEnv = CheapSubClient.fromEnv(Map.of("CHEAPSUB_API_KEY", fake.apiKey(),
        "CHEAPSUB_BASE_URL", fake.baseUrl()))) {
      assertThat(fromEnv.models().list()).hasSize(5);
      assertThat(fromEnv.toString()).contains(fake.baseUrl()).doesNotContain(fake.apiKey());
    }
  }

  @Test
  void nativeRequestsAreCheckedBeforeSending() {
    assertThatThrownBy(() -> new ClaudeRequest("claude-sonnet-4.6", 16, null,
        List.of(dev.aigw.core.chat.ChatMessage.system("no")), null)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("system");
    assertThatThrownBy(() -> ClaudeRequest.of("claude-sonnet-4.6", 0, "x")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> new GeminiRequest("gemini-3-flash", List.of(), null, null))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> LegacyGenerationRequest.of("nano-banana", " ")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> client.legacy().queryTask(" ")).isInstanceOf(ValidationException.class);
    assertThat(fake.journal().requests()).isEmpty();
  }

  @Test
  void geminiSystemInstructionAndClaudeSystemPromptAreSent() {
    client.legacy().generateContent(new GeminiRequest("gemini-3-flash",
        List.of(new GeminiRequest.Content("user", "hi")), "be short", Map.of("generationConfig", Map.of("temperature", 0.2))));
    client.legacy().messages(new ClaudeRequest("claude-sonnet-4.6", 32, "be kind",
        List.of(dev.aigw.core.chat.ChatMessage.user("hi")), Map.of("temperature", 0.5)));

    assertThat(jsonOf(fake.journal().requests().get(0))).containsKeys("systemInstruction", "generationConfig");
    assertThat(jsonOf(fake.journal().requests().get(1))).containsEntry("system", "be kind").containsEntry("temperature", 0.5);
  }

  @Test
  void rawResponseGivesStatusAndTheParsedBody() {
    var raw = client.chat().withRawResponse().create(question("raw"));

    assertThat(raw.status()).isEqualTo(200);
    assertThat(raw.body().text()).isEqualTo("You said: raw");
    assertThat(raw.attempts()).isEqualTo(1);
  }
}
