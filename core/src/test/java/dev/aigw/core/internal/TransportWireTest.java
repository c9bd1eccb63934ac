package dev.aigw.core.internal;

import static dev.aigw.core.internal.TransportTestSupport.config;
import static dev.aigw.core.internal.TransportTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aigw.core.Secret;
import dev.aigw.core.http.RateLimit;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.http.RetrySafety;
import dev.aigw.core.media.MediaInput;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.ResponseReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What goes on the wire for a request, and what a caller sees of the answer. */
class TransportWireTest {
  @StartStop final MockWebServer server = new MockWebServer();
  @TempDir Path dir;

  // --- URL, headers, body ------------------------------------------------------------------

  @Test
  void joinsABaseUrlWithAPathPrefixAndTheRequestPath() throws Exception {
    server.enqueue(json(200, "{}"));
    Transport t = new Transport(config(server.url("/prefix/")));

    t.execute(ApiRequest.get("/v1/models").build(), ResponseReader.text());

    assertThat(server.takeRequest().getTarget()).isEqualTo("/prefix/v1/models");
  }

  @Test
  void joinsABaseUrlWithoutTrailingSlashAndAPathWithoutLeadingSlash() throws Exception {
    server.enqueue(json(200, "{}"));
    Transport t = new Transport(config(server.url("/prefix")));

    t.execute(ApiRequest.get("v1/models").build(), ResponseReader.text());

    assertThat(server.takeRequest().getTarget()).isEqualTo("/prefix/v1/models");
  }

  @Test
  void encodesAPathParameterAsOneSegment() throws Exception {
    server.enqueue(json(200, "{}"));
    Transport t = new Transport(config(server.url("/api/")));

    t.execute(ApiRequest.get("/v1/tasks/{id}/result").pathParam("id", "a b/c?d").build(), ResponseReader.text());

    RecordedRequest rec = server.takeRequest();
    assertThat(rec.getTarget()).isEqualTo("/api/v1/tasks/a%20b%2Fc%3Fd/result");
    assertThat(rec.getUrl().pathSegments()).containsExactly("api", "v1", "tasks", "a b/c?d", "result");
  }

  @Test
  void sendsQueryParametersInOrderAndEncoded() throws Exception {
    server.enqueue(json(200, "{}"));
    Transport t = new Transport(config(server));

    t.execute(ApiRequest.get("/v1/tasks").query("limit", 10).query("q", "a b&c=d").query("skipped", null).build(),
        ResponseReader.text());

    RecordedRequest rec = server.takeRequest();
    assertThat(rec.getUrl().queryParameterNames()).containsExactly("limit", "q");
    assertThat(rec.getUrl().queryParameter("q")).isEqualTo("a b&c=d");
    assertThat(rec.getTarget()).isEqualTo("/v1/tasks?limit=10&q=a%20b%26c%3Dd");
  }

  @Test
  void sendsUserAgentAndBearerKey() throws Exception {
    server.enqueue(json(200, "{}"));
    Transport t = new Transport(TransportConfig.of("acme", server.url("/"), Secret.of("tk_live_abc")));

    t.execute(ApiRequest.get("/v1/models").build(), ResponseReader.text());

    RecordedRequest rec = server.takeRequest();
    assertThat(rec.getHeaders().get("User-Agent")).isEqualTo("aigw-java/0.1.0 acme");
    assertThat(rec.getHeaders().get("Authorization")).isEqualTo("Bearer tk_live_abc");
    assertThat(rec.getHeaders().get("Accept")).isEqualTo("application/json, */*;q=0.8");
  }

  @Test
  void sendsNoAuthorizationForAnUnauthenticatedRequest() throws Exception {
    server.enqueue(json(200, "{}"));
    Transport t = new Transport(config(server));

    t.execute(ApiRequest.get("/v1/public").authenticated(false).build(), ResponseReader.text());

    assertThat(server.takeRequest().getHeaders().get("Authorization")).isNull();
  }

  @Test
  void sendsNoAuthorizationWithoutAKey() throws Exception {
    server.enqueue(json(200, "{}"));
    Transport t = new Transport(TransportConfig.of("acme", server.url("/"), null));

    t.execute(ApiRequest.get("/v1/models").build(), ResponseReader.text());

    assertThat(server.takeRequest().getHeaders().get("Authorization")).isNull();
  }

