package dev.aigw.testkit;

import dev.aigw.core.spi.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okio.Buffer;

/** A request as a fake sees it: method, path, query, headers, body, and path parameters. */
public final class FakeRequest {
  private final RecordedRequest recorded;
  private final Matcher pathMatch;
  private Object json;
  private boolean parsed;

  FakeRequest(RecordedRequest recorded, Matcher pathMatch) {
    this.recorded = recorded;
    this.pathMatch = pathMatch;
  }

  /** {@return the method} */
  public String method() {
    return recorded.getMethod();
  }

  /** {@return the path, without the query} */
  public String path() {
    return recorded.getUrl().encodedPath();
  }

  /** {@return the URL} */
  public HttpUrl url() {
    return recorded.getUrl();
  }

  /**
   * A query parameter, or {@code null}.
   *
   * @param name the parameter name
   * @return its first value
   */
  public String query(String name) {
    return recorded.getUrl().queryParameter(name);
  }

  /**
   * A header, or {@code null}.
   *
   * @param name the header name, in any case
   * @return its value
   */
  public String header(String name) {
    return recorded.getHeaders().get(name);
  }

  /** {@return the bearer token, or {@code null}} */
  public String bearer() {
    String auth = header("Authorization");
    if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = auth.substring(7).strip();
    return token.isEmpty() ? null : token;
  }

  /**
   * A named group of the route's path pattern, e.g. {@code model}.
   *
   * @param name the group name
   * @return the matched text, or {@code null} when the group matched nothing
   */
  public String pathParam(String name) {
    return pathMatch.group(name);
  }

  /** {@return the body as text} */
  public String body() {
    return recorded.getBody() == null ? "" : recorded.getBody().utf8();
  }

  /** {@return the body bytes} */
  public byte[] bodyBytes() {
    return recorded.getBody() == null ? new byte[0] : recorded.getBody().toByteArray();
  }

  /** {@return the body parsed as a JSON object, or an empty map when it is not one} */
  @SuppressWarnings("unchecked")
  public Map<String, Object> json() {
    if (!parsed) {
      json = Json.tryParseTree(body());
      parsed = true;
    }
    return json instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  /** {@return whether the body is a JSON object} */
  public boolean isJsonObject() {
    json();
    return json instanceof Map<?, ?>;
  }

  /**
   * A string field of the JSON body, or {@code null}.
   *
   * @param field the top-level field name
   * @return the value, or {@code null} when absent or not a string
   */
  public String string(String field) {
    Object v = json().get(field);
    return v instanceof String s ? s : null;
  }

  /**
   * A list field of the JSON body, or an empty list.
   *
   * @param field the top-level field name
   * @return the value, or an empty list when absent or not a list
   */
  public List<?> list(String field) {
    Object v = json().get(field);
    return v instanceof List<?> l ? l : List.of();
  }

  /**
   * One part of a {@code multipart/form-data} body.
   *
   * @param name the field name from {@code Content-Disposition}, or {@code null}
   * @param filename the file name, or {@code null} for a text field
   * @param contentType the part's {@code Content-Type}, or {@code null}
   * @param bytes the content, exactly as received
   */
  public record FormPart(String name, String filename, String contentType, byte[] bytes) {
    /** {@return the content as UTF-8 text (for text fields)} */
    public String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /** {@return whether the body is {@code multipart/form-data} with a boundary} */
  public boolean isMultipart() {
    MediaType type = contentType();
    return type != null && type.type().equals("multipart") && type.subtype().equals("form-data")
        && type.parameter("boundary") != null;
  }

  /**
   * The parts of a {@code multipart/form-data} body, in order; empty when the body is not one.
   *
   * @return the parts
   * @throws IOException when the body is not well-formed multipart (a fake answers that with a 400)
   */
  public List<FormPart> multipart() throws IOException {
    if (!isMultipart()) {
      return List.of();
    }
    List<FormPart> parts = new ArrayList<>();
    try (MultipartReader reader = new MultipartReader(new Buffer().write(bodyBytes()), contentType().parameter("boundary"))) {
      for (MultipartReader.Part next = reader.nextPart(); next != null; next = reader.nextPart()) {
        try (MultipartReader.Part part = next) {
          String disposition = part.headers().get("Content-Disposition");
          parts.add(new FormPart(dispositionParameter(disposition, "name"), dispositionParameter(disposition, "filename"),
              part.headers().get("Content-Type"), part.body().readByteArray()));
        }
      }
    }
    return parts;
  }

  private MediaType contentType() {
    String header = header("Content-Type");
    return header == null ? null : MediaType.parse(header);
  }

  private static String dispositionParameter(String disposition, String name) {
    if (disposition == null) {
      return null;
    }
    Matcher m = Pattern.compile("(?:^|;)\\s*" + name + "=\"([^\"]*)\"").matcher(disposition);
    return m.find() ? m.group(1) : null;
  }
}
