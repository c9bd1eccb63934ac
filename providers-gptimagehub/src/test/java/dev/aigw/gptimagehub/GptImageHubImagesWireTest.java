package dev.aigw.gptimagehub;

import static dev.aigw.gptimagehub.HubWire.DOC_ID;
import static dev.aigw.gptimagehub.HubWire.assertGet;
import static dev.aigw.gptimagehub.HubWire.assertJsonPost;
import static dev.aigw.gptimagehub.HubWire.body;
import static dev.aigw.gptimagehub.HubWire.bodyText;
import static dev.aigw.gptimagehub.HubWire.fixture;
import static dev.aigw.gptimagehub.HubWire.json;
import static dev.aigw.gptimagehub.HubWire.ok;
import static dev.aigw.gptimagehub.HubWire.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.cost.Cost;
import dev.aigw.core.cost.CostUnit;
import dev.aigw.core.error.AigwException;
import dev.aigw.core.error.OperationFailedException;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.image.Quality;
import dev.aigw.core.media.GeneratedMedia;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.operation.OperationStatus;
import dev.aigw.testkit.TestMedia;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/v1/images/generations} as JSON, synchronous and asynchronous, and {@code GET
 * /api/v1/generations/:id} (doc sections 모델 → JSON 전화, 이미지 생성, 생성 검색), against the doc's
 * own examples. Multipart uploads and pre-send checks are in {@link GptImageHubReferencesWireTest}.
 */
class GptImageHubImagesWireTest {
  @StartStop final MockWebServer server = new MockWebServer();

  static final Duration WAIT = Duration.ofSeconds(5);

  /** The doc's 이미지 생성 → JSON 요청 example, built with the neutral API. */
  static ImageRequest perfume() {
    return ImageRequest.builder().model("gpt-image-2")
        .prompt("A cinematic product photo of a transparent perfume bottle on black marble")
        .size(1024, 1024).quality(Quality.HIGH).n(1).build();
  }

  /** The doc's Async task (and 모델 → JSON 전화) example, built with the neutral API. */
  static ImageRequest studio() {
    return ImageRequest.builder().model("gpt-image-2")
        .prompt("A cinematic product photo with premium studio lighting")
        .size(1024, 1024).quality(Quality.HIGH).n(1).build();
  }

  /** A running generation log: the doc's async answer with {@code status: running} (not in the doc). */
  static String running() {
    return fixture("generation-async-response.json").replace("\"queued\"", "\"running\"");
  }

  // ---- synchronous ----

  /** 이미지 생성 → JSON 요청 and its 응답: the body exactly, and every documented answer field read. */
  @Test
  void syncSendsTheDocumentedJsonBodyAndReadsTheDocumentedAnswer() throws Exception {
    server.enqueue(ok(fixture("generation-response.json")));
    GptImageHubGeneration g;
    try (GptImageHubClient client = HubWire.client(server)) {
      g = client.images().generateSync(perfume());
    }
    RecordedRequest request = server.takeRequest();
    assertJsonPost(request);
    assertThat(body(request)).isEqualTo(parse(fixture("generation-json-request.json")));
    assertThat(bodyText(request)).isEqualTo("{\"model\":\"gpt-image-2\","
        + "\"prompt\":\"A cinematic product photo of a transparent perfume bottle on black marble\","
        + "\"size\":\"1024x1024\",\"quality\":\"high\",\"n\":1}");
    assertThat(server.getRequestCount()).isEqualTo(1);

    assertThat(g.id()).isEqualTo(DOC_ID);
    assertThat(g.status()).isEqualTo("succeeded");
    assertThat(g.operationStatus()).isEqualTo(OperationStatus.SUCCEEDED);
    assertThat(g.model()).isEqualTo("gpt-image-2");
    assertThat(g.aspectRatio()).isEqualTo("1:1");
    assertThat(g.quality()).isEqualTo("1K");
    assertThat(g.createdAt()).isNull(); // the synchronous example has no top-level created_at
    assertThat(g.images()).hasSize(1);
    assertThat(g.first().source()).isEqualTo(GeneratedMedia.Source.URL);
    assertThat(g.first().url()).isEqualTo("https://cdn.example.com/generations/user/image.png");
    assertThat(g.raw().get("images", 0, "id")).isEqualTo("clx_image_id");
    assertThat(g.credits()).isEqualTo(new BigDecimal("8"));
    assertThat(g.creditsRequested()).isNull();
    assertThat(g.pollUrl()).isNull();
    assertThat(g.errorCode()).isNull();
    assertThat(g.balance()).isNotNull();
    assertThat(g.balance().credits()).isEqualTo(new BigDecimal("112"));
    assertThat(g.balance().accountType()).isEqualTo("PRO");
    assertThat(g.balance().nextExpiration()).isNull();
    assertThat(g.balance().hasExpiringCredits()).isFalse();
    assertThat(g.toString()).isEqualTo("GptImageHubGeneration[id=clx_generation_log_id, status=succeeded, "
        + "model=gpt-image-2, images=1, credits=8]").doesNotContain("cdn.example.com");

    ImageResult neutral = g.toImageResult();
    assertThat(neutral.id()).isEqualTo(DOC_ID);
    assertThat(neutral.cost()).isEqualTo(Cost.of("8", CostUnit.CREDITS));
    assertThat(neutral.first().url()).isEqualTo("https://cdn.example.com/generations/user/image.png");
  }

