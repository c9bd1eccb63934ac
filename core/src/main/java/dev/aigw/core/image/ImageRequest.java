package dev.aigw.core.image;

import dev.aigw.core.VendorOption;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.media.MediaInput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An image generation (or edit, when it has reference images). Only {@code prompt} is always
 * required; each vendor rejects, before sending, the fields it cannot express.
 *
 * @param model the model id, or {@code null} for the vendor's only or default model
 * @param prompt what to draw
 * @param n how many images, or {@code null} for one
 * @param aspectRatio the shape, or {@code null}
 * @param size an exact pixel size, or {@code null}
 * @param resolution a resolution class, or {@code null}
 * @param quality a quality class, or {@code null}
 * @param seed a random seed (0 is a seed), or {@code null}
 * @param references reference images for image-to-image and edits
 * @param extraBody extra top-level fields sent as given (the escape hatch)
 * @param vendorOptions typed vendor-only settings
 * @param fit how strictly the shape must be kept at a gateway that cannot take it as it is, or
 *     {@code null} for {@link Fit#EXACT}
 */
public record ImageRequest(
    String model,
    String prompt,
    Integer n,
    AspectRatio aspectRatio,
    ImageSize size,
    Resolution resolution,
    Quality quality,
    Long seed,
    List<MediaInput> references,
    Map<String, Object> extraBody,
    List<VendorOption> vendorOptions,
    Fit fit) {

  /**
   * Checks what every vendor requires and copies collections.
   *
   * @param model the model id, or {@code null}; not blank when given
   * @param prompt what to draw; not blank
   * @param n 1 or more, or {@code null}
   * @param aspectRatio the shape, or {@code null}
   * @param size an exact size, or {@code null}
   * @param resolution a resolution class, or {@code null}
   * @param quality a quality class, or {@code null}
   * @param seed a seed, or {@code null}
   * @param references reference images, or {@code null}
   * @param extraBody extra top-level fields, or {@code null}
   * @param vendorOptions typed vendor-only settings, or {@code null}
   * @param fit how strictly the shape must be kept, or {@code null} for {@link Fit#EXACT}
   * @throws ValidationException if the prompt is blank, the model is blank when given, or {@code
   *     n} is below 1
   */
  public ImageRequest {
    if (prompt == null || prompt.isBlank()) {
      throw new ValidationException(null, "prompt", "a non-blank prompt is required");
    }
    if (model != null && model.isBlank()) {
      throw new ValidationException(null, "model", "must not be blank when given");
    }
    if (n != null && n < 1) {
      throw new ValidationException(null, "n", "must be 1 or more, was " + n);
    }
    references = references == null ? List.of() : List.copyOf(references);
    extraBody = dev.aigw.core.json.ExtraBody.copyOf(extraBody);
    vendorOptions = vendorOptions == null ? List.of() : List.copyOf(vendorOptions);
    if (fit == null) {
      fit = Fit.EXACT;
    }
  }

  /** {@return the image count, defaulting to 1} */
  public int count() {
    return n == null ? 1 : n;
  }

  /**
   * The vendor option of type {@code type}, if attached.
   *
   * @param <T> the option type
   * @param type the option class, e.g. {@code CheapSubImageOptions.class}
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
    b.n = n;
    b.aspectRatio = aspectRatio;
    b.size = size;
    b.resolution = resolution;
    b.quality = quality;
    b.seed = seed;
    b.references.addAll(references);
    b.extraBody.putAll(extraBody);
    b.vendorOptions.addAll(vendorOptions);
    b.fit = fit;
    return b;
  }

  /** Builds {@link ImageRequest}. */
  public static final class Builder {
    private String model;
    private String prompt;
    private Integer n;
    private AspectRatio aspectRatio;
    private ImageSize size;
    private Resolution resolution;
    private Quality quality;
    private Long seed;
    private final List<MediaInput> references = new ArrayList<>();
    private final Map<String, Object> extraBody = new LinkedHashMap<>();
    private final List<VendorOption> vendorOptions = new ArrayList<>();
    private Fit fit;

    private Builder() {}

    /**
     * The model id.
     *
     * @param model the model id, e.g. {@code nano-banana-2}
     * @return this builder
     */
    public Builder model(String model) {
      this.model = model;
      return this;
    }

    /**
     * What to draw.
     *
     * @param prompt the description of the image
     * @return this builder
     */
    public Builder prompt(String prompt) {
      this.prompt = prompt;
      return this;
    }

    /**
     * How many images.
     *
     * @param n 1 or more; each vendor has its own maximum
     * @return this builder
     */
    public Builder n(int n) {
      this.n = n;
      return this;
    }

    /**
     * The shape, e.g. {@code aspectRatio(16, 9)}.
     *
     * @param width the width part
     * @param height the height part
     * @return this builder
     * @throws ValidationException if either is below 1
     */
    public Builder aspectRatio(int width, int height) {
      this.aspectRatio = AspectRatio.of(width, height);
      return this;
    }

    /**
     * The shape.
     *
     * @param aspectRatio the shape, or {@code null}
     * @return this builder
     */
    public Builder aspectRatio(AspectRatio aspectRatio) {
      this.aspectRatio = aspectRatio;
      return this;
    }

    /**
     * An exact size in pixels.
     *
     * @param width pixels across
     * @param height pixels down
     * @return this builder
     * @throws ValidationException if either is below 1
     */
    public Builder size(int width, int height) {
      this.size = ImageSize.of(width, height);
      return this;
    }

    /**
     * An exact size in pixels.
     *
     * @param size the size, or {@code null}
     * @return this builder
     */
    public Builder size(ImageSize size) {
      this.size = size;
      return this;
    }

    /**
     * A resolution class.
     *
     * @param resolution the class, or {@code null}
     * @return this builder
     */
    public Builder resolution(Resolution resolution) {
      this.resolution = resolution;
      return this;
    }

    /**
     * A quality class.
     *
     * @param quality the class, or {@code null}
     * @return this builder
     */
    public Builder quality(Quality quality) {
      this.quality = quality;
      return this;
    }

    /**
     * A random seed.
     *
     * @param seed the seed (0 is a seed)
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Adds a reference image.
     *
     * @param reference the image
     * @return this builder
     */
    public Builder reference(MediaInput reference) {
      references.add(reference);
      return this;
    }

    /**
     * Adds a reference image from a URL or a {@code data:} URL.
     *
     * @param url an absolute http(s) URL or a data URL
     * @return this builder
     * @throws ValidationException if the URL is malformed
     */
    public Builder referenceUrl(String url) {
      return reference(MediaInput.url(url));
    }

    /**
     * Adds a reference image from a local file.
     *
     * @param file a readable file
     * @return this builder
     * @throws ValidationException if it is not a readable regular file
     */
    public Builder referenceFile(Path file) {
      return reference(MediaInput.file(file));
    }

    /**
     * Replaces the reference images.
     *
     * @param references the images, in order
     * @return this builder
     */
    public Builder references(List<MediaInput> references) {
      this.references.clear();
      this.references.addAll(references);
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

    /**
     * How strictly the shape must be kept where a gateway cannot take it as it is ({@link
     * Fit#EXACT} by default: refused unless an exact equivalent exists).
     *
     * @param fit the fit
     * @return this builder
     */
    public Builder fit(Fit fit) {
      this.fit = fit;
      return this;
    }

    /**
     * {@return the request}
     *
     * @throws ValidationException if the prompt is missing, or a value is out of range
     */
    public ImageRequest build() {
      return new ImageRequest(model, prompt, n, aspectRatio, size, resolution, quality, seed,
          references, extraBody, vendorOptions, fit);
    }
  }
}
