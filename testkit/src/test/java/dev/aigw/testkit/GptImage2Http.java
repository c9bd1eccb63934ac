package dev.aigw.testkit;

import java.io.IOException;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** Plain HTTP against {@link FakeGptImage2} and its storage host, with the headers each call needs. */
final class GptImage2Http {
  private final FakeGptImage2 fake;

  GptImage2Http(FakeGptImage2 fake) {
    this.fake = fake;
  }

  /** {@code POST /api/v1/generate} with {@code key} and, when not null, an {@code Idempotency-Key}. */
  RawHttp.Answer generate(String key, String idempotencyKey, String json) throws IOException {
    return send("POST", fake.baseUrl() + "/api/v1/generate", headers(key, idempotencyKey), json(json));
  }

  /** {@code POST /api/v1/generate} with the default key and no idempotency key. */
  RawHttp.Answer generate(String json) throws IOException {
    return generate(fake.apiKey(), null, json);
  }

  /** {@code GET /api/v1/generations/:id}. */
  RawHttp.Answer generation(String id) throws IOException {
    return RawHttp.get(fake, "/api/v1/generations/" + id, fake.apiKey());
  }

  /** {@code POST /api/v1/upload}. */
  RawHttp.Answer upload(String json) throws IOException {
    return send("POST", fake.baseUrl() + "/api/v1/upload", headers(fake.apiKey(), null), json(json));
  }

  /** A PUT of {@code bytes} to {@code url}, with {@code headers}. */
  static RawHttp.Answer put(String url, Map<String, String> headers, byte[] bytes, String contentType) throws IOException {
    return send("PUT", url, headers, RequestBody.create(bytes, contentType == null ? null : MediaType.get(contentType)));
  }

  /** {@code POST /api/account/webhooks} with {@code cookie} (or none). */
  RawHttp.Answer registerWebhook(String cookie, String json) throws IOException {
    return send("POST", fake.baseUrl() + "/api/account/webhooks", cookie == null ? Map.of() : Map.of("Cookie", cookie),
        json(json));
  }

  /** Submits a generation that must be accepted, and returns its id. */
  String submit(String json) throws IOException {
    RawHttp.Answer answer = generate(json);
    if (answer.code() != 202) {
      throw new AssertionError("expected 202, got " + answer.code() + ": " + answer.body());
    }
    return answer.string("generationId");
  }

  /** Polls until the generation ends, and returns the last answer. */
  RawHttp.Answer pollToEnd(String id) throws IOException {
    for (int i = 0; i < 10; i++) {
      RawHttp.Answer answer = generation(id);
      String status = answer.string("status");
      if (!"queued".equals(status) && !"running".equals(status)) {
        return answer;
      }
    }
    throw new AssertionError("generation " + id + " never ended");
  }

  static Map<String, String> headers(String key, String idempotencyKey) {
    Map<String, String> h = new java.util.LinkedHashMap<>();
    if (key != null) {
      h.put("Authorization", "Bearer " + key);
    }
    if (idempotencyKey != null) {
      h.put("Idempotency-Key", idempotencyKey);
    }
    return h;
  }

  private static RequestBody json(String json) {
    return RequestBody.create(json, MediaType.get("application/json"));
  }

  static RawHttp.Answer send(String method, String url, Map<String, String> headers, RequestBody body)
      throws IOException {
    Request.Builder b = new Request.Builder().url(url).method(method, body);
    headers.forEach(b::header);
    long start = System.nanoTime();
    try (Response r = RawHttp.CLIENT.newCall(b.build()).execute()) {
      return new RawHttp.Answer(r.code(), r.body().string(), r.headers(), (System.nanoTime() - start) / 1_000_000);
    }
  }
}
