package dev.aigw.testkit;

import static dev.aigw.testkit.RawHttp.get;
import static dev.aigw.testkit.RawHttp.post;
import static dev.aigw.testkit.RawHttp.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aigw.core.media.DataUrl;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link FakeICodeEasy} over plain HTTP: routes, auth, sync and async generation, files, errors. */
@Timeout(30)
class FakeICodeEasyTest {
  private static final String CAT = "{\"model\":\"gpt-image-2\",\"prompt\":\"an orange cat\"}";
  private static final OkHttpClient NO_REDIRECTS = RawHttp.CLIENT.newBuilder().followRedirects(false).build();

  private FakeICodeEasy fake;

  @BeforeEach
  void start() {
    fake = FakeICodeEasy.start();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private static String body(String extra) {
    return "{\"model\":\"gpt-image-2\",\"prompt\":\"an orange cat\"" + extra + "}";
  }

  private RawHttp.Answer generate(String path, String json) throws IOException {
    return post(fake, path, fake.apiKey(), json);
  }

  private byte[] download(String url) throws IOException {
    try (Response r = RawHttp.CLIENT.newCall(new Request.Builder().url(url).build()).execute()) {
      assertThat(r.code()).isEqualTo(200);
      return r.body().bytes();
    }
  }

  private static BufferedImage decode(byte[] png) throws IOException {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image).isNotNull();
    return image;
  }

  @Test
  void servesOnLoopbackWithAnSkKeyAndASeparateFileHost() {
    HttpUrl api = HttpUrl.parse(fake.baseUrl());
    HttpUrl files = HttpUrl.parse(fake.fileHostUrl());
    assertThat(api.host()).isIn("localhost", "127.0.0.1");
    assertThat(files.host()).isIn("localhost", "127.0.0.1");
    assertThat(files.port()).isNotEqualTo(api.port());
    assertThat(fake.fileHostUrl()).doesNotEndWith("/");
    assertThat(fake.vendor()).isEqualTo("icodeeasy");
    assertThat(fake.apiKey()).startsWith("sk_");
  }

  @Test
  void refusedKeysAre401AuthenticationErrors() throws IOException {
    RawHttp.Answer none = post(fake, "/v1/images/generations", null, CAT);
    RawHttp.Answer wrong = post(fake, "/v1/images/generations", "csk_" + fake.apiKey().substring(3), CAT);
    String inactive = fake.newKey();
    fake.deactivate(inactive);
    RawHttp.Answer off = post(fake, "/v1/images/generations", inactive, CAT);

    assertThat(List.of(none.code(), wrong.code(), off.code())).containsOnly(401);
    assertThat(none.at("error")).isEqualTo(Map.of("type", "authentication_error",
        "message", "Missing API key (Authorization: Bearer sk_...)", "provider", "icodeeasy.cc"));
    assertThat(wrong.string("error", "message")).isEqualTo("Invalid API key");
    assertThat(fake.journal().charges()).isEmpty();
  }

  @Test
  void syncGenerationAnswersWithUrlsAndChargesTheMediumPrice() throws IOException {
    RawHttp.Answer answer = generate("/v1/images/generations", CAT);

    assertThat(answer.code()).isEqualTo(200);
    assertThat(answer.json()).containsOnlyKeys("id", "created", "data");
    String url = answer.string("data", 0, "url");
    assertThat(url).startsWith(fake.baseUrl() + "/v1/images/files/gpt-image-2/")
        .matches(".*/[0-9]{8}/" + answer.string("id") + "-1\\.png");
    assertThat(fake.journal().chargesOnly()).extracting(Journal.Charge::amount).containsExactly(FakeICodeEasy.MEDIUM_PRICE);
    assertThat(fake.balance()).isEqualByComparingTo("99.80");
    BufferedImage image = decode(download(url));
    assertThat(image.getWidth()).isEqualTo(64);
    assertThat(image.getHeight()).isEqualTo(64);
  }

