package dev.aigw.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link FakeGptImage2}'s generations over plain HTTP: 202 and the idempotency store, polling through
 * every status with outputs, credits charged and refunded, Zod-style 400s, 401, 402, 403, 404, 422.
 */
@Timeout(30)
class FakeGptImage2GenerationTest {
  private FakeGptImage2 fake;
  private GptImage2Http http;

  @BeforeEach
  void start() {
    fake = FakeGptImage2.start().processingDelay(java.time.Duration.ZERO);
    http = new GptImage2Http(fake);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void aGenerationIsAccepted202QueuedAndChargedByQualityAndCount() throws IOException {
    RawHttp.Answer answer = http.generate("{\"prompt\":\"a lighthouse\",\"quality\":\"high\",\"n\":2}");

    assertThat(answer.code()).isEqualTo(202);
    assertThat(answer.json()).containsOnlyKeys("generationId", "status").containsEntry("status", "queued");
    String id = answer.string("generationId");
    assertThat(fake.journal().chargesOnly()).singleElement()
        .satisfies(c -> assertThat(c.reference()).isEqualTo(id))
        .satisfies(c -> assertThat(c.amount()).isEqualByComparingTo("8"));
    assertThat(fake.balance()).isEqualByComparingTo("992");
  }

  @Test
  void lowAndTheDefaultMediumCostOneAndTwoCreditsAnImage() throws IOException {
    http.submit("{\"prompt\":\"a\",\"quality\":\"low\"}");
    http.submit("{\"prompt\":\"b\"}");

    assertThat(fake.journal().chargesOnly()).extracting(Journal.Charge::amount)
        .usingElementComparator(BigDecimal::compareTo).containsExactly(BigDecimal.ONE, new BigDecimal("2"));
  }

  @Test
  void aRepeatedIdempotencyKeyReturnsTheExistingGenerationAndChargesNothing() throws IOException {
    String body = "{\"prompt\":\"a lighthouse\"}";
    RawHttp.Answer first = http.generate(fake.apiKey(), "order-42", body);
    RawHttp.Answer again = http.generate(fake.apiKey(), "order-42", body);
    RawHttp.Answer other = http.generate(fake.apiKey(), "order-43", body);

    assertThat(again.code()).isEqualTo(202);
    assertThat(again.string("generationId")).isEqualTo(first.string("generationId"));
    assertThat(other.string("generationId")).isNotEqualTo(first.string("generationId"));
    assertThat(fake.journal().chargesOnly()).hasSize(2);
    assertThat(fake.tasks().size()).isEqualTo(2);
  }

  @Test
  void aReplayAnswersTheExistingRowsCurrentStatus() throws IOException {
    fake.tasks().pollsToFinish(1);
    RawHttp.Answer first = http.generate(fake.apiKey(), "k-1", "{\"prompt\":\"a\"}");
    http.pollToEnd(first.string("generationId"));

    assertThat(http.generate(fake.apiKey(), "k-1", "{\"prompt\":\"a\"}").string("status")).isEqualTo("succeeded");
  }

  @Test
  void idempotencyKeysBelongToTheirApiKey() throws IOException {
    String other = fake.newKey();

    RawHttp.Answer mine = http.generate(fake.apiKey(), "shared", "{\"prompt\":\"a\"}");
    RawHttp.Answer theirs = http.generate(other, "shared", "{\"prompt\":\"a\"}");

    assertThat(theirs.string("generationId")).isNotEqualTo(mine.string("generationId"));
    assertThat(fake.journal().chargesOnly()).hasSize(2);
  }

  @Test
  void pollsGoQueuedRunningSucceededWithPngAndWebpOutputsOfTheRequestedSize() throws Exception {
    fake.tasks().pollsToFinish(2);
    String id = http.submit("{\"prompt\":\"a\",\"size\":\"1536x1024\",\"n\":2}");

    RawHttp.Answer running = http.generation(id);
    RawHttp.Answer done = http.generation(id);

    assertThat(running.json()).containsEntry("id", id).containsEntry("status", "running")
        .containsEntry("type", "text2img").containsEntry("outputs", List.of()).doesNotContainKey("completedAt");
    assertThat(done.string("status")).isEqualTo("succeeded");
    assertThat(done.at("costCredits")).isEqualTo(4.0);
    assertThat(Instant.parse(done.string("createdAt"))).isBeforeOrEqualTo(Instant.parse(done.string("completedAt")));
    List<?> outputs = (List<?>) done.at("outputs");
    assertThat(outputs).hasSize(2);
    assertThat(done.json().get("error")).isNull();
    for (int i = 0; i < 2; i++) {
      assertThat(done.at("outputs", i, "width")).isEqualTo(1536.0);
      assertThat(done.at("outputs", i, "height")).isEqualTo(1024.0);
      assertThat(done.string("outputs", i, "png")).startsWith(fake.baseUrl() + "/files/").endsWith(".png");
      assertThat(done.string("outputs", i, "webp")).endsWith(".webp");
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(download(done.string("outputs", i, "png"))));
      assertThat(image).as("a real PNG").isNotNull();
    }
  }

