package dev.aigw.core.profile;

import dev.aigw.core.image.Quality;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a gateway's image generation takes.
 *
 * @param models the image models, and the default
 * @param shapes the aspect ratios, sizes and resolution classes taken natively
 * @param qualities the quality classes taken (empty: none)
 * @param maxImages the most images one request makes ({@code n}; {@link Integer#MAX_VALUE} when
 *     the vendor sets no limit)
 * @param seed whether a seed is taken
 * @param references how reference images are taken
 */
public record ImageProfile(ModelCatalog models, ImageShapes shapes, Set<Quality> qualities, int maxImages, boolean seed,
    ReferenceRules references) {

  /**
   * Checks and copies.
   *
   * @param models the image models, and the default
   * @param shapes the aspect ratios, sizes and resolution classes taken natively
   * @param qualities the quality classes taken (empty: none)
   * @param maxImages the most images one request makes ({@code n}; {@link Integer#MAX_VALUE} when the vendor sets no limit)
   * @param seed whether a seed is taken
   * @param references how reference images are taken
   */
  public ImageProfile {
    Objects.requireNonNull(models, "models");
    Objects.requireNonNull(shapes, "shapes");
    Objects.requireNonNull(references, "references");
    qualities = qualities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(qualities));
    if (maxImages < 1) {
      throw new IllegalArgumentException("maxImages must be 1 or more, was " + maxImages);
    }
  }

  /**
   * This profile with other models (the client's defaults and extra models applied).
   *
   * @param catalog the models
   * @return the profile
   */
  public ImageProfile withModels(ModelCatalog catalog) {
    return new ImageProfile(catalog, shapes, qualities, maxImages, seed, references);
  }

  /**
   * This profile for a client with (or without) a reference host.
   *
   * @param hosted whether a {@link dev.aigw.core.media.ReferenceHost} is plugged in
   * @return the profile
   */
  public ImageProfile withReferenceHost(boolean hosted) {
    return new ImageProfile(models, shapes, qualities, maxImages, seed, references.withHost(hosted));
  }
}