  @ParameterizedTest
  @CsvSource({"16:9, 2k, 128, 72", "1536x1024, 1k, 64, 43", "auto, 1k, 64, 64", "9:21, 2k, 55, 128"})
  void imagesTakeTheShapeOfSizeAndResolution(String size, String resolution, int width, int height) throws IOException {
    RawHttp.Answer answer = generate("/v1/images/generations",
        body(",\"size\":\"" + size + "\",\"resolution\":\"" + resolution + "\""));

    BufferedImage image = decode(download(answer.string("data", 0, "url")));
    assertThat(image.getWidth()).isEqualTo(width);
    assertThat(image.getHeight()).isEqualTo(height);
  }

  @ParameterizedTest
  @CsvSource({"low, 2, 0.20", "high, 2, 0.80", "auto, 3, 0.60", "medium, 1, 0.20"})
  void theChargeIsImagesTimesTheQualityTier(String quality, int n, String charged) throws IOException {
    RawHttp.Answer answer = generate("/images/edits", body(",\"n\":" + n + ",\"quality\":\"" + quality + "\""));

    assertThat(answer.code()).isEqualTo(200);
    assertThat((List<?>) answer.at("data")).hasSize(n);
    assertThat(fake.journal().netCharged()).isEqualByComparingTo(charged);
  }

