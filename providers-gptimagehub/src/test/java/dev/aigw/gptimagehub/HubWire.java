package dev.aigw.gptimagehub;

import dev.aigw.testkit.MockWire;
import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonReader;
import dev.aigw.core.http.RetryPolicy;
import dev.aigw.core.operation.PollingStrategy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okio.Buffer;

/** Shared pieces of the GPTImageHub wire tests: the client, fixtures, JSON, multipart and header checks. */
final class HubWire extends MockWire {
  private HubWire() {}

  static final String KEY = "gih_live_test0123456789abcdef0123456789";
  static final String USER_AGENT = "aigw-java/0.1.0 gptimagehub";
  static final String GENERATIONS = "/api/v1/images/generations";
  static final String DOC_ID = "clx_generation_log_id";

  /**
   * A model list in the field names the documentation uses (it shows no example): {@code
   * gpt-image-2} with the given reference limit and 8 credits per image.
   */
  static String models(int referenceLimit) {
    return "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-image-2\",\"provider\":\"openai\","
        + "\"aspect_ratios\":[\"auto\",\"1:1\",\"16:9\"],\"qualities\":[\"auto\",\"low\",\"medium\",\"high\"],"
        + "\"reference_image_limit\":" + referenceLimit + ",\"credits_per_image\":8}]}";
  }

  /** Fast retries and polling, pointed at {@code server}. */
  static GptImageHubClient.Builder builder(MockWebServer server) {
    return GptImageHubClient.builder()
        .apiKey(KEY)
        .baseUrl(server.url("/").toString())
        .retryPolicy(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(5)))
        .polling(new PollingStrategy(Duration.ofMillis(5), 1.0, Duration.ofMillis(5), 3, Duration.ofSeconds(5)));
  }

  static GptImageHubClient client(MockWebServer server) {
    return builder(server).build();
  }

  /** The request body, parsed. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> body(RecordedRequest request) {
    return (Map<String, Object>) parse(bodyText(request));
  }

  /** The doc's error shape with {@code code} and {@code message}. */
  static MockResponse error(int status, String code, String message) {
    return json(status, "{\"error\":{\"message\":\"" + message + "\",\"code\":\"" + code + "\"}}");
  }

  /** Auth and User-Agent, as on every keyed GPTImageHub call. */
  static void assertCommonHeaders(RecordedRequest request) {
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
    assertThat(request.getHeaders().get("User-Agent")).isEqualTo(USER_AGENT);
    // GPTImageHub documents no idempotency header; none is sent.
    assertThat(request.getHeaders().get("Idempotency-Key")).isNull();
  }

  /** A JSON POST to the generation endpoint: method, exact path (no query), headers, JSON content type. */
  static void assertJsonPost(RecordedRequest request) {
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo(GENERATIONS);
    assertThat(request.getUrl().query()).isNull();
    assertCommonHeaders(request);
    MediaType type = MediaType.parse(request.getHeaders().get("Content-Type"));
    assertThat(type).isNotNull();
    assertThat(type.type() + "/" + type.subtype()).isEqualTo("application/json");
  }

  /** A GET: method, exact path, headers, no body. */
  static void assertGet(RecordedRequest request, String path) {
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getUrl().encodedPath()).isEqualTo(path);
    assertCommonHeaders(request);
    assertThat(request.getBodySize()).isZero();
  }

  /** The model-list GET: no key is sent. */
  static void assertModelsGet(RecordedRequest request) {
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v1/models");
    assertThat(request.getHeaders().get("Authorization")).isNull();
    assertThat(request.getHeaders().get("User-Agent")).isEqualTo(USER_AGENT);
  }

  /**
   * One part of a multipart body.
   *
   * @param name the field name
   * @param filename the file name, or {@code null} for a text field
   * @param contentType the part's content type, or {@code null}
   * @param bytes the content
   */
  record Part(String name, String filename, String contentType, byte[] bytes) {
    String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /**
   * The parts of a multipart/form-data POST to the generation endpoint, read with OkHttp's own
   * {@link MultipartReader}; checks the method, path, headers and content type on the way.
   */
  static List<Part> multipart(RecordedRequest request) throws IOException {
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo(GENERATIONS);
    assertCommonHeaders(request);
    MediaType type = MediaType.parse(request.getHeaders().get("Content-Type"));
    assertThat(type).isNotNull();
    assertThat(type.type() + "/" + type.subtype()).isEqualTo("multipart/form-data");
    String boundary = type.parameter("boundary");
    assertThat(boundary).isNotBlank();
    List<Part> parts = new ArrayList<>();
    try (MultipartReader reader = new MultipartReader(new Buffer().write(request.getBody().toByteArray()), boundary)) {
      MultipartReader.Part next;
      while ((next = reader.nextPart()) != null) {
        try (MultipartReader.Part part = next) {
          String disposition = part.headers().get("Content-Disposition");
          parts.add(new Part(param(disposition, "name"), param(disposition, "filename"),
              part.headers().get("Content-Type"), part.body().readByteArray()));
        }
      }
    }
    return parts;
  }

  private static String param(String disposition, String name) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:^|;)\\s*" + name + "=\"([^\"]*)\"").matcher(disposition);
    return m.find() ? m.group(1) : null;
  }

  /** The doc's {@code -F} fields ({@code fixtures/generation-reference-request.fields}) as name and value. */
  static List<String[]> docFormFields() {
    List<String[]> fields = new ArrayList<>();
    for (String line : fixture("generation-reference-request.fields").split("\n")) {
      if (!line.isBlank()) {
        fields.add(line.split("=", 2));
      }
    }
    return fields;
  }
}
