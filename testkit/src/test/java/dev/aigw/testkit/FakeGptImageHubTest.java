package dev.aigw.testkit;

import static dev.aigw.testkit.RawHttp.get;
import static dev.aigw.testkit.RawHttp.post;
import static dev.aigw.testkit.RawHttp.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link FakeGptImageHub} over plain HTTP: routes and auth codes, the model list without a key,
 * credits, JSON and multipart generations in both modes, polling, ownership, validation, charges
 * and refunds.
 */
@Timeout(30)
class FakeGptImageHubTest {
  private static final String GENERATIONS = "/api/v1/images/generations";
  private static final String DOC_BODY = "{\"model\":\"gpt-image-2\",\"prompt\":\"A cinematic product photo\","
      + "\"size\":\"1024x1024\",\"quality\":\"high\",\"n\":1}";
  private static final String DOC_ASYNC = DOC_BODY.replace("\"n\":1}", "\"n\":1,\"async\":true}");

  private FakeGptImageHub fake;

  @BeforeEach
  void start() {
    fake = FakeGptImageHub.start();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  /** A multipart POST of text fields then files ({@code name, filename, type, bytes} each). */
  private RawHttp.Answer multipart(Map<String, String> fields, Object[]... files) throws IOException {
    MultipartBody.Builder b = new MultipartBody.Builder().setType(MultipartBody.FORM);
    fields.forEach(b::addFormDataPart);
    for (Object[] f : files) {
      b.addFormDataPart((String) f[0], (String) f[1], RequestBody.create((byte[]) f[3], MediaType.get((String) f[2])));
    }
    Request request = new Request.Builder().url(fake.baseUrl() + GENERATIONS)
        .header("Authorization", "Bearer " + fake.apiKey()).post(b.build()).build();
    try (Response r = RawHttp.CLIENT.newCall(request).execute()) {
      return new RawHttp.Answer(r.code(), r.body().string(), r.headers(), 0);
    }
  }

  private static Object[] file(String name, String filename, String type, byte[] bytes) {
    return new Object[] {name, filename, type, bytes};
  }

  private static Map<String, String> docFields() {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    m.put("model", "gpt-image-2");
    m.put("prompt", "Use the reference image and render it as a premium studio product shot");
    m.put("size", "1024x1024");
    m.put("quality", "high");
    m.put("n", "1");
    return m;
  }

  private RawHttp.Answer generate(String json) throws IOException {
    return post(fake, GENERATIONS, fake.apiKey(), json);
  }

  private static void assertError(RawHttp.Answer a, int status, String code, String message) {
    assertThat(a.code()).as(a.body()).isEqualTo(status);
    assertThat(a.string("error", "code")).isEqualTo(code);
    assertThat(a.string("error", "message")).isEqualTo(message);
  }

  // ----- routes and keys -----

  @Test
  void servesOnLoopbackWithGptImageHubKeys() {
    assertThat(fake.vendor()).isEqualTo("gptimagehub");
    assertThat(fake.apiKey()).startsWith("gih_live_");
    assertThat(fake.newKey()).startsWith("gih_live_").isNotEqualTo(fake.apiKey());
    assertThat(fake.balance()).isEqualByComparingTo("120");
  }

  @Test
  void theModelListNeedsNoKey() throws IOException {
    RawHttp.Answer a = get(fake, "/api/v1/models", null);
    assertThat(a.code()).isEqualTo(200);
    assertThat(a.string("data", 0, "id")).isEqualTo("gpt-image-2");
    assertThat(a.string("data", 0, "provider")).isEqualTo("openai");
    assertThat(a.at("data", 0, "reference_image_limit")).isEqualTo(16.0);
    assertThat(a.at("data", 0, "credits_per_image")).isEqualTo(8.0);
    assertThat(a.at("data", 0, "qualities")).isEqualTo(List.of("auto", "low", "medium", "high"));
    fake.addModel("gpt-image-2", new BigDecimal("9"), 2).addModel("mini", new BigDecimal("1.5"), 0);
    RawHttp.Answer again = get(fake, "/api/v1/models", null);
    assertThat(again.at("data", 0, "credits_per_image")).isEqualTo(9.0);
    assertThat(again.string("data", 1, "id")).isEqualTo("mini");
    assertThat(((List<?>) again.at("data"))).hasSize(2);
  }

  @Test
  void everyOtherRouteAnswersEachKeyProblemWithItsCode() throws IOException {
    assertError(get(fake, "/api/v1/credits", null), 401, "missingApiKey", "Missing Authorization header");
    assertError(get(fake, "/api/v1/credits", "sk-" + fake.apiKey()), 401, "invalidApiKey", "Invalid API key");
    assertError(get(fake, "/api/v1/credits", "gih_live_unknown"), 401, "invalidApiKey", "Invalid API key");
    String revoked = fake.newKey();
    fake.deactivate(revoked);
    assertError(get(fake, "/api/v1/credits", revoked), 401, "invalidApiKey", "API key has been revoked");
    String expired = fake.newKey();
    fake.expire(expired);
    assertError(post(fake, GENERATIONS, expired, DOC_BODY), 401, "expiredApiKey", "API key has expired");
    assertThat(fake.journal().charges()).isEmpty();
  }

  @Test
  void unknownPathsAreNotFoundAndWrongMethodsAre405() throws IOException {
    assertError(get(fake, "/api/v2/nothing", fake.apiKey()), 404, "notFound", "Unknown endpoint /api/v2/nothing");
    RawHttp.Answer wrong = send("DELETE", fake.baseUrl() + "/api/v1/credits", "Bearer " + fake.apiKey(), null);
    assertThat(wrong.code()).isEqualTo(405);
  }

  @Test
  void creditsReportTheBalanceAndAccountType() throws IOException {
    fake.accountType("FREE");
    RawHttp.Answer a = get(fake, "/api/v1/credits", fake.apiKey());
    assertThat(a.code()).isEqualTo(200);
    assertThat(a.at("credits")).isEqualTo(120.0);
    assertThat(a.string("account_type")).isEqualTo("FREE");
  }

  // ----- generating -----

  @Test
  void aSyncJsonGenerationAnswersLikeTheDocWithImagesAndBalance() throws IOException {
    RawHttp.Answer a = generate(DOC_BODY);
    assertThat(a.code()).as(a.body()).isEqualTo(200);
    assertThat(a.json()).containsEntry("object", "image_generation").containsEntry("status", "succeeded")
        .containsEntry("model", "gpt-image-2").containsEntry("aspect_ratio", "1:1").containsEntry("quality", "1K");
    assertThat(a.at("usage", "credits")).isEqualTo(8.0);
    assertThat(a.at("balance", "credits")).isEqualTo(112.0);
    assertThat(a.string("balance", "account_type")).isEqualTo("PRO");
    assertThat(a.string("images", 0, "object")).isEqualTo("image");
    String url = a.string("images", 0, "url");
    assertThat(url).startsWith(fake.baseUrl() + "/files/");
    RawHttp.Answer png = send("GET", url, null, null);
    assertThat(png.code()).isEqualTo(200);
    assertThat(png.headers().get("Content-Type")).isEqualTo("image/png");
    assertThat(fake.journal().charges()).extracting(Journal.Charge::amount).containsExactly(new BigDecimal("8"));
  }

  @Test
  void anAsyncGenerationIsQueuedThenPolledToSuccess() throws IOException {
    RawHttp.Answer queued = generate(DOC_ASYNC);
    assertThat(queued.code()).as(queued.body()).isEqualTo(202);
    String id = queued.string("id");
    assertThat(queued.string("status")).isEqualTo("queued");
    assertThat(queued.at("usage", "credits")).isEqualTo(0.0);
    assertThat(queued.at("usage", "credits_requested")).isEqualTo(8.0);
    assertThat(queued.string("poll_url")).isEqualTo(fake.baseUrl() + "/api/v1/generations/" + id);
    assertThat(queued.at("images")).isEqualTo(List.of());
    assertThat(fake.balance()).isEqualByComparingTo("112");

    RawHttp.Answer first = get(fake, "/api/v1/generations/" + id, fake.apiKey());
    assertThat(first.string("status")).isEqualTo("running");
    RawHttp.Answer done = get(fake, "/api/v1/generations/" + id, fake.apiKey());
    assertThat(done.string("status")).isEqualTo("succeeded");
    assertThat(done.at("usage", "credits")).isEqualTo(8.0);
    assertThat((List<?>) done.at("images")).hasSize(1);
    assertThat(done.json()).doesNotContainKey("balance").doesNotContainKey("poll_url");
  }

  @Test
  void aKeyReadsOnlyItsOwnGenerations() throws IOException {
    String id = generate(DOC_ASYNC).string("id");
    assertError(get(fake, "/api/v1/generations/" + id, fake.newKey()), 404, "notFound", "Generation not found");
    assertError(get(fake, "/api/v1/generations/nope", fake.apiKey()), 404, "notFound", "Generation not found");
    assertThat(get(fake, "/api/v1/generations/" + id, fake.apiKey()).code()).isEqualTo(200);
  }

  @Test
  void failedGenerationsAreRefunded() throws IOException {
    fake.tasks().failNext("upstream said no");
    assertError(generate(DOC_BODY), 500, "generationFailed", "upstream said no");
    fake.tasks().failNext(null);
    String id = generate(DOC_ASYNC).string("id");
    fake.tasks().finish(id);
    RawHttp.Answer failed = get(fake, "/api/v1/generations/" + id, fake.apiKey());
    assertThat(failed.string("status")).isEqualTo("failed");
    assertThat(failed.string("error", "code")).isEqualTo("generationFailed");
    assertThat(failed.string("error", "message")).isEqualTo("Image generation failed");
    assertThat(failed.at("usage", "credits")).isEqualTo(0.0);
    fake.tasks().failNext(null);
    assertError(generate(DOC_BODY), 500, "generationFailed", "Image generation failed");
    assertThat(fake.journal().charges()).extracting(Journal.Charge::amount).containsExactly(
        new BigDecimal("8"), new BigDecimal("-8"), new BigDecimal("8"), new BigDecimal("-8"),
        new BigDecimal("8"), new BigDecimal("-8"));
    assertThat(fake.balance()).isEqualByComparingTo("120");
  }

  @Test
  void aGenerationTheBalanceDoesNotCoverChargesNothing() throws IOException {
    fake.balance(new BigDecimal("15"));
    assertError(generate(DOC_BODY.replace("\"n\":1", "\"n\":2")), 402, "insufficientCredits", "Insufficient credits");
    assertThat(fake.journal().charges()).isEmpty();
    assertThat(fake.tasks().size()).isZero();
  }

  @Test
  void sizesGiveTheAspectRatioAndQualityClassReported() throws IOException {
    RawHttp.Answer wide = generate("{\"model\":\"gpt-image-2\",\"prompt\":\"x\",\"size\":\"1536x1024\"}");
    assertThat(wide.string("aspect_ratio")).isEqualTo("3:2");
    assertThat(wide.string("quality")).isEqualTo("2K");
    RawHttp.Answer auto = generate("{\"model\":\"gpt-image-2\",\"prompt\":\"x\",\"size\":\"auto\"}");
    assertThat(auto.string("aspect_ratio")).isEqualTo("auto");
    assertThat(auto.string("quality")).isEqualTo("1K");
    RawHttp.Answer huge = generate("{\"model\":\"gpt-image-2\",\"prompt\":\"x\",\"size\":\"4096x4096\"}");
    assertThat(huge.string("quality")).isEqualTo("4K");
  }

  // ----- validation -----

  @Test
  void badRequestsAreInvalidRequestAndChargeNothing() throws IOException {
    assertError(generate("not json"), 400, "invalid_request", "Invalid request body");
    assertError(generate("{\"model\":\"dall-e-9\",\"prompt\":\"x\"}"), 400, "invalid_request",
        "Unknown model: dall-e-9 (available: gpt-image-2)");
    assertError(generate("{\"model\":\"gpt-image-2\"}"), 400, "invalid_request", "prompt is required");
    for (String n : new String[] {"0", "5", "1.5", "\"x\"", "null"}) {
      assertError(generate("{\"model\":\"gpt-image-2\",\"prompt\":\"x\",\"n\":" + n + "}"), 400, "invalid_request",
          "n must be between 1 and 4");
    }
    assertError(generate("{\"model\":\"gpt-image-2\",\"prompt\":\"x\",\"quality\":\"ultra\"}"), 400,
        "invalid_request", "quality must be one of auto, low, medium, high");
    assertError(generate("{\"model\":\"gpt-image-2\",\"prompt\":\"x\",\"size\":\"big\"}"), 400,
        "invalid_request", "size must be auto or WIDTHxHEIGHT");
    assertError(generate("{\"model\":\"gpt-image-2\",\"prompt\":\"x\",\"reference_image\":\"https://x/y.png\"}"), 400,
        "invalid_request", "Invalid request body");
    assertThat(fake.journal().charges()).isEmpty();
  }

  // ----- multipart -----

  @Test
  void multipartUploadsAreKeptByteForByte() throws IOException {
    byte[] png = TestMedia.png(10, 10, 1);
    byte[] jpeg = TestMedia.jpeg(10, 10, 2);
    Map<String, String> fields = docFields();
    fields.put("n", "2");
    RawHttp.Answer a = multipart(fields, file("reference_image", "reference.png", "image/png", png),
        file("reference_image", "photo.jpg", "image/jpeg", jpeg));
    assertThat(a.code()).as(a.body()).isEqualTo(200);
    assertThat((List<?>) a.at("images")).hasSize(2);
    assertThat(a.at("usage", "credits")).isEqualTo(16.0);
    List<FakeGptImageHub.Upload> uploads = fake.uploads();
    assertThat(uploads).extracting(FakeGptImageHub.Upload::filename).containsExactly("reference.png", "photo.jpg");
    assertThat(uploads).extracting(FakeGptImageHub.Upload::contentType).containsExactly("image/png", "image/jpeg");
    assertThat(uploads.get(0).bytes()).isEqualTo(png);
    assertThat(uploads.get(1).bytes()).isEqualTo(jpeg);
    assertThat(uploads).extracting(FakeGptImageHub.Upload::generationId).containsOnly(a.string("id"));
  }

  @Test
  void multipartAsyncIsQueued() throws IOException {
    Map<String, String> fields = docFields();
    fields.put("async", "true");
    RawHttp.Answer a = multipart(fields, file("reference_image", "r.png", "image/png", TestMedia.png(4, 4, 1)));
    assertThat(a.code()).as(a.body()).isEqualTo(202);
    assertThat(a.string("poll_url")).endsWith(a.string("id"));
  }

  @Test
  void multipartReferencesAreCheckedForCountAndType() throws IOException {
    fake.referenceImageLimit("gpt-image-2", 1);
    byte[] png = TestMedia.png(4, 4, 1);
    assertError(multipart(docFields(), file("reference_image", "a.png", "image/png", png),
        file("reference_image", "b.png", "image/png", png)), 400, "invalid_request",
        "At most 1 reference images are allowed for gpt-image-2");
    byte[] gif = "GIF89a......".getBytes(StandardCharsets.US_ASCII);
    assertError(multipart(docFields(), file("reference_image", "a.gif", "image/gif", gif)), 400, "invalid_request",
        "Reference images must be PNG, JPG, JPEG or WebP");
    assertError(multipart(docFields(), file("image", "a.png", "image/png", png)), 400, "invalid_request",
        "Invalid request body");
    assertThat(fake.uploads()).isEmpty();
    assertThat(fake.journal().charges()).isEmpty();
    assertThatThrownBy(() -> fake.referenceImageLimit("nope", 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aMalformedMultipartBodyIsInvalid() throws IOException {
    Request request = new Request.Builder().url(fake.baseUrl() + GENERATIONS)
        .header("Authorization", "Bearer " + fake.apiKey())
        .post(RequestBody.create("--b\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\ngpt",
            MediaType.get("multipart/form-data; boundary=b"))).build();
    try (Response r = RawHttp.CLIENT.newCall(request).execute()) {
      assertThat(r.code()).isEqualTo(400);
      assertThat(r.body().string()).contains("invalid_request");
    }
  }
}
