package dev.aigw.core.profile;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a gateway's video generation takes. A neutral request's {@code resolution} ({@code 720p},
 * {@code 1080p}) and exact {@code size} are translated into each other where an exact equivalent
 * exists ({@code 720p} is {@code 1280x720} at 16:9).
 *
 * @param models the video models, and the default
 * @param durations the durations taken, in seconds (empty: any up to the model's maximum)
 * @param maxDurations the longest video of the models that have a documented limit, in seconds
 * @param resolutions the resolution names taken ({@code 720p} …; empty: none)
 * @param anySize whether an exact frame size in pixels is taken
 * @param aspectRatios whether an aspect ratio ({@code 16:9} …) is taken as it is
 */
public record VideoProfile(ModelCatalog models, List<Integer> durations, Map<String, Integer> maxDurations,
    List<String> resolutions, boolean anySize, boolean aspectRatios) {

  /**
   * Copies the collections.
   *
   * @param models the video models, and the default
   * @param durations the durations taken, in seconds (empty: any up to the model's maximum)
   * @param maxDurations the longest video of the models that have a documented limit, in seconds
   * @param resolutions the resolution names taken ({@code 720p} …; empty: none)
   * @param anySize whether an exact frame size in pixels is taken
   * @param aspectRatios whether an aspect ratio ({@code 16:9} …) is taken as it is
   */
  public VideoProfile {
    Objects.requireNonNull(models, "models");
    durations = List.copyOf(durations);
    maxDurations = Map.copyOf(maxDurations);
    resolutions = List.copyOf(resolutions);
  }

  /**
   * A profile that takes no aspect ratio of its own.
   *
   * @param models the video models, and the default
   * @param durations the durations taken, in seconds (empty: any up to the model's maximum)
   * @param maxDurations the longest video of the models that have a documented limit, in seconds
   * @param resolutions the resolution names taken ({@code 720p} …; empty: none)
   * @param anySize whether an exact frame size in pixels is taken
   */
  public VideoProfile(ModelCatalog models, List<Integer> durations, Map<String, Integer> maxDurations,
      List<String> resolutions, boolean anySize) {
    this(models, durations, maxDurations, resolutions, anySize, false);
  }

  /**
   * This profile with other models.
   *
   * @param catalog the models
   * @return the profile
   */
  public VideoProfile withModels(ModelCatalog catalog) {
    return new VideoProfile(catalog, durations, maxDurations, resolutions, anySize, aspectRatios);
  }
}
