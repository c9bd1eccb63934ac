package dev.aigw.core.profile;

import dev.aigw.core.Capability;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a gateway accepts, stated without any I/O: what it offers, and for chat, images and videos
 * the models (where known), shapes, references and limits. {@link dev.aigw.core.AiClient#check
 * check(request)} applies these (and the vendor's finer rules) to one request.
 *
 * @param vendor the vendor's name
 * @param capabilities what it offers through the neutral API
 * @param chat its chat, or {@code null} when it has none
 * @param images its image generation, or {@code null} when it has none
 * @param videos its video generation, or {@code null} when it has none
 * @param failedTasksRefunded whether the vendor documents that a task (an image or video
 *     generation) that fails is not charged or is refunded
 */
public record GatewayProfile(String vendor, Set<Capability> capabilities, ChatProfile chat, ImageProfile images,
    VideoProfile videos, boolean failedTasksRefunded) {

  /**
   * Checks and copies.
   *
   * @param vendor the vendor's name
   * @param capabilities what it offers through the neutral API
   * @param chat its chat, or {@code null} when it has none
   * @param images its image generation, or {@code null} when it has none
   * @param videos its video generation, or {@code null} when it has none
   * @param failedTasksRefunded whether the vendor documents that a task (an image or video generation) that fails is not charged or is refunded
   */
  public GatewayProfile {
    Objects.requireNonNull(vendor, "vendor");
    capabilities = Collections.unmodifiableSet(capabilities.isEmpty()
        ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(capabilities));
  }

  /**
   * A profile that states only what is offered (for clients that describe nothing more).
   *
   * @param vendor the vendor
   * @param capabilities what it offers
   * @return the profile
   */
  public static GatewayProfile of(String vendor, Set<Capability> capabilities) {
    return new GatewayProfile(vendor, capabilities, null, null, null, false);
  }

  /**
   * Whether {@code capability} is offered.
   *
   * @param capability the capability
   * @return {@code true} when it is
   */
  public boolean offers(Capability capability) {
    return capabilities.contains(capability);
  }
}
