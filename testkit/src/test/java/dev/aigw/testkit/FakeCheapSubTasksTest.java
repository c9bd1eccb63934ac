package dev.aigw.testkit;

import static dev.aigw.testkit.RawHttp.get;
import static dev.aigw.testkit.RawHttp.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aigw.core.media.DataUrl;
import dev.aigw.core.operation.OperationStatus;
import dev.aigw.core.spi.Json;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Asynchronous images and videos of {@link FakeCheapSub}: the two documented task shapes, the
 * task engine seen through {@code /api/v1/task}, the file route, callbacks, credits, and the legacy
 * endpoints.
 */
@Timeout(30) // a stream that never ends must fail the test, not stall the build
class FakeCheapSubTasksTest {
  private static final String CAT = "{\"model\":\"nano-banana-2\",\"prompt\":\"a cat\",\"aspect_ratio\":\"16:9\",\"image_size\":\"2k\"}";
  private static final String DOG = "{\"model\":\"sora-2\",\"prompt\":\"a dog\",\"duration\":\"10\"}";

  private FakeCheapSub fake;

  @BeforeEach
  void start() {
    fake = FakeCheapSub.start();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private String submitImage(String body) throws IOException {
    RawHttp.Answer answer = post(fake, "/api/v1/image", fake.apiKey(), body);
    assertThat(answer.code()).as(answer.body()).isEqualTo(200);
    return answer.string("data", "task_id");
  }

  private RawHttp.Answer poll(String id) throws IOException {
    return get(fake, "/api/v1/task?task_id=" + id, fake.apiKey());
  }

  private static byte[] download(String url) throws IOException {
    try (Response r = RawHttp.CLIENT.newCall(new Request.Builder().url(url).build()).execute()) {
      assertThat(r.code()).isEqualTo(200);
      return r.body().bytes();
    }
  }

  @Test
  void imageSubmitAnswersWithTheDocumentedEnvelope() throws IOException {
    RawHttp.Answer answer = post(fake, "/api/v1/image", fake.apiKey(), CAT);

    assertThat(answer.code()).isEqualTo(200);
    assertThat(answer.at("code")).isEqualTo(0.0);
    assertThat(answer.string("message")).isEqualTo("ok");
    String id = answer.string("data", "task_id");
    assertThat(id).isNotBlank();
    FakeTask task = fake.tasks().get(id).orElseThrow();
    assertThat(task.kind()).isEqualTo("image");
    assertThat(task.request()).containsEntry("aspect_ratio", "16:9").containsEntry("image_size", "2k");
    assertThat(task.status()).isEqualTo(OperationStatus.QUEUED);
    assertThat(task.polls()).isZero();
  }

  @Test
  void imageTaskIsProcessingThenSucceedsWithAPngThatDecodes() throws IOException {
    String id = submitImage(CAT);

    RawHttp.Answer first = poll(id);
    assertThat(first.string("data", "status")).isEqualTo("processing");
    assertThat(first.at("data", "result")).isNull();

    RawHttp.Answer done = poll(id);
    assertThat(done.at("code")).isEqualTo(0.0);
    assertThat(done.string("data", "task_id")).isEqualTo(id);
    assertThat(done.string("data", "status")).isEqualTo("success");
    assertThat(done.string("data", "consumed")).isEqualTo("0.500000");
    assertThat(Instant.parse(done.string("data", "created_at"))).isBeforeOrEqualTo(Instant.now());
    String url = done.string("data", "result", 0, "image");
    assertThat(url).startsWith(fake.baseUrl() + "/files/").endsWith(".png");

    BufferedImage image = ImageIO.read(new ByteArrayInputStream(download(url)));
    assertThat(image).isNotNull();
    assertThat(image.getWidth()).isEqualTo(64);
    assertThat(image.getHeight()).isEqualTo(48);
    FakeTask task = fake.tasks().get(id).orElseThrow();
    assertThat(task.polls()).isEqualTo(2);
    assertThat(task.result()).isEqualTo(url);
    assertThat(task.completedAt()).isNotNull();
  }

  @Test
  void tasksTakeAsManyPollsAsConfigured() throws IOException {
    fake.tasks().pollsToFinish(3);
    String id = submitImage(CAT);

    assertThat(List.of(poll(id).string("data", "status"), poll(id).string("data", "status"),
        poll(id).string("data", "status"), poll(id).string("data", "status")))
        .containsExactly("processing", "processing", "success", "success");

    fake.tasks().pollsToFinish(1);
    assertThat(poll(submitImage(CAT)).string("data", "status")).isEqualTo("success");
  }

  @Test
  void videoTaskHasTheFlatShapeAndItsFileIsAnMp4() throws IOException {
    RawHttp.Answer submitted = post(fake, "/api/v1/video", fake.apiKey(), DOG);
    assertThat(submitted.code()).isEqualTo(200);
    assertThat(submitted.json()).containsEntry("status", "processing").containsEntry("message", "Video generation started");
    String id = submitted.string("task_id");

    assertThat(poll(id).json()).containsEntry("task_id", id).containsEntry("status", "processing").doesNotContainKey("code");
    RawHttp.Answer done = poll(id);

    assertThat(done.string("status")).isEqualTo("completed");
    String url = done.string("result", "video_url");
    assertThat(url).endsWith(".mp4");
    try (Response r = RawHttp.CLIENT.newCall(new Request.Builder().url(url).build()).execute()) {
      assertThat(r.header("Content-Type")).isEqualTo("video/mp4");
      byte[] mp4 = r.body().bytes();
      assertThat(new String(Arrays.copyOfRange(mp4, 4, 8), StandardCharsets.US_ASCII)).isEqualTo("ftyp");
    }
  }

  @Test
  void failedAndBlockedTasksEndFailedWithTheirReason() throws IOException {
    fake.tasks().pollsToFinish(1).failNext("safety filter").blockNext("nsfw");
    String failedImage = submitImage(CAT);
    String blockedVideo = post(fake, "/api/v1/video", fake.apiKey(), DOG).string("task_id");

    RawHttp.Answer failed = poll(failedImage);
    RawHttp.Answer blocked = poll(blockedVideo);

    assertThat(failed.string("data", "status")).isEqualTo("failed");
    assertThat(failed.string("data", "error")).isEqualTo("safety filter");
    assertThat(failed.at("data", "result")).isNull();
    assertThat(blocked.json()).containsEntry("status", "failed").containsEntry("error", "nsfw").doesNotContainKey("result");
    assertThat(fake.tasks().get(failedImage).orElseThrow().status()).isEqualTo(OperationStatus.FAILED);
    assertThat(fake.tasks().get(blockedVideo).orElseThrow().status()).isEqualTo(OperationStatus.BLOCKED);
    assertThat(fake.tasks().get(blockedVideo).orElseThrow().failure()).isEqualTo("nsfw");
    assertThat(poll(submitImage(CAT)).string("data", "status")).as("plans apply once").isEqualTo("success");
  }

  @Test
  void finishingATaskByHandEndsItAtTheNextPoll() throws IOException {
    fake.tasks().pollsToFinish(100);
    String id = submitImage(CAT);
    assertThat(poll(id).string("data", "status")).isEqualTo("processing");

    fake.tasks().finish(id);

    assertThat(fake.tasks().get(id).orElseThrow().status()).isEqualTo(OperationStatus.SUCCEEDED);
    assertThat(poll(id).string("data", "status")).isEqualTo("success");
    assertThat(poll(id).string("data", "result", 0, "image")).startsWith(fake.baseUrl());
  }

  @Test
  void unknownOrMissingTaskIs404() throws IOException {
    RawHttp.Answer unknown = poll("nope");
    RawHttp.Answer missing = get(fake, "/api/v1/task", fake.apiKey());

    assertThat(unknown.code()).isEqualTo(404);
    assertThat(unknown.json()).containsEntry("message", "task not found");
    assertThat(missing.code()).isEqualTo(404);
  }

  @Test
  void imagesCanBeServedAsDataUrls() throws IOException {
    fake.imagesAsDataUrls(true).tasks().pollsToFinish(1);

    String image = poll(submitImage(CAT)).string("data", "result", 0, "image");

    assertThat(image).startsWith("data:image/png;base64,");
    BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(DataUrl.parse(image).decode()));
    assertThat(decoded.getWidth()).isEqualTo(64);
    fake.imagesAsDataUrls(false);
    assertThat(poll(submitImage(CAT)).string("data", "result", 0, "image")).startsWith("http://");
  }

