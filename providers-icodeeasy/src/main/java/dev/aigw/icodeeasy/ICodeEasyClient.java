package dev.aigw.icodeeasy;

import dev.aigw.core.Capability;
import dev.aigw.core.ClientBuilder;
import dev.aigw.core.VendorClient;
import dev.aigw.core.cost.PriceEstimate;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.operation.PollingStrategy;
import dev.aigw.core.profile.GatewayProfile;
import dev.aigw.core.spi.Checks;
import dev.aigw.core.spi.ErrorMapping;
import dev.aigw.core.spi.Gateway;
import dev.aigw.core.spi.VendorSpec;
import dev.aigw.icodeeasy.internal.ICodeEasyRequests;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A client for icodeeasy's OpenAI-Images-style API ({@code gpt-image-2}): generations and edits,
 * synchronous or asynchronous. Thread-safe; share one per application and close it at shutdown.
 *
 * <pre>{@code
 * ICodeEasyClient icodeeasy = ICodeEasyClient.builder().apiKey("sk_…").build();
 * Operation<ImageResult> job = icodeeasy.images().submit(ImageRequest.builder()
 *     .prompt("a corgi astronaut on the moon, cinematic").aspectRatio(16, 9).resolution(Resolution.K2).build());
 * ImageResult now = icodeeasy.images().generateSync(request);   // waits on one connection instead
 * }</pre>
 */
public final class ICodeEasyClient extends VendorClient {

  /** The vendor name, {@code icodeeasy}. */
  public static final String VENDOR = "icodeeasy";

  /** The documented base URL (the "official access domain"). */
  public static final String DEFAULT_BASE_URL = "https://jp.icodeeasy.cc";

  /**
   * How long a synchronous generation may take by default: 5 minutes. The docs recommend a client
   * timeout of at least 200 s and say 2K, image-to-image and several images take longer than the
   * usual 30–60 s, so the default leaves room above that minimum.
   */
  public static final Duration DEFAULT_SYNC_TIMEOUT = Duration.ofMinutes(5);

  /**
   * icodeeasy's facts: keys start {@code sk_}; errors say what they are in {@code error.type}
   * ({@code invalid_request_error}, {@code authentication_error}, {@code payment_required}, {@code
   * rate_limit_error}); 5xx statuses map as usual. No idempotency header is documented.
   */
  /** What every icodeeasy key starts with. */
  public static final String KEY_PREFIX = "sk_";

  static final VendorSpec SPEC = VendorSpec.of(VENDOR, "ICODEEASY", DEFAULT_BASE_URL, KEY_PREFIX)
      .withErrorMapping(ErrorMapping.builder()
          .code("invalid_request_error", ErrorMapping.Kind.BAD_REQUEST)
          .code("authentication_error", ErrorMapping.Kind.AUTHENTICATION)
          .code("payment_required", ErrorMapping.Kind.PAYMENT_REQUIRED)
          .code("rate_limit_error", ErrorMapping.Kind.RATE_LIMIT)
          .build())
      .withFailedTasksRefunded(); // "실패한 요청은 과금되지 않으며": failed requests are not charged

  private static final Set<Capability> CAPABILITIES = EnumSet.of(Capability.IMAGES, Capability.IMAGE_REFERENCES);

  private final ICodeEasyImages images;

  private ICodeEasyClient(Gateway transport, GatewayProfile profile, PollingStrategy polling, Duration syncTimeout) {
    super(transport, profile);
    this.images = new ICodeEasyImages(transport, polling, syncTimeout, profile.images());
  }

  /**
   * {@return a builder; the key is required, the base URL defaults to {@value #DEFAULT_BASE_URL}}
   */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a client from {@code ICODEEASY_API_KEY} and, if set, {@code ICODEEASY_BASE_URL}} */
  public static ICodeEasyClient fromEnv() {
    return fromEnv(System.getenv());
  }

  /**
   * A client from the given environment variables.
   *
   * @param environment the variables to read ({@code ICODEEASY_API_KEY}, {@code
   *     ICODEEASY_BASE_URL})
   * @return a new client, which the caller closes
   * @throws dev.aigw.core.error.ValidationException when the key is missing or is not an {@code
   *     sk_} key
   */
  public static ICodeEasyClient fromEnv(Map<String, String> environment) {
    return builder().environment(environment).build();
  }

  /**
   * Images on {@code POST /v1/images/generations} and {@code /v1/images/edits}: {@link
   * ICodeEasyImages#submit} runs asynchronously (polled on {@code GET /v1/images/tasks/{task_id}}),
   * {@link ICodeEasyImages#generateSync} waits on one connection.
   */
  @Override
  public ICodeEasyImages images() {
    return images;
  }

  @Override
  protected void checkImage(ImageRequest request, Checks checks) {
    images.validate(request, checks);
  }

  /**
   * What a generation will cost at icodeeasy's published per-image prices (see {@link
   * ICodeEasyImages#estimate}).
   *
   * @param request the request
   * @return the price in CNY
   */
  @Override
  public PriceEstimate estimate(ImageRequest request) {
    return images.estimate(request);
  }

  /** Builds {@link ICodeEasyClient}. */
  public static final class Builder extends ClientBuilder<Builder, ICodeEasyClient> {
    private Duration syncTimeout;

    private Builder() {
      super(SPEC);
    }

    /**
     * How long a synchronous generation ({@link ICodeEasyImages#generateSync}) may take. Default:
     * {@link #DEFAULT_SYNC_TIMEOUT}, or the {@code requestTimeout} when one was set and this was not.
     *
     * @param timeout a positive duration
     * @return this builder
     * @throws ValidationException when it is zero or negative
     */
    public Builder syncTimeout(Duration timeout) {
      this.syncTimeout = checks().positive("syncTimeout", timeout);
      return this;
    }

    /**
     * The client.
     *
     * @throws ValidationException when the key is missing or is not an {@code sk_} key, or the base
     *     URL is malformed
     */
    @Override
    public ICodeEasyClient build() {
      Duration sync = syncTimeout != null ? syncTimeout
          : requestTimeoutOverride() != null ? requestTimeoutOverride() : DEFAULT_SYNC_TIMEOUT;
      GatewayProfile profile = profile(CAPABILITIES, null, ICodeEasyRequests.PROFILE, null);
      return new ICodeEasyClient(buildGateway(), profile, pollingStrategy(), sync);
    }
  }
}
