package dev.aigw.core.spi;

import dev.aigw.core.http.RetrySafety;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A description of one API call: method, path, query, body, headers, and how safe it is to retry.
 * Providers build these; the runtime ({@link Gateway}) turns them into HTTP.
 *
 * @param method the method
 * @param path the path below the base URL, e.g. {@code /api/v1/chat} (already encoded segments
 *     must be given with {@link Builder#pathParam})
 * @param query query parameters, in order
 * @param body the body, or {@code null}
 * @param headers extra headers
 * @param retrySafety when a failure may be retried
 * @param idempotencyKey the caller's idempotency key, or {@code null} to have one generated for a
 *     POST (never sent to an external URL)
 * @param timeout time allowed for the whole call (headers and body), or {@code null} for the
 *     client's default
 * @param authenticated whether to send the API key
 * @param streaming whether the answer is a stream read as it arrives (no whole-call timeout)
 * @param pathTemplate the path as given before {@link Builder#pathParam} filled it in ({@code
 *     /api/v1/generations/{id}}), for logs and listeners; for an external URL, its scheme and host
 * @param purpose what paid work the call does (chat, an image …) and its price when known before
 *     sending, or {@code null} for a call that makes nothing (a read, an upload)
 */
public record ApiRequest(
    HttpMethod method,
    String path,
    Map<String, String> query,
    RequestBody body,
    Map<String, String> headers,
    RetrySafety retrySafety,
    String idempotencyKey,
    Duration timeout,
    boolean authenticated,
    boolean streaming,
    String pathTemplate,
    Purpose purpose) {

  /**
   * Checks the request and copies the query and header maps (unmodifiable, order kept).
   *
   * @param method the method
   * @param path the path below the base URL, or an absolute http(s) URL for an external call
   * @param query query parameters, in order
   * @param body the body, or {@code null}
   * @param headers extra headers
   * @param retrySafety when a failure may be retried
   * @param idempotencyKey the caller's idempotency key, or {@code null}
   * @param timeout time allowed for the whole call, or {@code null} for the client's default
   * @param authenticated whether to send the API key
   * @param streaming whether the answer is a stream read as it arrives
   * @param pathTemplate the path before its parameters were filled in, or {@code null} for the path
   * @param purpose what paid work the call does, or {@code null} for a call that makes nothing
   * @throws NullPointerException when {@code method}, {@code path} or {@code retrySafety} is null
   * @throws IllegalArgumentException when an absolute URL would carry the API key
   */
  public ApiRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(retrySafety, "retrySafety");
    boolean external = path.regionMatches(true, 0, "http://", 0, 7) || path.regionMatches(true, 0, "https://", 0, 8);
    if (external && authenticated) {
      throw new IllegalArgumentException("a request to an external URL never carries the API key");
    }
    query = copy(query);
    headers = copy(headers);
    if (pathTemplate == null) {
      pathTemplate = external ? Urls.redact(path) : path;
    }
  }

  /** An unmodifiable copy keeping the order; no copy at all when empty (most calls). */
  private static Map<String, String> copy(Map<String, String> map) {
    return map.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /**
   * A GET of {@code path}; retried freely.
   *
   * @param path the path below the base URL; {@code {name}} placeholders are filled by {@link
   *     Builder#pathParam}
   * @return a builder for the call, retry safety {@link RetrySafety#IDEMPOTENT}
   */
  public static Builder get(String path) {
    return new Builder(HttpMethod.GET, path, RetrySafety.IDEMPOTENT);
  }

  /**
   * A POST of {@code path} with the given retry safety.
   *
   * @param path the path below the base URL
   * @param safety when a failure may be retried (what a retry could cost)
   * @return a builder for the call
   */
  public static Builder post(String path, RetrySafety safety) {
    return new Builder(HttpMethod.POST, path, safety);
  }

  /**
   * A DELETE of {@code path}; retried freely.
   *
   * @param path the path below the base URL
   * @return a builder for the call, retry safety {@link RetrySafety#IDEMPOTENT}
   */
  public static Builder delete(String path) {
    return new Builder(HttpMethod.DELETE, path, RetrySafety.IDEMPOTENT);
  }

  /**
   * A call of any method.
   *
   * @param method the method
   * @param path the path below the base URL
   * @param safety when a failure may be retried
   * @return a builder for the call
   */
  public static Builder of(HttpMethod method, String path, RetrySafety safety) {
    return new Builder(method, path, safety);
  }

  /**
   * A call to an absolute URL on another host, such as a presigned upload URL. It never carries
   * the API key or an idempotency header, and logs and messages show only its scheme and host
   * (such URLs are credentials themselves).
   *
   * @param method the method
   * @param url the absolute http(s) URL
   * @param safety when a failure may be retried
   * @return a builder for the call, not authenticated
   * @throws IllegalArgumentException when {@code url} is not an absolute http(s) URL
   */
  public static Builder external(HttpMethod method, String url, RetrySafety safety) {
    if (okhttp3.HttpUrl.parse(url) == null) {
      throw new IllegalArgumentException("not an absolute http(s) URL: " + Urls.redact(url));
    }
    return new Builder(method, url, safety).authenticated(false);
  }

  /**
   * Whether this call goes to an absolute URL rather than a path below the base URL.
   *
   * @return {@code true} when the path starts with {@code http://} or {@code https://}
   */
  public boolean isExternal() {
    return isExternalPath(path);
  }

  private static boolean isExternalPath(String path) {
    return path.regionMatches(true, 0, "http://", 0, 7) || path.regionMatches(true, 0, "https://", 0, 8);
  }

  /**
   * A short description for logs: method and path, no query (it may hold ids or tokens); for an
   * external URL only its scheme and host.
   *
   * @return the description, e.g. {@code POST /v1/images}
   */
  public String describe() {
    return method + " " + (isExternal() ? Urls.redact(path) : path);
  }

  /**
   * Method, path (only the scheme and host of an external URL), query and header names, retry
   * safety: never a header value (a cookie), a query value or a presigned URL, which may be
   * credentials.
   */
  @Override
  public String toString() {
    return "ApiRequest[" + describe() + (query.isEmpty() ? "" : ", query " + query.keySet())
        + (headers.isEmpty() ? "" : ", headers " + headers.keySet()) + ", " + retrySafety
        + (authenticated ? "" : ", unauthenticated") + (streaming ? ", streaming" : "") + "]";
  }

  /**
   * What paid work a call does, in the words of the OpenTelemetry GenAI conventions, and what it
   * costs when that is known before sending. A call with a purpose is paid work: a {@link
   * dev.aigw.core.cost.Budget} checks it before it is sent, and listeners see its model.
   *
   * @param operationName {@value #CHAT} or {@value #GENERATE_CONTENT}
   * @param outputType what it makes: {@code text}, {@code image} or {@code video}
   * @param model the model asked for, or {@code null} when the request names none
   * @param price computes the price before sending (called only when a budget asks), or {@code
   *     null} when the gateway publishes none
   */
  public record Purpose(String operationName, String outputType, String model,
      java.util.function.Supplier<dev.aigw.core.cost.PriceEstimate> price) {
    /** The GenAI operation name of a chat completion. */
    public static final String CHAT = "chat";
    /** The GenAI operation name of other generations (images, videos). */
    public static final String GENERATE_CONTENT = "generate_content";

    /**
     * Checks the values.
     *
     * @param operationName {@value #CHAT} or {@value #GENERATE_CONTENT}
     * @param outputType {@code text}, {@code image} or {@code video}
     * @param model the model asked for, or {@code null}
     * @param price computes the price before sending, or {@code null}
     */
    public Purpose {
      Objects.requireNonNull(operationName, "operationName");
      Objects.requireNonNull(outputType, "outputType");
    }

    /**
     * A chat completion.
     *
     * @param model the model asked for
     * @return the purpose
     */
    public static Purpose chat(String model) {
      return new Purpose(CHAT, "text", model, null);
    }

    /**
     * An image generation.
     *
     * @param model the model asked for, or {@code null}
     * @return the purpose
     */
    public static Purpose image(String model) {
      return new Purpose(GENERATE_CONTENT, "image", model, null);
    }

    /**
     * A video generation.
     *
     * @param model the model asked for, or {@code null}
     * @return the purpose
     */
    public static Purpose video(String model) {
      return new Purpose(GENERATE_CONTENT, "video", model, null);
    }

    /**
     * The same purpose with a price known before sending.
     *
     * @param estimate computes the price; called only when a budget asks, so it may look things up
     * @return the purpose
     */
    public Purpose withPrice(java.util.function.Supplier<dev.aigw.core.cost.PriceEstimate> estimate) {
      return new Purpose(operationName, outputType, model, estimate);
    }

    /** The operation, output and model; never the price function. */
    @Override
    public String toString() {
      return "Purpose[" + operationName + ", " + outputType + (model == null ? "" : ", " + model)
          + (price == null ? "" : ", priced") + "]";
    }
  }

  /** A request body. */
  public sealed interface RequestBody permits JsonBody, MultipartBody, BytesBody {}

  /**
   * A JSON body.
   *
   * @param value a record, map or list, serialised by {@link Json}
   */
  public record JsonBody(Object value) implements RequestBody {}

  /**
   * A multipart/form-data body. File parts stream from disk.
   *
   * @param parts the parts, in order
   */
  public record MultipartBody(List<Part> parts) implements RequestBody {
    /**
     * Copies the list (unmodifiable).
     *
     * @param parts the parts, in order
     */
    public MultipartBody {
      parts = List.copyOf(parts);
    }
  }

  /**
   * Raw bytes or a file (for presigned uploads).
   *
   * @param contentType the content type
   * @param bytes the bytes, or {@code null} when {@code file} is set
   * @param file a file to stream, or {@code null}
   */
  public record BytesBody(String contentType, byte[] bytes, java.nio.file.Path file) implements RequestBody {
    /**
     * The bytes of a local medium: a file is streamed from disk when sent (and re-read on a
     * retry), bytes are sent as they are, a {@code data:} URL is decoded.
     *
     * @param media a file, bytes or a data URL
     * @param contentType the body's content type
     * @return the body: the file's path, or the bytes in memory
     * @throws IllegalArgumentException for a remote URL, whose bytes aigw never fetches
     */
    public static BytesBody of(dev.aigw.core.media.MediaInput media, String contentType) {
      Objects.requireNonNull(contentType, "contentType");
      return switch (media.kind()) {
        case FILE -> new BytesBody(contentType, null, media.path());
        case BYTES -> new BytesBody(contentType, media.bytes(), null);
        case DATA_URL -> new BytesBody(contentType, media.asDataUrl().decode(), null);
        case URL -> throw new IllegalArgumentException("a remote URL cannot be sent as a request body");
      };
    }

    /** The content type and where the bytes are; never the bytes themselves. */
    @Override
    public String toString() {
      return "BytesBody[" + contentType + ", " + (file != null ? "file " + file.getFileName() : bytes.length + " bytes") + "]";
    }
  }

  /**
   * One multipart part: a field value, or a file.
   *
   * @param name the field name
   * @param value the text value, or {@code null} for a file part
   * @param media the medium, for a file part
   * @param contentType the part's content type, for a file part
   */
  public record Part(String name, String value, dev.aigw.core.media.MediaInput media, String contentType) {
    /**
     * A text field.
     *
     * @param name the field name
     * @param value the text value
     * @return the part
     */
    public static Part field(String name, String value) {
      return new Part(name, value, null, null);
    }

    /**
     * A file field, streamed when sent.
     *
     * @param name the field name
     * @param media the file, bytes or data URL to send
     * @param contentType the part's content type
     * @return the part
     */
    public static Part file(String name, dev.aigw.core.media.MediaInput media, String contentType) {
      return new Part(name, null, media, contentType);
    }
  }

  /** Builds {@link ApiRequest}. */
  public static final class Builder {
    private final HttpMethod method;
    private String path;
    private final RetrySafety retrySafety;
    private Map<String, String> query = Map.of();
    private Map<String, String> headers = Map.of();
    private RequestBody body;
    private String idempotencyKey;
    private Duration timeout;
    private boolean authenticated = true;
    private boolean streaming;
    private final String template;
    private Purpose purpose;

    private Builder(HttpMethod method, String path, RetrySafety retrySafety) {
      this.method = method;
      this.path = path;
      this.template = path;
      this.retrySafety = retrySafety;
    }

    /**
     * Replaces {@code {name}} in the path with the encoded {@code value}.
     *
     * @param name the placeholder's name, without braces
     * @param value the segment's value, encoded as one path segment (a {@code /} in it too)
     * @return this builder
     */
    public Builder pathParam(String name, String value) {
      String encoded = okhttp3.HttpUrl.Companion.get("http://x/").newBuilder()
          .addPathSegment(value).build().encodedPath().substring(1);
      path = path.replace("{" + name + "}", encoded);
      return this;
    }

    /**
     * Adds a query parameter (ignored when {@code value} is null).
     *
     * @param name the parameter's name
     * @param value the value, sent as {@link String#valueOf(Object)}, or {@code null}
     * @return this builder
     */
    public Builder query(String name, Object value) {
      if (value != null) {
        if (query.isEmpty()) {
          query = new LinkedHashMap<>();
        }
        query.put(name, String.valueOf(value));
      }
      return this;
    }

    /**
     * Adds a header; the same name again replaces the value.
     *
     * @param name the header's name
     * @param value the header's value
     * @return this builder
     */
    public Builder header(String name, String value) {
      if (headers.isEmpty()) {
        headers = new LinkedHashMap<>();
      }
      headers.put(name, value);
      return this;
    }

    /**
     * A JSON body.
     *
     * @param value a record, map or list, serialised by {@link Json}
     * @return this builder
     */
    public Builder json(Object value) {
      this.body = new JsonBody(value);
      return this;
    }

    /**
     * A multipart body.
     *
     * @param parts the parts, in order (copied)
     * @return this builder
     */
    public Builder multipart(List<Part> parts) {
      this.body = new MultipartBody(new ArrayList<>(parts));
      return this;
    }

    /**
     * A body of any kind.
     *
     * @param body the body, or {@code null} for none
     * @return this builder
     */
    public Builder body(RequestBody body) {
      this.body = body;
      return this;
    }

    /**
     * The caller's idempotency key (else one is generated per logical call for a POST).
     *
     * @param key the key, kept for every attempt, or {@code null}
     * @return this builder
     */
    public Builder idempotencyKey(String key) {
      this.idempotencyKey = key;
      return this;
    }

    /**
     * Time allowed for the whole call (not applied to a streaming call).
     *
     * @param timeout the time, or {@code null} for the client's default
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /**
     * Whether to send the API key (default true).
     *
     * @param authenticated {@code false} to send no key
     * @return this builder
     */
    public Builder authenticated(boolean authenticated) {
      this.authenticated = authenticated;
      return this;
    }

    /**
     * Whether the answer is a stream read as it arrives (no whole-call timeout).
     *
     * @param streaming {@code true} for a stream
     * @return this builder
     */
    public Builder streaming(boolean streaming) {
      this.streaming = streaming;
      return this;
    }

    /**
     * Marks the call as paid work: what it makes, with which model, and its price when known.
     *
     * @param purpose the purpose ({@link Purpose#image(String)} …)
     * @return this builder
     */
    public Builder purpose(Purpose purpose) {
      this.purpose = purpose;
      return this;
    }

    /**
     * The request.
     *
     * @return the request built from this builder
     * @throws IllegalArgumentException when an absolute URL would carry the API key
     */
    public ApiRequest build() {
      return new ApiRequest(method, path, query, body, headers, retrySafety, idempotencyKey,
          timeout, authenticated, streaming, isExternalPath(path) ? null : template, purpose);
    }
  }
}
