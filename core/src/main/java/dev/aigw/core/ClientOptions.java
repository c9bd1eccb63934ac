package dev.aigw.core;

import dev.aigw.core.cost.Budget;
import dev.aigw.core.listener.AigwListener;
import dev.aigw.core.media.ReferenceHost;
import dev.aigw.core.model.Modality;
import dev.aigw.core.operation.PollingStrategy;
import dev.aigw.core.shared.SharedState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okhttp3.OkHttpClient;

/**
 * Vendor-neutral client settings, used by {@link AiClients#create} and by every vendor builder.
 * Absent values mean "the vendor's default".
 *
 * @param apiKey the key, or {@code null} (then the client refuses to build, unless {@code
 *     anonymous})
 * @param baseUrl the gateway's base URL, or {@code null} for the vendor's documented one
 * @param maxRetries how many times a failed call may be retried (0 disables retries)
 * @param connectTimeout time allowed to open a connection
 * @param requestTimeout time allowed for a whole ordinary call; slow calls (synchronous image or
 *     video generation) use the vendor's longer default unless this is set
 * @param polling how operations poll
 * @param httpClient an OkHttp client to share (its pool and dispatcher are reused and never shut
 *     down by aigw), or {@code null}
 * @param anonymous whether to call without a key (only for vendors that allow it)
 * @param listeners listeners of the client's calls, streams, operations and costs, in order
 * @param budget spending limits checked before paid calls, or {@code null}
 * @param streamIdleTimeout the longest silence tolerated in a stream (default 2 min), or {@code
 *     null} for the default
 * @param callTimeout the most one call may take altogether, retries and waits included, or {@code
 *     null} for no such bound (see {@link ClientBuilder#callTimeout(Duration)})
 * @param maxRetryWait the longest wait for a rate limit before the call fails with the {@code
 *     RateLimitException} instead (default 60 s), or {@code null} for the default
 * @param referenceHost publishes local reference images at URLs, for gateways that take only
 *     URLs, or {@code null}
 * @param defaultModels the model a request without one gets, per modality, instead of the
 *     vendor's documented default (empty: the documented defaults)
 * @param sharedState state shared with the application's other instances (concurrency limit,
 *     pending operations), or {@code null} for this process alone (see {@link
 *     ClientBuilder#sharedState(SharedState)})
 */
