package dev.aigw.core.internal;

import static dev.aigw.core.internal.TransportTestSupport.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.http.RetrySafety;
import dev.aigw.core.media.MediaInput;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.ErrorMapping;
import dev.aigw.core.spi.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OkHttp request of one attempt, built without sending it. */
class RequestEncoderTest {
  private static final HttpUrl BASE = HttpUrl.get("https://gw.example/api/");

  private final RequestEncoder encoder =
      new RequestEncoder(config(BASE).withErrors(ErrorMapping.STANDARD, "Idempotency-Key"));

  private static String written(RequestBody body) throws Exception {
    Buffer sink = new Buffer();
    body.writeTo(sink);
    return sink.readUtf8();
  }

  @Test
  void theTransportsHeadersComeFirstThenTheRequestsOwn() {
    ApiRequest get = ApiRequest.get("/v1/models").query("page", 2).header("X-Trace", "t-1").build();

    Request r = encoder.encode(get, null);

    assertThat(r.method()).isEqualTo("GET");
    assertThat(r.url().toString()).isEqualTo("https://gw.example/api/v1/models?page=2");
    assertThat(r.headers().names()).containsExactlyInAnyOrder("User-Agent", "Accept", "Authorization", "X-Trace");
    assertThat(r.headers().name(0)).isEqualTo("User-Agent");
    assertThat(r.header("User-Agent")).isEqualTo("aigw-java/" + Transport.VERSION + " acme");
    assertThat(r.header("Accept")).isEqualTo("application/json, */*;q=0.8");
    assertThat(r.header("Authorization")).isEqualTo("Bearer tk_test_key_123");
    assertThat(r.headers().name(3)).isEqualTo("X-Trace");
    assertThat(r.body()).isNull();
  }

  @Test
  void theIdempotencyKeyGoesInTheVendorsHeaderOnlyWhenGiven() {
    ApiRequest post = ApiRequest.post("/v1/images", RetrySafety.DEDUPLICATED_BY_KEY).json(Map.of("n", 1)).build();

    assertThat(encoder.encode(post, "key-1").header("Idempotency-Key")).isEqualTo("key-1");
    assertThat(encoder.encode(post, null).header("Idempotency-Key")).isNull();
  }

  @Test
  void aStreamAsksForEventsAndAnUnauthenticatedOrAnonymousCallSendsNoKey() {
    ApiRequest stream = ApiRequest.post("/v1/chat", RetrySafety.UNPROTECTED).streaming(true).build();
    ApiRequest open = ApiRequest.get("/v1/health").authenticated(false).build();
    RequestEncoder anonymous = new RequestEncoder(TransportConfig.of("acme", BASE, null));

    assertThat(encoder.encode(stream, null).header("Accept")).isEqualTo("text/event-stream");
    assertThat(encoder.encode(open, null).header("Authorization")).isNull();
    assertThat(anonymous.encode(ApiRequest.get("/v1/models").build(), null).header("Authorization")).isNull();
  }

  @Test
  void aPostOrPutWithoutABodySendsAnEmptyOne() throws Exception {
    for (HttpMethod method : List.of(HttpMethod.POST, HttpMethod.PUT)) {
      Request r = encoder.encode(ApiRequest.of(method, "/v1/x", RetrySafety.IDEMPOTENT).build(), null);
      assertThat(r.method()).isEqualTo(method.name());
      assertThat(r.body().contentLength()).isZero();
      assertThat(r.body().contentType()).isNull();
    }
    assertThat(encoder.encode(ApiRequest.delete("/v1/x/1").build(), null).body()).isNull();
  }

  @Test
  void aJsonBodyIsWrittenByPlainJson() throws Exception {
    Map<String, Object> value = Map.of("model", "m", "n", 2);
    RequestBody body = encoder.encode(ApiRequest.post("/v1/chat", RetrySafety.UNPROTECTED).json(value).build(), null)
        .body();

    assertThat(body.contentType()).hasToString("application/json; charset=utf-8");
    assertThat(written(body)).isEqualTo(PlainJson.bytes(value).utf8());
  }

  @Test
  void aFileBodyStreamsTheFileEveryTimeItIsWritten(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("up.bin"), "file bytes");
    ApiRequest put = ApiRequest.external(HttpMethod.PUT, "https://store.example/up?sig=s1", RetrySafety.IDEMPOTENT)
        .body(new ApiRequest.BytesBody("application/octet-stream", null, file)).build();

    Request r = encoder.encode(put, null);

    assertThat(r.url().toString()).isEqualTo("https://store.example/up?sig=s1");
    assertThat(r.header("Authorization")).isNull();
    assertThat(r.body().contentLength()).isEqualTo(10);
    assertThat(written(r.body())).isEqualTo("file bytes");
    assertThat(written(r.body())).as("re-read for a retry").isEqualTo("file bytes");
    ApiRequest bytes = ApiRequest.post("/v1/raw", RetrySafety.UNPROTECTED)
        .body(new ApiRequest.BytesBody("text/plain", "raw".getBytes(StandardCharsets.UTF_8), null)).build();
    assertThat(written(encoder.encode(bytes, null).body())).isEqualTo("raw");
  }

  @Test
  void aMultipartBodyHasItsFieldsAndFilesInOrder(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("a.txt"), "from disk");
    String dataUrl = "data:text/plain;base64," + Base64.getEncoder().encodeToString("from a data URL".getBytes());
    ApiRequest upload = ApiRequest.post("/v1/upload", RetrySafety.UNPROTECTED).multipart(List.of(
        ApiRequest.Part.field("purpose", "edit"),
        ApiRequest.Part.file("disk", MediaInput.file(file), "text/plain"),
        ApiRequest.Part.file("inline", MediaInput.dataUrl(dataUrl), "text/plain"),
        ApiRequest.Part.file("mem", MediaInput.bytes("in memory".getBytes(), "m.txt"), "text/plain"))).build();

    MultipartBody body = (MultipartBody) encoder.encode(upload, null).body();

    assertThat(body.type()).isEqualTo(MultipartBody.FORM);
    assertThat(body.parts()).hasSize(4);
    assertThat(written(body.part(0).body())).isEqualTo("edit");
    assertThat(written(body.part(1).body())).isEqualTo("from disk");
    assertThat(body.part(2).body().contentLength()).isEqualTo(15);
    assertThat(written(body.part(2).body())).isEqualTo("from a data URL");
    assertThat(written(body.part(3).body())).isEqualTo("in memory");
  }

  @Test
  void aRemoteUrlCannotBeAFilePart() {
    ApiRequest upload = ApiRequest.post("/v1/upload", RetrySafety.UNPROTECTED).multipart(List.of(
        ApiRequest.Part.file("image", MediaInput.url("https://cdn.example/cat.png"), "image/png"))).build();

    assertThatThrownBy(() -> encoder.encode(upload, null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a remote URL cannot be uploaded as a file part");
  }
}
