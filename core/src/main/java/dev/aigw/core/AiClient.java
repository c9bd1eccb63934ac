package dev.aigw.core;

import dev.aigw.core.chat.ChatRequest;
import dev.aigw.core.chat.ChatService;
import dev.aigw.core.cost.PriceEstimate;
import dev.aigw.core.error.UnsupportedCapabilityException;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageService;
import dev.aigw.core.model.ModelService;
import dev.aigw.core.profile.CheckResult;
import dev.aigw.core.profile.GatewayProfile;
import dev.aigw.core.profile.Refusal;
import dev.aigw.core.video.VideoRequest;
import dev.aigw.core.video.VideoService;
import java.util.List;
import java.util.Set;

/**
 * A client for one gateway through the neutral API. Vendor clients ({@code CheapSubClient} …)
 * implement it and return richer, vendor-specific services from the same methods.
 *
 * <p>Clients are thread-safe and meant to be shared; close them when the application stops.
 */
public interface AiClient extends AutoCloseable {

  /**
   * {@return the vendor's name as {@link AiClients} knows it ({@code cheapsub}, {@code cloudgpt} …)}
   */
  String vendor();

  /** {@return what this gateway offers through the neutral API} */
  Set<Capability> capabilities();

  /**
   * Chat completions.
   *
   * @return the chat service
   * @throws UnsupportedCapabilityException if the gateway has no chat
   */
  default ChatService chat() {
    throw new UnsupportedCapabilityException(vendor(), Capability.CHAT);
  }

  /**
   * Image generation.
   *
   * @return the image service
   * @throws UnsupportedCapabilityException if the gateway has no images
   */
  default ImageService images() {
    throw new UnsupportedCapabilityException(vendor(), Capability.IMAGES);
  }

  /**
   * Video generation.
   *
   * @return the video service
   * @throws UnsupportedCapabilityException if the gateway has no videos
   */
  default VideoService videos() {
    throw new UnsupportedCapabilityException(vendor(), Capability.VIDEOS);
  }

  /**
   * The model catalogue.
   *
   * @return the model service
   * @throws UnsupportedCapabilityException if the gateway lists no models
   */
  default ModelService models() {
    throw new UnsupportedCapabilityException(vendor(), Capability.MODELS);
  }

  /**
   * What an image request will cost, as far as the gateway's published prices tell before sending
   * (icodeeasy's per-image tiers, GPTImageHub's credits per image from its model list). Nothing is
   * generated; at most a price list is read. The request is not otherwise checked.
   *
   * @param request the request
   * @return the known price, or unknown with the reason (the default: the gateway says what a call
   *     cost, if at all, only afterwards)
   */
  default PriceEstimate estimate(ImageRequest request) {
    return PriceEstimate.unknown(vendor(), vendor() + " publishes no price aigw can read before sending; "
        + "what an image cost is known only afterwards, where the gateway reports it");
  }

  /**
   * What a video request will cost, as far as the gateway's published prices tell before sending.
   *
   * @param request the request
   * @return the known price, or unknown with the reason
   */
  default PriceEstimate estimate(VideoRequest request) {
    return PriceEstimate.unknown(vendor(), vendor() + " publishes no price aigw can read before sending; "
        + "what a video cost is known only afterwards, where the gateway reports it");
  }

  /**
   * What a chat request will cost: unknown before sending at every gateway here (chat is billed by
   * the tokens read and written).
   *
   * @param request the request
   * @return unknown, with the reason
   */
  default PriceEstimate estimate(ChatRequest request) {
    return PriceEstimate.unknown(vendor(), "chat is billed by the tokens read and written, known only afterwards");
  }

  /**
   * Whether {@code capability} is offered.
   *
   * @param capability the capability to look for
   * @return whether {@link #capabilities()} contains it
   */
  default boolean supports(Capability capability) {
    return capabilities().contains(capability);
  }

  /**
   * What this gateway accepts, without any I/O: what it offers, its models per modality where
   * known, reference kinds and limits, aspect ratios, sizes, resolutions, qualities, {@code n},
   * video durations. This default states only the capabilities; the vendor clients state all.
   *
   * @return the profile
   */
  default GatewayProfile profile() {
    return GatewayProfile.of(vendor(), capabilities());
  }

  /**
   * Every reason this gateway would refuse {@code request} before sending it (none when it would
   * take it), found by the same checks {@code chat().create(request)} runs — nothing is sent. The
   * default knows only whether chat is offered.
   *
   * @param request the request
   * @return the refusals, and the rules that need I/O and are applied only when it is sent
   */
  default CheckResult check(ChatRequest request) {
    return offered(this, Capability.CHAT);
  }

  /**
   * Every reason this gateway would refuse {@code request} before sending it (none when it would
   * take it), found by the same checks {@code images().submit(request)} runs — nothing is sent.
   * The default knows only whether images are offered.
   *
   * @param request the request
   * @return the refusals, and the rules that need I/O and are applied only when it is sent
   */
  default CheckResult check(ImageRequest request) {
    return offered(this, Capability.IMAGES);
  }

  /**
   * Every reason this gateway would refuse {@code request} before sending it (none when it would
   * take it), found by the same checks {@code videos().submit(request)} runs — nothing is sent.
   * The default knows only whether videos are offered.
   *
   * @param request the request
   * @return the refusals, and the rules that need I/O and are applied only when it is sent
   */
  default CheckResult check(VideoRequest request) {
    return offered(this, Capability.VIDEOS);
  }

  /**
   * The check result of a client that states no rules beyond its capabilities: refused when
   * {@code capability} is missing, else accepted with the gateway's own rules deferred.
   *
   * @param client the client
   * @param capability what the request needs
   * @return the result
   */
  private static CheckResult offered(AiClient client, Capability capability) {
    if (!client.supports(capability)) {
      return CheckResult.refused(Refusal.unsupported(client.vendor(), capability));
    }
    return new CheckResult(client.vendor(), List.of(),
        List.of("this client states no pre-send rules of its own; the gateway decides when the request is sent"));
  }

  /** Releases what the client owns (its connection pool when it created one). Never throws. */
  @Override
  void close();
}
