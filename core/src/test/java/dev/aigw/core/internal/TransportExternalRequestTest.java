package dev.aigw.core.internal;

import static dev.aigw.core.internal.TransportTestSupport.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import dev.aigw.core.error.ApiException;
import dev.aigw.core.error.ConnectionException;
import dev.aigw.core.error.PermissionDeniedException;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.http.RetrySafety;
import dev.aigw.core.media.DataUrl;
import dev.aigw.core.media.MediaInput;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.ErrorMapping;
import dev.aigw.core.spi.HttpMethod;
import dev.aigw.core.spi.ResponseReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls to an absolute URL on another host (a presigned upload URL): no API key, no idempotency
 * header, the query kept, and nothing but the scheme and host in descriptions, log lines and
 * exception messages, since such a URL is itself a credential.
 */
class TransportExternalRequestTest {
  /** The vendor's API, which must see none of these calls. */
  @StartStop final MockWebServer api = new MockWebServer();
  /** The other host: a storage bucket answering presigned PUTs. */
  @StartStop final MockWebServer storage = new MockWebServer();

  private static final String SIGNATURE = "f00dfacecafe1234deadbeef";
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

  private TransportTestSupport.LogCapture logs;

  @BeforeEach
  void captureLogs() {
    logs = new TransportTestSupport.LogCapture();
  }

  @AfterEach
  void stopCapturing() {
    logs.close();
  }

  private Transport transport() {
    return new Transport(config(api).withErrors(ErrorMapping.STANDARD, "Idempotency-Key"));
  }

  /** A presigned URL on the storage host, its signature in the query. */
  private String presigned() {
    return storage.url("/bucket/uploads/u-1/cat.png").newBuilder()
        .addQueryParameter("X-Amz-Signature", SIGNATURE).addQueryParameter("X-Amz-Expires", "300").build().toString();
  }

  private static MockResponse ok() {
    return new MockResponse.Builder().code(200).build();
  }

  /** Everything an operator could read: every log line at every level. */
  private List<String> logLines() {
    return logs.lines();
  }

  @Test
  void anExternalPutGoesToTheAbsoluteUrlWithItsQueryAndNoCredentialHeaders() throws Exception {
    storage.enqueue(ok());

    RawResponse<Void> r = transport().execute(ApiRequest.external(HttpMethod.PUT, presigned(), RetrySafety.IDEMPOTENT)
        .query("extra", "1").body(new ApiRequest.BytesBody("image/png", PNG, null)).build(), ResponseReader.discard());

    assertThat(r.status()).isEqualTo(200);
    RecordedRequest put = storage.takeRequest();
    assertThat(put.getMethod()).isEqualTo("PUT");
    assertThat(put.getUrl().encodedPath()).isEqualTo("/bucket/uploads/u-1/cat.png");
    assertThat(put.getUrl().query()).isEqualTo("X-Amz-Signature=" + SIGNATURE + "&X-Amz-Expires=300&extra=1");
    assertThat(put.getHeaders().get("Authorization")).isNull();
    assertThat(put.getHeaders().get("Idempotency-Key")).isNull();
    assertThat(put.getHeaders().get("Content-Type")).isEqualTo("image/png");
    assertThat(put.getBody().toByteArray()).isEqualTo(PNG);
    assertThat(api.getRequestCount()).isZero();
  }

  @Test
  void anExternalPostGetsNoIdempotencyKeyAndNoLogLineClaimsOne() throws Exception {
    storage.enqueue(ok());
    ApiRequest request = ApiRequest.external(HttpMethod.POST, presigned(), RetrySafety.IDEMPOTENT)
        .idempotencyKey("caller-key").json(Map.of("a", 1)).build();

    transport().execute(request, ResponseReader.discard());

    RecordedRequest post = storage.takeRequest();
    assertThat(post.getHeaders().get("Idempotency-Key")).isNull();
    assertThat(post.getHeaders().get("Authorization")).isNull();
    assertThat(logLines()).noneMatch(l -> l.contains("idempotency key"));
  }

  @Test
  void aCallBelowTheBaseUrlStillCarriesKeyAndIdempotencyHeader() throws Exception {
    api.enqueue(ok());

    transport().execute(ApiRequest.post("/v1/upload", RetrySafety.IDEMPOTENT).json(Map.of()).build(),
        ResponseReader.discard());

    RecordedRequest post = api.takeRequest();
    assertThat(post.getHeaders().get("Authorization")).isEqualTo("Bearer tk_test_key_123");
    assertThat(post.getHeaders().get("Idempotency-Key")).isNotBlank();
  }

  @Test
  void anExternalPutWithoutABodySendsAnEmptyOne() throws Exception {
    storage.enqueue(ok());

    transport().execute(ApiRequest.external(HttpMethod.PUT, presigned(), RetrySafety.IDEMPOTENT).build(),
        ResponseReader.discard());

    assertThat(storage.takeRequest().getBodySize()).isZero();
  }

