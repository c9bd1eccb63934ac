package dev.aigw.testkit;

import dev.aigw.core.spi.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** Plain HTTP against a fake, without the SDK, so the testkit is tested on its own. */
final class RawHttp {
  /** No silent retries: a dropped connection must reach the test, and a request must be sent once. */
  static final OkHttpClient CLIENT = new OkHttpClient.Builder().retryOnConnectionFailure(false)
      .readTimeout(Duration.ofSeconds(10)).build();

  private RawHttp() {}

  /** An answer read whole. */
  record Answer(int code, String body, Headers headers, long millis) {
    /** The body as a JSON object. */
    @SuppressWarnings("unchecked")
    Map<String, Object> json() {
      return (Map<String, Object>) Json.tryParseTree(body);
    }

    /** A value inside the JSON body by path of keys and indexes. */
    Object at(Object... path) {
      Object v = Json.tryParseTree(body);
      for (Object p : path) {
        if (p instanceof Integer i && v instanceof List<?> l) {
          v = i < l.size() ? l.get(i) : null;
        } else if (v instanceof Map<?, ?> m) {
          v = m.get(p);
        } else {
          return null;
        }
      }
      return v;
    }

    String string(Object... path) {
      Object v = at(path);
      return v == null ? null : String.valueOf(v);
    }
  }

  static Answer get(FakeGateway fake, String pathAndQuery, String key) throws IOException {
    return send("GET", fake.baseUrl() + pathAndQuery, key == null ? null : "Bearer " + key, null);
  }

  static Answer post(FakeGateway fake, String path, String key, String json) throws IOException {
    return send("POST", fake.baseUrl() + path, key == null ? null : "Bearer " + key, json);
  }

  static Answer send(String method, String url, String authorization, String json) throws IOException {
    Request.Builder b = new Request.Builder().url(url);
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    RequestBody body = json == null ? (method.equals("POST") || method.equals("PUT") ? RequestBody.create(new byte[0], null) : null)
        : RequestBody.create(json, MediaType.get("application/json"));
    b.method(method, body);
    long start = System.nanoTime();
    try (Response r = CLIENT.newCall(b.build()).execute()) {
      String text = r.body().string();
      return new Answer(r.code(), text, r.headers(), (System.nanoTime() - start) / 1_000_000);
    }
  }

  /** Opens a call and leaves the response to the caller (for streams). */
  static Response open(FakeGateway fake, String path, String key, String json) throws IOException {
    Request request = new Request.Builder().url(fake.baseUrl() + path).header("Authorization", "Bearer " + key)
        .post(RequestBody.create(json, MediaType.get("application/json"))).build();
    return CLIENT.newCall(request).execute();
  }

  /** Waits until {@code condition} holds, failing after {@code limit}. */
  static void await(BooleanSupplier condition, Duration limit) throws InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("condition not met within " + limit);
      }
      Thread.sleep(10);
    }
  }
}
