package dev.aigw.cheapsub;

import dev.aigw.cheapsub.legacy.CheapSubLegacy;
import dev.aigw.core.Capability;
import dev.aigw.core.ClientBuilder;
import dev.aigw.core.VendorClient;
import dev.aigw.core.chat.ChatRequest;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.media.ReferenceHost;
import dev.aigw.core.operation.PollingStrategy;
import dev.aigw.core.profile.GatewayProfile;
import dev.aigw.core.spi.Checks;
import dev.aigw.core.spi.ErrorMapping;
import dev.aigw.core.spi.Gateway;
import dev.aigw.core.spi.VendorSpec;
import dev.aigw.core.video.VideoRequest;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A client for CheapSub. Thread-safe; share one per application and close it at shutdown.
 *
 * <pre>{@code
 * CheapSubClient cheapsub = CheapSubClient.builder().apiKey("csk_…").build();
 * Operation<ImageResult> job = cheapsub.images().submit(ImageRequest.builder()
 *     .model("nano-banana-2").prompt("A cat").aspectRatio(16, 9).resolution(Resolution.K2).build());
 * }</pre>
 */
public final class CheapSubClient extends VendorClient {

  /** The vendor name, {@code cheapsub}. */
  public static final String VENDOR = "cheapsub";

  /** The documented base URL. */
  public static final String DEFAULT_BASE_URL = "https://api.cheapsub.im";

  /** CheapSub's facts: keys start {@code csk_}; 403 means an invalid or inactive key. */
  /** What every CheapSub key starts with. */
  public static final String KEY_PREFIX = "csk_";

  static final VendorSpec SPEC = VendorSpec.of(VENDOR, "CHEAPSUB", DEFAULT_BASE_URL, KEY_PREFIX)
      .withErrorMapping(ErrorMapping.builder()
          .status(403, ErrorMapping.Kind.AUTHENTICATION)
          .status(405, ErrorMapping.Kind.BAD_REQUEST)
          .build());

  private static final Set<Capability> CAPABILITIES = EnumSet.of(Capability.CHAT,
      Capability.CHAT_STREAMING, Capability.IMAGES, Capability.IMAGE_REFERENCES, Capability.VIDEOS,
      Capability.MODELS);

  private final CheapSubChat chat;
  private final CheapSubImages images;
  private final CheapSubVideos videos;
  private final CheapSubModels models;
  private final CheapSubLegacy legacy;

  private CheapSubClient(Gateway transport, GatewayProfile profile, PollingStrategy polling, Duration videoTimeout,
      ReferenceHost host) {
    super(transport, profile);
    this.chat = new CheapSubChat(transport, profile.chat());
    this.images = new CheapSubImages(transport, polling, profile.images(), host);
    this.videos = new CheapSubVideos(transport, polling.withDefaultTimeout(videoTimeout), profile.videos());
    this.models = new CheapSubModels(transport);
    this.legacy = new CheapSubLegacy(transport);
  }

  /**
   * {@return a builder; the key is required, the base URL defaults to {@value #DEFAULT_BASE_URL}}
   */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a client from {@code CHEAPSUB_API_KEY} and, if set, {@code CHEAPSUB_BASE_URL}} */
  public static CheapSubClient fromEnv() {
    return fromEnv(System.getenv());
  }

  /**
   * A client from the given environment variables.
   *
   * @param environment the variables to read ({@code CHEAPSUB_API_KEY}, {@code CHEAPSUB_BASE_URL})
   * @return a new client, which the caller closes
   * @throws dev.aigw.core.error.ValidationException when the key is missing or is not a {@code
   *     csk_} key
   */
  public static CheapSubClient fromEnv(Map<String, String> environment) {
    return builder().environment(environment).build();
  }

  /** Chat on {@code POST /api/v1/chat}, plain and streamed. */
  @Override
  public CheapSubChat chat() {
    return chat;
  }

  /** Images on {@code POST /api/v1/image}, polled on {@code GET /api/v1/task}. */
  @Override
  public CheapSubImages images() {
    return images;
  }

  /** Videos on {@code POST /api/v1/video}, polled on {@code GET /api/v1/task}. */
  @Override
  public CheapSubVideos videos() {
    return videos;
  }

  /** The model list on {@code GET /api/v1/models}. */
  @Override
  public CheapSubModels models() {
    return models;
  }

  /** {@return the Gemini-native, Claude-native and legacy endpoints} */
  public CheapSubLegacy legacy() {
    return legacy;
  }

  @Override
  protected void checkChat(ChatRequest request, Checks checks) {
    chat.validate(request, checks);
  }

  @Override
  protected void checkImage(ImageRequest request, Checks checks) {
    images.validate(request, checks);
  }

  @Override
  protected void checkVideo(VideoRequest request, Checks checks) {
    videos.validate(request, checks);
  }

  /** Builds {@link CheapSubClient}. */
  public static final class Builder extends ClientBuilder<Builder, CheapSubClient> {
    private Duration videoTimeout = Duration.ofMinutes(30);

    private Builder() {
      super(SPEC);
    }

    /**
     * How long waiting for a video lasts when no timeout is given (default 30 minutes).
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder videoTimeout(Duration timeout) {
      this.videoTimeout = checks().positive("videoTimeout", timeout);
      return this;
    }

    /**
     * The client.
     *
     * @throws dev.aigw.core.error.ValidationException when the key is missing or is not a {@code
     *     csk_} key, or the base URL is malformed
     */
    @Override
    public CheapSubClient build() {
      GatewayProfile profile = profile(CAPABILITIES, CheapSubChat.PROFILE, CheapSubImages.PROFILE, CheapSubVideos.PROFILE);
      return new CheapSubClient(buildGateway(), profile, pollingStrategy(), videoTimeout, configuredReferenceHost());
    }
  }
}