  @Test
  void imageRequestsAreCheckedAsDocumented() throws IOException {
    String[][] cases = {
        {"{\"model\":\"dall-e\",\"prompt\":\"x\"}", "Unknown image model: dall-e"},
        {"{\"prompt\":\"x\"}", "Unknown image model: null"},
        {"{\"model\":\"nano-banana\",\"prompt\":\" \"}", "prompt is required"},
        {"{\"model\":\"nano-banana\",\"prompt\":\"x\",\"images\":[\"a\",\"b\",\"c\",\"d\",\"e\"]}", "images accepts at most 4 URLs"},
        {"{\"model\":\"nano-banana\",\"prompt\":\"x\",\"image_size\":\"2k\"}", "image_size is only for nano-banana-pro and nano-banana-2 (1k, 2k, 4k)"},
        {"{\"model\":\"nano-banana-pro\",\"prompt\":\"x\",\"image_size\":\"8k\"}", "image_size is only for nano-banana-pro and nano-banana-2 (1k, 2k, 4k)"},
    };
    for (String[] c : cases) {
      RawHttp.Answer answer = post(fake, "/api/v1/image", fake.apiKey(), c[0]);
      assertThat(answer.code()).as(c[0]).isEqualTo(400);
      assertThat(answer.json()).as(c[0]).containsEntry("error", c[1]);
    }
    assertThat(post(fake, "/api/v1/image", fake.apiKey(),
        "{\"model\":\"gpt-image-1.5\",\"prompt\":\"x\",\"images\":[\"a\",\"b\",\"c\",\"d\"]}").code()).isEqualTo(200);
    assertThat(fake.tasks().size()).isEqualTo(1);
    assertThat(fake.journal().charges()).hasSize(1);
  }