  @Test
  void resultUrlsNeedNoKeyAndRedirectToTheFileHost() throws IOException {
    String url = generate("/v1/images/generations", CAT).string("data", 0, "url");
    fake.journal().clear();

    try (Response r = NO_REDIRECTS.newCall(new Request.Builder().url(url).build()).execute()) {
      assertThat(r.code()).isEqualTo(302);
      assertThat(r.header("Location")).startsWith(fake.fileHostUrl() + "/cdn/").endsWith("-1.png");
    }
    try (Response r = NO_REDIRECTS.newCall(new Request.Builder().url(url + "?download=1").build()).execute()) {
      assertThat(r.header("Location")).endsWith("-1.png?download=1");
    }
    try (Response r = RawHttp.CLIENT.newCall(new Request.Builder().url(url + "?download=1").build()).execute()) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.header("Content-Type")).isEqualTo("image/png");
      assertThat(r.header("Content-Disposition")).startsWith("attachment; filename=");
      assertThat(r.body().bytes()).startsWith(0x89, 'P', 'N', 'G');
    }
    try (Response r = RawHttp.CLIENT.newCall(new Request.Builder().url(url).build()).execute()) {
      assertThat(r.header("Content-Disposition")).startsWith("inline; filename=");
    }
    List<Journal.Entry> seen = fake.journal().requests();
    assertThat(seen).extracting(Journal.Entry::path).filteredOn(p -> p.startsWith("/cdn/")).hasSize(2);
    assertThat(seen).extracting(Journal.Entry::status).contains(302, 200);
    assertThat(seen).allSatisfy(e -> assertThat(e.headers()).doesNotContainKey("authorization"));
  }

  @Test
  void unknownFilesAre404OnBothServers() throws IOException {
    RawHttp.Answer api = get(fake, "/v1/images/files/gpt-image-2/20260616/nothing-1.png", null);
    RawHttp.Answer host = send("GET", fake.fileHostUrl() + "/cdn/nope/nothing-1.png", null, null);
    RawHttp.Answer other = send("GET", fake.fileHostUrl() + "/elsewhere", null, null);

    assertThat(api.code()).isEqualTo(404);
    assertThat(api.string("error", "type")).isEqualTo("not_found_error");
    assertThat(host.code()).isEqualTo(404);
    assertThat(other.body()).isEqualTo("Not Found");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "true", "yes", "YES"})
  void asyncAnswers202PendingAndTheTaskCompletesWithItsCost(String flag) throws IOException {
    fake.tasks().pollsToFinish(2);
    RawHttp.Answer submitted = generate("/v1/images/edits?async=" + flag, CAT);

    assertThat(submitted.code()).isEqualTo(202);
    assertThat(submitted.json()).containsOnlyKeys("status", "task_id").containsEntry("status", "pending");
    String id = submitted.string("task_id");
    assertThat(fake.journal().charges()).as("nothing is charged before the images exist").isEmpty();

    RawHttp.Answer first = get(fake, "/v1/images/tasks/" + id, fake.apiKey());
    assertThat(first.json()).isEqualTo(Map.of("task_id", id, "status", "pending", "model", "gpt-image-2"));
    RawHttp.Answer done = get(fake, "/images/tasks/" + id, fake.apiKey());
    assertThat(done.json()).containsOnlyKeys("task_id", "status", "model", "cost", "result_url")
        .containsEntry("status", "completed");
    assertThat(done.body()).contains("\"cost\":0.2,");
    assertThat(download(done.string("result_url"))).startsWith(0x89, 'P', 'N', 'G');
    assertThat(fake.journal().chargesOnly()).extracting(Journal.Charge::reference).containsExactly(id);
    assertThat(get(fake, "/v1/images/tasks/" + id, fake.apiKey()).json()).containsEntry("status", "completed");
  }

  @Test
  void anAsyncTaskOfSeveralImagesListsThemAllInData() throws IOException {
    fake.tasks().pollsToFinish(1);
    String id = generate("/v1/images/generations?async=1", body(",\"n\":2,\"quality\":\"high\"")).string("task_id");

    RawHttp.Answer done = get(fake, "/v1/images/tasks/" + id, fake.apiKey());

    assertThat(done.body()).contains("\"cost\":0.8,");
    assertThat((List<?>) done.at("data")).hasSize(2);
    assertThat(done.string("data", 0, "url")).isEqualTo(done.string("result_url"));
    assertThat(done.string("data", 1, "url")).endsWith(id + "-2.png");
  }

  @Test
  void anAsyncTaskOfSeveralImagesCanAnswerInThePluralFormOrWithAListInResultUrl() throws IOException {
    fake.tasks().pollsToFinish(1);
    fake.taskResults(FakeICodeEasy.TaskResults.RESULT_URLS);
    String plural = generate("/v1/images/generations?async=1", body(",\"n\":2")).string("task_id");
    RawHttp.Answer p = get(fake, "/v1/images/tasks/" + plural, fake.apiKey());

    assertThat(p.json()).containsOnlyKeys("task_id", "status", "model", "cost", "result_url", "result_urls");
    assertThat((List<?>) p.at("result_urls")).hasSize(2);
    assertThat(p.string("result_urls", 0)).isEqualTo(p.string("result_url"));
    assertThat(download(p.string("result_urls", 1))).startsWith(0x89, 'P', 'N', 'G');

    fake.taskResults(FakeICodeEasy.TaskResults.RESULT_URL_LIST);
    String list = generate("/v1/images/generations?async=1", body(",\"n\":3")).string("task_id");
    RawHttp.Answer l = get(fake, "/v1/images/tasks/" + list, fake.apiKey());

    assertThat(l.json()).containsOnlyKeys("task_id", "status", "model", "cost", "result_url");
    assertThat((List<?>) l.at("result_url")).hasSize(3);
    assertThat(l.string("result_url", 2)).endsWith(list + "-3.png");

    String single = generate("/v1/images/generations?async=1", CAT).string("task_id");
    assertThat(get(fake, "/v1/images/tasks/" + single, fake.apiKey()).string("result_url"))
        .as("one image is always the documented string").endsWith(single + "-1.png");
  }

  @Test
  void failedAndBlockedTasksSayWhyAndAreNotCharged() throws IOException {
    fake.tasks().pollsToFinish(1).failNext("generation failed upstream").blockNext("rejected by safety review");
    String failed = generate("/v1/images/generations?async=1", CAT).string("task_id");
    String blocked = generate("/v1/images/generations?async=1", CAT).string("task_id");

    RawHttp.Answer f = get(fake, "/v1/images/tasks/" + failed, fake.apiKey());
    RawHttp.Answer b = get(fake, "/v1/images/tasks/" + blocked, fake.apiKey());

    assertThat(f.json()).containsEntry("status", "failed")
        .containsEntry("error", Map.of("type", "server_error", "message", "generation failed upstream"));
    assertThat(b.string("error", "type")).isEqualTo("content_policy_violation");
    assertThat(fake.journal().charges()).isEmpty();
  }

  @Test
  void anUnknownTaskIs404() throws IOException {
    RawHttp.Answer answer = get(fake, "/v1/images/tasks/no-such-task", fake.apiKey());

    assertThat(answer.code()).isEqualTo(404);
    assertThat(answer.string("error", "message")).isEqualTo("task not found: no-such-task");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "unsupported ratio | ,\"size\":\"7:5\" | unsupported ratio: 7:5",
      "bad resolution | ,\"resolution\":\"4k\" | resolution must be 1k or 2k",
      "bad quality | ,\"quality\":\"hd\" | quality must be low, medium, high or auto",
      "b64_json | ,\"response_format\":\"b64_json\" | response_format b64_json is not supported; image URLs are always returned",
      "bad n | ,\"n\":0 | n must be a positive integer",
      "http URL | ,\"image_urls\":[\"http://example.com/a.png\"] | reference image URLs must use https:// (http is rejected)",
      "not base64 | ,\"image_urls\":[\"data:image/png;base64,!!!\"] | invalid base64 image data",
      "not an image data URL | ,\"image_input\":[\"data:text/plain;base64,aGk=\"] | invalid base64 image: must be data:image/*;base64,...",
      "not an image | ,\"image_urls\":[\"data:image/png;base64,aGk=\"] | reference image 1 is not a valid image",
      "not a list | ,\"image_urls\":\"https://example.com/a.png\" | image_urls must be an array of strings"})
  void badParametersAre400InvalidRequestErrors(String what, String extra, String message) throws IOException {
    RawHttp.Answer answer = generate("/v1/images/generations", body(extra));

    assertThat(answer.code()).isEqualTo(400);
    assertThat(answer.string("error", "type")).isEqualTo("invalid_request_error");
    assertThat(answer.string("error", "message")).isEqualTo(message);
    assertThat(fake.journal().charges()).isEmpty();
  }

  @Test
  void modelPromptAndBodyAreRequired() throws IOException {
    assertThat(generate("/v1/images/generations", "{\"model\":\"dall-e-3\",\"prompt\":\"x\"}").string("error", "message"))
        .isEqualTo("model must be gpt-image-2, got dall-e-3");
    assertThat(generate("/v1/images/generations", "{\"model\":\"gpt-image-2\"}").string("error", "message"))
        .isEqualTo("prompt is required");
    assertThat(generate("/v1/images/generations", "[1]").string("error", "message"))
        .isEqualTo("Request body must be a JSON object or multipart/form-data");
  }

  @Test
  void moreThanSixteenReferencesAreRefused() throws IOException {
    StringBuilder urls = new StringBuilder();
    for (int i = 0; i < 17; i++) {
      urls.append(i == 0 ? "" : ",").append("\"https://example.com/").append(i).append(".png\"");
    }
    RawHttp.Answer answer = generate("/v1/images/edits", body(",\"image_urls\":[" + urls + "]"));

    assertThat(answer.code()).isEqualTo(400);
    assertThat(answer.string("error", "message")).isEqualTo("too many reference images: at most 16 are allowed, got 17");
  }

  @Test
  void mixedUrlAndDataUrlReferencesAreReceivedInOrder() throws IOException {
    byte[] png = TestMedia.png(8, 8, 3);
    RawHttp.Answer answer = generate("/v1/images/edits", body(",\"image_urls\":[\"https://example.com/a.jpg\",\""
        + DataUrl.encode("image/png", png) + "\"]"));

    assertThat(answer.code()).isEqualTo(200);
    assertThat(fake.lastReferences()).hasSize(2);
    assertThat(fake.lastReferences().get(0).url()).isEqualTo("https://example.com/a.jpg");
    assertThat(fake.lastReferences().get(1).bytes()).isEqualTo(png);
    assertThat(fake.lastReferences().get(1).contentType()).isEqualTo("image/png");
  }

  @Test
  void multipartFormsTakeFieldsAndImageFiles() throws IOException {
    byte[] png = TestMedia.png(8, 8, 1);
    byte[] jpeg = TestMedia.jpeg(8, 8, 2);
    RequestBody form = new MultipartBody.Builder().setType(MultipartBody.FORM)
        .addFormDataPart("model", "gpt-image-2").addFormDataPart("prompt", "make this person 70 years old")
        .addFormDataPart("size", "1536x1024").addFormDataPart("n", "2")
        .addFormDataPart("image[]", "photo.png", RequestBody.create(png, MediaType.get("image/png")))
        .addFormDataPart("image[]", "b.jpg", RequestBody.create(jpeg, MediaType.get("image/jpeg"))).build();

    Response r = RawHttp.CLIENT.newCall(new Request.Builder().url(fake.baseUrl() + "/v1/images/edits")
        .header("Authorization", "Bearer " + fake.apiKey()).post(form).build()).execute();
    try (r) {
      assertThat(r.code()).isEqualTo(200);
    }
    assertThat(fake.lastReferences()).extracting(FakeICodeEasy.Reference::filename).containsExactly("photo.png", "b.jpg");
    assertThat(fake.lastReferences().get(0).bytes()).isEqualTo(png);
    assertThat(fake.lastReferences().get(1).contentType()).isEqualTo("image/jpeg");
    assertThat(fake.journal().netCharged()).isEqualByComparingTo("0.40");
  }

  @Test
  void aMultipartPartThatIsNotAnImageIsRefused() throws IOException {
    RequestBody form = new MultipartBody.Builder().setType(MultipartBody.FORM)
        .addFormDataPart("model", "gpt-image-2").addFormDataPart("prompt", "x")
        .addFormDataPart("image[]", "notes.txt", RequestBody.create("hello", MediaType.get("text/plain"))).build();
    try (Response r = RawHttp.CLIENT.newCall(new Request.Builder().url(fake.baseUrl() + "/v1/images/edits")
        .header("Authorization", "Bearer " + fake.apiKey()).post(form).build()).execute()) {
      assertThat(r.code()).isEqualTo(400);
      assertThat(r.body().string()).contains("reference image 1 is not a valid image");
    }
  }

  @Test
  void aShortBalanceIs402AndChargesNothing() throws IOException {
    fake.balance(new BigDecimal("0.30"));

    RawHttp.Answer answer = generate("/v1/images/generations", body(",\"n\":2"));

    assertThat(answer.code()).isEqualTo(402);
    assertThat(answer.string("error", "type")).isEqualTo("payment_required");
    assertThat(fake.balance()).isEqualByComparingTo("0.30");
    assertThat(fake.tasks().size()).isZero();
  }

  @Test
  void injectedFaultsUseTheVendorsErrorTypes() throws IOException {
    fake.faults().rateLimitNext(1).failNext(503);

    RawHttp.Answer limited = generate("/v1/images/generations", CAT);
    RawHttp.Answer down = generate("/v1/images/generations", CAT);

    assertThat(limited.code()).isEqualTo(429);
    assertThat(limited.string("error", "type")).isEqualTo("rate_limit_error");
    assertThat(limited.headers().get("Retry-After")).isEqualTo("1");
    assertThat(down.code()).isEqualTo(503);
    assertThat(down.string("error", "type")).isEqualTo("server_error");
  }

  @Test
  void wrongMethodsAndUnknownPathsKeepTheErrorShape() throws IOException {
    RawHttp.Answer getGenerations = get(fake, "/v1/images/generations", fake.apiKey());
    RawHttp.Answer unknown = get(fake, "/v1/images/variations", fake.apiKey());

    assertThat(getGenerations.code()).isEqualTo(405);
    assertThat(getGenerations.string("error", "provider")).isEqualTo("icodeeasy.cc");
    assertThat(unknown.code()).isEqualTo(404);
    assertThat(unknown.string("error", "message")).isEqualTo("Unknown endpoint /v1/images/variations");
  }
}
