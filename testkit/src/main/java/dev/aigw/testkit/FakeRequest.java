package dev.aigw.testkit;

import dev.aigw.core.internal.Json;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

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

  /** The method. */
  public String method() {
    return recorded.getMethod();
  }

  /** The path, without the query. */
  public String path() {
    return recorded.getUrl().encodedPath();
  }

  /** The URL. */
  public HttpUrl url() {
    return recorded.getUrl();
  }

  /** A query parameter, or {@code null}. */
  public String query(String name) {
    return recorded.getUrl().queryParameter(name);
  }

  /** A header, or {@code null}. */
  public String header(String name) {
    return recorded.getHeaders().get(name);
  }

  /** The bearer token, or {@code null}. */
  public String bearer() {
    String auth = header("Authorization");
    if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = auth.substring(7).strip();
    return token.isEmpty() ? null : token;
  }

  /** A named group of the route's path pattern, e.g. {@code model}. */
  public String pathParam(String name) {
    return pathMatch.group(name);
  }

  /** The body as text. */
  public String body() {
    return recorded.getBody() == null ? "" : recorded.getBody().utf8();
  }

  /** The body bytes. */
  public byte[] bodyBytes() {
    return recorded.getBody() == null ? new byte[0] : recorded.getBody().toByteArray();
  }

  /** The body parsed as a JSON object, or an empty map when it is not one. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> json() {
    if (!parsed) {
      json = Json.tryParseTree(body());
      parsed = true;
    }
    return json instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  /** Whether the body is a JSON object. */
  public boolean isJsonObject() {
    json();
    return json instanceof Map<?, ?>;
  }

  /** A string field of the JSON body, or {@code null}. */
  public String string(String field) {
    Object v = json().get(field);
    return v instanceof String s ? s : null;
  }

  /** A list field of the JSON body, or an empty list. */
  public List<?> list(String field) {
    Object v = json().get(field);
    return v instanceof List<?> l ? l : List.of();
  }
}
