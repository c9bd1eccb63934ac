package dev.aigw.core;

import dev.aigw.core.chat.ChatRequest;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.profile.CheckResult;
import dev.aigw.core.profile.GatewayProfile;
import dev.aigw.core.profile.Refusal;
import dev.aigw.core.spi.Checks;
import dev.aigw.core.spi.Gateway;
import dev.aigw.core.video.VideoRequest;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The base of the vendor clients ({@code CheapSubClient} …): the vendor's name, capabilities and
 * profile, {@link #check check(request)}, and closing. Thread-safe.
 *
 * <p>A vendor client runs its pre-send validation in {@link #checkChat}, {@link #checkImage} and
 * {@link #checkVideo} against the {@link Checks} it is given — its services call the same methods
 * with throwing checks before they send, and {@code check(request)} calls them with {@link
 * Checks#collecting() collecting} ones, so that the answer of {@code check} is the client's own
 * rules and never a second copy of them.
 */
public abstract class VendorClient implements AiClient {
  private final Gateway gateway;
  private final GatewayProfile profile;

  /**
   * A client on {@code gateway}.
   *
   * @param gateway the client's line to its gateway (it names the vendor)
   * @param capabilities what the vendor offers through the neutral API
   */
  protected VendorClient(Gateway gateway, Set<Capability> capabilities) {
    this(gateway, GatewayProfile.of(Objects.requireNonNull(gateway, "gateway").vendor(), capabilities));
  }

  /**
   * A client with its full profile.
   *
   * @param gateway the client's line to its gateway (it names the vendor)
   * @param profile what the gateway accepts (its capabilities included)
   */
  protected VendorClient(Gateway gateway, GatewayProfile profile) {
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.profile = Objects.requireNonNull(profile, "profile");
  }

  @Override
  public final String vendor() {
    return gateway.vendor();
  }

  @Override
  public final Set<Capability> capabilities() {
    return profile.capabilities();
  }

  @Override
  public final GatewayProfile profile() {
    return profile;
  }

  @Override
  public final CheckResult check(ChatRequest request) {
    return collect(Capability.CHAT, checks -> checkChat(request, checks));
  }

  @Override
  public final CheckResult check(ImageRequest request) {
    return collect(Capability.IMAGES, checks -> checkImage(request, checks));
  }

  @Override
  public final CheckResult check(VideoRequest request) {
    return collect(Capability.VIDEOS, checks -> checkVideo(request, checks));
  }

  /**
   * The client's pre-send validation of a chat request; its chat service calls it before sending.
   * The default checks nothing.
   *
   * @param request the request
   * @param checks where failures go: thrown, or recorded by {@link #check(ChatRequest)}
   */
  protected void checkChat(ChatRequest request, Checks checks) {}

  /**
   * The client's pre-send validation of an image request; its image service calls it before
   * sending. The default checks nothing.
   *
   * @param request the request
   * @param checks where failures go: thrown, or recorded by {@link #check(ImageRequest)}
   */
  protected void checkImage(ImageRequest request, Checks checks) {}

  /**
   * The client's pre-send validation of a video request; its video service calls it before
   * sending. The default checks nothing.
   *
   * @param request the request
   * @param checks where failures go: thrown, or recorded by {@link #check(VideoRequest)}
   */
  protected void checkVideo(VideoRequest request, Checks checks) {}

  private CheckResult collect(Capability needed, Consumer<Checks> validation) {
    if (!supports(needed)) {
      return CheckResult.refused(Refusal.unsupported(vendor(), needed));
    }
    Checks checks = gateway.checks().collecting();
    validation.accept(checks);
    return checks.result();
  }

  /**
   * The client's line to its gateway, for the vendor client's own services.
   *
   * @return the gateway
   */
  protected final Gateway gateway() {
    return gateway;
  }

  /**
   * Stops accepting calls; the shared connection pool (or your own OkHttp client) stays open, and
   * calls already running finish.
   */
  @Override
  public void close() {
    gateway.close();
  }

  /** The client's class and base URL; never a credential. */
  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + gateway.baseUrl() + "]";
  }
}
