package dev.aigw.icodeeasy;

import static dev.aigw.icodeeasy.ICodeEasyWire.WAIT;
import static dev.aigw.icodeeasy.ICodeEasyWire.assertGet;
import static dev.aigw.icodeeasy.ICodeEasyWire.assertPost;
import static dev.aigw.icodeeasy.ICodeEasyWire.body;
import static dev.aigw.icodeeasy.ICodeEasyWire.bodyText;
import static dev.aigw.icodeeasy.ICodeEasyWire.fixture;
import static dev.aigw.icodeeasy.ICodeEasyWire.json;
import static dev.aigw.icodeeasy.ICodeEasyWire.ok;
import static dev.aigw.icodeeasy.ICodeEasyWire.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.cost.Cost;
import dev.aigw.core.cost.CostUnit;
import dev.aigw.core.error.AigwException;
import dev.aigw.core.error.OperationFailedException;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.image.Quality;
import dev.aigw.core.image.Resolution;
import dev.aigw.core.media.DataUrl;
import dev.aigw.core.media.GeneratedMedia;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.operation.OperationStatus;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * JSON requests on {@code /v1/images/generations} and {@code /v1/images/edits}, synchronous and
 * asynchronous ({@code ?async=1}, polled on {@code /v1/images/tasks/{task_id}}), with the doc's own
 * examples ("요청 예시", "응답 구조") as fixtures.
 */
class ICodeEasyImagesWireTest {
  @StartStop final MockWebServer server = new MockWebServer();

  static final String TASK_ID = "d142c93a-de26-40c9-be62-0de840d10960";
  static final String SYNC_URL = "https://api.icodeeasy.cc/v1/images/files/gpt-image-2/20260616/3e0c77bb-...-1.png";
  static final String TASK_URL = "https://api.icodeeasy.cc/v1/images/files/gpt-image-2/20260616/d142c93a-...-1.png";

  /** "Minimal text-to-image, sync". */
  static ImageRequest minimal() {
    return ImageRequest.builder().model("gpt-image-2")
        .prompt("an orange cat sitting on a windowsill watching the sunset, watercolor style").build();
  }

  /** "Specify ratio and 2K". */
  static ImageRequest ratio2k() {
    return ImageRequest.builder().model("gpt-image-2").prompt("a corgi astronaut on the moon, cinematic")
        .aspectRatio(16, 9).resolution(Resolution.K2).quality(Quality.MEDIUM).build();
  }

  /** "Image-to-image using image URL (JSON)". */
  static ImageRequest editByUrl() {
    return ImageRequest.builder().model("gpt-image-2").prompt("make this person 70 years old").size(1536, 1024)
        .referenceUrl("https://example.com/photo.png").build();
  }

