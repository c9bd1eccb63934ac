package dev.aigw.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link FakeGptImage2}'s two-step upload over plain HTTP: {@code POST /api/v1/upload} answers a
 * presigned URL on a second loopback server, which takes one PUT of exactly the signed content
 * type and size, without an {@code Authorization} header.
 */
@Timeout(30)
class FakeGptImage2UploadsTest {
  private static final byte[] PNG = TestMedia.png(8, 8, 1);

  private FakeGptImage2 fake;
  private GptImage2Http http;

  @BeforeEach
  void start() {
    fake = FakeGptImage2.start();
    http = new GptImage2Http(fake);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private RawHttp.Answer askToUpload(String name, String type, long size) throws IOException {
    return http.upload("{\"filename\":\"" + name + "\",\"contentType\":\"" + type + "\",\"size\":" + size + "}");
  }

  @Test
  void anUploadAnswersAPresignedUrlOnTheStorageHostAndAKey() throws IOException {
    RawHttp.Answer answer = askToUpload("my cat.png", "image/png", PNG.length);

    assertThat(answer.code()).isEqualTo(200);
    assertThat(answer.json()).containsOnlyKeys("url", "key");
    String key = answer.string("key");
    assertThat(key).startsWith("uploads/").endsWith("/my_cat.png");
    HttpUrl url = HttpUrl.get(answer.string("url"));
    assertThat(url.scheme() + "://" + url.host() + ":" + url.port()).isEqualTo(fake.storageUrl());
    assertThat(fake.storageUrl()).isNotEqualTo(fake.baseUrl());
    assertThat(url.queryParameter("X-Amz-Signature")).hasSize(32);
    assertThat(url.queryParameter("X-Amz-Expires")).isEqualTo("300");
    assertThat(answer.headers().get("X-RateLimit-Limit")).isEqualTo("600");
    assertThat(fake.uploadedBytes(key)).as("nothing stored before the PUT").isNull();
  }

  @Test
  void thePutStoresTheExactBytesAndIsJournaledWithoutItsSignature() throws IOException {
    RawHttp.Answer answer = askToUpload("cat.png", "image/png", PNG.length);

    RawHttp.Answer put = GptImage2Http.put(answer.string("url"), Map.of(), PNG, "image/png");

    assertThat(put.code()).isEqualTo(200);
    assertThat(put.headers().get("ETag")).isEqualTo("\"" + Integer.toHexString(PNG.length) + "\"");
    assertThat(fake.uploadedBytes(answer.string("key"))).isEqualTo(PNG);
    assertThat(fake.storageRequests()).singleElement().satisfies(r -> {
      assertThat(r.method()).isEqualTo("PUT");
      assertThat(r.path()).isEqualTo("/bucket/" + answer.string("key"));
      assertThat(r.headers()).containsEntry("content-type", "image/png").doesNotContainKey("authorization");
      assertThat(r.size()).isEqualTo(PNG.length);
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.toString()).doesNotContain(HttpUrl.get(answer.string("url")).queryParameter("X-Amz-Signature"));
    });
    assertThat(fake.journal().requests()).as("the API never sees the PUT").noneMatch(e -> e.method().equals("PUT"));
  }

  @Test
  void theStorageHostRefusesAnAuthorizationHeader() throws IOException {
    RawHttp.Answer answer = askToUpload("cat.png", "image/png", PNG.length);

    RawHttp.Answer put = GptImage2Http.put(answer.string("url"), Map.of("Authorization", "Bearer " + fake.apiKey()),
        PNG, "image/png");

    assertThat(put.code()).isEqualTo(400);
    assertThat(put.body()).contains("<Code>InvalidArgument: only one auth mechanism allowed</Code>");
    assertThat(fake.uploadedBytes(answer.string("key"))).isNull();
  }

  @Test
  void theStorageHostRefusesAnotherContentTypeOrSize() throws IOException {
    RawHttp.Answer answer = askToUpload("cat.png", "image/png", PNG.length);

    RawHttp.Answer wrongType = GptImage2Http.put(answer.string("url"), Map.of(), PNG, "image/jpeg");
    RawHttp.Answer noType = GptImage2Http.put(answer.string("url"), Map.of(), PNG, null);
    RawHttp.Answer wrongSize = GptImage2Http.put(answer.string("url"), Map.of(), new byte[] {1, 2}, "image/png");

    assertThat(wrongType.code()).isEqualTo(403);
    assertThat(wrongType.body()).contains("SignatureDoesNotMatch: content type");
    assertThat(wrongType.headers().get("Content-Type")).isEqualTo("application/xml");
    assertThat(noType.code()).isEqualTo(403);
    assertThat(wrongSize.code()).isEqualTo(400);
    assertThat(wrongSize.body()).contains("IncompleteBody");
    assertThat(GptImage2Http.put(answer.string("url"), Map.of(), PNG, "image/png; charset=binary").code())
        .as("parameters of the signed type do not matter").isEqualTo(200);
  }

  @Test
  void aPresignedUrlTakesOnePutAndABadSignatureNone() throws IOException {
    RawHttp.Answer answer = askToUpload("cat.png", "image/png", PNG.length);
    String url = answer.string("url");
    String forged = HttpUrl.get(url).newBuilder().setQueryParameter("X-Amz-Signature", "0".repeat(32)).build().toString();

    assertThat(GptImage2Http.put(forged, Map.of(), PNG, "image/png").code()).isEqualTo(403);
    assertThat(GptImage2Http.put(url, Map.of(), PNG, "image/png").code()).isEqualTo(200);
    assertThat(GptImage2Http.put(url, Map.of(), PNG, "image/png").code()).as("used up").isEqualTo(403);
    assertThat(GptImage2Http.send("GET", url, Map.of(), null).code()).isEqualTo(403);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"contentType\":\"image/png\",\"size\":10}",
      "{\"filename\":\"\",\"contentType\":\"image/png\",\"size\":10}"})
  void aMissingFilenameIs400(String body) throws IOException {
    RawHttp.Answer answer = http.upload(body);

    assertThat(answer.code()).isEqualTo(400);
    assertThat(answer.string("error")).isEqualTo("filename: String must contain between 1 and 200 character(s)");
  }

  @Test
  void theFilenameContentTypeAndSizeAreChecked() throws IOException {
    assertThat(askToUpload("a".repeat(201), "image/png", 10).string("error"))
        .isEqualTo("filename: String must contain between 1 and 200 character(s)");
    assertThat(askToUpload("a".repeat(200), "image/png", 10).code()).isEqualTo(200);
    assertThat(askToUpload("cat.gif", "image/gif", 10).string("error"))
        .isEqualTo("contentType: Invalid enum value. Expected 'image/png' | 'image/jpeg' | 'image/webp'");
    assertThat(askToUpload("cat.jpg", "image/jpeg", 10).code()).isEqualTo(200);
    assertThat(askToUpload("cat.webp", "image/webp", 10).code()).isEqualTo(200);
    assertThat(askToUpload("big.png", "image/png", 10L * 1024 * 1024 + 1).string("error"))
        .isEqualTo("size: Number must be less than or equal to 10485760");
    assertThat(askToUpload("big.png", "image/png", 10L * 1024 * 1024).code()).isEqualTo(200);
    assertThat(askToUpload("empty.png", "image/png", 0).code()).isEqualTo(400);
    assertThat(http.upload("{\"filename\":\"a.png\",\"contentType\":\"image/png\"}").code()).isEqualTo(400);
  }
}
