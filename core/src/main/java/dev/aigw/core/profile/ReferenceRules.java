package dev.aigw.core.profile;

import dev.aigw.core.media.ImageFormat;
import dev.aigw.core.media.MediaInput;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How a gateway takes reference images, and how a neutral reference reaches it: a kind it takes
 * is sent as it is; a URL given to a gateway that takes only uploads is downloaded (without any
 * key, its size and type checked) and uploaded; a local image given to a gateway that takes only
 * URLs needs the client's {@link dev.aigw.core.media.ReferenceHost} to publish it, and is refused
 * before sending without one.
 *
 * @param kinds the kinds the gateway takes as they are (empty: no reference images at all)
 * @param maxCount the most references in one request, or {@code null} when only the gateway knows
 *     (per model, read from its model list when sent)
 * @param maxBytes the largest reference, in bytes ({@link Long#MAX_VALUE} when not documented)
 * @param formats the image formats taken (checked by the first bytes)
 * @param hosted whether the client has a {@link dev.aigw.core.media.ReferenceHost} to publish local
 *     images at URLs
 */
public record ReferenceRules(Set<MediaInput.Kind> kinds, Integer maxCount, long maxBytes, Set<ImageFormat> formats,
    boolean hosted) {

  private static final Set<MediaInput.Kind> LOCAL =
      EnumSet.of(MediaInput.Kind.FILE, MediaInput.Kind.BYTES, MediaInput.Kind.DATA_URL);

  /**
   * Copies the sets.
   *
   * @param kinds the kinds the gateway takes as they are (empty: no reference images at all)
   * @param maxCount the most references in one request, or {@code null} when only the gateway knows (per model, read from its model list when sent)
   * @param maxBytes the largest reference, in bytes ({@link Long#MAX_VALUE} when not documented)
   * @param formats the image formats taken (checked by the first bytes)
   * @param hosted whether the client has a {@link dev.aigw.core.media.ReferenceHost} to publish local images at URLs
   */
  public ReferenceRules {
    kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
    formats = formats.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(formats));
    if (maxCount != null && maxCount < 0) {
      throw new IllegalArgumentException("maxCount must be 0 or more, was " + maxCount);
    }
  }

  /**
   * No reference images at all.
   *
   * @return the rules
   */
  public static ReferenceRules none() {
    return new ReferenceRules(Set.of(), 0, 0, Set.of(), false);
  }

  /**
   * References of {@code kinds}, without a host.
   *
   * @param kinds the kinds taken as they are
   * @param maxCount the most in a request, or {@code null} when only the gateway knows
   * @param maxBytes the largest, in bytes
   * @param formats the formats taken
   * @return the rules
   */
  public static ReferenceRules of(Set<MediaInput.Kind> kinds, Integer maxCount, long maxBytes, Set<ImageFormat> formats) {
    return new ReferenceRules(kinds, maxCount, maxBytes, formats, false);
  }

  /**
   * These rules for a client with (or without) a reference host.
   *
   * @param hosted whether a {@link dev.aigw.core.media.ReferenceHost} is plugged in
   * @return the rules
   */
  public ReferenceRules withHost(boolean hosted) {
    return new ReferenceRules(kinds, maxCount, maxBytes, formats, hosted);
  }

  /**
   * Whether the gateway takes reference images at all.
   *
   * @return {@code true} when it takes some kind
   */
  public boolean supported() {
    return !kinds.isEmpty();
  }

  /**
   * How a reference of {@code kind} reaches the gateway.
   *
   * @param kind the reference's kind
   * @return how it is delivered
   */
  public Delivery delivery(MediaInput.Kind kind) {
    Objects.requireNonNull(kind, "kind");
    if (kinds.contains(kind)) {
      return Delivery.AS_GIVEN;
    }
    if (kinds.isEmpty()) {
      return Delivery.REFUSED;
    }
    if (kind == MediaInput.Kind.URL) {
      return kinds.stream().anyMatch(LOCAL::contains) ? Delivery.DOWNLOADED : Delivery.REFUSED;
    }
    if (kinds.contains(MediaInput.Kind.URL)) {
      return hosted ? Delivery.HOSTED : Delivery.REFUSED;
    }
    return Delivery.REFUSED;
  }

  /** How a reference reaches the gateway. */
  public enum Delivery {
    /** Sent as it is. */
    AS_GIVEN,
    /** A URL downloaded (no key sent, size and type checked, streamed to a temporary file) and uploaded. */
    DOWNLOADED,
    /** A local image published by the client's {@link dev.aigw.core.media.ReferenceHost}; its URL is sent. */
    HOSTED,
    /** Refused before sending. */
    REFUSED
  }
}
