package dev.aigw.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * Small helpers for wire-level tests against {@code MockWebServer}: fixtures from the classpath,
 * JSON and server-sent-event answers, and recorded request bodies parsed independently of the
 * SDK. Extend it in a test helper to call these through its name.
 */
public abstract class MockWire {
  /** For test helpers that extend it. */
  protected MockWire() {}

  /**
   * The text of {@code /fixtures/<name>} on the classpath (e.g. a vendor doc's example, copied verbatim).
   *
   * @param name the file name under {@code /fixtures/}
   * @return its text, read as UTF-8
   */
  public static String fixture(String name) {
    try (InputStream in = MockWire.class.getResourceAsStream("/fixtures/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name + " under /fixtures on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * JSON text as maps, lists, strings, doubles and booleans (plain Moshi, not the SDK's reading).
   *
   * @param json the JSON text
   * @return the value
   */
  public static Object parse(String json) {
    try {
      return com.squareup.moshi.JsonReader.of(new Buffer().writeUtf8(json)).readJsonValue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A recorded request's body, parsed as JSON.
   *
   * @param request the recorded request
   * @return the body as maps, lists and values
   */
  public static Object body(RecordedRequest request) {
    return parse(bodyText(request));
  }

  /**
   * A recorded request's body as text (empty when it had none).
   *
   * @param request the recorded request
   * @return the body, read as UTF-8
   */
  public static String bodyText(RecordedRequest request) {
    return request.getBody() == null ? "" : request.getBody().utf8();
  }

  /**
   * A JSON answer with {@code code}.
   *
   * @param code the HTTP status
   * @param body the JSON text
   * @return the answer
   */
  public static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
  }

  /**
   * A 200 JSON answer.
   *
   * @param body the JSON text
   * @return the answer
   */
  public static MockResponse ok(String body) {
    return json(200, body);
  }

  /**
   * A 200 server-sent-event answer with the given raw event text.
   *
   * @param body the events as they go on the wire
   * @return the answer
   */
  public static MockResponse sse(String body) {
    return new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").body(body).build();
  }
}
