package dev.aigw.core;

import dev.aigw.core.cost.Budget;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.http.RetryPolicy;
import dev.aigw.core.internal.RecordingGateway;
import dev.aigw.core.internal.SharedResources;
import dev.aigw.core.internal.PendingOperationsRecorder;
import dev.aigw.core.internal.Transport;
import dev.aigw.core.internal.TransportConfig;
import dev.aigw.core.media.ReferenceHost;
import dev.aigw.core.model.Modality;
import dev.aigw.core.listener.AigwListener;
import dev.aigw.core.operation.PollingStrategy;
import dev.aigw.core.profile.ChatProfile;
import dev.aigw.core.profile.GatewayProfile;
import dev.aigw.core.profile.ImageProfile;
import dev.aigw.core.profile.ModelCatalog;
import dev.aigw.core.profile.VideoProfile;
import dev.aigw.core.spi.Checks;
import dev.aigw.core.spi.Gateway;
import dev.aigw.core.spi.Listeners;
import dev.aigw.core.spi.VendorSpec;
import dev.aigw.core.shared.SharedState;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The settings every vendor client builder shares: key, base URL, retries, timeouts, polling, an
 * OkHttp client to share. Vendor builders extend it and add their own settings.
 *
 * @param <B> the concrete builder
 * @param <C> the client it builds
 */
public abstract class ClientBuilder<B extends ClientBuilder<B, C>, C> {
  private final VendorSpec spec;
  private Secret apiKey;
  private String baseUrl;
  private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
  private Duration connectTimeout;
  private Duration requestTimeout;
  private Duration streamIdleTimeout;
  private Duration callTimeout;
  private PollingStrategy polling;
  private OkHttpClient httpClient;
  private boolean anonymous;
  private Integer maxConcurrentRequests;
  private Clock clock;
  private ReferenceHost referenceHost;
  private final Map<Modality, String> defaultModels = new EnumMap<>(Modality.class);
  private final Map<Modality, List<String>> extraModels = new EnumMap<>(Modality.class);
  private final List<AigwListener> listeners = new ArrayList<>();
  private Budget budget;
  private SharedState sharedState;

  /**
   * Starts a builder with the vendor's defaults.
   *
   * @param spec the vendor's facts
   */
  protected ClientBuilder(VendorSpec spec) {
    this.spec = spec;
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /**
   * The API key.
   *
   * @param apiKey the key; {@code null} or blank clears it
   * @return this builder
   */
  public B apiKey(String apiKey) {
    this.apiKey = apiKey == null || apiKey.isBlank() ? null : Secret.of(apiKey);
    return self();
  }

  /**
   * The API key, already wrapped.
   *
   * @param apiKey the key, or {@code null} to clear it
   * @return this builder
   */
  public B apiKey(Secret apiKey) {
    this.apiKey = apiKey;
    return self();
  }

  /**
   * The base URL (the vendor's documented one by default).
   *
   * @param baseUrl an absolute http or https URL, checked at {@link #build()}
   * @return this builder
   */
  public B baseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
    return self();
  }

  /**
   * How many times a failed call may be retried (default 2; 0 disables retries).
   *
   * @param maxRetries 0 or more
   * @return this builder
   * @throws IllegalArgumentException if {@code maxRetries} is negative
   */
  public B maxRetries(int maxRetries) {
    this.retryPolicy = retryPolicy.withMaxRetries(maxRetries);
    return self();
  }

  /**
   * The whole retry policy.
   *
   * @param policy retries, backoff and the longest {@code Retry-After} honoured
   * @return this builder
   */
  public B retryPolicy(RetryPolicy policy) {
    this.retryPolicy = java.util.Objects.requireNonNull(policy, "policy");
    return self();
  }

  /**
   * Time allowed to open a connection (default 10 s).
   *
   * @param timeout a positive duration
   * @return this builder
   */
  public B connectTimeout(Duration timeout) {
    this.connectTimeout = timeout;
    return self();
  }

  /**
   * Time allowed for one attempt of an ordinary call, from sending the request to reading the whole
   * answer (default 2 min; slow synchronous generations use the vendor's longer default unless this
   * is set).
   *
   * @param timeout a positive duration
   * @return this builder
   */
  public B requestTimeout(Duration timeout) {
    this.requestTimeout = timeout;
    return self();
  }

