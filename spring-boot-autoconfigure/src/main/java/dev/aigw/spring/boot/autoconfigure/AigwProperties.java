package dev.aigw.spring.boot.autoconfigure;

import dev.aigw.cheapsub.CheapSubClient;
import dev.aigw.cloudgpt.CloudGptClient;
import dev.aigw.core.model.Modality;
import dev.aigw.gptimage2.GptImage2Client;
import dev.aigw.gptimagehub.GptImageHubClient;
import dev.aigw.icodeeasy.ICodeEasyClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * aigw's settings under {@code aigw.*}: one section per gateway ({@code aigw.cheapsub.*} …) and
 * the failover router ({@code aigw.router.*}). A gateway's client is created when its jar is on
 * the class path and it has a key ({@code aigw.<gateway>.api-key}, or the gateway's usual
 * environment variable such as {@code CHEAPSUB_API_KEY}).
 *
 * <p>The values are checked when they are bound: a bad one (a key of another gateway, a negative
 * timeout, a router naming an unknown gateway) fails the application's start with a message that
 * names the property. Keys are never part of such a message, nor of {@link #toString()}.
 *
 * <p>With {@code aigw.redis.url} set and {@code aigw-redis} on the class path, the clients share
 * their per-key concurrency limit, webhook deliveries seen and pending operations with the
 * application's other instances through Redis ({@code aigw.redis.*}).
 */
@ConfigurationProperties(prefix = AigwProperties.PREFIX)
public class AigwProperties implements Validator {

  /** The prefix of every property, {@code aigw}. */
  public static final String PREFIX = "aigw";

  /** The gateways aigw knows, by the name their section and the router use. */
  public static final Set<String> GATEWAYS =
      Set.of("cheapsub", "cloudgpt", "gptimagehub", "icodeeasy", "gptimage2");

  private final CheapSub cheapsub = new CheapSub();
  private final CloudGpt cloudgpt = new CloudGpt();
  private final GptImageHub gptimagehub = new GptImageHub();
  private final ICodeEasy icodeeasy = new ICodeEasy();
  private final GptImage2 gptimage2 = new GptImage2();
  private final Router router = new Router();
  private final Redis redis = new Redis();

  /** Settings with nothing configured: every gateway unset, no router. */
  public AigwProperties() {}

  /** {@return CheapSub's settings, {@code aigw.cheapsub.*}} */
  public CheapSub getCheapsub() {
    return cheapsub;
  }

  /** {@return CloudGPT's settings, {@code aigw.cloudgpt.*}} */
  public CloudGpt getCloudgpt() {
    return cloudgpt;
  }

  /** {@return GPTImageHub's settings, {@code aigw.gptimagehub.*}} */
  public GptImageHub getGptimagehub() {
    return gptimagehub;
  }

  /** {@return icodeeasy's settings, {@code aigw.icodeeasy.*}} */
  public ICodeEasy getIcodeeasy() {
    return icodeeasy;
  }

  /** {@return gptimage2.plus's settings, {@code aigw.gptimage2.*}} */
  public GptImage2 getGptimage2() {
    return gptimage2;
  }

  /** {@return the failover router's settings, {@code aigw.router.*}} */
  public Router getRouter() {
    return router;
  }

  /** {@return the settings of the state shared with other instances, {@code aigw.redis.*}} */
  public Redis getRedis() {
    return redis;
  }

  /**
   * The section of {@code gateway}.
   *
   * @param gateway one of {@link #GATEWAYS}
   * @return its settings
   * @throws IllegalArgumentException for another name
   */
  public Gateway gateway(String gateway) {
    return switch (gateway) {
      case "cheapsub" -> cheapsub;
      case "cloudgpt" -> cloudgpt;
      case "gptimagehub" -> gptimagehub;
      case "icodeeasy" -> icodeeasy;
      case "gptimage2" -> gptimage2;
      default -> throw new IllegalArgumentException("unknown gateway '" + gateway + "'");
    };
  }

  /**
   * {@inheritDoc}
   *
   * @return true for {@link AigwProperties}
   */
  @Override
  public boolean supports(Class<?> clazz) {
    return AigwProperties.class.isAssignableFrom(clazz);
  }

  /**
   * Checks every value; each problem is reported with the full name of its property.
   *
   * @param target these properties
   * @param errors where the problems go
   */
  @Override
  public void validate(Object target, Errors errors) {
    List<String> problems = new ArrayList<>();
    for (String name : List.of("cheapsub", "cloudgpt", "gptimagehub", "icodeeasy", "gptimage2")) {
      gateway(name).check(PREFIX + "." + name, problems);
    }
    router.check(PREFIX + ".router", problems);
    redis.check(PREFIX + ".redis", problems);
    for (String problem : problems) {
      errors.reject("aigw.invalid", problem);
    }
  }

  /** Settings, never a key. */
  @Override
  public String toString() {
    return "AigwProperties[cheapsub=" + cheapsub + ", cloudgpt=" + cloudgpt + ", gptimagehub=" + gptimagehub
        + ", icodeeasy=" + icodeeasy + ", gptimage2=" + gptimage2 + ", router=" + router + ", redis=" + redis + "]";
  }

  /** The settings every gateway shares. */
  public abstract static class Gateway {
    /** Whether to create this gateway's client when it is configured. */
    private boolean enabled = true;

    /**
     * The API key; without it the gateway's usual environment variable is read (CHEAPSUB_API_KEY,
     * CLOUDGPT_API_KEY, GPTIMAGEHUB_API_KEY, ICODEEASY_API_KEY, GPTIMAGE2_API_KEY).
     */
    private String apiKey;

    /**
     * The base URL; without it the gateway's BASE_URL environment variable (CHEAPSUB_BASE_URL …)
     * or, where there is one, the gateway's documented host.
     */
    private String baseUrl;

    /** How many times a failed call may be retried (0 disables retries; aigw's default is 2). */
    private Integer maxRetries;

    /** Time allowed to open a connection (aigw's default 10s). */
    private Duration connectTimeout;

    /** Time allowed for one attempt of an ordinary call, request to last byte of the answer. */
    private Duration requestTimeout;

    /** The longest silence tolerated in a stream, before its first bytes and between events. */
    private Duration streamIdleTimeout;

    /** The most one call may take altogether, every attempt and wait included (default none). */
    private Duration callTimeout;

    /** The longest rate-limit wait honoured before the call fails instead (aigw's default 60s). */
    private Duration maxRetryWait;

    /** The most calls in flight at once for this key; more wait their turn. */
    private Integer maxConcurrentRequests;

    /**
     * The model a request without one gets, per modality (chat, image, video), instead of the
     * gateway's documented default.
     */
    private Map<Modality, String> defaultModels = new EnumMap<>(Modality.class);

    /**
     * Models the gateway offers beyond those its documentation lists, per modality: requests may
     * name them.
     */
    private Map<Modality, List<String>> extraModels = new EnumMap<>(Modality.class);

    private final Polling polling = new Polling();

    private final Health health = new Health();

    /** A section with nothing set. */
    protected Gateway() {}

    /** {@return whether to create this gateway's client when it is configured} */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets whether to create this gateway's client when it is configured.
     *
     * @param enabled false to leave the gateway out although it has a key
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /** {@return the API key, or {@code null}} */
    public String getApiKey() {
      return apiKey;
    }

    /**
     * Sets the API key.
     *
     * @param apiKey the key
     */
    public void setApiKey(String apiKey) {
      this.apiKey = apiKey;
    }

    /** {@return the base URL, or {@code null}} */
    public String getBaseUrl() {
      return baseUrl;
    }

    /**
     * Sets the base URL.
     *
     * @param baseUrl an absolute http or https URL
     */
    public void setBaseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
    }

    /** {@return the retries allowed, or {@code null} for aigw's default} */
    public Integer getMaxRetries() {
      return maxRetries;
    }

    /**
     * Sets the retries allowed.
     *
     * @param maxRetries 0 or more
     */
    public void setMaxRetries(Integer maxRetries) {
      this.maxRetries = maxRetries;
    }

    /** {@return the connect timeout, or {@code null}} */
    public Duration getConnectTimeout() {
      return connectTimeout;
    }

    /**
     * Sets the connect timeout.
     *
     * @param connectTimeout a positive duration
     */
    public void setConnectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
    }

    /** {@return the request timeout, or {@code null}} */
    public Duration getRequestTimeout() {
      return requestTimeout;
    }

    /**
     * Sets the request timeout.
     *
     * @param requestTimeout a positive duration
     */
    public void setRequestTimeout(Duration requestTimeout) {
      this.requestTimeout = requestTimeout;
    }

    /** {@return the stream idle timeout, or {@code null}} */
    public Duration getStreamIdleTimeout() {
      return streamIdleTimeout;
    }

    /**
     * Sets the stream idle timeout.
     *
     * @param streamIdleTimeout a positive duration
     */
    public void setStreamIdleTimeout(Duration streamIdleTimeout) {
      this.streamIdleTimeout = streamIdleTimeout;
    }

    /** {@return the call timeout, or {@code null}} */
    public Duration getCallTimeout() {
      return callTimeout;
    }

    /**
     * Sets the call timeout.
     *
     * @param callTimeout a positive duration
     */
    public void setCallTimeout(Duration callTimeout) {
      this.callTimeout = callTimeout;
    }

    /** {@return the longest rate-limit wait, or {@code null}} */
    public Duration getMaxRetryWait() {
      return maxRetryWait;
    }

    /**
     * Sets the longest rate-limit wait.
     *
     * @param maxRetryWait zero or a positive duration
     */
    public void setMaxRetryWait(Duration maxRetryWait) {
      this.maxRetryWait = maxRetryWait;
    }

    /** {@return the most calls in flight, or {@code null} for the gateway's default} */
    public Integer getMaxConcurrentRequests() {
      return maxConcurrentRequests;
    }

    /**
     * Sets the most calls in flight.
     *
     * @param maxConcurrentRequests 1 or more
     */
    public void setMaxConcurrentRequests(Integer maxConcurrentRequests) {
      this.maxConcurrentRequests = maxConcurrentRequests;
    }

    /** {@return the default model per modality} */
    public Map<Modality, String> getDefaultModels() {
      return defaultModels;
    }

    /**
     * Sets the default model per modality.
     *
     * @param defaultModels model ids by modality
     */
    public void setDefaultModels(Map<Modality, String> defaultModels) {
      this.defaultModels = defaultModels;
    }

    /** {@return the extra models per modality} */
    public Map<Modality, List<String>> getExtraModels() {
      return extraModels;
    }

    /**
     * Sets the extra models per modality.
     *
     * @param extraModels model ids by modality
     */
    public void setExtraModels(Map<Modality, List<String>> extraModels) {
      this.extraModels = extraModels;
    }

    /** {@return how operations poll} */
    public Polling getPolling() {
      return polling;
    }

    /** {@return the actuator health check's settings} */
    public Health getHealth() {
      return health;
    }

    /** {@return the prefix this gateway's keys start with} */
    abstract String keyPrefix();

    /**
     * Adds a line to {@code problems} for every bad value.
     *
     * @param prefix this section's property prefix, e.g. {@code aigw.cheapsub}
     * @param problems where the problems go
     */
    void check(String prefix, List<String> problems) {
      if (apiKey != null && !apiKey.isBlank() && !apiKey.strip().startsWith(keyPrefix())) {
        problems.add(prefix + ".api-key: " + prefix.substring(PREFIX.length() + 1) + " keys start with '"
            + keyPrefix() + "'; this one starts otherwise (is it another gateway's key?)");
      }
      if (baseUrl != null && !baseUrl.isBlank()) {
        String lower = baseUrl.strip().toLowerCase(Locale.ROOT);
        if (!(lower.startsWith("http://") || lower.startsWith("https://"))) {
          problems.add(prefix + ".base-url: must be an absolute http or https URL, was '" + baseUrl + "'");
        }
      }
      if (maxRetries != null && maxRetries < 0) {
        problems.add(prefix + ".max-retries: must be 0 or more, was " + maxRetries);
      }
      if (maxConcurrentRequests != null && maxConcurrentRequests < 1) {
        problems.add(prefix + ".max-concurrent-requests: must be 1 or more, was " + maxConcurrentRequests);
      }
      positive(prefix + ".connect-timeout", connectTimeout, problems);
      positive(prefix + ".request-timeout", requestTimeout, problems);
      positive(prefix + ".stream-idle-timeout", streamIdleTimeout, problems);
      positive(prefix + ".call-timeout", callTimeout, problems);
      notNegative(prefix + ".max-retry-wait", maxRetryWait, problems);
      polling.check(prefix + ".polling", problems);
      notNegative(prefix + ".health.ttl", health.getTtl(), problems);
    }

    /** Settings, never the key. */
    @Override
    public String toString() {
      return "[enabled=" + enabled + ", apiKey=" + (apiKey == null ? "unset" : "set") + ", baseUrl=" + baseUrl + "]";
    }
  }

  /** How a gateway's operations poll; unset values keep aigw's defaults (1s growing by 1.5 to 10s). */
  public static class Polling {
    /** The wait before the first poll of a new task. */
    private Duration initialInterval;

    /** How the interval grows after each poll (1 keeps it fixed). */
    private Double multiplier;

    /** The longest interval between two polls. */
    private Duration maxInterval;

    /** Transient poll failures tolerated in a row before giving up. */
    private Integer maxConsecutiveFailures;

    /** How long a wait for an operation's result lasts when the caller gives no timeout. */
    private Duration timeout;

    /** Polling with aigw's defaults. */
    public Polling() {}

    /** {@return the first interval, or {@code null}} */
    public Duration getInitialInterval() {
      return initialInterval;
    }

    /**
     * Sets the first interval.
     *
     * @param initialInterval zero or a positive duration
     */
    public void setInitialInterval(Duration initialInterval) {
      this.initialInterval = initialInterval;
    }

    /** {@return the growth of the interval, or {@code null}} */
    public Double getMultiplier() {
      return multiplier;
    }

    /**
     * Sets the growth of the interval.
     *
     * @param multiplier 1 or more
     */
    public void setMultiplier(Double multiplier) {
      this.multiplier = multiplier;
    }

    /** {@return the cap on the interval, or {@code null}} */
    public Duration getMaxInterval() {
      return maxInterval;
    }

    /**
     * Sets the cap on the interval.
     *
     * @param maxInterval zero or a positive duration
     */
    public void setMaxInterval(Duration maxInterval) {
      this.maxInterval = maxInterval;
    }

    /** {@return the failed polls tolerated in a row, or {@code null}} */
    public Integer getMaxConsecutiveFailures() {
      return maxConsecutiveFailures;
    }

    /**
     * Sets the failed polls tolerated in a row.
     *
     * @param maxConsecutiveFailures 0 or more
     */
    public void setMaxConsecutiveFailures(Integer maxConsecutiveFailures) {
      this.maxConsecutiveFailures = maxConsecutiveFailures;
    }

    /** {@return the default wait, or {@code null}} */
    public Duration getTimeout() {
      return timeout;
    }

    /**
     * Sets the default wait.
     *
     * @param timeout a positive duration
     */
    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }

    /** {@return whether any value is set} */
    boolean isSet() {
      return initialInterval != null || multiplier != null || maxInterval != null
          || maxConsecutiveFailures != null || timeout != null;
    }

    void check(String prefix, List<String> problems) {
      notNegative(prefix + ".initial-interval", initialInterval, problems);
      notNegative(prefix + ".max-interval", maxInterval, problems);
      positive(prefix + ".timeout", timeout, problems);
      if (multiplier != null && !(multiplier >= 1.0 && !multiplier.isInfinite())) {
        problems.add(prefix + ".multiplier: must be 1 or more, was " + multiplier);
      }
      if (maxConsecutiveFailures != null && maxConsecutiveFailures < 0) {
        problems.add(prefix + ".max-consecutive-failures: must be 0 or more, was " + maxConsecutiveFailures);
      }
    }
  }

  /** The actuator health check of one gateway. */
  public static class Health {
    /**
     * Whether the gateway has a health indicator (when the actuator is on the class path). On by
     * default where a free call can check the key (cheapsub, cloudgpt, gptimagehub), off where the
     * gateway documents none (icodeeasy, gptimage2).
     */
    private Boolean enabled;

    /** How long a health result is reused before the gateway is asked again. */
    private Duration ttl = Duration.ofMinutes(1);

    /** A health check with the gateway's default. */
    public Health() {}

    /** {@return whether the health indicator is on, or {@code null} for the gateway's default} */
    public Boolean getEnabled() {
      return enabled;
    }

    /**
     * Turns the health indicator on or off.
     *
     * @param enabled true for on
     */
    public void setEnabled(Boolean enabled) {
      this.enabled = enabled;
    }

    /** {@return how long a result is reused} */
    public Duration getTtl() {
      return ttl;
    }

    /**
     * Sets how long a result is reused.
     *
     * @param ttl zero (ask every time) or a positive duration
     */
    public void setTtl(Duration ttl) {
      this.ttl = ttl;
    }
  }

  /** CheapSub ({@code csk_} keys). */
  public static class CheapSub extends Gateway {
    /** How long one video call may take (aigw's default: the request timeout's). */
    private Duration videoTimeout;

    /** CheapSub's settings, with its health check on. */
    public CheapSub() {
    }

    /** {@return the video timeout, or {@code null}} */
    public Duration getVideoTimeout() {
      return videoTimeout;
    }

    /**
     * Sets the video timeout.
     *
     * @param videoTimeout a positive duration
     */
    public void setVideoTimeout(Duration videoTimeout) {
      this.videoTimeout = videoTimeout;
    }

    @Override
    String keyPrefix() {
      return CheapSubClient.KEY_PREFIX;
    }

    @Override
    void check(String prefix, List<String> problems) {
      super.check(prefix, problems);
      positive(prefix + ".video-timeout", videoTimeout, problems);
    }
  }

  /** CloudGPT ({@code cgpt_} keys; no fixed host, so the base URL is required). */
  public static class CloudGpt extends Gateway {
    /** How long one video call may take, render and MP4 download (aigw's default 10m). */
    private Duration videoTimeout;

    /**
     * The CloudGPT dashboard's session token (a JWT) for key management (/api/keys), which refuses
     * cgpt_ API keys; without it CLOUDGPT_KEYS_TOKEN is read.
     */
    private String keysToken;

    /**
     * Call without a key, at CloudGPT's lower anonymous rate limits; the client is then created
     * with a base URL alone.
     */
    private boolean anonymous;

    /** CloudGPT's settings, with its health check on. */
    public CloudGpt() {
    }

    /** {@return the video timeout, or {@code null}} */
    public Duration getVideoTimeout() {
      return videoTimeout;
    }

    /**
     * Sets the video timeout.
     *
     * @param videoTimeout a positive duration
     */
    public void setVideoTimeout(Duration videoTimeout) {
      this.videoTimeout = videoTimeout;
    }

    /** {@return the key-management session token, or {@code null}} */
    public String getKeysToken() {
      return keysToken;
    }

    /**
     * Sets the key-management session token.
     *
     * @param keysToken the dashboard's session token
     */
    public void setKeysToken(String keysToken) {
      this.keysToken = keysToken;
    }

    /** {@return whether to call without a key} */
    public boolean isAnonymous() {
      return anonymous;
    }

    /**
     * Sets whether to call without a key.
     *
     * @param anonymous true to call anonymously
     */
    public void setAnonymous(boolean anonymous) {
      this.anonymous = anonymous;
    }

    @Override
    String keyPrefix() {
      return CloudGptClient.KEY_PREFIX;
    }

    @Override
    void check(String prefix, List<String> problems) {
      super.check(prefix, problems);
      positive(prefix + ".video-timeout", videoTimeout, problems);
      if (keysToken != null && keysToken.strip().startsWith(keyPrefix())) {
        problems.add(prefix + ".keys-token: key management takes the CloudGPT dashboard's session token "
            + "(a JWT), not a cgpt_ API key; give the key to " + prefix + ".api-key");
      }
    }
  }

  /** GPTImageHub ({@code gih_live_} keys). */
  public static class GptImageHub extends Gateway {
    /** How long a synchronous generation may take (aigw's default 15m; the gateway's own limit is 800s). */
    private Duration syncTimeout;

    /** GPTImageHub's settings, with its health check on. */
    public GptImageHub() {
    }

    /** {@return the synchronous generation timeout, or {@code null}} */
    public Duration getSyncTimeout() {
      return syncTimeout;
    }

    /**
     * Sets the synchronous generation timeout.
     *
     * @param syncTimeout a positive duration
     */
    public void setSyncTimeout(Duration syncTimeout) {
      this.syncTimeout = syncTimeout;
    }

    @Override
    String keyPrefix() {
      return GptImageHubClient.KEY_PREFIX;
    }

    @Override
    void check(String prefix, List<String> problems) {
      super.check(prefix, problems);
      positive(prefix + ".sync-timeout", syncTimeout, problems);
    }
  }

  /** icodeeasy ({@code sk_} keys). */
  public static class ICodeEasy extends Gateway {
    /** How long a synchronous generation may take (aigw's default 5m). */
    private Duration syncTimeout;

    /** icodeeasy's settings, with its health check off (the gateway documents no free call). */
    public ICodeEasy() {
    }

    /** {@return the synchronous generation timeout, or {@code null}} */
    public Duration getSyncTimeout() {
      return syncTimeout;
    }

    /**
     * Sets the synchronous generation timeout.
     *
     * @param syncTimeout a positive duration
     */
    public void setSyncTimeout(Duration syncTimeout) {
      this.syncTimeout = syncTimeout;
    }

    @Override
    String keyPrefix() {
      return ICodeEasyClient.KEY_PREFIX;
    }

    @Override
    void check(String prefix, List<String> problems) {
      super.check(prefix, problems);
      positive(prefix + ".sync-timeout", syncTimeout, problems);
    }
  }

  /** gptimage2.plus ({@code gimg_} keys). */
  public static class GptImage2 extends Gateway {
    /** gptimage2.plus's settings, with its health check off (the gateway documents no free call). */
    public GptImage2() {
    }

    @Override
    String keyPrefix() {
      return GptImage2Client.KEY_PREFIX;
    }
  }

  /** The failover router: the primary {@code AiClient} over several gateways. */
  public static class Router {
    /**
     * The gateways to route over, in the order they are tried (cheapsub, cloudgpt, gptimagehub,
     * icodeeasy, gptimage2); each must be configured. Unset: no router.
     */
    private List<String> gateways = new ArrayList<>();

    /**
     * Move to the next gateway also when a failed attempt may have been charged (a lost answer);
     * off by default, as that risks paying twice.
     */
    private boolean moveOnWhenChargeUncertain;

    /** Move to the next gateway also after a content-policy refusal. */
    private boolean moveOnAfterContentPolicy;

    /** Failures in a row after which a gateway is skipped for the cooldown (0: never skipped). */
    private int cooldownFailures;

    /** How long a gateway is skipped after cooldown-failures failures in a row. */
    private Duration cooldown = Duration.ofSeconds(30);

    /** No router. */
    public Router() {}

    /** {@return the gateways routed over, in order} */
    public List<String> getGateways() {
      return gateways;
    }

    /**
     * Sets the gateways routed over.
     *
     * @param gateways gateway names, in order
     */
    public void setGateways(List<String> gateways) {
      this.gateways = gateways;
    }

    /** {@return whether to move on when a charge is uncertain} */
    public boolean isMoveOnWhenChargeUncertain() {
      return moveOnWhenChargeUncertain;
    }

    /**
     * Sets whether to move on when a charge is uncertain.
     *
     * @param value true to move on
     */
    public void setMoveOnWhenChargeUncertain(boolean value) {
      this.moveOnWhenChargeUncertain = value;
    }

    /** {@return whether to move on after a content-policy refusal} */
    public boolean isMoveOnAfterContentPolicy() {
      return moveOnAfterContentPolicy;
    }

    /**
     * Sets whether to move on after a content-policy refusal.
     *
     * @param value true to move on
     */
    public void setMoveOnAfterContentPolicy(boolean value) {
      this.moveOnAfterContentPolicy = value;
    }

    /** {@return failures in a row before a gateway is skipped, 0 for never} */
    public int getCooldownFailures() {
      return cooldownFailures;
    }

    /**
     * Sets the failures in a row before a gateway is skipped.
     *
     * @param cooldownFailures 0 (never) or more
     */
    public void setCooldownFailures(int cooldownFailures) {
      this.cooldownFailures = cooldownFailures;
    }

    /** {@return how long a failing gateway is skipped} */
    public Duration getCooldown() {
      return cooldown;
    }

    /**
     * Sets how long a failing gateway is skipped.
     *
     * @param cooldown a positive duration
     */
    public void setCooldown(Duration cooldown) {
      this.cooldown = cooldown;
    }

    /** {@return the routed gateways' names, trimmed and lower-cased} */
    List<String> names() {
      return gateways.stream().map(g -> g.strip().toLowerCase(Locale.ROOT)).toList();
    }

    void check(String prefix, List<String> problems) {
      for (String name : names()) {
        if (!GATEWAYS.contains(name)) {
          problems.add(prefix + ".gateways: unknown gateway '" + name + "'; known: "
              + "cheapsub, cloudgpt, gptimagehub, icodeeasy, gptimage2");
        }
      }
      if (names().size() != Set.copyOf(names()).size()) {
        problems.add(prefix + ".gateways: names a gateway twice: " + names());
      }
      if (cooldownFailures < 0) {
        problems.add(prefix + ".cooldown-failures: must be 0 or more, was " + cooldownFailures);
      }
      positive(prefix + ".cooldown", cooldown, problems);
    }

    @Override
    public String toString() {
      return "[gateways=" + gateways + "]";
    }
  }

  /**
   * State shared with the application's other instances in Redis (needs {@code aigw-redis} on the
   * class path): the per-key concurrency limit, webhook deliveries seen and pending operations.
   */
  public static class Redis {
    /**
     * The Redis URL (redis://host:6379, rediss://:password@host:6380/0 for TLS). Unset: each
     * instance keeps its own state, as a single JVM does.
     */
    private String url;

    /** The prefix of every Redis key aigw writes (default aigw:). */
    private String prefix;

    /** How long a Redis command may take before it fails (default 2s). */
    private Duration commandTimeout;

    /** How long a slot of the concurrency limit outlives an instance that died holding it (default 15s). */
    private Duration leaseTtl;

    /** How long a claim on a pending operation lasts without renewal (default 2m). */
    private Duration claimTtl;

    /** How long a webhook delivery id is remembered (default 24h). */
    private Duration deliveryTtl;

    /** Nothing shared. */
    public Redis() {}

    /** {@return the Redis URL, or {@code null}} */
    public String getUrl() {
      return url;
    }

    /**
     * Sets the Redis URL.
     *
     * @param url a {@code redis://} or {@code rediss://} URL
     */
    public void setUrl(String url) {
      this.url = url;
    }

    /** {@return the key prefix, or {@code null} for the default} */
    public String getPrefix() {
      return prefix;
    }

    /**
     * Sets the key prefix.
     *
     * @param prefix a non-blank prefix
     */
    public void setPrefix(String prefix) {
      this.prefix = prefix;
    }

    /** {@return the command timeout, or {@code null} for the default} */
    public Duration getCommandTimeout() {
      return commandTimeout;
    }

    /**
     * Sets the command timeout.
     *
     * @param commandTimeout a positive duration
     */
    public void setCommandTimeout(Duration commandTimeout) {
      this.commandTimeout = commandTimeout;
    }

    /** {@return the lease time of a slot, or {@code null} for the default} */
    public Duration getLeaseTtl() {
      return leaseTtl;
    }

    /**
     * Sets the lease time of a slot.
     *
     * @param leaseTtl a positive duration
     */
    public void setLeaseTtl(Duration leaseTtl) {
      this.leaseTtl = leaseTtl;
    }

    /** {@return the claim time of a pending operation, or {@code null} for the default} */
    public Duration getClaimTtl() {
      return claimTtl;
    }

    /**
     * Sets the claim time of a pending operation.
     *
     * @param claimTtl a positive duration
     */
    public void setClaimTtl(Duration claimTtl) {
      this.claimTtl = claimTtl;
    }

    /** {@return how long a delivery id is remembered, or {@code null} for the default} */
    public Duration getDeliveryTtl() {
      return deliveryTtl;
    }

    /**
     * Sets how long a delivery id is remembered.
     *
     * @param deliveryTtl a positive duration
     */
    public void setDeliveryTtl(Duration deliveryTtl) {
      this.deliveryTtl = deliveryTtl;
    }

    void check(String prefix, List<String> problems) {
      if (url != null) {
        String u = url.strip().toLowerCase(Locale.ROOT);
        if (!u.startsWith("redis://") && !u.startsWith("rediss://") && !u.startsWith("redis-socket://")) {
          // the value is not shown: a Redis URL may hold a password
          problems.add(prefix + ".url: must be a redis://, rediss:// or redis-socket:// URL");
        }
      }
      if (this.prefix != null && this.prefix.isBlank()) {
        problems.add(prefix + ".prefix: must not be blank");
      }
      positive(prefix + ".command-timeout", commandTimeout, problems);
      positive(prefix + ".lease-ttl", leaseTtl, problems);
      positive(prefix + ".claim-ttl", claimTtl, problems);
      positive(prefix + ".delivery-ttl", deliveryTtl, problems);
    }

    /** Whether a URL is set, never the URL (it may hold a password). */
    @Override
    public String toString() {
      return "[url=" + (url == null ? "unset" : "set") + "]";
    }
  }

  private static void positive(String property, Duration value, List<String> problems) {
    if (value != null && (value.isNegative() || value.isZero())) {
      problems.add(property + ": must be a positive duration, was " + value);
    }
  }

  private static void notNegative(String property, Duration value, List<String> problems) {
    if (value != null && value.isNegative()) {
      problems.add(property + ": must not be negative, was " + value);
    }
  }
}
