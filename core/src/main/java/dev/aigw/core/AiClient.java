package dev.aigw.core;

import dev.aigw.core.chat.ChatRequest;
import dev.aigw.core.chat.ChatService;
import dev.aigw.core.cost.PriceEstimate;
import dev.aigw.core.error.UnsupportedCapabilityException;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageService;
import dev.aigw.core.model.ModelService;
import dev.aigw.core.video.VideoRequest;
import dev.aigw.core.video.VideoService;
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

  /** Releases what the client owns (its connection pool when it created one). Never throws. */
  @Override
  void close();
}