  /** 모델 → GPT IMAGE 2 → JSON 전화: the same shape with the studio prompt. */
  @Test
  void syncSendsTheModelSectionsJsonCallExactly() throws Exception {
    server.enqueue(ok(fixture("generation-response.json")));
    try (GptImageHubClient client = HubWire.client(server)) {
      client.images().generateSync(studio());
    }
    RecordedRequest request = server.takeRequest();
    assertJsonPost(request);
    assertThat(body(request)).isEqualTo(parse(fixture("model-gpt-image-2-json-call-request.json")));
  }

  /** The timeout of the request {@code perfume()} becomes, without sending it. */
  private static Duration timeout(GptImageHubClient client, boolean async) {
    GptImageHubImages images = client.images();
    return images.request(images.validate(perfume(), async, dev.aigw.core.spi.Checks.of("gptimagehub")).fields(),
        java.util.List.of(), async).timeout();
  }

  @Test
  void syncAllowsTheDocumented800SecondsAndTheBuilderCanChangeIt() {
    try (GptImageHubClient client = HubWire.client(server)) {
      Duration sync = timeout(client, false);
      assertThat(sync).isEqualTo(GptImageHubClient.DEFAULT_SYNC_TIMEOUT).isEqualTo(Duration.ofMinutes(15));
      assertThat(sync).isGreaterThan(GptImageHubClient.DOCUMENTED_SYNC_MAXIMUM);
      assertThat(GptImageHubClient.DOCUMENTED_SYNC_MAXIMUM).isEqualTo(Duration.ofSeconds(800));
      // the queued mode answers at once: it keeps the client's ordinary timeout
      assertThat(timeout(client, true)).isNull();
    }
    try (GptImageHubClient client = HubWire.builder(server).syncTimeout(Duration.ofMinutes(20)).build()) {
      assertThat(timeout(client, false)).isEqualTo(Duration.ofMinutes(20));
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aSyncAnswerThatSaysFailedIsAnOperationFailure() {
    server.enqueue(ok("{\"object\":\"image_generation\",\"id\":\"g-1\",\"status\":\"failed\",\"images\":[],"
        + "\"error\":{\"message\":\"Upstream provider error\",\"code\":\"generationFailed\"}}"));
    try (GptImageHubClient client = HubWire.client(server)) {
      assertThatThrownBy(() -> client.images().generateSync(perfume()))
          .isInstanceOfSatisfying(OperationFailedException.class, e -> {
            assertThat(e.code()).isEqualTo("generationFailed");
            assertThat(e.operationId()).isEqualTo("g-1");
            assertThat(e.reason()).isEqualTo("Upstream provider error");
          })
          .hasMessage("[gptimagehub] operation g-1 failed (generationFailed): Upstream provider error");
    }
  }

  @Test
  void rawSyncKeepsHttpDetails() {
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/json")
        .setHeader("X-Request-Id", "req-sync-1").body(fixture("generation-response.json")).build());
    try (GptImageHubClient client = HubWire.client(server)) {
      RawResponse<GptImageHubGeneration> raw = client.images().withRawResponse().generateSync(perfume());
      assertThat(raw.status()).isEqualTo(200);
      assertThat(raw.requestId()).isEqualTo("req-sync-1");
      assertThat(raw.body().balance().credits()).isEqualTo(new BigDecimal("112"));
    }
  }

  // ---- asynchronous ----

  /** Async task: the documented body (with {@code "async": true}) and the documented 202 answer. */
  @Test
  void submitSendsTheDocumentedAsyncBodyAndStartsFromThe202Answer() throws Exception {
    server.enqueue(json(202, fixture("generation-async-response.json")));
    Operation<ImageResult> op;
    try (GptImageHubClient client = HubWire.client(server)) {
      op = client.images().submit(studio());
    }
    RecordedRequest request = server.takeRequest();
    assertJsonPost(request);
    assertThat(body(request)).isEqualTo(parse(fixture("generation-async-request.json")));
    assertThat(bodyText(request)).endsWith(",\"n\":1,\"async\":true}");
    assertThat(server.getRequestCount()).isEqualTo(1);

    assertThat(op.id()).isEqualTo(DOC_ID);
    assertThat(op.vendor()).isEqualTo("gptimagehub");
    assertThat(op.status()).isEqualTo(OperationStatus.QUEUED);
    assertThat(op.snapshot().vendorStatus()).isEqualTo("queued");
    assertThat(op.isDone()).isFalse();
    assertThat(op.snapshot().raw().get("poll_url"))
        .isEqualTo("https://www.gptimagehub.com/api/v1/generations/clx_generation_log_id");
  }

  /** The async answer's {@code usage.credits_requested}, {@code usage.credits} and {@code poll_url}, typed. */
  @Test
  void queueExposesTheCreditsRequestedAndThePollUrl() {
    server.enqueue(json(202, fixture("generation-async-response.json")));
    GptImageHubGeneration queued;
    try (GptImageHubClient client = HubWire.client(server)) {
      queued = client.images().queue(studio());
    }
    assertThat(queued.id()).isEqualTo(DOC_ID);
    assertThat(queued.operationStatus()).isEqualTo(OperationStatus.QUEUED);
    assertThat(queued.creditsRequested()).isEqualTo(new BigDecimal("8"));
    assertThat(queued.credits()).isEqualTo(BigDecimal.ZERO);
    assertThat(queued.pollUrl()).isEqualTo("https://www.gptimagehub.com/api/v1/generations/clx_generation_log_id");
    assertThat(queued.createdAt()).isEqualTo(Instant.parse("2026-04-30T08:00:00Z"));
    assertThat(queued.images()).isEmpty();
    assertThat(queued.balance()).isNull();
    assertThat(queued.toString()).contains("creditsRequested=8").doesNotContain("poll");
    assertThatThrownBy(queued::first).isInstanceOf(IllegalStateException.class).hasMessageContaining("queued");
  }

  /**
   * 생성 검색: the generation is polled on {@code GET /api/v1/generations/:id} of the configured base
   * URL (not on the poll_url's production host), with the key, until it succeeds.
   */
  @Test
  void pollsTheGenerationByIdOnTheConfiguredServerUntilItSucceeds() throws Exception {
    server.enqueue(json(202, fixture("generation-async-response.json")));
    server.enqueue(ok(running()));
    server.enqueue(ok(fixture("generation-response.json")));
    ImageResult result;
    try (GptImageHubClient client = HubWire.client(server)) {
      result = client.images().generate(studio(), WAIT);
    }
    server.takeRequest();
    for (int i = 0; i < 2; i++) {
      assertGet(server.takeRequest(), "/api/v1/generations/clx_generation_log_id");
    }
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(result.id()).isEqualTo(DOC_ID);
    assertThat(result.cost()).isEqualTo(Cost.of("8", CostUnit.CREDITS));
    assertThat(result.first().url()).isEqualTo("https://cdn.example.com/generations/user/image.png");
    assertThat(result.raw().get("balance", "credits")).isEqualTo(112.0);
  }

  @Test
  void followGivesTheWholeGenerationLogWithBalanceAndCredits() throws Exception {
    server.enqueue(json(202, fixture("generation-async-response.json")));
    server.enqueue(ok(fixture("generation-response.json")));
    GptImageHubGeneration done;
    try (GptImageHubClient client = HubWire.client(server)) {
      GptImageHubGeneration queued = client.images().queue(studio());
      Operation<GptImageHubGeneration> op = client.images().follow(queued);
      assertThat(op.id()).isEqualTo(DOC_ID);
      assertThat(op.status()).isEqualTo(OperationStatus.QUEUED);
      done = op.waitForCompletion(WAIT);
    }
    assertThat(done.credits()).isEqualTo(new BigDecimal("8"));
    assertThat(done.balance().credits()).isEqualTo(new BigDecimal("112"));
    server.takeRequest();
    assertGet(server.takeRequest(), "/api/v1/generations/clx_generation_log_id");
  }

  @Test
  void resumeFromTheIdAlone() throws Exception {
    server.enqueue(ok(fixture("generation-response.json")));
    server.enqueue(ok(fixture("generation-response.json")));
    try (GptImageHubClient client = HubWire.client(server)) {
      Operation<ImageResult> op = client.images().resume(" " + DOC_ID + " ");
      assertThat(op.status()).isEqualTo(OperationStatus.UNKNOWN);
      assertThat(server.getRequestCount()).isZero();
      assertThat(op.waitForCompletion(WAIT).cost()).isEqualTo(Cost.of("8", CostUnit.CREDITS));
      assertThat(client.images().resumeGeneration(DOC_ID).waitForCompletion(WAIT).balance().accountType())
          .isEqualTo("PRO");
      assertThatThrownBy(() -> client.images().resume(" ")).isInstanceOf(ValidationException.class)
          .hasMessageContaining("gptimagehub").hasMessageContaining("operationId");
    }
    assertGet(server.takeRequest(), "/api/v1/generations/clx_generation_log_id");
  }

  @Test
  void retrieveReadsTheStoredLogOnce() throws Exception {
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/json")
        .setHeader("X-Request-Id", "req-get-1").body(fixture("generation-response.json")).build());
    server.enqueue(ok(fixture("generation-response.json")));
    try (GptImageHubClient client = HubWire.client(server)) {
      RawResponse<GptImageHubGeneration> raw = client.images().withRawResponse().retrieve("gen/with space");
      assertThat(raw.requestId()).isEqualTo("req-get-1");
      assertThat(client.images().retrieve(DOC_ID).id()).isEqualTo(DOC_ID);
      assertThatThrownBy(() -> client.images().retrieve("")).isInstanceOf(ValidationException.class)
          .hasMessageContaining("generationId");
    }
    // an id is one path segment, encoded
    assertGet(server.takeRequest(), "/api/v1/generations/gen%2Fwith%20space");
    assertGet(server.takeRequest(), "/api/v1/generations/clx_generation_log_id");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  /** A failed generation log (not in the doc: the fields follow the doc's error and log shapes). */
  @Test
  void aFailedGenerationEndsTheWaitWithTheVendorsCode() {
    server.enqueue(json(202, fixture("generation-async-response.json")));
    server.enqueue(ok("{\"object\":\"image_generation\",\"id\":\"clx_generation_log_id\",\"status\":\"failed\","
        + "\"images\":[],\"usage\":{\"credits\":0,\"credits_requested\":8},"
        + "\"error\":{\"message\":\"Image generation failed\",\"code\":\"generationFailed\"}}"));
    try (GptImageHubClient client = HubWire.client(server)) {
      Operation<ImageResult> op = client.images().submit(studio());
      assertThatThrownBy(() -> op.waitForCompletion(WAIT))
          .isInstanceOfSatisfying(OperationFailedException.class, e -> {
            assertThat(e.code()).isEqualTo("generationFailed");
            assertThat(e.status()).isEqualTo(OperationStatus.FAILED);
            assertThat(e.reason()).isEqualTo("Image generation failed");
          });
      assertThat(op.status()).isEqualTo(OperationStatus.FAILED);
    }
  }

  @Test
  void anErrorGivenAsAStringIsStillTheReason() {
    server.enqueue(ok("{\"id\":\"g-2\",\"status\":\"failed\",\"error\":\"provider timed out\"}"));
    try (GptImageHubClient client = HubWire.client(server)) {
      assertThatThrownBy(() -> client.images().resume("g-2").waitForCompletion(WAIT))
          .isInstanceOfSatisfying(OperationFailedException.class, e -> {
            assertThat(e.code()).isNull();
            assertThat(e.reason()).isEqualTo("provider timed out");
          });
    }
  }

  @Test
  void unknownStatusWordsKeepPolling() {
    server.enqueue(ok("{\"id\":\"g-3\",\"status\":\"warming_up\"}"));
    server.enqueue(ok("{\"id\":\"g-3\",\"status\":\"processing\",\"created_at\":\"not a date\"}"));
    server.enqueue(ok("{\"id\":\"g-3\",\"status\":\"succeeded\",\"images\":[{\"url\":\"\"},"
        + "{\"url\":\"https://cdn.example.com/a.png\"}],\"usage\":{\"credits\":\"8.50\"}}"));
    try (GptImageHubClient client = HubWire.client(server)) {
      List<OperationStatus> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
      ImageResult result = client.images().resume("g-3").onUpdate(s -> seen.add(s.status())).waitForCompletion(WAIT);
      assertThat(seen).containsExactly(OperationStatus.UNKNOWN, OperationStatus.RUNNING, OperationStatus.SUCCEEDED);
      assertThat(result.images()).hasSize(1);
      assertThat(result.cost()).isEqualTo(Cost.of("8.50", CostUnit.CREDITS)); // exact: a string decimal keeps its scale
    }
  }

  @Test
  void aSubmissionAnsweredAlreadyFinishedNeedsNoPoll() {
    server.enqueue(ok(fixture("generation-response.json")));
    try (GptImageHubClient client = HubWire.client(server)) {
      Operation<ImageResult> op = client.images().submit(studio());
      assertThat(op.isDone()).isTrue();
      assertThat(op.waitForCompletion(WAIT).cost()).isEqualTo(Cost.of("8", CostUnit.CREDITS));
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void anAnswerWithoutAnIdIsAClearError() {
    server.enqueue(json(202, "{\"object\":\"image_generation\",\"status\":\"queued\"}"));
    try (GptImageHubClient client = HubWire.client(server)) {
      assertThatThrownBy(() -> client.images().submit(studio()))
          .isInstanceOf(AigwException.class)
          .hasMessageContaining("gptimagehub")
          .hasMessageContaining("no id");
    }
  }

  @Test
  void anAnswerThatIsNotJsonIsAClearError() {
    server.enqueue(new MockResponse.Builder().code(202).setHeader("Content-Type", "text/html")
        .body("<html><body>queued</body></html>").build());
    try (GptImageHubClient client = HubWire.client(server)) {
      assertThatThrownBy(() -> client.images().submit(studio()))
          .isInstanceOfSatisfying(AigwException.class, e -> assertThat(e.vendor()).isEqualTo("gptimagehub"))
          .hasMessageContaining("not the JSON documented");
    }
  }

  // ---- request mapping ----

  @Test
  void theModelDefaultsToGptImage2AndOptionalFieldsAreLeftOut() throws Exception {
    server.enqueue(json(202, fixture("generation-async-response.json")));
    try (GptImageHubClient client = HubWire.client(server)) {
      client.images().submit(ImageRequest.builder().prompt("A lighthouse").build());
    }
    assertThat(bodyText(server.takeRequest()))
        .isEqualTo("{\"model\":\"gpt-image-2\",\"prompt\":\"A lighthouse\",\"async\":true}");
  }

  @Test
  void autoSizeAndExtraBodyGoOnTheWire() throws Exception {
    server.enqueue(json(202, fixture("generation-async-response.json")));
    try (GptImageHubClient client = HubWire.client(server)) {
      client.images().submit(ImageRequest.builder().prompt("A lighthouse").quality(Quality.LOW).n(4)
          .vendorOption(GptImageHubImageOptions.AUTO_SIZE).extraBody("style", "vivid").build());
    }
    Map<String, Object> sent = body(server.takeRequest());
    assertThat(sent).containsExactly(Map.entry("model", "gpt-image-2"), Map.entry("prompt", "A lighthouse"),
        Map.entry("size", "auto"), Map.entry("quality", "low"), Map.entry("n", 4.0), Map.entry("async", true),
        Map.entry("style", "vivid"));
  }

  @Test
  void everyDocumentedQualityIsSentInLowerCase() throws Exception {
    try (GptImageHubClient client = HubWire.client(server)) {
      for (Quality q : Quality.values()) {
        server.enqueue(json(202, fixture("generation-async-response.json")));
        client.images().submit(studio().toBuilder().quality(q).build());
        assertThat(body(server.takeRequest())).containsEntry("quality", q.name().toLowerCase(java.util.Locale.ROOT));
      }
    }
    assertThat(GptImageHubImages.QUALITIES).containsExactly("auto", "low", "medium", "high");
  }

  @Test
  void savesADownloadedImageWithoutSendingTheKey(@TempDir Path dir) throws Exception {
    byte[] png = TestMedia.png(8, 8, 1);
    String url = server.url("/cdn/image.png").toString();
    server.enqueue(ok(fixture("generation-response.json")
        .replace("https://cdn.example.com/generations/user/image.png", url)));
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "image/png")
        .body(new okio.Buffer().write(png)).build());
    Path saved;
    try (GptImageHubClient client = HubWire.client(server)) {
      saved = client.images().generateSync(perfume()).first().saveTo(dir.resolve("perfume.png"));
    }
    assertThat(Files.readAllBytes(saved)).isEqualTo(png);
    server.takeRequest();
    RecordedRequest download = server.takeRequest();
    assertThat(download.getUrl().encodedPath()).isEqualTo("/cdn/image.png");
    assertThat(download.getHeaders().get("Authorization")).isNull();
  }
}
