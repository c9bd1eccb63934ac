package dev.aigw.gptimage2;

import static dev.aigw.gptimage2.GptImage2TestWire.WAIT;
import static dev.aigw.gptimage2.GptImage2TestWire.accepted;
import static dev.aigw.gptimage2.GptImage2TestWire.assertGet;
import static dev.aigw.gptimage2.GptImage2TestWire.generation;
import static dev.aigw.gptimage2.GptImage2TestWire.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aigw.core.cost.Cost;
import dev.aigw.core.cost.CostUnit;
import dev.aigw.core.error.NotFoundException;
import dev.aigw.core.error.OperationFailedException;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.image.GeneratedImage;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.media.GeneratedMedia;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.operation.OperationSnapshot;
import dev.aigw.core.operation.OperationStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/generations/:id} (doc section "GET /api/v1/generations/:id"): every status of
 * the field table, the outputs in PNG and WebP with their size, a failed generation's {@code
 * error}, and a blocked one ending with a content-policy failure that says the credits came back.
 */
class GptImage2GenerationStatusWireTest {
  @StartStop final MockWebServer server = new MockWebServer();

  static final String ID = "gen_01HZX";
  static final ImageRequest REQUEST = ImageRequest.builder().prompt("a lighthouse").build();

  @Test
  void aGenerationIsPolledThroughQueuedAndRunningToSucceeded() throws Exception {
    server.enqueue(accepted(ID));
    server.enqueue(generation("queued", ID));
    server.enqueue(generation("running", ID));
    server.enqueue(generation("succeeded", ID));
    List<String> seen = new CopyOnWriteArrayList<>();
    ImageResult result;
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      Operation<ImageResult> op = client.images().submit(REQUEST);
      op.onUpdate(s -> seen.add(s.status() + "/" + s.vendorStatus()));
      result = op.waitForCompletion(WAIT);
    }