  /** "Async submit + polling", step 1. */
  static ImageRequest asyncEdit() {
    return ImageRequest.builder().model("gpt-image-2").prompt("make this person 70 years old")
        .referenceUrl("https://example.com/photo.png").build();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> sentMap(RecordedRequest request) {
    return (Map<String, Object>) body(request);
  }

  // ----- synchronous -----

  /** 요청 예시 "Minimal text-to-image, sync" and 응답 구조 "Sync success". */
  @Test
  void minimalSyncSendsTheDocumentedBodyAndReadsTheDocumentedAnswer() throws Exception {
    server.enqueue(ok(fixture("sync-response.json")));
    ImageResult result;
    try (ICodeEasyClient client = ICodeEasyWire.client(server)) {
      result = client.images().generateSync(minimal());
    }
    RecordedRequest request = server.takeRequest();
    assertPost(request, "/v1/images/generations", null, "application/json");
    assertThat(body(request)).isEqualTo(parse(fixture("t2i-minimal-sync-request.json")));
    assertThat(bodyText(request)).isEqualTo("{\"model\":\"gpt-image-2\",\"prompt\":\"an orange cat sitting on a"
        + " windowsill watching the sunset, watercolor style\"}");
    assertThat(server.getRequestCount()).isEqualTo(1);

    assertThat(result.id()).isEqualTo("3e0c77bb-9cbd-4c44-9549-bff1b4060623");
    assertThat(result.images()).hasSize(1);
    assertThat(result.first().source()).isEqualTo(GeneratedMedia.Source.URL);
    assertThat(result.first().url()).isEqualTo(SYNC_URL);
    assertThat(result.cost()).as("the sync answer has no cost").isNull();
    assertThat(result.raw().get("created")).isEqualTo(1781599773.0);
  }

  /** 요청 예시 "Specify ratio and 2K". */
  @Test
  void ratioResolutionAndQualityGoAsDocumented() throws Exception {
    server.enqueue(ok(fixture("sync-response.json")));
    try (ICodeEasyClient client = ICodeEasyWire.client(server)) {
      client.images().generateSync(ratio2k());
    }
    RecordedRequest request = server.takeRequest();
    assertPost(request, "/v1/images/generations", null, "application/json");
    assertThat(body(request)).isEqualTo(parse(fixture("ratio-2k-request.json")));
  }

  /** 요청 예시 "Image-to-image using image URL (JSON)": references go to edits by default. */
  @Test
  void anEditByUrlGoesToEditsWithImageUrls() throws Exception {
    server.enqueue(ok(fixture("sync-response.json")));
    try (ICodeEasyClient client = ICodeEasyWire.client(server)) {
      client.images().generateSync(editByUrl());
    }
    RecordedRequest request = server.takeRequest();
    assertPost(request, "/v1/images/edits", null, "application/json");
    assertThat(body(request)).isEqualTo(parse(fixture("edit-url-request.json")));
  }

  /**
   * 요청 예시 "Image-to-image with multiple references (URL + base64 mixed)". The doc elides its data
   * URL ({@code iVBORw0KGgoAAAANSUhEUgAA...}, not base64); a real PNG's data URL starts the same.
   */
  @Test
  void mixedUrlAndDataUrlReferencesGoTogetherInImageUrls() throws Exception {
    String dataUrl = DataUrl.encode("image/png", ICodeEasyWire.png(3, 2));
    server.enqueue(ok(fixture("sync-response.json")));
    try (ICodeEasyClient client = ICodeEasyWire.client(server)) {
      client.images().generateSync(ImageRequest.builder().model("gpt-image-2")
          .prompt("merge these two photos into a poster").aspectRatio(4, 3).resolution(Resolution.K2)
          .referenceUrl("https://example.com/photo-a.jpg").referenceUrl(dataUrl).build());
    }
    RecordedRequest request = server.takeRequest();
    assertPost(request, "/v1/images/edits", null, "application/json");
    String documented = fixture("edit-mixed-request.json");
    String elided = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAA...";
    assertThat(documented).contains(elided);
    assertThat(dataUrl).startsWith(elided.substring(0, elided.length() - 3));
    assertThat(body(request)).isEqualTo(parse(documented.replace(elided, dataUrl)));
  }

  @Test
  void theModelDefaultsToGptImage2AndNIsSentWhenGiven() throws Exception {
    server.enqueue(ok(fixture("sync-response.json")));
    try (ICodeEasyClient client = ICodeEasyWire.client(server)) {
      client.images().generateSync(ImageRequest.builder().prompt("two cats").n(2).quality(Quality.AUTO).build());
    }
    assertThat(bodyText(server.takeRequest()))
        .isEqualTo("{\"model\":\"gpt-image-2\",\"prompt\":\"two cats\",\"n\":2,\"quality\":\"auto\"}");
  }

  @Test
  void theEndpointCanBeChosen() throws Exception {
    server.enqueue(ok(fixture("sync-response.json")));
    server.enqueue(ok(fixture("sync-response.json")));
    try (ICodeEasyClient client = ICodeEasyWire.client(server)) {
      client.images().generateSync(minimal().toBuilder()
          .vendorOption(ICodeEasyImageOptions.endpoint(ICodeEasyImageOptions.Endpoint.EDITS)).build());
      client.images().generateSync(editByUrl().toBuilder()
          .vendorOption(ICodeEasyImageOptions.endpoint(ICodeEasyImageOptions.Endpoint.GENERATIONS)).build());
    }
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/v1/images/edits");
    RecordedRequest generations = server.takeRequest();
    assertThat(generations.getUrl().encodedPath()).isEqualTo("/v1/images/generations");
    assertThat(body(generations)).isEqualTo(parse(fixture("edit-url-request.json")));
  }

  @Test
  void aSyncAnswerWithSeveralImagesKeepsTheirOrder() {
    server.enqueue(ok("{\"id\":\"g1\",\"created\":1,\"data\":[{\"url\":\"https://h.example/1.png\"},{\"url\":\"\"},"
        + "null,{\"url\":\"https://h.example/2.png\"}]}"));
    try (ICodeEasyClient client = ICodeEasyWire.client(server)) {
      ImageResult result = client.images().generateSync(minimal().toBuilder().n(2).build());
      assertThat(result.images()).extracting(GeneratedMedia::url)
          .containsExactly("https://h.example/1.png", "https://h.example/2.png");
    }
  }

  @Test
  void rawSyncKeepsHttpDetails() {
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/json")
        .setHeader("X-Request-Id", "req-7").body(fixture("sync-response.json")).build());
    try (ICodeEasyClient client = ICodeEasyWire.client(server)) {
      RawResponse<ImageResult> raw = client.images().withRawResponse().generateSync(minimal());
      assertThat(raw.status()).isEqualTo(200);
      assertThat(raw.requestId()).isEqualTo("req-7");
      assertThat(raw.attempts()).isEqualTo(1);
      assertThat(raw.body().id()).isEqualTo("3e0c77bb-9cbd-4c44-9549-bff1b4060623");
    }
  }