  @Test
  void describeAndToStringShowOnlySchemeAndHost() {
    ApiRequest request = ApiRequest.external(HttpMethod.PUT,
        "https://bucket.r2.example.com/uploads/u-1/cat.png?X-Amz-Signature=" + SIGNATURE, RetrySafety.IDEMPOTENT)
        .build();

    assertThat(request.isExternal()).isTrue();
    assertThat(request.authenticated()).isFalse();
    assertThat(request.describe()).isEqualTo("PUT https://bucket.r2.example.com/…");
    assertThat(request.toString()).contains("PUT https://bucket.r2.example.com/…")
        .doesNotContain(SIGNATURE).doesNotContain("uploads");
  }

  @Test
  void aPathBelowTheBaseUrlIsNotExternalAndIsDescribedWhole() {
    ApiRequest request = ApiRequest.get("/api/v1/generations/{id}").pathParam("id", "g 1").build();

    assertThat(request.isExternal()).isFalse();
    assertThat(request.describe()).isEqualTo("GET /api/v1/generations/g%201");
  }

  @Test
  void toStringNeverShowsHeaderOrQueryValues() {
    ApiRequest request = ApiRequest.post("/api/account/webhooks", RetrySafety.UNPROTECTED).authenticated(false)
        .header("Cookie", "session=s3cr3t-cookie").query("token", "q-s3cr3t").json(Map.of("url", "u")).build();

    assertThat(request.toString()).isEqualTo(
        "ApiRequest[POST /api/account/webhooks, query [token], headers [Cookie], UNPROTECTED, unauthenticated]")
        .doesNotContain("s3cr3t");
  }

