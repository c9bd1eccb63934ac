package dev.aigw.gptimage2;

import dev.aigw.core.Capability;
import dev.aigw.core.ClientBuilder;
import dev.aigw.core.VendorClient;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.operation.PollingStrategy;
import dev.aigw.core.profile.GatewayProfile;
import dev.aigw.core.spi.Checks;
import dev.aigw.core.spi.Gateway;
import dev.aigw.core.spi.VendorSpec;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A client for gptimage2.plus. Thread-safe; share one per key and close it at shutdown.
 *
 * <pre>{@code
 * GptImage2Client gptimage2 = GptImage2Client.builder().apiKey("gimg_…").build();
 * ImageResult result = gptimage2.images().submit(ImageRequest.builder()
 *     .prompt("A lighthouse at dawn, 35 mm photo").size(1536, 1024).quality(Quality.HIGH).build())
 *     .waitForCompletion();
 * }</pre>
 */
public final class GptImage2Client extends VendorClient {

  /** The vendor name, {@code gptimage2}. */
  public static final String VENDOR = "gptimage2";

  /** The documented base URL. */
  public static final String DEFAULT_BASE_URL = "https://gptimage2.plus";

  /** The most requests gptimage2.plus serves at once per key. */
  public static final int MAX_CONCURRENT_REQUESTS = 5;

  /** gptimage2.plus's facts: {@code gimg_} keys, {@code Idempotency-Key}, 5 requests at once. */
  /** What every gptimage2.plus key starts with. */
  public static final String KEY_PREFIX = "gimg_";

  static final VendorSpec SPEC = VendorSpec.of(VENDOR, "GPTIMAGE2", DEFAULT_BASE_URL, KEY_PREFIX)
      .withIdempotencyHeader("Idempotency-Key")
      .withMaxConcurrentRequests(MAX_CONCURRENT_REQUESTS)
      .withFailedTasksRefunded(); // costCredits: "refunded when blocked or failed"

  private static final Set<Capability> CAPABILITIES = EnumSet.of(Capability.IMAGES, Capability.IMAGE_REFERENCES);

  private final GptImage2Uploads uploads;
  private final GptImage2Images images;
  private final GptImage2Webhooks webhooks;

  private GptImage2Client(Gateway transport, GatewayProfile profile, PollingStrategy polling) {
    super(transport, profile);
    this.uploads = new GptImage2Uploads(transport);
    this.images = new GptImage2Images(transport, uploads, polling, profile.images());
    this.webhooks = new GptImage2Webhooks(transport);
  }

  /**
   * {@return a builder; the key is required, the base URL defaults to {@value #DEFAULT_BASE_URL}}
   */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a client from {@code GPTIMAGE2_API_KEY} and, if set, {@code GPTIMAGE2_BASE_URL}} */
  public static GptImage2Client fromEnv() {
    return fromEnv(System.getenv());
  }

  /**
   * A client from the given environment variables.
   *
   * @param environment the variables to read ({@code GPTIMAGE2_API_KEY}, {@code
   *     GPTIMAGE2_BASE_URL})
   * @return a new client, which the caller closes
   * @throws dev.aigw.core.error.ValidationException when the key is missing or is not a {@code
   *     gimg_} key
   */
  public static GptImage2Client fromEnv(Map<String, String> environment) {
    return builder().environment(environment).build();
  }

  /** Generations and edits on {@code POST /api/v1/generate}, polled on {@code GET /api/v1/generations/:id}. */
  @Override
  public GptImage2Images images() {
    return images;
  }

  /**
   * {@return the two-step upload of input images ({@code POST /api/v1/upload}, then a PUT of the bytes)}
   */
  public GptImage2Uploads uploads() {
    return uploads;
  }

  /** {@return webhook registration and verification of deliveries} */
  public GptImage2Webhooks webhooks() {
    return webhooks;
  }

  @Override
  protected void checkImage(ImageRequest request, Checks checks) {
    images.check(request, checks);
  }

  /** Builds {@link GptImage2Client}. */
  public static final class Builder extends ClientBuilder<Builder, GptImage2Client> {
    private Builder() {
      super(SPEC);
    }

    /**
     * The client. At most {@value GptImage2Client#MAX_CONCURRENT_REQUESTS} requests are in flight
     * at once unless {@link #maxConcurrentRequests(int)} says otherwise.
     *
     * @throws dev.aigw.core.error.ValidationException when the key is missing or is not a {@code
     *     gimg_} key, or the base URL is malformed
     */
    @Override
    public GptImage2Client build() {
      GatewayProfile profile = profile(CAPABILITIES, null, GptImage2Images.PROFILE, null);
      return new GptImage2Client(buildGateway(), profile, pollingStrategy());
    }
  }
}
