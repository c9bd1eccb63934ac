package dev.aigw.gptimagehub;

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
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A client for GPTImageHub. Thread-safe; share one per application and close it at shutdown.
 *
 * <pre>{@code
 * GptImageHubClient hub = GptImageHubClient.builder().apiKey("gih_live_…").build();
 * ImageResult result = hub.images().generate(ImageRequest.builder()
 *     .model("gpt-image-2").prompt("A perfume bottle on black marble").size(1024, 1024)
 *     .quality(Quality.HIGH).build(), Duration.ofMinutes(15));
 * GptImageHubBalance left = hub.credits().balance();
 * }</pre>
 */
public final class GptImageHubClient extends VendorClient {

  /** The vendor name, {@code gptimagehub}. */
  public static final String VENDOR = "gptimagehub";

  /** The documented base URL. */
  public static final String DEFAULT_BASE_URL = "https://www.gptimagehub.com";

  /** What every GPTImageHub key starts with. */
  public static final String KEY_PREFIX = "gih_live_";

  /** GPTImageHub documents that a synchronous generation can run for up to 800 seconds. */
  public static final Duration DOCUMENTED_SYNC_MAXIMUM = Duration.ofSeconds(800);

  /** The default time allowed for a synchronous generation: the documented 800 s and a margin. */
  public static final Duration DEFAULT_SYNC_TIMEOUT = Duration.ofMinutes(15);

  /**
   * GPTImageHub's facts: keys start {@code gih_live_}; each documented error code maps to its
   * exception whatever the status; waits for a queued generation last as long as a synchronous one
   * may.
   */
  static final VendorSpec SPEC = VendorSpec.of(VENDOR, "GPTIMAGEHUB", DEFAULT_BASE_URL, KEY_PREFIX)
      .withErrorMapping(ErrorMapping.builder()
          .code("invalid_request", ErrorMapping.Kind.BAD_REQUEST)
          .code("missingApiKey", ErrorMapping.Kind.AUTHENTICATION)
          .code("invalidApiKey", ErrorMapping.Kind.AUTHENTICATION)
          .code("expiredApiKey", ErrorMapping.Kind.AUTHENTICATION)
          .code("insufficientCredits", ErrorMapping.Kind.PAYMENT_REQUIRED)
          .code("notFound", ErrorMapping.Kind.NOT_FOUND)
          .code("generationFailed", ErrorMapping.Kind.SERVER)
          .build())
      .withPolling(PollingStrategy.DEFAULT.withDefaultTimeout(DEFAULT_SYNC_TIMEOUT))
      .withFailedTasksRefunded();

  private static final Set<Capability> CAPABILITIES =
      EnumSet.of(Capability.IMAGES, Capability.IMAGE_REFERENCES, Capability.MODELS);

  private final GptImageHubModels models;
  private final GptImageHubImages images;
  private final GptImageHubCredits credits;

  private GptImageHubClient(Gateway transport, GatewayProfile profile, PollingStrategy polling, Duration syncTimeout) {
    super(transport, profile);
    this.models = new GptImageHubModels(transport);
    this.images = new GptImageHubImages(transport, models, polling, syncTimeout, profile.images());
    this.credits = new GptImageHubCredits(transport);
  }

  /**
   * {@return a builder; the key is required, the base URL defaults to {@value #DEFAULT_BASE_URL}}
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@return a client from {@code GPTIMAGEHUB_API_KEY} and, if set, {@code GPTIMAGEHUB_BASE_URL}}
   */
  public static GptImageHubClient fromEnv() {
    return fromEnv(System.getenv());
  }

  /**
   * A client from the given environment variables.
   *
   * @param environment the variables to read ({@code GPTIMAGEHUB_API_KEY}, {@code
   *     GPTIMAGEHUB_BASE_URL})
   * @return a new client, which the caller closes
   * @throws dev.aigw.core.error.ValidationException when the key is missing or is not a {@code
   *     gih_live_} key
   */
  public static GptImageHubClient fromEnv(Map<String, String> environment) {
    return builder().environment(environment).build();
  }

  /**
   * Images on {@code POST /api/v1/images/generations}: asynchronous through the neutral API (polled
   * on {@code GET /api/v1/generations/:id}), synchronous with {@code generateSync}.
   */
  @Override
  public GptImageHubImages images() {
    return images;
  }

  /**
   * What a generation will cost: the model's credits per image times {@code n} (see {@link
   * GptImageHubImages#estimate}).
   *
   * @param request the request
   * @return the price in credits, or unknown when the model list does not give it
   */
  @Override
  public PriceEstimate estimate(ImageRequest request) {
    return images.estimate(request);
  }

  /** The model list on {@code GET /api/v1/models} (sent without the key). */
  @Override
  public GptImageHubModels models() {
    return models;
  }

  /** {@return the credit balance on {@code GET /api/v1/credits}} */
  public GptImageHubCredits credits() {
    return credits;
  }

  @Override
  protected void checkImage(ImageRequest request, Checks checks) {
    images.validate(request, true, checks);
  }

  /** Builds {@link GptImageHubClient}. */
  public static final class Builder extends ClientBuilder<Builder, GptImageHubClient> {
    private Duration syncTimeout = DEFAULT_SYNC_TIMEOUT;

    private Builder() {
      super(SPEC);
    }

    /**
     * How long a synchronous generation ({@code generateSync}) may take, headers and body (default
     * 15 minutes: GPTImageHub documents up to 800 s).
     *
     * @param timeout a positive duration
     * @return this builder
     * @throws ValidationException when it is not positive
     */
    public Builder syncTimeout(Duration timeout) {
      this.syncTimeout = checks().positive("syncTimeout", timeout);
      return this;
    }

    /**
     * The client.
     *
     * @throws ValidationException when the key is missing or is not a {@code gih_live_} key, or the
     *     base URL is malformed
     */
    @Override
    public GptImageHubClient build() {
      GatewayProfile profile = profile(CAPABILITIES, null, GptImageHubImages.PROFILE, null);
      return new GptImageHubClient(buildGateway(), profile, pollingStrategy(), syncTimeout);
    }
  }
}
