package dev.aigw.core.video;

import dev.aigw.core.VendorOption;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.image.AspectRatio;
import dev.aigw.core.image.ImageSize;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A video generation.
 *
 * @param model the model id, or {@code null} for the gateway's default video model
 * @param prompt what to film
 * @param durationSeconds length in seconds, or {@code null} for the vendor's default
 * @param resolution a resolution name such as {@code 720p}, or {@code null}
 * @param size an exact frame size, or {@code null}
 * @param aspectRatio the shape, or {@code null}
 * @param extraBody extra top-level fields sent as given
 * @param vendorOptions typed vendor-only settings
 */
public record VideoRequest(
    String model,
    String prompt,
    Integer durationSeconds,
    String resolution,
    ImageSize size,
    AspectRatio aspectRatio,
    Map<String, Object> extraBody,
    List<VendorOption> vendorOptions) {

  /**
   * Checks what every vendor requires.
   *
   * @param model the model id; not blank
   * @param prompt what to film; not blank
   * @param durationSeconds 1 or more, or {@code null}
   * @param resolution a resolution name, or {@code null}
   * @param size a frame size, or {@code null}
   * @param aspectRatio the shape, or {@code null}
   * @param extraBody extra top-level fields, or {@code null}
   * @param vendorOptions typed vendor-only settings, or {@code null}
   * @throws dev.aigw.core.error.ValidationException if the model or prompt is blank or the
   *     duration is below 1
   */
  public VideoRequest {
    if (model != null && model.isBlank()) {
      throw new ValidationException(null, "model", "must not be blank when given");
    }
    if (prompt == null || prompt.isBlank()) {
      throw new ValidationException(null, "prompt", "a non-blank prompt is required");
    }
    if (durationSeconds != null && durationSeconds < 1) {
      throw new ValidationException(null, "durationSeconds", "must be 1 or more, was " + durationSeconds);
    }
    extraBody = dev.aigw.core.json.ExtraBody.copyOf(extraBody);
    vendorOptions = vendorOptions == null ? List.of() : List.copyOf(vendorOptions);
  }

  /**
   * The vendor option of type {@code type}, if attached.
   *
   * @param <T> the option type
   * @param type the option class
   * @return the first attached option of that type, or empty
   */
  public <T extends VendorOption> Optional<T> vendorOption(Class<T> type) {
    return vendorOptions.stream().filter(type::isInstance).map(type::cast).findFirst();
  }

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a builder holding this request's values} */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.model = model;
    b.prompt = prompt;
    b.durationSeconds = durationSeconds;
    b.resolution = resolution;
    b.size = size;
    b.aspectRatio = aspectRatio;
    b.extraBody.putAll(extraBody);
    b.vendorOptions.addAll(vendorOptions);
    return b;
  }

  /** Builds {@link VideoRequest}. */
  public static final class Builder {
    private String model;
    private String prompt;
    private Integer durationSeconds;
    private String resolution;
    private ImageSize size;
    private AspectRatio aspectRatio;
    private final Map<String, Object> extraBody = new LinkedHashMap<>();
    private final List<VendorOption> vendorOptions = new ArrayList<>();

    private Builder() {}

    /**
     * The model id.
     *
     * @param model the model id
     * @return this builder
     */
    public Builder model(String model) {
      this.model = model;
      return this;
    }

    /**
     * What to film.
     *
     * @param prompt what to film
     * @return this builder
     */
    public Builder prompt(String prompt) {
      this.prompt = prompt;
      return this;
    }

    /**
     * Length in seconds.
     *
     * @param seconds 1 or more; each vendor accepts its own lengths
     * @return this builder
     */
    public Builder durationSeconds(int seconds) {
      this.durationSeconds = seconds;
      return this;
    }

    /**
     * A resolution name such as {@code 720p}.
     *
     * @param resolution the resolution name
     * @return this builder
     */
    public Builder resolution(String resolution) {
      this.resolution = resolution;
      return this;
    }

    /**
     * An exact frame size.
     *
     * @param width pixels across
     * @param height pixels down
     * @return this builder
     * @throws dev.aigw.core.error.ValidationException if either is below 1
     */
    public Builder size(int width, int height) {
      this.size = ImageSize.of(width, height);
      return this;
    }

    /**
     * The shape.
     *
     * @param width the width part
     * @param height the height part
     * @return this builder
     * @throws dev.aigw.core.error.ValidationException if either is below 1
     */
    public Builder aspectRatio(int width, int height) {
      this.aspectRatio = AspectRatio.of(width, height);
      return this;
    }

    /**
     * An extra top-level field, sent as given.
     *
     * @param name the field name
     * @param value its value, serialised as JSON
     * @return this builder
     */
    public Builder extraBody(String name, Object value) {
      extraBody.put(name, value);
      return this;
    }

    /**
     * A typed vendor-only setting.
     *
     * @param option the setting; a client refuses an option of another vendor
     * @return this builder
     */
    public Builder vendorOption(VendorOption option) {
      vendorOptions.add(option);
      return this;
    }

    /** {@return the request} */
    public VideoRequest build() {
      return new VideoRequest(model, prompt, durationSeconds, resolution, size, aspectRatio,
          extraBody, vendorOptions);
    }
  }
}