  @Test
  void anExternalRequestThatAsksForTheKeyIsRefused() {
    ApiRequest.Builder builder = ApiRequest.external(HttpMethod.PUT, presigned(), RetrySafety.IDEMPOTENT)
        .authenticated(true);

    assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a request to an external URL never carries the API key");
    assertThatThrownBy(() -> ApiRequest.post(presigned(), RetrySafety.IDEMPOTENT).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void onlyAnAbsoluteHttpUrlIsExternal() {
    assertThatThrownBy(() -> ApiRequest.external(HttpMethod.PUT, "/bucket/k", RetrySafety.IDEMPOTENT))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("not an absolute http(s) URL: <unparsable url>");
    assertThatThrownBy(() -> ApiRequest.external(HttpMethod.PUT, "ftp://host/k?sig=" + SIGNATURE, RetrySafety.IDEMPOTENT))
        .isInstanceOf(IllegalArgumentException.class).message().doesNotContain(SIGNATURE);
  }

  @Test
  void retriesAndTheirLogLinesShowOnlySchemeAndHost() throws Exception {
    storage.enqueue(new MockResponse.Builder().code(503).build());
    storage.enqueue(ok());

    RawResponse<Void> r = transport().execute(ApiRequest.external(HttpMethod.PUT, presigned(), RetrySafety.IDEMPOTENT)
        .body(new ApiRequest.BytesBody("image/png", PNG, null)).build(), ResponseReader.discard());

    assertThat(r.attempts()).isEqualTo(2);
    String host = "PUT http://" + storage.getHostName() + "/…";
    assertThat(logs.lines(Level.DEBUG)).anyMatch(l -> l.contains("--> " + host + " (attempt 1)"));
    assertThat(logs.lines(Level.INFO)).anyMatch(l -> l.contains("retrying " + host) && l.contains("HTTP 503"));
    assertThat(logLines()).isNotEmpty().allSatisfy(l -> assertThat(l).doesNotContain(SIGNATURE).doesNotContain("/bucket"));
  }

  @Test
  void anErrorFromTheOtherHostNamesItAndLosesTheUrlItEchoes() {
    HttpUrl url = HttpUrl.get(presigned());
    // what S3-style storage answers: the signed request quoted back, signature included
    String xml = "<?xml version=\"1.0\"?><Error><Code>SignatureDoesNotMatch</Code><CanonicalRequest>PUT\n"
        + url.encodedPath() + "\n" + url.encodedQuery() + "</CanonicalRequest><SignatureProvided>" + SIGNATURE
        + "</SignatureProvided></Error>";
    storage.enqueue(new MockResponse.Builder().code(403).setHeader("Content-Type", "application/xml").body(xml).build());

    PermissionDeniedException e = catchThrowableOfType(PermissionDeniedException.class,
        () -> transport().execute(ApiRequest.external(HttpMethod.PUT, url.toString(), RetrySafety.IDEMPOTENT)
            .body(new ApiRequest.BytesBody("image/png", PNG, null)).build(), ResponseReader.discard()));

    assertThat(e.getMessage()).startsWith("[acme] 403: the host http://" + storage.getHostName() + "/… answered PUT with: ")
        .contains("SignatureDoesNotMatch").doesNotContain(SIGNATURE).doesNotContain("/bucket").doesNotContain("X-Amz");
    assertThat(e.details().body()).contains("SignatureDoesNotMatch").doesNotContain(SIGNATURE).doesNotContain("/bucket");
    assertThat(storage.getRequestCount()).as("a 403 is not retried").isEqualTo(1);
    assertThat(logLines()).allSatisfy(l -> assertThat(l).doesNotContain(SIGNATURE));
  }

  @Test
  void aConnectionLostOnTheOtherHostShowsOnlySchemeAndHost() {
    for (int i = 0; i < 3; i++) {
      storage.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
    }

    ConnectionException e = catchThrowableOfType(ConnectionException.class,
        () -> transport().execute(ApiRequest.external(HttpMethod.PUT, presigned(), RetrySafety.IDEMPOTENT)
            .body(new ApiRequest.BytesBody("image/png", PNG, null)).build(), ResponseReader.discard()));

    assertThat(e.requestSent()).isTrue();
    assertThat(e.getMessage()).startsWith("[acme] PUT http://" + storage.getHostName() + "/… failed: ");
    List<String> shown = new ArrayList<>(logLines());
    for (Throwable t = e; t != null; t = t.getCause()) {
      shown.add(String.valueOf(t.getMessage()));
      shown.add(t.toString());
    }
    assertThat(shown).allSatisfy(l -> assertThat(l).doesNotContain(SIGNATURE).doesNotContain("/bucket"));
    assertThat(storage.getRequestCount()).as("a PUT of the same bytes is safe to repeat").isEqualTo(3);
  }

  @Test
  void aFileBodyStreamsFromDiskAndIsSentWholeAgainOnARetry(@TempDir Path dir) throws Exception {
    Path file = Files.write(dir.resolve("cat.png"), PNG);
    storage.enqueue(new MockResponse.Builder().code(500).build());
    storage.enqueue(ok());

    transport().execute(ApiRequest.external(HttpMethod.PUT, presigned(), RetrySafety.IDEMPOTENT)
        .body(ApiRequest.BytesBody.of(MediaInput.file(file), "image/png")).build(), ResponseReader.discard());

    for (int i = 0; i < 2; i++) {
      RecordedRequest put = storage.takeRequest();
      assertThat(put.getBody().toByteArray()).isEqualTo(PNG);
      assertThat(put.getHeaders().get("Content-Length")).isEqualTo(String.valueOf(PNG.length));
      assertThat(put.getHeaders().get("Content-Type")).isEqualTo("image/png");
    }
  }

  @Test
  void bytesBodiesComeFromFilesBytesAndDataUrlsButNeverFromARemoteUrl(@TempDir Path dir) throws Exception {
    Path file = Files.write(dir.resolve("cat.png"), PNG);

    ApiRequest.BytesBody fromFile = ApiRequest.BytesBody.of(MediaInput.file(file), "image/png");
    assertThat(fromFile.file()).isEqualTo(file);
    assertThat(fromFile.bytes()).isNull();
    assertThat(fromFile.toString()).isEqualTo("BytesBody[image/png, file cat.png]");

    ApiRequest.BytesBody fromBytes = ApiRequest.BytesBody.of(MediaInput.bytes(PNG), "image/png");
    assertThat(fromBytes.bytes()).isEqualTo(PNG);
    assertThat(fromBytes.toString()).isEqualTo("BytesBody[image/png, 16 bytes]");

    ApiRequest.BytesBody fromDataUrl = ApiRequest.BytesBody.of(
        MediaInput.dataUrl(DataUrl.encode("image/png", PNG)), "image/png");
    assertThat(fromDataUrl.bytes()).isEqualTo(PNG);
    assertThat(fromDataUrl.contentType()).isEqualTo("image/png");

    assertThatThrownBy(() -> ApiRequest.BytesBody.of(MediaInput.url("https://example.com/cat.png"), "image/png"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("a remote URL cannot be sent as a request body");
  }

  @Test
  void scrubbingRemovesPathQueryAndEveryQueryValueEncodedOrNot() {
    HttpUrl url = HttpUrl.get("https://store.example/b/k%20y.png?sig=ab%2Fcd1234&exp=300&t=" + SIGNATURE);

    String scrubbed = SecretHygiene.scrubUrl("a " + url.encodedPath() + " b " + url.encodedQuery() + " c ab/cd1234 d "
        + SIGNATURE + " e b/k y.png f 300", url);

    assertThat(scrubbed).isEqualTo("a … b … c … d … e … f 300");
    assertThat(SecretHygiene.scrubUrl(null, url)).isNull();
    assertThat(SecretHygiene.scrubUrl("", url)).isEmpty();
    assertThat(SecretHygiene.scrubUrl("plain", HttpUrl.get("https://store.example/"))).isEqualTo("plain");
  }

  @Test
  void aSignatureEchoedInPlainTextIsHiddenToo() {
    storage.enqueue(new MockResponse.Builder().code(400).body("zu groß: " + SIGNATURE).build());

    ApiException e = catchThrowableOfType(ApiException.class,
        () -> transport().execute(ApiRequest.external(HttpMethod.PUT, presigned(), RetrySafety.IDEMPOTENT)
            .body(new ApiRequest.BytesBody("image/png", "x".getBytes(StandardCharsets.UTF_8), null)).build(),
            ResponseReader.discard()));

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.vendorMessage()).endsWith("answered PUT with: zu groß: …");
  }
}