    server.takeRequest();
    for (int i = 0; i < 3; i++) {
      assertGet(server.takeRequest(), "/api/v1/generations/" + ID);
    }
    assertThat(seen).containsSubsequence("RUNNING/running", "SUCCEEDED/succeeded");
    assertThat(result.id()).isEqualTo(ID);
    assertThat(result.costAmount()).isEqualByComparingTo("2");
    GeneratedImage image = result.first();
    assertThat(image.source()).isEqualTo(GeneratedMedia.Source.URL);
    assertThat(image.url()).isEqualTo("...");
    assertThat(image.mimeType()).isEqualTo("image/png");
    assertThat(image.width()).isEqualTo(1024);
    assertThat(image.height()).isEqualTo(1024);
  }

  @Test
  void theVendorViewOfAResultHasBothFormatsCreditsAndTimes() throws Exception {
    server.enqueue(accepted(ID));
    server.enqueue(generation("succeeded", ID));
    ImageResult result;
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      result = client.images().generate(REQUEST, WAIT);
    }

    GptImage2Generation g = GptImage2Images.generation(result);
    assertThat(g.id()).isEqualTo(ID);
    assertThat(g.status()).isEqualTo("succeeded");
    assertThat(g.type()).isEqualTo("text2img");
    assertThat(g.outputs()).containsExactly(new GptImage2Generation.Output("...", "...", 1024, 1024));
    assertThat(g.error()).isNull();
    assertThat(g.costCredits()).isEqualByComparingTo("2");
    assertThat(g.createdAt()).isEqualTo("2026-04-26T01:23:45.000Z");
    assertThat(g.completedAt()).isEqualTo("2026-04-26T01:23:50.000Z");
    assertThat(g.raw().getString("status")).isEqualTo("succeeded");
  }

  @Test
  void eachOutputIsAnImageThatSavesAsTheRealPng(@TempDir Path dir) throws Exception {
    byte[] png = dev.aigw.testkit.TestMedia.png(40, 30, 3);
    server.enqueue(accepted(ID));
    server.enqueue(ok("{\"id\":\"" + ID + "\",\"status\":\"succeeded\",\"type\":\"text2img\",\"outputs\":["
        + "{\"png\":\"" + server.url("/cdn/a.png") + "\",\"webp\":\"" + server.url("/cdn/a.webp") + "\",\"width\":1536,\"height\":1024},"
        + "{\"png\":\"" + server.url("/cdn/b.png") + "\",\"webp\":\"" + server.url("/cdn/b.webp") + "\",\"width\":1536,\"height\":1024}],"
        + "\"error\":null,\"costCredits\":8}"));
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "image/png").body(new Buffer().write(png)).build());
    ImageResult result;
    Path saved;
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      result = client.images().generate(REQUEST, WAIT);
      saved = result.images().get(1).saveTo(dir.resolve("b.png"));
    }

    assertThat(result.images()).hasSize(2).allSatisfy(i -> assertThat(i.width()).isEqualTo(1536));
    assertThat(Files.readAllBytes(saved)).isEqualTo(png);
    assertThat(ImageIO.read(saved.toFile()).getWidth()).isEqualTo(40);
    server.takeRequest();
    server.takeRequest();
    var download = server.takeRequest();
    assertThat(download.getUrl().encodedPath()).isEqualTo("/cdn/b.png");
    assertThat(download.getHeaders().get("Authorization")).as("public CDN URLs never see the key").isNull();
  }

  @Test
  void anOutputWithOnlyAWebpUrlIsStillAnImage() {
    server.enqueue(accepted(ID));
    server.enqueue(ok("{\"id\":\"" + ID + "\",\"status\":\"succeeded\",\"outputs\":[{\"webp\":\"https://cdn.example/x.webp\","
        + "\"width\":1024,\"height\":1536},{\"width\":1,\"height\":1}]}"));
    ImageResult result;
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      result = client.images().generate(REQUEST, WAIT);
    }

    assertThat(result.images()).singleElement().satisfies(i -> {
      assertThat(i.url()).isEqualTo("https://cdn.example/x.webp");
      assertThat(i.mimeType()).isEqualTo("image/webp");
      assertThat(i.height()).isEqualTo(1536);
    });
  }

  @Test
  void aFailedGenerationEndsTheOperationWithItsError() {
    server.enqueue(accepted(ID));
    server.enqueue(generation("failed", ID));
    OperationFailedException e;
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      Operation<ImageResult> op = client.images().submit(REQUEST);
      e = catchThrowableOfType(OperationFailedException.class, () -> op.waitForCompletion(WAIT));
      assertThat(op.status()).isEqualTo(OperationStatus.FAILED);
    }

    assertThat(e.status()).isEqualTo(OperationStatus.FAILED);
    assertThat(e.operationId()).isEqualTo(ID);
    assertThat(e.vendor()).isEqualTo("gptimage2");
    assertThat(e.code()).isNull();
    assertThat(e.reason()).as("the server's words as sent").isEqualTo("upstream model error");
    assertThat(e.getMessage()).isEqualTo("[gptimage2] operation " + ID + " failed: upstream model error");
  }

  @Test
  void aFailureReasonIsKeptVerbatimWhateverItsPunctuationOrSpacing() {
    String words = "  Upstream error: model returned 0 images (retry later).  ";
    server.enqueue(accepted(ID));
    server.enqueue(ok("{\"id\":\"" + ID + "\",\"status\":\"failed\",\"error\":\"" + words + "\"}"));
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      OperationFailedException e = catchThrowableOfType(OperationFailedException.class,
          () -> client.images().generate(REQUEST, WAIT));
      assertThat(e.reason()).isEqualTo(words);
    }
  }

  @Test
  void whetherTheCreditsWereRefundedIsReadFromTheGenerationNotAddedToItsError() {
    server.enqueue(generation("failed", ID));
    server.enqueue(generation("blocked", ID));
    server.enqueue(generation("succeeded", ID));
    server.enqueue(ok("{\"id\":\"" + ID + "\",\"status\":\"running\"}"));
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      GptImage2Generation failed = client.images().generation(ID);
      GptImage2Generation blocked = client.images().generation(ID);
      assertThat(failed.creditsRefunded()).isTrue();
      assertThat(failed.error()).isEqualTo("upstream model error");
      assertThat(blocked.creditsRefunded()).isTrue();
      assertThat(blocked.error()).isEqualTo("output rejected by moderation");
      assertThat(client.images().generation(ID).creditsRefunded()).isFalse();
      assertThat(client.images().generation(ID).creditsRefunded()).isFalse();
    }
  }

  @Test
  void aFailedGenerationWithoutAnErrorStillSaysSo() {
    server.enqueue(accepted(ID));
    server.enqueue(ok("{\"id\":\"" + ID + "\",\"status\":\"failed\",\"error\":null}"));
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      OperationFailedException e = catchThrowableOfType(OperationFailedException.class,
          () -> client.images().generate(REQUEST, WAIT));
      assertThat(e.reason()).as("the server gave no reason, so none is made up").isNull();
      assertThat(e.getMessage()).isEqualTo("[gptimage2] operation " + ID + " failed");
    }
  }

  @Test
  void aBlockedGenerationIsAContentPolicyFailureWithTheServersWords() {
    server.enqueue(accepted(ID));
    server.enqueue(generation("blocked", ID));
    OperationFailedException e;
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      e = catchThrowableOfType(OperationFailedException.class, () -> client.images().generate(REQUEST, WAIT));
    }

    assertThat(e.status()).isEqualTo(OperationStatus.BLOCKED);
    assertThat(e.code()).isEqualTo("content_policy");
    assertThat(e.reason()).isEqualTo("output rejected by moderation");
    assertThat(e.getMessage()).isEqualTo("[gptimage2] operation " + ID + " was blocked by content moderation "
        + "(content_policy): output rejected by moderation");
  }

  @Test
  void aBlockedGenerationWithoutAnErrorExplainsBlocking() {
    server.enqueue(accepted(ID));
    server.enqueue(ok("{\"id\":\"" + ID + "\",\"status\":\"blocked\"}"));
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      OperationFailedException e = catchThrowableOfType(OperationFailedException.class,
          () -> client.images().generate(REQUEST, WAIT));
      assertThat(e.reason()).isNull();
      assertThat(e.getMessage()).isEqualTo("[gptimage2] operation " + ID + " was blocked by content moderation (content_policy)");
    }
  }

  @Test
  void anUnknownStatusWordKeepsPolling() throws Exception {
    server.enqueue(accepted(ID));
    server.enqueue(ok("{\"id\":\"" + ID + "\",\"status\":\"upscaling\"}"));
    server.enqueue(generation("succeeded", ID));
    List<OperationSnapshot<ImageResult>> seen = new CopyOnWriteArrayList<>();
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      Operation<ImageResult> op = client.images().submit(REQUEST).onUpdate(seen::add);
      assertThat(op.waitForCompletion(WAIT).id()).isEqualTo(ID);
    }

    assertThat(seen).extracting(OperationSnapshot::status).contains(OperationStatus.UNKNOWN, OperationStatus.SUCCEEDED);
    assertThat(seen).extracting(OperationSnapshot::vendorStatus).contains("upscaling");
  }

  @Test
  void oneReadOfAGenerationByIdWithItsHttpDetails() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
        .setHeader("X-RateLimit-Remaining", "598").body(GptImage2TestWire.fixture("generation-running.json")).build());
    server.enqueue(generation("succeeded", ID));
    RawResponse<GptImage2Generation> raw;
    GptImage2Generation later;
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      raw = client.images().withRawResponse().generation("...");
      later = client.images().generation(" " + ID + " ");
    }

    assertThat(raw.status()).isEqualTo(200);
    assertThat(raw.rateLimit().remainingValue()).hasValue(598);
    assertThat(raw.body().status()).isEqualTo("running");
    assertThat(raw.body().outputs()).isEmpty();
    assertThat(raw.body().completedAt()).isNull();
    assertThat(later.outputs()).hasSize(1);
    assertGet(server.takeRequest(), "/api/v1/generations/...");
    assertGet(server.takeRequest(), "/api/v1/generations/" + ID);
  }

  @Test
  void anIdIsEncodedAsOnePathSegmentAndABlankOneIsRefused() throws Exception {
    server.enqueue(generation("queued", "a/b"));
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      client.images().generation("a/b c");
      assertThat(catchThrowableOfType(ValidationException.class, () -> client.images().generation(" ")).field())
          .isEqualTo("generationId");
    }

    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/api/v1/generations/a%2Fb%20c");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void anOperationResumesFromItsIdAlone() throws Exception {
    server.enqueue(generation("succeeded", ID));
    ImageResult result;
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      Operation<ImageResult> op = client.images().resume(ID);
      assertThat(server.getRequestCount()).as("nothing sent before polling").isZero();
      result = op.waitForCompletion(WAIT);
    }

    assertGet(server.takeRequest(), "/api/v1/generations/" + ID);
    assertThat(result.first().width()).isEqualTo(1024);
  }

  @Test
  void anUnknownGenerationEndsThePollWithNotFound() {
    server.enqueue(GptImage2TestWire.json(404, "{\"error\":\"Generation not found\"}"));
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      assertThat(catchThrowableOfType(NotFoundException.class, () -> client.images().generation("nope")).getMessage())
          .isEqualTo("[gptimage2] 404: Generation not found");
    }
  }

  @Test
  void aCostIsKeptExactlyAsSent() {
    server.enqueue(accepted(ID));
    server.enqueue(ok("{\"id\":\"" + ID + "\",\"status\":\"succeeded\",\"outputs\":[],\"costCredits\":0.50}"));
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      assertThat(client.images().generate(REQUEST, WAIT).cost()).isEqualTo(Cost.of("0.50", CostUnit.CREDITS));
    }
  }

  /** A replayed Idempotency-Key answers the existing generation's status: an ended one is read whole at once. */
  @Test
  void aReplayAnsweringAnEndedGenerationCompletesWithItsResult() throws Exception {
    server.enqueue(GptImage2TestWire.json(202, "{\"generationId\":\"" + ID + "\",\"status\":\"succeeded\"}"));
    server.enqueue(generation("succeeded", ID));
    Operation<ImageResult> op;
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      op = client.images().submit(REQUEST);
      assertThat(op.isDone()).isTrue();
      assertThat(op.status()).isEqualTo(OperationStatus.SUCCEEDED);
      assertThat(op.waitForCompletion(WAIT).first().width()).isEqualTo(1024);
    }
    server.takeRequest();
    assertGet(server.takeRequest(), "/api/v1/generations/" + ID);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aReplayAnsweringABlockedGenerationFailsAtOnce() {
    server.enqueue(GptImage2TestWire.json(202, "{\"generationId\":\"" + ID + "\",\"status\":\"blocked\"}"));
    server.enqueue(generation("blocked", ID));
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      Operation<ImageResult> op = client.images().submit(REQUEST);
      assertThat(op.status()).isEqualTo(OperationStatus.BLOCKED);
      assertThat(catchThrowableOfType(OperationFailedException.class, () -> op.waitForCompletion(WAIT)).reason())
          .isEqualTo("output rejected by moderation");
    }
  }
}