  @Test
  void sendsExtraHeaders() throws Exception {
    server.enqueue(json(200, "{}"));
    Transport t = new Transport(config(server));

    t.execute(ApiRequest.get("/v1/models").header("X-Trace", "t-1").build(), ResponseReader.text());

    assertThat(server.takeRequest().getHeaders().get("X-Trace")).isEqualTo("t-1");
  }

  @Test
  void sendsTheExactJsonBody() throws Exception {
    server.enqueue(json(200, "{}"));
    Transport t = new Transport(config(server));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", "nano-banana-2");
    body.put("prompt", "한국의 \"cat\"");
    body.put("n", 2);
    body.put("tags", List.of("a", "b"));

    t.execute(ApiRequest.post("/v1/images", RetrySafety.UNPROTECTED).json(body).build(), ResponseReader.text());

    RecordedRequest rec = server.takeRequest();
    assertThat(rec.getMethod()).isEqualTo("POST");
    assertThat(rec.getHeaders().get("Content-Type")).isEqualTo("application/json; charset=utf-8");
    assertThat(rec.getBody().utf8())
        .isEqualTo("{\"model\":\"nano-banana-2\",\"prompt\":\"한국의 \\\"cat\\\"\",\"n\":2,\"tags\":[\"a\",\"b\"]}");
  }

  @Test
  void sendsAnEmptyBodyForAPostWithoutOne() throws Exception {
    server.enqueue(json(200, "{}"));
    Transport t = new Transport(config(server));

    t.execute(ApiRequest.post("/v1/tasks/t1/cancel", RetrySafety.IDEMPOTENT).build(), ResponseReader.text());

    RecordedRequest rec = server.takeRequest();
    assertThat(rec.getMethod()).isEqualTo("POST");
    assertThat(rec.getHeaders().get("Content-Length")).isEqualTo("0");
    assertThat(rec.getBodySize()).isZero();
  }

  @Test
  void sendsDeleteWithoutABody() throws Exception {
    server.enqueue(new MockResponse.Builder().code(204).build());
    Transport t = new Transport(config(server));

    RawResponse<Void> r = t.execute(ApiRequest.delete("/v1/keys/{id}").pathParam("id", "k1").build(), ResponseReader.discard());

    RecordedRequest rec = server.takeRequest();
    assertThat(rec.getMethod()).isEqualTo("DELETE");
    assertThat(rec.getTarget()).isEqualTo("/v1/keys/k1");
    assertThat(r.status()).isEqualTo(204);
  }

  // --- raw response and rate-limit headers --------------------------------------------------