  @Test
  void videoRequestsAreCheckedAsDocumented() throws IOException {
    RawHttp.Answer badModel = post(fake, "/api/v1/video", fake.apiKey(), "{\"model\":\"sora-3\",\"prompt\":\"x\"}");
    RawHttp.Answer badDuration = post(fake, "/api/v1/video", fake.apiKey(), "{\"model\":\"sora-2\",\"prompt\":\"x\",\"duration\":\"12\"}");
    RawHttp.Answer numberDuration = post(fake, "/api/v1/video", fake.apiKey(), "{\"model\":\"sora-2\",\"prompt\":\"x\",\"duration\":10}");

    assertThat(badModel.code()).isEqualTo(400);
    assertThat(badModel.json()).containsEntry("error", "Unknown video model: sora-3").containsEntry("code", "invalid_model");
    assertThat(badDuration.json()).containsEntry("error", "duration must be \"10\", \"15\" or \"25\"");
    assertThat(numberDuration.code()).as("the docs send the duration as a string").isEqualTo(400);
    assertThat(post(fake, "/api/v1/video", fake.apiKey(), "{\"model\":\"veo3.1\",\"prompt\":\"x\",\"duration\":\"25\"}").code())
        .isEqualTo(200);
  }

  @Test
  void creditsGoDownByThePriceOfEachTask() throws IOException {
    assertThat(fake.balance()).isEqualByComparingTo("1000");
    String image = submitImage(CAT);
    String video = post(fake, "/api/v1/video", fake.apiKey(), DOG).string("task_id");

    assertThat(fake.balance()).isEqualByComparingTo("997.5");
    assertThat(fake.journal().charges()).extracting(Journal.Charge::reference).containsExactly(image, video);
    assertThat(fake.journal().charges()).extracting(Journal.Charge::amount)
        .containsExactly(FakeCheapSub.IMAGE_PRICE, FakeCheapSub.VIDEO_PRICE);
    assertThat(fake.journal().netCharged()).isEqualByComparingTo("2.5");
    poll(image);
    poll(image);
    assertThat(fake.balance()).as("polling is free").isEqualByComparingTo("997.5");
  }

  @Test
  void submissionTheBalanceDoesNotCoverIs402AndLeavesNoTask() throws IOException {
    fake.balance(new BigDecimal("1.0"));
    fake.tasks().failNext("planned");

    RawHttp.Answer video = post(fake, "/api/v1/video", fake.apiKey(), DOG);

    assertThat(video.code()).isEqualTo(402);
    assertThat(video.json()).containsEntry("error", "Not enough credits").containsEntry("code", "insufficient_credits");
    assertThat(fake.tasks().size()).isZero();
    assertThat(fake.journal().charges()).isEmpty();
    assertThat(fake.balance()).isEqualByComparingTo("1.0");

    fake.tasks().pollsToFinish(1);
    String image = submitImage(CAT);
    assertThat(poll(image).string("data", "error")).as("the refused video did not use up the plan").isEqualTo("planned");
    fake.balance(new BigDecimal("0.4"));
    assertThat(post(fake, "/api/v1/image", fake.apiKey(), CAT).code()).isEqualTo(402);
    assertThat(post(fake, "/api/image/gen", fake.apiKey(), "{\"model\":\"nano-banana\",\"prompt\":\"x\"}").code()).isEqualTo(402);
    assertThat(fake.tasks().size()).isEqualTo(1);
  }

