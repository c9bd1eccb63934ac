package dev.aigw.cloudgpt;

import dev.aigw.core.Capability;
import dev.aigw.core.ClientBuilder;
import dev.aigw.core.Secret;
import dev.aigw.core.VendorClient;
import dev.aigw.core.chat.ChatRequest;
import dev.aigw.core.image.ImageRequest;
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
 * A client for a CloudGPT deployment. CloudGPT has no fixed host: every deployment has its own
 * base URL, which must be given. Thread-safe; share one per application and close it at shutdown.
 *
 * <pre>{@code
 * CloudGptClient cloudgpt = CloudGptClient.builder()
 *     .baseUrl("https://my-cloudgpt.vercel.app")
 *     .apiKey("cgpt_…")
 *     .build();
 * ImageResult image = cloudgpt.images().generate(ImageRequest.builder()
 *     .model("flux").prompt("A futuristic city at night").size(1024, 1024).seed(0).build());
 * String extension = ImageFormat.fromMimeType(image.first().mimeType()).extension();   // png or jpg
 * image.first().saveTo(Path.of("city." + extension));
 * }</pre>
 *
 * <p>Without a key, CloudGPT serves callers at its lower anonymous rate limits; this client calls
 * anonymously only when {@link Builder#anonymous()} asks for it, and then sends no {@code
 * Authorization} header at all.
 */
public final class CloudGptClient extends VendorClient {

  /** The vendor name, {@code cloudgpt}. */
  public static final String VENDOR = "cloudgpt";

  /** The variable {@link #fromEnv()} reads the key-management session token from. */
  public static final String KEYS_TOKEN_VARIABLE = "CLOUDGPT_KEYS_TOKEN";

  /** How long a video call may take by default (the render and the download of the MP4). */
  public static final Duration DEFAULT_VIDEO_TIMEOUT = Duration.ofMinutes(10);

  /**
   * CloudGPT's facts: no default base URL, keys start {@code cgpt_}, anonymous calls allowed when
   * asked for; an {@code invalid_api_key} code is an authentication problem whatever the status.
   */
  /** What every CloudGPT key starts with. */
  public static final String KEY_PREFIX = "cgpt_";

  static final VendorSpec SPEC = VendorSpec.of(VENDOR, "CLOUDGPT", null, KEY_PREFIX)
      .withAnonymousAllowed()
      .withErrorMapping(ErrorMapping.builder()
          .code("invalid_api_key", ErrorMapping.Kind.AUTHENTICATION)
          .code("content_policy_violation", ErrorMapping.Kind.CONTENT_POLICY)
          .build());

  private static final Set<Capability> CAPABILITIES = EnumSet.of(Capability.CHAT,
      Capability.CHAT_STREAMING, Capability.IMAGES, Capability.VIDEOS, Capability.MODELS);

  private final CloudGptChat chat;
  private final CloudGptImages images;
  private final CloudGptVideos videos;
  private final CloudGptModels models;
  private final CloudGptKeys keys;

  private CloudGptClient(Gateway transport, GatewayProfile profile, Duration videoTimeout, Secret keysToken) {
    super(transport, profile);
    this.chat = new CloudGptChat(transport, profile.chat());
    this.images = new CloudGptImages(transport, profile.images());
    this.videos = new CloudGptVideos(transport, videoTimeout, profile.videos());
    this.models = new CloudGptModels(transport);
    this.keys = new CloudGptKeys(transport, keysToken);
  }

