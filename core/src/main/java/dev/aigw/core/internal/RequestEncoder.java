package dev.aigw.core.internal;

import dev.aigw.core.Secret;
import dev.aigw.core.media.MediaInput;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.HttpMethod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;

/**
 * Turns an {@link ApiRequest} into the OkHttp {@link Request} of one attempt: the URL (the base
 * URL with its path prefix, resolved once per query-less path), the {@code User-Agent},
 * {@code Accept}, Bearer {@code Authorization} and idempotency headers, then the request's own
 * headers, and a JSON, bytes, file or streamed multipart body. Thread-safe; one per transport.
 */
final class RequestEncoder {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  /** At most this many resolved URLs are kept (see {@code urls}). */
  static final int MAX_CACHED_URLS = 64;

  private final TransportConfig config;
  private final String userAgent;
  /**
   * The URLs of query-less paths already resolved (an {@link HttpUrl} is immutable): most calls
   * go to a few fixed paths, and joining the base URL with a path allocates about 800 bytes.
   */
  private final Map<String, HttpUrl> urls = new ConcurrentHashMap<>();

  RequestEncoder(TransportConfig config) {
    this.config = config;
    this.userAgent = Transport.userAgent(config.vendor());
  }

  /**
   * The request of one attempt.
   *
   * @param idempotencyKey the value of the vendor's idempotency header, or {@code null} to send none
   */
  Request encode(ApiRequest request, String idempotencyKey) {
    Request.Builder b = new Request.Builder().url(url(request)).header("User-Agent", userAgent)
        .header("Accept", request.streaming() ? "text/event-stream" : "application/json, */*;q=0.8");
    Secret key = config.apiKey();
    if (request.authenticated() && key != null) {
      b.header("Authorization", "Bearer " + key.reveal());
    }
    if (idempotencyKey != null) {
      b.header(config.idempotencyHeader(), idempotencyKey);
    }
    request.headers().forEach(b::header);
    RequestBody body = body(request.body());
    b.method(request.method().name(),
        body == null && (request.method() == HttpMethod.POST || request.method() == HttpMethod.PUT) ? RequestBody.create(new byte[0], null) : body);
    return b.build();
  }

  /** Where {@code request} goes: its external URL, or the base URL joined with its path, plus its query. */
  HttpUrl url(ApiRequest request) {
    if (request.isExternal()) {
      HttpUrl.Builder b = HttpUrl.get(request.path()).newBuilder();
      request.query().forEach(b::addQueryParameter);
      return b.build();
    }
    Map<String, String> query = request.query();
    if (query.isEmpty()) {
      HttpUrl url = urls.get(request.path());
      if (url == null) {
        url = resolve(request.path()).build();
        if (urls.size() >= MAX_CACHED_URLS) {
          urls.clear(); // paths with ids in them (task polls) come and go: start over
        }
        urls.put(request.path(), url);
      }
      return url;
    }
    HttpUrl.Builder b = resolve(request.path());
    for (Map.Entry<String, String> q : query.entrySet()) {
      b.addQueryParameter(q.getKey(), q.getValue());
    }
    return b.build();
  }

  /** How many resolved URLs are kept now. */
  int cachedUrls() {
    return urls.size();
  }

  /** The base URL (with its path prefix) joined with {@code path}, which is already encoded. */
  private HttpUrl.Builder resolve(String path) {
    HttpUrl base = config.baseUrl();
    String basePath = base.encodedPath();
    if (basePath.endsWith("/")) {
      basePath = basePath.substring(0, basePath.length() - 1);
    }
    return base.newBuilder().encodedPath(basePath + (path.startsWith("/") ? path : "/" + path));
  }

  private static RequestBody body(ApiRequest.RequestBody body) {
    if (body == null) {
      return null;
    }
    if (body instanceof ApiRequest.JsonBody json) {
      return RequestBody.create(PlainJson.bytes(json.value()), JSON);
    }
    if (body instanceof ApiRequest.BytesBody bytes) {
      MediaType type = MediaType.get(bytes.contentType());
      return bytes.file() != null ? new FileBody(bytes.file(), type) : RequestBody.create(bytes.bytes(), type);
    }
    ApiRequest.MultipartBody multipart = (ApiRequest.MultipartBody) body;
    MultipartBody.Builder b = new MultipartBody.Builder().setType(MultipartBody.FORM);
    for (ApiRequest.Part part : multipart.parts()) {
      if (part.media() == null) {
        b.addFormDataPart(part.name(), part.value());
      } else {
        b.addFormDataPart(part.name(), part.media().filename(), mediaBody(part));
      }
    }
    return b.build();
  }

  private static RequestBody mediaBody(ApiRequest.Part part) {
    MediaType type = MediaType.get(part.contentType());
    var media = part.media();
    return switch (media.kind()) {
      case FILE -> new FileBody(media.path(), type);
      case BYTES -> RequestBody.create(media.bytes(), type);
      case DATA_URL -> new StreamBody(media, type);
      case URL -> throw new IllegalArgumentException("a remote URL cannot be uploaded as a file part");
    };
  }

  /** A body streamed from a file, re-readable for retries. */
  private static final class FileBody extends RequestBody {
    private final Path file;
    private final MediaType type;

    FileBody(Path file, MediaType type) {
      this.file = file;
      this.type = type;
    }

    @Override
    public MediaType contentType() {
      return type;
    }

    @Override
    public long contentLength() throws IOException {
      return Files.size(file);
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      try (Source source = Okio.source(file)) {
        sink.writeAll(source);
      }
    }
  }

  /** A body streamed from a data URL, decoded as it is written. */
  private static final class StreamBody extends RequestBody {
    private final MediaInput media;
    private final MediaType type;

    StreamBody(MediaInput media, MediaType type) {
      this.media = media;
      this.type = type;
    }

    @Override
    public MediaType contentType() {
      return type;
    }

    @Override
    public long contentLength() {
      return media.size();
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      try (Source source = Okio.source(media.openStream())) {
        sink.writeAll(source);
      }
    }
  }
}