  // ----- asynchronous -----

  /** 요청 예시 "Async submit + polling" step 1, and 응답 구조 "Async submit (HTTP 202)". */
  @Test
  void submitUsesAsyncModeAndTheAnswerGivesTheOperationId() throws Exception {
    server.enqueue(json(202, fixture("async-submit-response.json")));
    Operation<ImageResult> op;
    try (ICodeEasyClient client = ICodeEasyWire.client(server)) {
      op = client.images().submit(asyncEdit());
    }
    RecordedRequest request = server.takeRequest();
    assertPost(request, "/v1/images/edits", "async=1", "application/json");
    assertThat(body(request)).isEqualTo(parse(fixture("async-submit-request.json")));
    assertThat(op.id()).isEqualTo(TASK_ID);
    assertThat(op.vendor()).isEqualTo("icodeeasy");
    assertThat(op.status()).isEqualTo(OperationStatus.QUEUED);
    assertThat(op.snapshot().vendorStatus()).isEqualTo("pending");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  /** Step 2 and 응답 구조 "Async task query": polled until completed; the cost comes back exactly. */
  @Test
  void pollsTheTaskUntilCompletedAndReadsTheDocumentedAnswer() throws Exception {
    server.enqueue(json(202, fixture("async-submit-response.json")));
    server.enqueue(ok("{\"task_id\":\"" + TASK_ID + "\",\"status\":\"pending\",\"model\":\"gpt-image-2\"}"));
    server.enqueue(ok(fixture("task-completed-response.json")));
    ImageResult result;
    try (ICodeEasyClient client = ICodeEasyWire.client(server)) {
      result = client.images().generate(minimal(), WAIT);
    }
    assertPost(server.takeRequest(), "/v1/images/generations", "async=1", "application/json");
    assertGet(server.takeRequest(), "/v1/images/tasks/" + TASK_ID);
    assertGet(server.takeRequest(), "/v1/images/tasks/" + TASK_ID);
    assertThat(server.getRequestCount()).isEqualTo(3);

    assertThat(result.id()).isEqualTo(TASK_ID);
    assertThat(result.first().url()).isEqualTo(TASK_URL);
    assertThat(result.cost()).isEqualTo(Cost.of("0.2", CostUnit.CNY));
    assertThat(result.costAmount().scale()).isEqualTo(1);
    assertThat(result.raw().get("model")).isEqualTo("gpt-image-2");
  }

  @Test
  void theCostKeepsTheDigitsTheServerWrote() {
    server.enqueue(json(202, fixture("async-submit-response.json")));
    server.enqueue(ok("{\"task_id\":\"" + TASK_ID + "\",\"status\":\"completed\",\"cost\":0.40,"
        + "\"result_url\":\"https://h.example/1.png\"}"));
    try (ICodeEasyClient client = ICodeEasyWire.client(server)) {
      BigDecimal cost = client.images().generate(minimal(), WAIT).costAmount();
      assertThat(cost.toPlainString()).isEqualTo("0.40");
      assertThat(cost).isEqualTo(new BigDecimal("0.40"));
    }
  }

  @Test
  void aTaskWithSeveralImagesListsThemAllAndTheTaskIdEscapesInThePath() throws Exception {
    server.enqueue(json(202, "{\"status\":\"pending\",\"task_id\":\"a/b c\"}"));
    server.enqueue(ok("{\"task_id\":\"a/b c\",\"status\":\"completed\",\"cost\":0.8,"
        + "\"result_url\":\"https://h.example/1.png\",\"data\":[{\"url\":\"https://h.example/1.png\"},"
        + "{\"url\":\"https://h.example/2.png\"}]}"));
    try (ICodeEasyClient client = ICodeEasyWire.client(server)) {
      ImageResult result = client.images().generate(minimal().toBuilder().n(2).build(), WAIT);
      assertThat(result.images()).extracting(GeneratedMedia::url)
          .containsExactly("https://h.example/1.png", "https://h.example/2.png");
    }
    server.takeRequest();
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/v1/images/tasks/a%2Fb%20c");
  }

  /** The second image's URL, as the doc's result URLs are numbered ({@code <id>-<seq>.png}). */
  static final String TASK_URL_2 = TASK_URL.replace("-1.png", "-2.png");

  /**
   * The doc's task answer ("Async task query", {@code task-completed-response.json}) for a task of
   * {@code n} = 2, in every form the doc's fields allow for two images: the plural {@code
   * result_urls}, a list in {@code result_url}, {@code data[].url} (the sync answer's field, which
   * the doc names beside {@code result_url}), {@code data} as bare URLs, and the {@code
   * cost_breakdown.image_urls} of the doc's usage records.
   */
  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> twoImageTaskAnswers() {
    String doc = fixture("task-completed-response.json");
    String first = "\"result_url\": \"" + TASK_URL + "\"";
    String both = "[\"" + TASK_URL + "\", \"" + TASK_URL_2 + "\"]";
    assertThat(doc).contains(first);
    return java.util.stream.Stream.of(
        org.junit.jupiter.params.provider.Arguments.of("result_urls beside result_url",
            doc.replace(first, first + ", \"result_urls\": " + both)),
        org.junit.jupiter.params.provider.Arguments.of("result_urls alone",
            doc.replace(first, "\"result_urls\": " + both)),
        org.junit.jupiter.params.provider.Arguments.of("a list in result_url",
            doc.replace(first, "\"result_url\": " + both)),
        org.junit.jupiter.params.provider.Arguments.of("data[].url beside result_url",
            doc.replace(first, first + ", \"data\": [{\"url\": \"" + TASK_URL + "\"}, {\"url\": \"" + TASK_URL_2 + "\"}]")),
        org.junit.jupiter.params.provider.Arguments.of("data as bare URLs",
            doc.replace(first, "\"data\": " + both)),
        org.junit.jupiter.params.provider.Arguments.of("cost_breakdown.image_urls beside result_url",
            doc.replace(first, first + ", \"cost_breakdown\": {\"image_count\": 2, \"image_cost_rmb\": 0.4, \"image_urls\": " + both + "}")));
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.MethodSource("twoImageTaskAnswers")
  void aTaskOfTwoImagesYieldsBothWhicheverDocumentedFieldCarriesThem(String form, String answer) throws Exception {
    server.enqueue(json(202, fixture("async-submit-response.json")));
    server.enqueue(ok(answer));
    ImageResult result;
    try (ICodeEasyClient client = ICodeEasyWire.client(server)) {
      result = client.images().generate(minimal().toBuilder().n(2).build(), WAIT);
    }
    assertThat(((java.util.Map<?, ?>) body(server.takeRequest())).get("n")).isEqualTo(2.0);
    assertGet(server.takeRequest(), "/v1/images/tasks/" + TASK_ID);
    assertThat(result.images()).extracting(GeneratedMedia::url).as(form).containsExactly(TASK_URL, TASK_URL_2);
    assertThat(result.cost()).isEqualTo(Cost.of("0.2", CostUnit.CNY));
  }

  @Test
  void aFailedTaskEndsWithItsReason() {
    server.enqueue(json(202, fixture("async-submit-response.json")));
    server.enqueue(ok("{\"task_id\":\"" + TASK_ID + "\",\"status\":\"failed\",\"model\":\"gpt-image-2\","
        + "\"error\":{\"type\":\"server_error\",\"message\":\"upstream generation failed\"}}"));
    try (ICodeEasyClient client = ICodeEasyWire.client(server)) {
      Operation<ImageResult> op = client.images().submit(minimal());
      assertThatThrownBy(() -> op.waitForCompletion(WAIT))
          .isInstanceOfSatisfying(OperationFailedException.class, e -> {
            assertThat(e.operationId()).isEqualTo(TASK_ID);
            assertThat(e.code()).isEqualTo("server_error");
            assertThat(e.reason()).isEqualTo("upstream generation failed");
          })
          .hasMessage("[icodeeasy] operation " + TASK_ID + " failed (server_error): upstream generation failed");
    }
  }

  @Test
  void aFailedTaskWithAPlainErrorOrAMessageIsReadToo() {
    server.enqueue(json(202, fixture("async-submit-response.json")));
    server.enqueue(ok("{\"task_id\":\"" + TASK_ID + "\",\"status\":\"failed\",\"error\":\"content rejected\"}"));
    server.enqueue(json(202, fixture("async-submit-response.json")));
    server.enqueue(ok("{\"task_id\":\"" + TASK_ID + "\",\"status\":\"failed\",\"message\":\"quota\"}"));
    try (ICodeEasyClient client = ICodeEasyWire.client(server)) {
      assertThatThrownBy(() -> client.images().generate(minimal(), WAIT))
          .isInstanceOfSatisfying(OperationFailedException.class, e -> {
            assertThat(e.reason()).isEqualTo("content rejected");
            assertThat(e.code()).isNull();
          });
      assertThatThrownBy(() -> client.images().generate(minimal(), WAIT))
          .isInstanceOfSatisfying(OperationFailedException.class, e -> assertThat(e.reason()).isEqualTo("quota"));
    }
  }

  @Test
  void aCompletedTaskWithoutAUrlIsAFailureThatSaysSo() {
    server.enqueue(json(202, fixture("async-submit-response.json")));
    server.enqueue(ok("{\"task_id\":\"" + TASK_ID + "\",\"status\":\"completed\",\"cost\":0.2}"));
    try (ICodeEasyClient client = ICodeEasyWire.client(server)) {
      assertThatThrownBy(() -> client.images().generate(minimal(), WAIT))
          .isInstanceOf(OperationFailedException.class)
          .hasMessageContaining("no_result_url")
          .hasMessageContaining("completed but its answer has no result_url");
    }
  }

  @Test
  void unknownAndSynonymStatusWordsKeepPolling() {
    server.enqueue(json(202, fixture("async-submit-response.json")));
    server.enqueue(ok("{\"task_id\":\"" + TASK_ID + "\",\"status\":\"thinking\"}"));
    server.enqueue(ok("{\"task_id\":\"" + TASK_ID + "\",\"status\":\"processing\"}"));
    server.enqueue(ok("{\"task_id\":\"" + TASK_ID + "\"}"));
    server.enqueue(ok("{\"task_id\":\"" + TASK_ID + "\",\"status\":\"Succeeded\",\"result_url\":\"https://h.example/x.png\"}"));
    List<OperationStatus> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (ICodeEasyClient client = ICodeEasyWire.client(server)) {
      ImageResult result = client.images().submit(minimal()).onUpdate(s -> seen.add(s.status())).waitForCompletion(WAIT);
      assertThat(result.first().url()).isEqualTo("https://h.example/x.png");
      assertThat(result.cost()).isNull();
    }
    assertThat(seen).containsExactly(OperationStatus.UNKNOWN, OperationStatus.RUNNING, OperationStatus.UNKNOWN,
        OperationStatus.SUCCEEDED);
  }

  @Test
  void resumeNeedsOnlyTheTaskId() throws Exception {
    server.enqueue(ok(fixture("task-completed-response.json")));
    try (ICodeEasyClient client = ICodeEasyWire.client(server)) {
      Operation<ImageResult> op = client.images().resume(" " + TASK_ID + " ");
      assertThat(server.getRequestCount()).as("nothing is sent until it is polled").isZero();
      assertThat(op.waitForCompletion(WAIT).cost()).isEqualTo(Cost.of("0.2", CostUnit.CNY));
    }
    assertGet(server.takeRequest(), "/v1/images/tasks/" + TASK_ID);
  }

  @Test
  void aServerThatIgnoresAsyncGivesAFinishedOperation() {
    server.enqueue(ok(fixture("sync-response.json")));
    try (ICodeEasyClient client = ICodeEasyWire.client(server)) {
      Operation<ImageResult> op = client.images().submit(minimal());
      assertThat(op.isDone()).isTrue();
      assertThat(op.id()).isEqualTo("3e0c77bb-9cbd-4c44-9549-bff1b4060623");
      assertThat(op.waitForCompletion(WAIT).first().url()).isEqualTo(SYNC_URL);
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void anAnswerWithNeitherTaskIdNorImagesIsAClearError() {
    server.enqueue(json(202, "{\"status\":\"pending\"}"));
    server.enqueue(json(200, "{\"data\":[]}"));
    try (ICodeEasyClient client = ICodeEasyWire.client(server)) {
      assertThatThrownBy(() -> client.images().submit(minimal()))
          .isInstanceOf(AigwException.class)
          .hasMessageContaining("icodeeasy")
          .hasMessageContaining("no task_id");
      Operation<ImageResult> empty = client.images().submit(minimal());
      assertThat(empty.id()).isEqualTo("sync");
      assertThat(empty.waitForCompletion(WAIT).images()).isEmpty();
    }
  }

  @Test
  void aTaskAnswerThatIsNotTheDocumentedJsonIsAClearErrorOnceTheTolerancePasses() {
    server.enqueue(json(202, fixture("async-submit-response.json")));
    for (int i = 0; i < 4; i++) { // the client tolerates 3 bad polls in a row
      server.enqueue(ok("{\"task_id\":\"" + TASK_ID + "\",\"status\":\"completed\",\"cost\":\"about 20 fen\"}"));
    }
    try (ICodeEasyClient client = ICodeEasyWire.client(server)) {
      assertThatThrownBy(() -> client.images().generate(minimal(), WAIT))
          .isInstanceOf(AigwException.class)
          .hasMessageStartingWith("[icodeeasy] operation " + TASK_ID + ": 4 polls in a row failed")
          .hasMessageContaining("not the JSON documented")
          .hasMessageEndingWith("resume(\"" + TASK_ID + "\") to follow it again");
    }
    assertThat(server.getRequestCount()).isEqualTo(5);
  }

  @Test
  void rawSubmitKeepsHttpDetails() {
    server.enqueue(new MockResponse.Builder().code(202).setHeader("Content-Type", "application/json")
        .setHeader("X-Request-Id", "req-9").body(fixture("async-submit-response.json")).build());
    try (ICodeEasyClient client = ICodeEasyWire.client(server)) {
      RawResponse<Operation<ImageResult>> raw = client.images().withRawResponse().submit(asyncEdit());
      assertThat(raw.status()).isEqualTo(202);
      assertThat(raw.requestId()).isEqualTo("req-9");
      assertThat(raw.body().id()).isEqualTo(TASK_ID);
    }
  }
}
