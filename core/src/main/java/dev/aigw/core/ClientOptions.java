package dev.aigw.core;

import dev.aigw.core.media.ReferenceHost;
import dev.aigw.core.model.Modality;
import dev.aigw.core.operation.PollingStrategy;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
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
 * @param referenceHost publishes local reference images at URLs, for gateways that take only
 *     URLs, or {@code null}
 * @param defaultModels the model a request without one gets, per modality, instead of the
 *     vendor's documented default (empty: the documented defaults)
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
    ReferenceHost referenceHost,
    Map<Modality, String> defaultModels) {

  /** Default retries. */
  public static final int DEFAULT_MAX_RETRIES = 2;

  /** Checks the values. */
  public ClientOptions {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be 0 or more, was " + maxRetries);
    }
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(requestTimeout, "requestTimeout");
    defaultModels = defaultModels == null || defaultModels.isEmpty() ? Map.of()
        : Collections.unmodifiableMap(new EnumMap<>(defaultModels));
  }

  private static void requirePositive(Duration d, String name) {
    if (d != null && (d.isNegative() || d.isZero())) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options. */
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
    b.referenceHost = referenceHost;
    b.defaultModels.putAll(defaultModels);
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
    private ReferenceHost referenceHost;
    private final Map<Modality, String> defaultModels = new EnumMap<>(Modality.class);

    private Builder() {}

    /** The API key. */
    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey == null ? null : Secret.of(apiKey);
      return this;
    }

    /** The API key, already wrapped. */
    public Builder apiKey(Secret apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    /** The base URL, e.g. {@code https://api.cheapsub.im}. */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
      return this;
    }

    /** How many times a failed call may be retried. */
    public Builder maxRetries(int maxRetries) {
      this.maxRetries = maxRetries;
      return this;
    }

    /** Time allowed to open a connection. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    /** Time allowed for a whole call. */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = requestTimeout;
      return this;
    }

    /** How operations poll. */
    public Builder polling(PollingStrategy polling) {
      this.polling = polling;
      return this;
    }

    /** An OkHttp client to share. */
    public Builder httpClient(OkHttpClient httpClient) {
      this.httpClient = httpClient;
      return this;
    }

    /** Call without a key, where the vendor allows it. */
    public Builder anonymous(boolean anonymous) {
      this.anonymous = anonymous;
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

    /** The options. */
    public ClientOptions build() {
      return new ClientOptions(
          apiKey, baseUrl, maxRetries, connectTimeout, requestTimeout, polling, httpClient,
          anonymous, referenceHost, defaultModels);
    }
  }

  @Override
  public String toString() {
    return "ClientOptions[apiKey=" + (apiKey == null ? "none" : apiKey) + ", baseUrl=" + baseUrl
        + ", maxRetries=" + maxRetries + ", connectTimeout=" + connectTimeout + ", requestTimeout="
        + requestTimeout + ", polling=" + polling + ", httpClient="
        + (httpClient == null ? "default" : "shared") + ", anonymous=" + anonymous
        + (referenceHost == null ? "" : ", referenceHost") + (defaultModels.isEmpty() ? "" : ", defaultModels=" + defaultModels)
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
        && referenceHost == other.referenceHost
        && defaultModels.equals(other.defaultModels);
  }

  @Override
  public int hashCode() {
    return Objects.hash(baseUrl, maxRetries, connectTimeout, requestTimeout, anonymous, defaultModels);
  }
}
