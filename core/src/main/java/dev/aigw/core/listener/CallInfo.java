package dev.aigw.core.listener;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One logical call to a gateway (all its attempts), as listeners see it: the vendor, what the call
 * is for, the endpoint as a template ({@code POST /api/v1/generations/{id}}: never a query, an id
 * or a full URL), the server's host and port, and a map where listeners keep their own state for
 * the call between its events. It never holds a key, a cookie, a signature or a result URL.
 *
 * <p>Every event of one call carries the same {@code CallInfo}, so it can also serve as a key
 * (identity equality). Thread-safe.
 */
public final class CallInfo {
  private final String vendor;
  private final String operationName;
  private final String outputType;
  private final String requestModel;
  private final String method;
  private final String endpoint;
  private final String serverAddress;
  private final int serverPort;
  private final boolean streaming;
  private final OperationInfo operation;
  private final Instant startedAt;
  private final long startNanos;
  private final Map<Object, Object> attributes = new ConcurrentHashMap<>();

  /**
   * Made by the runtime when a call starts; public for tests of listeners.
   *
   * @param vendor the gateway ({@code cheapsub})
   * @param operationName what the call does in GenAI terms ({@code chat}, {@code generate_content}),
   *     or {@code null} for a call that makes nothing (a model list, a poll, a balance)
   * @param outputType what it makes ({@code text}, {@code image}, {@code video}), or {@code null}
   * @param requestModel the model asked for, or {@code null}
   * @param method the HTTP method
   * @param endpoint the path as a template, without query ({@code /api/v1/generations/{id}}); for a
   *     call to another host (a presigned upload), its scheme and host only
   * @param serverAddress the host called
   * @param serverPort the port called
   * @param streaming whether the answer is an event stream
   * @param operation the operation this call polls, or {@code null}
   * @param startedAt when the call started
   * @param startNanos {@link System#nanoTime()} when it started
   */
  public CallInfo(String vendor, String operationName, String outputType, String requestModel, String method,
      String endpoint, String serverAddress, int serverPort, boolean streaming, OperationInfo operation,
      Instant startedAt, long startNanos) {
    this.vendor = Objects.requireNonNull(vendor, "vendor");
    this.operationName = operationName;
    this.outputType = outputType;
    this.requestModel = requestModel;
    this.method = Objects.requireNonNull(method, "method");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.serverAddress = serverAddress;
    this.serverPort = serverPort;
    this.streaming = streaming;
    this.operation = operation;
    this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
    this.startNanos = startNanos;
  }

  /**
   * The gateway.
   *
   * @return its name as {@code AiClients} knows it
   */
  public String vendor() {
    return vendor;
  }

  /**
   * What the call does, in the words of the OpenTelemetry GenAI conventions.
   *
   * @return {@code chat} or {@code generate_content}, or {@code null} for a call that makes nothing
   */
  public String operationName() {
    return operationName;
  }

  /**
   * What the call makes.
   *
   * @return {@code text}, {@code image} or {@code video}, or {@code null}
   */
  public String outputType() {
    return outputType;
  }

  /**
   * The model asked for.
   *
   * @return the model, or {@code null} when the request named none
   */
  public String requestModel() {
    return requestModel;
  }

  /**
   * Whether this call is paid work (it has an {@link #operationName()}).
   *
   * @return {@code true} for chat and generations
   */
  public boolean isPaid() {
    return operationName != null;
  }

  /**
   * The HTTP method.
   *
   * @return {@code GET}, {@code POST} …
   */
  public String method() {
    return method;
  }

  /**
   * The endpoint as a template, without query.
   *
   * @return {@code /api/v1/generations/{id}}, or {@code https://storage.example} for another host
   */
  public String endpoint() {
    return endpoint;
  }

  /**
   * The host called.
   *
   * @return the host name or address
   */
  public String serverAddress() {
    return serverAddress;
  }

  /**
   * The port called.
   *
   * @return the port
   */
  public int serverPort() {
    return serverPort;
  }

  /**
   * Whether the answer is an event stream (a streamed chat).
   *
   * @return {@code true} for streams
   */
  public boolean streaming() {
    return streaming;
  }

  /**
   * The operation this call polls.
   *
   * @return the operation, or {@code null} when the call is no poll
   */
  public OperationInfo operation() {
    return operation;
  }

  /**
   * When the call started.
   *
   * @return the wall-clock time
   */
  public Instant startedAt() {
    return startedAt;
  }

  /**
   * {@link System#nanoTime()} when the call started, to measure durations.
   *
   * @return the monotonic start time
   */
  public long startNanos() {
    return startNanos;
  }

  /**
   * A map for listeners' own state for this call (a span, a timer), shared by all its events. Use
   * keys of your own (a private object) so listeners do not meet.
   *
   * @return the map; thread-safe, no {@code null} keys or values
   */
  public Map<Object, Object> attributes() {
    return attributes;
  }

  /** The vendor, method and endpoint: {@code [cheapsub] POST /api/v1/chat}. */
  @Override
  public String toString() {
    return "[" + vendor + "] " + method + " " + endpoint + (operation == null ? "" : " (operation " + operation.id() + ")");
  }
}