  @Test
  void fileRouteServesStoredFilesWithoutAKeyAndUnknownOnesAre404() throws IOException {
    fake.tasks().pollsToFinish(1);
    String url = poll(submitImage(CAT)).string("data", "result", 0, "image");

    try (Response r = RawHttp.CLIENT.newCall(new Request.Builder().url(url).build()).execute()) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.header("Content-Type")).isEqualTo("image/png");
    }
    RawHttp.Answer missing = get(fake, "/files/nothing.png", null);
    assertThat(missing.code()).isEqualTo(404);
    assertThat(missing.json()).containsEntry("error", "no such file");
    assertThat(RawHttp.send("POST", url, null, "{}").code()).as("files are GET only").isEqualTo(404);
  }

  @Test
  void callbackUrlReceivesTheFinishedTaskAndTheDeliveryIsJournaled() throws Exception {
    try (MockWebServer receiver = new MockWebServer()) {
      receiver.enqueue(new MockResponse.Builder().code(204).build());
      receiver.start(InetAddress.getLoopbackAddress(), 0);
      String hook = receiver.url("/done").toString();
      fake.tasks().pollsToFinish(1);

      String id = submitImage("{\"model\":\"nano-banana\",\"prompt\":\"x\",\"callback_url\":\"" + hook + "\"}");
      assertThat(receiver.getRequestCount()).as("nothing is sent before the task ends").isZero();
      RawHttp.Answer done = poll(id);

      RecordedRequest delivery = receiver.takeRequest(5, TimeUnit.SECONDS);
      assertThat(delivery).isNotNull();
      assertThat(delivery.getMethod()).isEqualTo("POST");
      assertThat(delivery.getHeaders().get("Content-Type")).startsWith("application/json");
      assertThat(Json.tryParseTree(delivery.getBody().utf8())).isEqualTo(done.json());
      RawHttp.await(() -> !fake.journal().callbacks().isEmpty(), Duration.ofSeconds(5));
      Journal.Callback journaled = fake.journal().callbacks().get(0);
      assertThat(journaled.url()).isEqualTo(hook);
      assertThat(journaled.status()).isEqualTo(204);
      assertThat(Json.tryParseTree(journaled.body())).isEqualTo(done.json());
      poll(id);
      assertThat(receiver.takeRequest(200, TimeUnit.MILLISECONDS)).as("delivered once").isNull();
    }
  }

  @Test
  void failedCallbackDeliveriesAreJournaledWithMinusOne() throws Exception {
    fake.tasks().pollsToFinish(1);
    String unreachable = "http://127.0.0.1:1/hook";
    poll(submitImage("{\"model\":\"nano-banana\",\"prompt\":\"x\",\"callback_url\":\"" + unreachable + "\"}"));
    poll(submitImage("{\"model\":\"nano-banana\",\"prompt\":\"x\",\"callback_url\":\"not a url\"}"));

    RawHttp.await(() -> fake.journal().callbacks().size() == 2, Duration.ofSeconds(5));
    assertThat(fake.journal().callbacks()).extracting(Journal.Callback::status).containsOnly(-1);
    assertThat(fake.journal().callbacks()).extracting(Journal.Callback::url).containsExactlyInAnyOrder(unreachable, "not a url");
  }

  @Test
  void legacyEndpointsSubmitTasksQueriedOnTheLegacyPath() throws IOException {
    RawHttp.Answer image = post(fake, "/api/image/gen", fake.apiKey(), "{\"model\":\"nano-banana\",\"prompt\":\"x\"}");
    RawHttp.Answer sora = post(fake, "/api/sora2/gen", fake.apiKey(), "{\"model\":\"sora-2\",\"prompt\":\"x\"}");
    RawHttp.Answer veo = post(fake, "/api/google/veo/generate", fake.apiKey(), "{\"model\":\"veo3-fast\",\"prompt\":\"x\"}");

    assertThat(List.of(image, sora, veo)).allSatisfy(a -> {
      assertThat(a.code()).isEqualTo(200);
      assertThat(a.string("status")).isEqualTo("processing");
      assertThat(a.string("task_id")).isNotBlank();
    });
    assertThat(fake.tasks().get(image.string("task_id")).orElseThrow().kind()).isEqualTo("image");
    assertThat(fake.tasks().get(veo.string("task_id")).orElseThrow().kind()).isEqualTo("video");
    assertThat(fake.journal().chargesOnly()).extracting(Journal.Charge::amount)
        .containsExactly(FakeCheapSub.IMAGE_PRICE, FakeCheapSub.VIDEO_PRICE, FakeCheapSub.VIDEO_PRICE);

    fake.tasks().finish(sora.string("task_id"));
    RawHttp.Answer query = get(fake, "/api/task/query?task_id=" + sora.string("task_id"), fake.apiKey());
    assertThat(query.string("status")).isEqualTo("completed");
    assertThat(query.string("result", "video_url")).endsWith(".mp4");
    assertThat(get(fake, "/api/task/query?task_id=" + image.string("task_id"), fake.apiKey()).string("data", "status"))
        .isEqualTo("processing");
    assertThat(post(fake, "/api/image/gen", fake.apiKey(), "{\"model\":\"nano-banana\"}").json())
        .containsEntry("error", "prompt is required");
  }
}