  /**
   * The longest silence tolerated in a stream: while waiting for its first bytes and between its
   * events (default 2 min). A stream that goes quiet longer ends with a {@code StreamException}.
   *
   * @param timeout a positive duration
   * @return this builder
   */
  public B streamIdleTimeout(Duration timeout) {
    this.streamIdleTimeout = positive(timeout, "streamIdleTimeout");
    return self();
  }

  /**
   * The most one call may take altogether: every attempt, the backoff between retries, {@code
   * Retry-After} waits and the wait for a request slot (default none: each attempt is bounded by
   * the request timeout, and waits by the retry policy). A retry whose wait would end past it is not
   * made; the call fails at once with the last failure, saying so. For a stream it bounds the
   * opening (attempts until the answer's headers); the events are bounded by {@link
   * #streamIdleTimeout(Duration)}. It does not bound an operation's polling, which has its own
   * timeouts ({@code waitForCompletion(Duration)}).
   *
   * @param timeout a positive duration, or {@code null} for none
   * @return this builder
   */
  public B callTimeout(Duration timeout) {
    this.callTimeout = timeout == null ? null : positive(timeout, "callTimeout");
    return self();
  }

  /**
   * The longest wait for a rate limit (default 60 s): a 429 whose {@code Retry-After} (or, without
   * one, whose rate-limit window resets) later than this ends the call at once with a {@code
   * RateLimitException} carrying the wait in {@code retryAfter()}, instead of blocking. Waits up to
   * it are retried like any 429, within the retry count and the {@linkplain #callTimeout(Duration)
   * call timeout}.
   *
   * @param max zero or a positive duration ({@link Duration#ZERO}: never wait for a rate limit)
   * @return this builder
   */
  public B maxRetryWait(Duration max) {
    java.util.Objects.requireNonNull(max, "maxRetryWait");
    if (max.isNegative()) {
      throw new IllegalArgumentException("maxRetryWait must not be negative, was " + max);
    }
    this.retryPolicy = retryPolicy.withMaxRetryAfter(max);
    return self();
  }

  private static Duration positive(Duration d, String name) {
    java.util.Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
    return d;
  }

  /**
   * How operations poll.
   *
   * @param polling intervals, failures tolerated and the default wait
   * @return this builder
   */
  public B polling(PollingStrategy polling) {
    this.polling = polling;
    return self();
  }

  /**
   * An OkHttp client to share; aigw never shuts it down.
   *
   * @param client the client whose pool and dispatcher to reuse
   * @return this builder
   */
  public B httpClient(OkHttpClient client) {
    this.httpClient = client;
    return self();
  }

  /**
   * Call without a key (only where the vendor allows it).
   *
   * @return this builder
   */
  public B anonymous() {
    this.anonymous = true;
    return self();
  }

  /**
   * The most calls in flight at once for this client's key (every client of the same key and base
   * URL in the process shares the count, as vendors count per key); more wait their turn.
   *
   * @param max the most calls in flight at once
   * @return this builder
   */
  public B maxConcurrentRequests(int max) {
    this.maxConcurrentRequests = max;
    return self();
  }

  /**
   * The clock used for rate-limit times (for tests).
   *
   * @param clock the clock to read
   * @return this builder
   */
  public B clock(Clock clock) {
    this.clock = clock;
    return self();
  }

  /**
   * Publishes local reference images (files, bytes, {@code data:} URLs) at URLs, for gateways
   * that take reference images only as URLs (CheapSub); without one, such a reference is refused
   * there before sending.
   *
   * @param host the host, or {@code null} for none
   * @return this builder
   */
  public B referenceHost(ReferenceHost host) {
    this.referenceHost = host;
    return self();
  }

  /**
   * Adds a listener of the client's calls, streams, operations and costs ({@link
   * dev.aigw.core.cost.CostMeter}, the OpenTelemetry module's listener, your own). Several may be
   * added; they are called in order. Without listeners the client builds no events at all.
   *
   * @param listener the listener
   * @return this builder
   */
  public B listener(AigwListener listener) {
    listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
    return self();
  }

  /**
   * The model a request without one gets for {@code modality}, instead of the vendor's documented
   * default. It must be a model the gateway offers (in any listed form, or one added with {@link
   * #extraModels}); {@link #build()} refuses another.
   *
   * @param modality chat, image or video
   * @param model the model id
   * @return this builder
   */
  public B defaultModel(Modality modality, String model) {
    defaultModels.put(java.util.Objects.requireNonNull(modality, "modality"),
        java.util.Objects.requireNonNull(model, "model"));
    return self();
  }