  @Test
  void rawResponseHasStatusLowerCasedHeadersRequestIdAttemptsAndBody() {
    server.enqueue(new MockResponse.Builder(json(201, "{\"id\":\"t1\"}"))
        .setHeader("X-Request-Id", "req-123")
        .addHeader("X-Multi", "one")
        .addHeader("X-Multi", "two")
        .build());
    Transport t = new Transport(config(server));

    RawResponse<String> r = t.execute(ApiRequest.get("/v1/tasks/t1").build(), ResponseReader.text());

    assertThat(r.status()).isEqualTo(201);
    assertThat(r.body()).isEqualTo("{\"id\":\"t1\"}");
    assertThat(r.requestId()).isEqualTo("req-123");
    assertThat(r.attempts()).isEqualTo(1);
    assertThat(r.headers()).containsKeys("x-request-id", "x-multi", "content-type")
        .allSatisfy((name, values) -> assertThat(name).isLowerCase());
    assertThat(r.headers().get("x-multi")).containsExactly("one", "two");
    assertThat(r.header("X-REQUEST-ID")).isEqualTo("req-123");
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.header("absent")).isNull();
    assertThat(r.rateLimit()).isEqualTo(RateLimit.NONE);
    assertThat(r.elapsed()).isPositive();
  }

  @Test
  void rawResponseRequestIdFallsBackToOtherHeaders() {
    server.enqueue(new MockResponse.Builder(json(200, "{}")).setHeader("CF-Ray", "8f00-LHR").build());
    Transport t = new Transport(config(server));

    assertThat(t.execute(ApiRequest.get("/v1/x").build(), ResponseReader.text()).requestId()).isEqualTo("8f00-LHR");
  }

  @Test
  void readsRateLimitHeadersWithAResetInEpochSeconds() {
    server.enqueue(new MockResponse.Builder(json(200, "{}"))
        .setHeader("X-RateLimit-Limit", "60")
        .setHeader("X-RateLimit-Remaining", "59")
        .setHeader("X-RateLimit-Reset", "1767225600")
        .build());
    Transport t = new Transport(config(server));

    RateLimit rl = t.execute(ApiRequest.get("/v1/x").build(), ResponseReader.text()).rateLimit();

    assertThat(rl).isEqualTo(new RateLimit(60, 59, Instant.parse("2026-01-01T00:00:00Z"), null));
    assertThat(rl.limitValue()).hasValue(60);
    assertThat(rl.remainingValue()).hasValue(59);
    assertThat(rl.resetTime()).contains(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Test
  void readsARateLimitResetInEpochMilliseconds() {
    server.enqueue(new MockResponse.Builder(json(200, "{}"))
        .setHeader("X-RateLimit-Limit", "1000")
        .setHeader("X-RateLimit-Remaining", "0")
        .setHeader("X-RateLimit-Reset", "1767225600250")
        .build());
    Transport t = new Transport(config(server));

    RateLimit rl = t.execute(ApiRequest.get("/v1/x").build(), ResponseReader.text()).rateLimit();

    assertThat(rl).isEqualTo(new RateLimit(1000, 0, Instant.parse("2026-01-01T00:00:00.250Z"), null));
  }

  @Test
  void readsARateLimitResetInSecondsFromNow() {
    Clock clock = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
    server.enqueue(new MockResponse.Builder(json(200, "{}")).setHeader("X-RateLimit-Reset", "30").build());
    Transport t = new Transport(TransportTestSupport.withClock(config(server), clock));

    RateLimit rl = t.execute(ApiRequest.get("/v1/x").build(), ResponseReader.text()).rateLimit();

    assertThat(rl).isEqualTo(new RateLimit(-1, -1, Instant.parse("2026-03-01T12:00:30Z"), null));
    assertThat(rl.limitValue()).isEmpty();
    assertThat(rl.remainingValue()).isEmpty();
  }

  @Test
  void absentOrUnreadableRateLimitHeadersGiveNone() {
    server.enqueue(new MockResponse.Builder(json(200, "{}"))
        .setHeader("X-RateLimit-Limit", "lots")
        .setHeader("X-RateLimit-Reset", "soon")
        .build());
    Transport t = new Transport(config(server));

    RateLimit rl = t.execute(ApiRequest.get("/v1/x").build(), ResponseReader.text()).rateLimit();

    assertThat(rl).isSameAs(RateLimit.NONE);
    assertThat(rl.isEmpty()).isTrue();
  }

  @Test
  void rawResponseCountsTheAttemptsOfARetriedCall() {
    server.enqueue(new MockResponse.Builder(json(429, "{}")).setHeader("Retry-After", "0").build());
    server.enqueue(json(502, "{}"));
    server.enqueue(new MockResponse.Builder(json(200, "{}")).setHeader("X-RateLimit-Remaining", "3").build());
    Transport t = new Transport(config(server));

    RawResponse<String> r = t.execute(ApiRequest.get("/v1/x").build(), ResponseReader.text());

    assertThat(r.attempts()).isEqualTo(3);
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(r.rateLimit().remainingValue()).as("headers of the answer that succeeded").hasValue(3);
  }

  // --- multipart ---------------------------------------------------------------------------

  @Test
  void streamsAFilePartWithTextFields() throws Exception {
    byte[] png = pngBytes(70_000);
    Path file = dir.resolve("cat.png");
    Files.write(file, png);
    server.enqueue(json(200, "{}"));
    Transport t = new Transport(config(server));

    t.execute(ApiRequest.post("/v1/images/edits", RetrySafety.UNPROTECTED).multipart(List.of(
        ApiRequest.Part.field("model", "gpt-image-2"),
        ApiRequest.Part.file("image", MediaInput.file(file), "image/png"),
        ApiRequest.Part.field("prompt", "make it 한국 style"))).build(), ResponseReader.text());

    List<ReceivedPart> parts = parts(server.takeRequest());
    assertThat(parts).extracting(ReceivedPart::disposition).containsExactly(
        "form-data; name=\"model\"",
        "form-data; name=\"image\"; filename=\"cat.png\"",
        "form-data; name=\"prompt\"");
    assertThat(parts.get(0).body().utf8()).isEqualTo("gpt-image-2");
    assertThat(parts.get(1).contentType()).isEqualTo("image/png");
    assertThat(parts.get(1).body()).isEqualTo(ByteString.of(png));
    assertThat(parts.get(2).body().utf8()).isEqualTo("make it 한국 style");
  }

  @Test
  void readsTheFileWhenSendingNotWhenBuilding() throws Exception {
    Path file = dir.resolve("later.png");
    Files.write(file, pngBytes(10));
    ApiRequest request = ApiRequest.post("/v1/uploads", RetrySafety.UNPROTECTED).multipart(List.of(
        ApiRequest.Part.file("file", MediaInput.file(file), "image/png"))).build();
    byte[] changed = pngBytes(5_000);
    Files.write(file, changed);
    server.enqueue(json(200, "{}"));

    new Transport(config(server)).execute(request, ResponseReader.text());

    assertThat(parts(server.takeRequest()).get(0).body()).isEqualTo(ByteString.of(changed));
  }

  @Test
  void resendsTheWholeFileOnARetry() throws Exception {
    byte[] png = pngBytes(40_000);
    Path file = dir.resolve("retry.png");
    Files.write(file, png);
    server.enqueue(json(503, "{}"));
    server.enqueue(json(200, "{}"));
    Transport t = new Transport(config(server));

    RawResponse<String> r = t.execute(ApiRequest.post("/v1/images/edits", RetrySafety.NOT_CHARGED_ON_ERROR)
        .multipart(List.of(ApiRequest.Part.file("image", MediaInput.file(file), "image/png"),
            ApiRequest.Part.field("n", "1"))).build(), ResponseReader.text());

    assertThat(r.attempts()).isEqualTo(2);
    for (int i = 0; i < 2; i++) {
      List<ReceivedPart> parts = parts(server.takeRequest());
      assertThat(parts.get(0).body()).isEqualTo(ByteString.of(png));
      assertThat(parts.get(1).body().utf8()).isEqualTo("1");
    }
  }

  @Test
  void sendsBytesAndDataUrlParts() throws Exception {
    byte[] png = pngBytes(300);
    String dataUrl = "data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(png);
    server.enqueue(json(200, "{}"));
    Transport t = new Transport(config(server));

    t.execute(ApiRequest.post("/v1/images/edits", RetrySafety.UNPROTECTED).multipart(List.of(
        ApiRequest.Part.file("a", MediaInput.bytes(png, "a.png"), "image/png"),
        ApiRequest.Part.file("b", MediaInput.dataUrl(dataUrl), "image/png"))).build(), ResponseReader.text());

    List<ReceivedPart> parts = parts(server.takeRequest());
    assertThat(parts).extracting(ReceivedPart::disposition).containsExactly(
        "form-data; name=\"a\"; filename=\"a.png\"", "form-data; name=\"b\"; filename=\"image.png\"");
    assertThat(parts).allSatisfy(p -> assertThat(p.body()).isEqualTo(ByteString.of(png)));
  }

  private record ReceivedPart(String disposition, String contentType, ByteString body) {}

  private static List<ReceivedPart> parts(RecordedRequest rec) throws Exception {
    MediaType type = MediaType.get(rec.getHeaders().get("Content-Type"));
    assertThat(type.type() + "/" + type.subtype()).isEqualTo("multipart/form-data");
    List<ReceivedPart> parts = new ArrayList<>();
    try (MultipartReader reader = new MultipartReader(new Buffer().write(rec.getBody()), type.parameter("boundary"))) {
      MultipartReader.Part part;
      while ((part = reader.nextPart()) != null) {
        parts.add(new ReceivedPart(part.headers().get("Content-Disposition"), part.headers().get("Content-Type"),
            part.body().readByteString()));
      }
    }
    return parts;
  }

  /** A PNG signature followed by {@code size - 8} patterned bytes. */
  static byte[] pngBytes(int size) {
    byte[] b = new byte[Math.max(size, 8)];
    byte[] sig = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    System.arraycopy(sig, 0, b, 0, 8);
    for (int i = 8; i < b.length; i++) {
      b[i] = (byte) (i * 31 + 7);
    }
    return b;
  }
}