  private static byte[] download(String url) throws IOException {
    try (Response r = RawHttp.CLIENT.newCall(new Request.Builder().url(url).build()).execute()) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.header("Content-Type")).isEqualTo("image/png");
      assertThat(r.header("X-RateLimit-Limit")).as("files come from the CDN, not the API").isNull();
      return r.body().bytes();
    }
  }

  @Test
  void aFailedGenerationCarriesItsErrorAndIsRefunded() throws IOException {
    fake.tasks().pollsToFinish(1).failNext("upstream model crashed");
    String id = http.submit("{\"prompt\":\"a\"}");

    RawHttp.Answer failed = http.pollToEnd(id);

    assertThat(failed.json()).containsEntry("status", "failed").containsEntry("error", "upstream model crashed")
        .containsEntry("outputs", List.of());
    assertThat(fake.journal().netCharged()).isEqualByComparingTo("0");
    assertThat(fake.balance()).isEqualByComparingTo("1000");
  }

  @Test
  void aBlockedGenerationIsRefunded() throws IOException {
    fake.tasks().pollsToFinish(1).blockNext("output flagged by moderation");
    String id = http.submit("{\"prompt\":\"a\",\"quality\":\"high\"}");

    RawHttp.Answer blocked = http.pollToEnd(id);

    assertThat(blocked.json()).containsEntry("status", "blocked").containsEntry("error", "output flagged by moderation");
    assertThat(fake.journal().charges()).extracting(Journal.Charge::amount)
        .usingElementComparator(BigDecimal::compareTo).containsExactly(new BigDecimal("4"), new BigDecimal("-4"));
  }

  @Test
  void anEditWithAnUploadedKeyIsAnEdit() throws IOException {
    RawHttp.Answer upload = http.upload("{\"filename\":\"cat.png\",\"contentType\":\"image/png\",\"size\":3}");
    GptImage2Http.put(upload.string("url"), Map.of(), new byte[] {1, 2, 3}, "image/png");
    fake.tasks().pollsToFinish(1);

    String id = http.submit("{\"prompt\":\"make it blue\",\"type\":\"edit\",\"inputImageKeys\":[\""
        + upload.string("key") + "\"]}");

    assertThat(http.pollToEnd(id).json()).containsEntry("type", "edit").containsEntry("status", "succeeded");
  }

  static Stream<Arguments> invalidBodies() {
    return Stream.of(
        Arguments.of("{\"size\":\"1024x1024\"}", "prompt: Required"),
        Arguments.of("{\"prompt\":\"  \"}", "prompt: Required"),
        Arguments.of("{\"prompt\":\"a\",\"type\":\"upscale\"}",
            "type: Invalid enum value. Expected 'text2img' | 'edit', received 'upscale'"),
        Arguments.of("{\"prompt\":\"a\",\"size\":\"512x512\"}",
            "size: Invalid enum value. Expected '1024x1024' | '1024x1536' | '1536x1024', received '512x512'"),
        Arguments.of("{\"prompt\":\"a\",\"quality\":\"auto\"}",
            "quality: Invalid enum value. Expected 'low' | 'medium' | 'high', received 'auto'"),
        Arguments.of("{\"prompt\":\"a\",\"n\":5}", "n: Number must be between 1 and 4"),
        Arguments.of("{\"prompt\":\"a\",\"n\":0}", "n: Number must be between 1 and 4"),
        Arguments.of("{\"prompt\":\"a\",\"n\":\"2\"}", "n: Number must be between 1 and 4"),
        Arguments.of("{\"prompt\":\"a\",\"type\":\"edit\"}", "inputImageKeys: Required for type 'edit'"),
        Arguments.of("{\"prompt\":\"a\",\"inputImageKeys\":[\"1\",\"2\",\"3\",\"4\",\"5\"]}",
            "inputImageKeys: Array must contain at most 4 element(s)"),
        Arguments.of("{\"prompt\":\"a\",\"type\":\"edit\",\"inputImageKeys\":[\"uploads/nope\"]}",
            "inputImageKeys: unknown key uploads/nope"),
        Arguments.of("[1,2]", "Expected object, received [1,2]"));
  }

  @ParameterizedTest
  @MethodSource("invalidBodies")
  void invalidBodiesAre400WithAZodStyleMessageAndChargeNothing(String body, String message)
      throws IOException {
    RawHttp.Answer answer = http.generate(body);

    assertThat(answer.code()).isEqualTo(400);
    assertThat(answer.json()).containsEntry("error", message).containsEntry("code", "invalid_body");
    assertThat(fake.journal().charges()).isEmpty();
    assertThat(fake.tasks().size()).isZero();
  }

  @Test
  void aPromptOver4000CharactersIs400() throws IOException {
    RawHttp.Answer answer = http.generate("{\"prompt\":\"" + "a".repeat(4001) + "\"}");

    assertThat(answer.code()).isEqualTo(400);
    assertThat(answer.string("error")).isEqualTo("prompt: String must contain at most 4000 character(s)");
    assertThat(http.generate("{\"prompt\":\"" + "a".repeat(4000) + "\"}").code()).isEqualTo(202);
  }

  @Test
  void aBlockedPromptIs422AndChargesNothing() throws IOException {
    RawHttp.Answer blocked = http.generate("{\"prompt\":\"something Forbidden\"}");
    fake.blockPromptsContaining("dragon");
    RawHttp.Answer dragon = http.generate("{\"prompt\":\"a dragon\"}");

    assertThat(blocked.code()).isEqualTo(422);
    assertThat(blocked.json()).containsEntry("error", "The prompt was blocked by the content policy")
        .containsEntry("code", "content_policy");
    assertThat(dragon.code()).isEqualTo(422);
    assertThat(fake.journal().charges()).isEmpty();
  }

  @Test
  void aShortBalanceIs402AndCreatesNothing() throws IOException {
    fake.balance(new BigDecimal("3"));

    RawHttp.Answer answer = http.generate("{\"prompt\":\"a\",\"quality\":\"high\"}");

    assertThat(answer.code()).isEqualTo(402);
    assertThat(answer.json()).containsEntry("code", "insufficient_credits")
        .containsEntry("error", "Not enough credits or monthly compute limit reached");
    assertThat(fake.tasks().size()).isZero();
    assertThat(fake.balance()).isEqualByComparingTo("3");
    assertThat(http.generate("{\"prompt\":\"a\",\"quality\":\"low\"}").code()).isEqualTo(202);
  }

  @Test
  void aKeyWithoutAProOrMaxPlanIs403OnEveryApiCall() throws IOException {
    String key = fake.keyWithoutPlan();

    RawHttp.Answer generate = http.generate(key, null, "{\"prompt\":\"a\"}");
    RawHttp.Answer upload = GptImage2Http.send("POST", fake.baseUrl() + "/api/v1/upload",
        GptImage2Http.headers(key, null), okhttp3.RequestBody.create("{}", okhttp3.MediaType.get("application/json")));

    assertThat(generate.code()).isEqualTo(403);
    assertThat(generate.json()).containsEntry("code", "plan_required")
        .containsEntry("error", "The API requires a Pro or Max plan");
    assertThat(upload.code()).isEqualTo(403);
    assertThat(fake.tasks().size()).isZero();
  }

  @Test
  void aMissingOrWrongKeyIs401() throws IOException {
    RawHttp.Answer missing = http.generate(null, null, "{\"prompt\":\"a\"}");
    RawHttp.Answer wrong = http.generate("gimg_unknown", null, "{\"prompt\":\"a\"}");
    RawHttp.Answer otherVendor = http.generate("csk_" + fake.apiKey().substring(5), null, "{\"prompt\":\"a\"}");

    assertThat(missing.code()).isEqualTo(401);
    assertThat(missing.string("error")).isEqualTo("Missing bearer key");
    assertThat(wrong.code()).isEqualTo(401);
    assertThat(wrong.string("error")).isEqualTo("Invalid API key");
    assertThat(otherVendor.code()).isEqualTo(401);
  }

  @Test
  void anUnknownGenerationIs404() throws IOException {
    RawHttp.Answer answer = http.generation("no-such-id");

    assertThat(answer.code()).isEqualTo(404);
    assertThat(answer.json()).containsEntry("error", "Generation not found").containsEntry("code", "not_found");
  }

  @Test
  void everyApiAnswerCarriesTheRateLimitHeaders() throws IOException {
    RawHttp.Answer accepted = http.generate("{\"prompt\":\"a\"}");
    RawHttp.Answer refused = http.generate("{\"size\":\"1x1\"}");
    RawHttp.Answer notFound = http.generation("nope");

    long nextHour = (Instant.now().getEpochSecond() / 3600 + 1) * 3600;
    int remaining = FakeGptImage2.HOURLY_LIMIT;
    for (RawHttp.Answer a : List.of(accepted, refused, notFound)) {
      remaining--;
      assertThat(a.headers().get("X-RateLimit-Limit")).isEqualTo("600");
      assertThat(a.headers().get("X-RateLimit-Remaining")).isEqualTo(String.valueOf(remaining));
      assertThat(Long.parseLong(a.headers().get("X-RateLimit-Reset"))).isBetween(nextHour - 1, nextHour + 3600);
      assertThat(a.headers().get("Retry-After")).isNull();
    }
  }
}