  /**
   * Spending limits per gateway and unit, checked before every paid call ({@link Budget}); the
   * budget is also added as a listener, to learn what results cost.
   *
   * @param budget the budget, or {@code null} for none
   * @return this builder
   */
  public B budget(Budget budget) {
    this.budget = budget;
    return self();
  }

  /**
   * Models the gateway offers for {@code modality} beyond the ones its documentation lists (a newer
   * model, or your deployment's own): requests may name them, and they are sent as given.
   *
   * @param modality chat, image or video
   * @param models the model ids
   * @return this builder
   */
  public B extraModels(Modality modality, String... models) {
    extraModels.computeIfAbsent(java.util.Objects.requireNonNull(modality, "modality"), m -> new ArrayList<>())
        .addAll(List.of(models));
    return self();
  }

  /**
   * State shared with the application's other instances (JVMs): the per-key concurrency limit is
   * counted in {@code state.limiter()} instead of this process alone, and each operation this client
   * submits is recorded in {@code state.pendingOperations()} until it ends, so that another instance
   * can claim and resume it if this one dies ({@link SharedState#claimNext(String)}). With {@code
   * aigw-redis}: {@code .sharedState(RedisSharedState.connect("redis://host:6379"))}.
   *
   * @param state the shared state, or {@code null} for this process alone (the default)
   * @return this builder
   */
  public B sharedState(SharedState state) {
    this.sharedState = state;
    return self();
  }

  /**
   * Applies neutral options.
   *
   * @param options the settings to apply; absent values leave this builder's as they are
   * @return this builder
   */
  public B options(ClientOptions options) {
    if (options.apiKey() != null) {
      apiKey(options.apiKey());
    }
    if (options.baseUrl() != null) {
      baseUrl(options.baseUrl());
    }
    maxRetries(options.maxRetries());
    if (options.connectTimeout() != null) {
      connectTimeout(options.connectTimeout());
    }
    if (options.requestTimeout() != null) {
      requestTimeout(options.requestTimeout());
    }
    if (options.streamIdleTimeout() != null) {
      streamIdleTimeout(options.streamIdleTimeout());
    }
    if (options.callTimeout() != null) {
      callTimeout(options.callTimeout());
    }
    if (options.maxRetryWait() != null) {
      maxRetryWait(options.maxRetryWait());
    }
    if (options.polling() != null) {
      polling(options.polling());
    }
    if (options.httpClient() != null) {
      httpClient(options.httpClient());
    }
    if (options.anonymous()) {
      anonymous();
    }
    if (options.referenceHost() != null) {
      referenceHost(options.referenceHost());
    }
    options.defaultModels().forEach(this::defaultModel);
    options.listeners().forEach(this::listener);
    if (options.sharedState() != null) {
      sharedState(options.sharedState());
    }
    if (options.budget() != null) {
      budget(options.budget());
    }
    return self();
  }

  /**
   * Reads {@code <VENDOR>_API_KEY} and {@code <VENDOR>_BASE_URL} from {@code environment}.
   *
   * @param environment the variables to read, usually {@link System#getenv()}
   * @return this builder
   */
  public B environment(Map<String, String> environment) {
    String key = environment.get(spec.apiKeyVariable());
    if (key != null && !key.isBlank()) {
      apiKey(key);
    }
    String url = environment.get(spec.baseUrlVariable());
    if (url != null && !url.isBlank()) {
      baseUrl(url);
    }
    return self();
  }

  /** {@return the polling strategy in force} */
  protected PollingStrategy pollingStrategy() {
    return polling != null ? polling : spec.polling();
  }

  /** {@return the request timeout set by the caller, or {@code null}} */
  protected Duration requestTimeoutOverride() {
    return requestTimeout;
  }

  /**
   * Pre-send checks that name this builder's vendor, for the vendor builder's own settings.
   *
   * @return the checks
   */
  protected Checks checks() {
    return spec.checks();
  }

  /**
   * The reference host set on this builder, for the vendor client's services.
   *
   * @return the host, or {@code null}
   */
  protected ReferenceHost configuredReferenceHost() {
    return referenceHost;
  }