public record ClientOptions(
    Secret apiKey,
    String baseUrl,
    int maxRetries,
    Duration connectTimeout,
    Duration requestTimeout,
    PollingStrategy polling,
    OkHttpClient httpClient,
    boolean anonymous,
    List<AigwListener> listeners,
    Budget budget,
    Duration streamIdleTimeout,
    Duration callTimeout,
    Duration maxRetryWait,
    ReferenceHost referenceHost,
    Map<Modality, String> defaultModels,
    SharedState sharedState) {

  /** Default retries. */
  public static final int DEFAULT_MAX_RETRIES = 2;

  /**
   * Checks the values.
   *
   * @param apiKey the key, or {@code null}
   * @param baseUrl the base URL, or {@code null}
   * @param maxRetries 0 or more
   * @param connectTimeout a positive duration, or {@code null}
   * @param requestTimeout a positive duration, or {@code null}
   * @param polling the polling strategy, or {@code null}
   * @param httpClient an OkHttp client to share, or {@code null}
   * @param anonymous whether to call without a key
   * @param listeners listeners of the client's calls, streams, operations and costs (copied)
   * @param budget spending limits checked before paid calls, or {@code null}
   * @param streamIdleTimeout a positive duration, or {@code null}
   * @param callTimeout a positive duration, or {@code null}
   * @param maxRetryWait zero or a positive duration, or {@code null}
   * @param referenceHost publishes local reference images at URLs, or {@code null}
   * @param defaultModels the model a request without one gets, per modality (copied; {@code null}
   *     for none)
   * @param sharedState state shared with other instances, or {@code null}
   * @throws IllegalArgumentException if {@code maxRetries} is negative, a timeout is not positive or
   *     {@code maxRetryWait} is negative
   */
  public ClientOptions {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be 0 or more, was " + maxRetries);
    }
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(requestTimeout, "requestTimeout");
    requirePositive(streamIdleTimeout, "streamIdleTimeout");
    requirePositive(callTimeout, "callTimeout");
    if (maxRetryWait != null && maxRetryWait.isNegative()) {
      throw new IllegalArgumentException("maxRetryWait must not be negative, was " + maxRetryWait);
    }
    listeners = listeners == null ? List.of() : List.copyOf(listeners);
    defaultModels = defaultModels == null || defaultModels.isEmpty() ? Map.of()
        : Collections.unmodifiableMap(new EnumMap<>(defaultModels));
  }

  /**
   * Options without shared state.
   *
   * @param apiKey the key, or {@code null}
   * @param baseUrl the base URL, or {@code null}
   * @param maxRetries 0 or more
   * @param connectTimeout a positive duration, or {@code null}
   * @param requestTimeout a positive duration, or {@code null}
   * @param polling the polling strategy, or {@code null}
   * @param httpClient an OkHttp client to share, or {@code null}
   * @param anonymous whether to call without a key
   * @param listeners listeners of the client's calls, streams, operations and costs (copied)
   * @param budget spending limits checked before paid calls, or {@code null}
   * @param streamIdleTimeout a positive duration, or {@code null}
   * @param callTimeout a positive duration, or {@code null}
   * @param maxRetryWait zero or a positive duration, or {@code null}
   * @param referenceHost publishes local reference images at URLs, or {@code null}
   * @param defaultModels the model a request without one gets, per modality (copied; {@code null}
   *     for none)
   * @throws IllegalArgumentException if {@code maxRetries} is negative, a timeout is not positive or
   *     {@code maxRetryWait} is negative
   */
  public ClientOptions(Secret apiKey, String baseUrl, int maxRetries, Duration connectTimeout,
      Duration requestTimeout, PollingStrategy polling, OkHttpClient httpClient, boolean anonymous,
      List<AigwListener> listeners, Budget budget, Duration streamIdleTimeout, Duration callTimeout,
      Duration maxRetryWait, ReferenceHost referenceHost, Map<Modality, String> defaultModels) {
    this(apiKey, baseUrl, maxRetries, connectTimeout, requestTimeout, polling, httpClient, anonymous, listeners,
        budget, streamIdleTimeout, callTimeout, maxRetryWait, referenceHost, defaultModels, null);
  }

  /**
   * Options with the default stream idle timeout, no call timeout, the default rate-limit wait, no
   * reference host and the documented default models.
   *
   * @param apiKey the key, or {@code null}
   * @param baseUrl the base URL, or {@code null}
   * @param maxRetries how many times a failed call may be retried
   * @param connectTimeout time allowed to open a connection, or {@code null}
   * @param requestTimeout time allowed for one attempt, or {@code null}
   * @param polling how operations poll, or {@code null}
   * @param httpClient an OkHttp client to share, or {@code null}
   * @param anonymous whether to call without a key
   * @param listeners listeners of the client's calls, in order, or {@code null} for none
   * @param budget spending limits checked before paid calls, or {@code null}
   */
  public ClientOptions(Secret apiKey, String baseUrl, int maxRetries, Duration connectTimeout,
      Duration requestTimeout, PollingStrategy polling, OkHttpClient httpClient, boolean anonymous,
      List<AigwListener> listeners, Budget budget) {
    this(apiKey, baseUrl, maxRetries, connectTimeout, requestTimeout, polling, httpClient, anonymous, listeners,
        budget, null, null, null, null, Map.of(), null);
  }

  private static void requirePositive(Duration d, String name) {
    if (d != null && (d.isNegative() || d.isZero())) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
  }

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a builder holding these options} */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.apiKey = apiKey;
    b.baseUrl = baseUrl;
    b.maxRetries = maxRetries;
    b.connectTimeout = connectTimeout;
    b.requestTimeout = requestTimeout;
    b.polling = polling;
    b.httpClient = httpClient;
    b.anonymous = anonymous;
    b.listeners.addAll(listeners);
    b.budget = budget;
    b.streamIdleTimeout = streamIdleTimeout;
    b.callTimeout = callTimeout;
    b.maxRetryWait = maxRetryWait;
    b.referenceHost = referenceHost;
    b.defaultModels.putAll(defaultModels);
    b.sharedState = sharedState;
    return b;
  }

  /** Builds {@link ClientOptions}. */
  public static final class Builder {
    private Secret apiKey;
    private String baseUrl;
    private int maxRetries = DEFAULT_MAX_RETRIES;
    private Duration connectTimeout;
    private Duration requestTimeout;
    private PollingStrategy polling;
    private OkHttpClient httpClient;
    private boolean anonymous;
    private final List<AigwListener> listeners = new ArrayList<>();
    private Budget budget;
    private Duration streamIdleTimeout;
    private Duration callTimeout;
    private Duration maxRetryWait;
    private ReferenceHost referenceHost;
    private final Map<Modality, String> defaultModels = new EnumMap<>(Modality.class);
    private SharedState sharedState;

    private Builder() {}

    /**
     * The API key.
     *
     * @param apiKey the key; {@code null} or blank clears it
     * @return this builder
     */
    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey == null ? null : Secret.of(apiKey);
      return this;
    }

    /**
     * The API key, already wrapped.
     *
     * @param apiKey the key, or {@code null}
     * @return this builder
     */
    public Builder apiKey(Secret apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    /**
     * The base URL, e.g. {@code https://api.cheapsub.im}.
     *
     * @param baseUrl the base URL, or {@code null} for the vendor's
     * @return this builder
     */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
      return this;
    }

    /**
     * How many times a failed call may be retried.
     *
     * @param maxRetries 0 or more (checked at {@link #build()})
     * @return this builder
     */
    public Builder maxRetries(int maxRetries) {
      this.maxRetries = maxRetries;
      return this;
    }

    /**
     * Time allowed to open a connection.
     *
     * @param connectTimeout a positive duration
     * @return this builder
     */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    /**
     * Time allowed for one attempt of a call.
     *
     * @param requestTimeout a positive duration
     * @return this builder
     */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = requestTimeout;
      return this;
    }

    /**
     * The longest silence tolerated in a stream.
     *
     * @param streamIdleTimeout a positive duration, or {@code null} for the default (2 min)
     * @return this builder
     */
    public Builder streamIdleTimeout(Duration streamIdleTimeout) {
      this.streamIdleTimeout = streamIdleTimeout;
      return this;
    }

    /**
     * The most one call may take altogether, retries and waits included.
     *
     * @param callTimeout a positive duration, or {@code null} for none
     * @return this builder
     */
    public Builder callTimeout(Duration callTimeout) {
      this.callTimeout = callTimeout;
      return this;
    }

    /**
     * The longest wait for a rate limit; a longer one fails the call at once.
     *
     * @param maxRetryWait zero or a positive duration, or {@code null} for the default (60 s)
     * @return this builder
     */
    public Builder maxRetryWait(Duration maxRetryWait) {
      this.maxRetryWait = maxRetryWait;
      return this;
    }

    /**
     * How operations poll.
     *
     * @param polling the polling strategy
     * @return this builder
     */
    public Builder polling(PollingStrategy polling) {
      this.polling = polling;
      return this;
    }

    /**
     * An OkHttp client to share.
     *
     * @param httpClient the client whose pool and dispatcher to reuse
     * @return this builder
     */
    public Builder httpClient(OkHttpClient httpClient) {
      this.httpClient = httpClient;
      return this;
    }

    /**
     * Call without a key, where the vendor allows it.
     *
     * @param anonymous whether to call without a key
     * @return this builder
     */
    public Builder anonymous(boolean anonymous) {
      this.anonymous = anonymous;
      return this;
    }

    /**
     * Adds a listener (several may be added; they are called in order).
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(AigwListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Publishes local reference images at URLs, for gateways that take only URLs.
     *
     * @param host the host, or {@code null} for none
     * @return this builder
     */
    public Builder referenceHost(ReferenceHost host) {
      this.referenceHost = host;
      return this;
    }

    /**
     * Spending limits checked before paid calls (the budget also listens, to learn the costs).
     *
     * @param budget the budget, or {@code null} for none
     * @return this builder
     */
    public Builder budget(Budget budget) {
      this.budget = budget;
      return this;
    }

    /**
     * The model a request without one gets for {@code modality}, instead of the vendor's
     * documented default (it must be a model the gateway offers).
     *
     * @param modality chat, image or video
     * @param model the model id
     * @return this builder
     */
    public Builder defaultModel(Modality modality, String model) {
      defaultModels.put(java.util.Objects.requireNonNull(modality, "modality"),
          java.util.Objects.requireNonNull(model, "model"));
      return this;
    }

    /**
     * State shared with the application's other instances (see {@link
     * ClientBuilder#sharedState(SharedState)}).
     *
     * @param sharedState the state, or {@code null} for this process alone
     * @return this builder
     */
    public Builder sharedState(SharedState sharedState) {
      this.sharedState = sharedState;
      return this;
    }

    /** {@return the options} */
    public ClientOptions build() {
      return new ClientOptions(
          apiKey, baseUrl, maxRetries, connectTimeout, requestTimeout, polling, httpClient,
          anonymous, listeners, budget, streamIdleTimeout, callTimeout, maxRetryWait, referenceHost,
          defaultModels, sharedState);
    }
  }

  @Override
  public String toString() {
    return "ClientOptions[apiKey=" + (apiKey == null ? "none" : apiKey) + ", baseUrl=" + baseUrl
        + ", maxRetries=" + maxRetries + ", connectTimeout=" + connectTimeout + ", requestTimeout="
        + requestTimeout + ", polling=" + polling + ", httpClient="
        + (httpClient == null ? "default" : "shared") + ", anonymous=" + anonymous + ", streamIdleTimeout="
        + streamIdleTimeout + ", callTimeout=" + callTimeout + ", maxRetryWait=" + maxRetryWait
        + (listeners.isEmpty() ? "" : ", listeners=" + listeners.size()) + (budget == null ? "" : ", " + budget)
        + (referenceHost == null ? "" : ", referenceHost") + (sharedState == null ? "" : ", " + sharedState) + (defaultModels.isEmpty() ? "" : ", defaultModels=" + defaultModels)
        + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClientOptions other
        && Objects.equals(apiKey, other.apiKey)
        && Objects.equals(baseUrl, other.baseUrl)
        && maxRetries == other.maxRetries
        && Objects.equals(connectTimeout, other.connectTimeout)
        && Objects.equals(requestTimeout, other.requestTimeout)
        && Objects.equals(polling, other.polling)
        && httpClient == other.httpClient
        && anonymous == other.anonymous
        && listeners.equals(other.listeners)
        && budget == other.budget
        && Objects.equals(streamIdleTimeout, other.streamIdleTimeout)
        && Objects.equals(callTimeout, other.callTimeout)
        && Objects.equals(maxRetryWait, other.maxRetryWait)
        && referenceHost == other.referenceHost
        && defaultModels.equals(other.defaultModels)
        && sharedState == other.sharedState;
  }

  @Override
  public int hashCode() {
    return Objects.hash(baseUrl, maxRetries, connectTimeout, requestTimeout, anonymous, streamIdleTimeout,
        callTimeout, maxRetryWait, defaultModels);
  }
}
