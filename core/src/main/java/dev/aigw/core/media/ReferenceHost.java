package dev.aigw.core.media;

import java.io.IOException;

/**
 * Publishes a local reference image at a URL, for gateways that take reference images only as
 * URLs they fetch themselves (CheapSub). The application plugs its own in (its object storage, a
 * CDN, a signed link of its own server) with {@code ClientBuilder.referenceHost(…)}; without one,
 * a file, bytes or a {@code data:} URL given to such a gateway is refused before sending.
 *
 * <pre>{@code
 * ReferenceHost host = (image, format) -> bucket.put(image.openStream(), format.mimeType()).publicUrl();
 * CheapSubClient cheapsub = CheapSubClient.builder().apiKey("csk_…").referenceHost(host).build();
 * }</pre>
 *
 * <p>The URL is handed to the gateway as it is: make it reachable from there, and prefer a link
 * that expires. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface ReferenceHost {

  /**
   * Publishes {@code image} and returns where the gateway can fetch it.
   *
   * @param image the image: a file, bytes or a {@code data:} URL (read it with {@link
   *     MediaInput#openStream()})
   * @param format its format, detected from its first bytes
   * @return an absolute {@code http} or {@code https} URL serving exactly these bytes
   * @throws IOException when it cannot be published
   */
  String publish(MediaInput image, ImageFormat format) throws IOException;
}
