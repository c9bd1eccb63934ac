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

  /** Checks what every vendor requires. */
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

  /** The vendor option of type {@code type}, if attached. */
  public <T extends VendorOption> Optional<T> vendorOption(Class<T> type) {
    return vendorOptions.stream().filter(type::isInstance).map(type::cast).findFirst();
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this request's values. */
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

    /** The model id. */
    public Builder model(String model) {
      this.model = model;
      return this;
    }

    /** What to film. */
    public Builder prompt(String prompt) {
      this.prompt = prompt;
      return this;
    }

    /** Length in seconds. */
    public Builder durationSeconds(int seconds) {
      this.durationSeconds = seconds;
      return this;
    }

    /** A resolution name such as {@code 720p}. */
    public Builder resolution(String resolution) {
      this.resolution = resolution;
      return this;
    }

    /** An exact frame size. */
    public Builder size(int width, int height) {
      this.size = ImageSize.of(width, height);
      return this;
    }

    /** The shape. */
    public Builder aspectRatio(int width, int height) {
      this.aspectRatio = AspectRatio.of(width, height);
      return this;
    }

    /** An extra top-level field, sent as given. */
    public Builder extraBody(String name, Object value) {
      extraBody.put(name, value);
      return this;
    }

    /** A typed vendor-only setting. */
    public Builder vendorOption(VendorOption option) {
      vendorOptions.add(option);
      return this;
    }

    /** The request. */
    public VideoRequest build() {
      return new VideoRequest(model, prompt, durationSeconds, resolution, size, aspectRatio,
          extraBody, vendorOptions);
    }
  }
}