  /**
   * The client's profile: the vendor's documented one with this builder's settings applied — the
   * default and extra models per modality, and whether a reference host is plugged in.
   *
   * @param capabilities what the client offers
   * @param chat the documented chat profile, or {@code null}
   * @param images the documented image profile, or {@code null}
   * @param videos the documented video profile, or {@code null}
   * @return the profile
   * @throws ValidationException when a default model is set for a modality the gateway lacks, or is
   *     not one it offers
   */
  protected GatewayProfile profile(Set<Capability> capabilities, ChatProfile chat, ImageProfile images,
      VideoProfile videos) {
    for (Modality m : defaultModels.keySet()) {
      ModelCatalog documented = m == Modality.CHAT && chat != null ? chat.models()
          : m == Modality.IMAGE && images != null ? images.models()
          : m == Modality.VIDEO && videos != null ? videos.models() : null;
      if (documented == null) {
        throw new ValidationException(spec.name(), "defaultModel",
            spec.name() + " has no " + m.name().toLowerCase(java.util.Locale.ROOT) + " models");
      }
    }
    return new GatewayProfile(spec.name(), capabilities,
        chat == null ? null : chat.withModels(models(chat.models())),
        images == null ? null : images.withModels(models(images.models())).withReferenceHost(referenceHost != null),
        videos == null ? null : videos.withModels(models(videos.models())),
        spec.failedTasksRefunded());
  }

  private ModelCatalog models(ModelCatalog documented) {
    ModelCatalog catalog = documented.plus(extraModels.getOrDefault(documented.modality(), List.of()));
    String wanted = defaultModels.get(documented.modality());
    if (wanted == null) {
      return catalog;
    }
    if (!catalog.offers(wanted)) {
      throw new ValidationException(spec.name(), "defaultModel", spec.name() + " offers these "
          + documented.modality().name().toLowerCase(java.util.Locale.ROOT) + " models: " + catalog.listed()
          + "; was " + wanted + " (add it with extraModels(…) if the gateway offers it)");
    }
    return catalog.withDefault(wanted);
  }

  /**
   * Checks the settings and builds the client's line to its gateway.
   *
   * @return a transport for the client to build on
   * @throws ValidationException when the key is missing or has the wrong prefix, or the base URL
   *     is missing or malformed
   */
  protected Gateway buildGateway() {
    String vendor = spec.name();
    String url = baseUrl != null ? baseUrl : spec.defaultBaseUrl();
    if (url == null || url.isBlank()) {
      throw new ValidationException(vendor, "baseUrl",
          vendor + " has no fixed host: set baseUrl(…) or " + spec.baseUrlVariable() + " to your deployment's URL");
    }
    HttpUrl parsed = HttpUrl.parse(url.strip());
    if (parsed == null) {
      throw new ValidationException(vendor, "baseUrl", "must be an absolute http or https URL, was '" + url + "'");
    }
    if (apiKey == null && !anonymous) {
      throw new ValidationException(vendor, "apiKey",
          "an API key is required: set apiKey(…) or " + spec.apiKeyVariable()
              + (spec.allowsAnonymous() ? ", or call anonymous() to use the anonymous rate limits" : ""));
    }
    if (anonymous && !spec.allowsAnonymous()) {
      throw new ValidationException(vendor, "apiKey", vendor + " does not accept calls without a key");
    }
    if (apiKey != null && !apiKey.hasPrefix(spec.keyPrefix())) {
      throw new ValidationException(vendor, "apiKey",
          vendor + " keys start with '" + spec.keyPrefix() + "'; this one starts otherwise (is it another vendor's key?)");
    }
    OkHttpClient base = httpClient != null ? httpClient : SharedResources.httpClient();
    if (connectTimeout != null) {
      base = base.newBuilder().connectTimeout(connectTimeout).build();
    }
    TransportConfig config = new TransportConfig(vendor, parsed, anonymous ? null : apiKey, retryPolicy,
        spec.errorMapping(), spec.idempotencyHeader(),
        requestTimeout != null ? requestTimeout : spec.requestTimeout(),
        streamIdleTimeout != null ? streamIdleTimeout : spec.streamIdleTimeout(),
        maxConcurrentRequests != null ? maxConcurrentRequests : spec.maxConcurrentRequests(),
        base, clock, callTimeout);
    List<AigwListener> all = new ArrayList<>(listeners);
    if (budget != null) {
      all.add(budget);
    }
    if (sharedState != null) {
      all.add(new PendingOperationsRecorder(sharedState, null));
    }
    return new RecordingGateway(new Transport(config, Listeners.of(all), budget,
        sharedState == null ? null : sharedState.limiter()));
  }

  /**
   * Builds the client.
   *
   * @return a new client, which the caller closes
   * @throws ValidationException when the key is missing or has the wrong prefix, or the base URL
   *     is missing or malformed
   */
  public abstract C build();
}