  /**
   * {@return a builder; the base URL is required, and so is the key unless {@code anonymous()} is called}
   */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a client from {@code CLOUDGPT_API_KEY}, {@code CLOUDGPT_BASE_URL} and {@code CLOUDGPT_KEYS_TOKEN}} */
  public static CloudGptClient fromEnv() {
    return fromEnv(System.getenv());
  }

  /**
   * A client from the given environment variables.
   *
   * @param environment {@code CLOUDGPT_API_KEY}, {@code CLOUDGPT_BASE_URL} and, for key
   *     management, {@code CLOUDGPT_KEYS_TOKEN}
   * @return a new client, which the caller closes
   * @throws dev.aigw.core.error.ValidationException when the base URL is missing or malformed, or
   *     the key is missing or is not a {@code cgpt_} key
   */
  public static CloudGptClient fromEnv(Map<String, String> environment) {
    return builder().environment(environment).build();
  }

  /** {@return whether this client calls without a key, at the anonymous rate limits} */
  public boolean isAnonymous() {
    return gateway().isAnonymous();
  }

  /** Chat on {@code POST /api/chat}, plain and streamed. */
  @Override
  public CloudGptChat chat() {
    return chat;
  }

  /** Images on {@code POST /api/image}, answered with the image's bytes. */
  @Override
  public CloudGptImages images() {
    return images;
  }

  /** Videos on {@code POST /api/video}, answered with the MP4's bytes. */
  @Override
  public CloudGptVideos videos() {
    return videos;
  }

  /** The chat, image and video model catalogues on {@code GET /api/models/…}. */
  @Override
  public CloudGptModels models() {
    return models;
  }

  /**
   * API key management on {@code /api/keys}: create, list, delete. The deployed CloudGPT takes the
   * dashboard's session token here ({@link Builder#keysToken(String)}), not a {@code cgpt_} key.
   *
   * @return the key-management service
   */
  public CloudGptKeys keys() {
    return keys;
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

  @Override
  public String toString() {
    return "CloudGptClient[" + gateway().baseUrl() + (isAnonymous() ? ", anonymous" : "") + "]";
  }

  /** Builds {@link CloudGptClient}. */
  public static final class Builder extends ClientBuilder<Builder, CloudGptClient> {
    private Duration videoTimeout;
    private Secret keysToken;

    private Builder() {
      super(SPEC);
    }

    /**
     * How long one video call may take, from sending the request to the last byte of the MP4
     * (default {@link #DEFAULT_VIDEO_TIMEOUT}, 10 minutes; a {@code requestTimeout} set on this
     * builder applies to videos too unless this is set).
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder videoTimeout(Duration timeout) {
      this.videoTimeout = checks().positive("videoTimeout", timeout);
      return this;
    }

    /**
     * The credential for key management ({@code /api/keys}) only: the CloudGPT dashboard's session
     * token, a bearer JWT. The deployed CloudGPT refuses {@code cgpt_} API keys there; with this set,
     * key-management calls send {@code Authorization: Bearer <token>} instead of the API key, and
     * every other call still sends the API key. Kept as a {@link Secret}: never logged or shown.
     *
     * @param token the session token; {@code null} or blank for none
     * @return this builder
     * @throws dev.aigw.core.error.ValidationException when it is a {@code cgpt_} API key, which
     *     CloudGPT's key management does not take
     */
    public Builder keysToken(String token) {
      return keysToken(token == null || token.isBlank() ? null : Secret.of(token));
    }

    /**
     * The credential for key management, already wrapped (see {@link #keysToken(String)}).
     *
     * @param token the session token, or {@code null} for none
     * @return this builder
     * @throws dev.aigw.core.error.ValidationException when it is a {@code cgpt_} API key
     */
    public Builder keysToken(Secret token) {
      if (token != null && token.hasPrefix(SPEC.keyPrefix())) {
        throw checks().invalid("keysToken", "key management takes the CloudGPT dashboard's session token (a JWT), "
            + "not a cgpt_ API key; give the key to apiKey(…)");
      }
      this.keysToken = token;
      return this;
    }

    /**
     * Reads {@code CLOUDGPT_API_KEY}, {@code CLOUDGPT_BASE_URL} and {@code CLOUDGPT_KEYS_TOKEN}.
     *
     * @param environment the variables
     * @return this builder
     */
    @Override
    public Builder environment(Map<String, String> environment) {
      super.environment(environment);
      String token = environment.get(KEYS_TOKEN_VARIABLE);
      if (token != null && !token.isBlank()) {
        keysToken(token);
      }
      return this;
    }

    /**
     * The client.
     *
     * @throws dev.aigw.core.error.ValidationException when the base URL is missing or malformed,
     *     or the key is missing (and {@code anonymous()} was not called) or is not a {@code cgpt_}
     *     key
     */
    @Override
    public CloudGptClient build() {
      Duration video = videoTimeout != null ? videoTimeout
          : requestTimeoutOverride() != null ? requestTimeoutOverride() : DEFAULT_VIDEO_TIMEOUT;
      GatewayProfile profile = profile(CAPABILITIES, CloudGptChat.PROFILE, CloudGptImages.PROFILE, CloudGptVideos.PROFILE);
      return new CloudGptClient(buildGateway(), profile, video, keysToken);
    }
  }
}
