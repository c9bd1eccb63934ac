package dev.aigw.icodeeasy.internal;

import dev.aigw.core.cost.Cost;
import dev.aigw.core.cost.CostUnit;
import dev.aigw.core.cost.PriceEstimate;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.http.RetrySafety;
import dev.aigw.core.image.AspectRatio;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.Quality;
import dev.aigw.core.image.Resolution;
import dev.aigw.core.media.DataUrl;
import dev.aigw.core.media.ImageFormat;
import dev.aigw.core.media.MediaInput;
import dev.aigw.core.model.Modality;
import dev.aigw.core.profile.ImageProfile;
import dev.aigw.core.profile.ImageShapes;
import dev.aigw.core.profile.ModelCatalog;
import dev.aigw.core.profile.ReferenceRules;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.Checks;
import dev.aigw.core.spi.ImageShape;
import dev.aigw.core.spi.Json;
import dev.aigw.icodeeasy.ICodeEasyImageOptions;
import dev.aigw.icodeeasy.ICodeEasyImageOptions.Endpoint;
import dev.aigw.icodeeasy.ICodeEasyImageOptions.LocalReferences;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a neutral {@link ImageRequest} into icodeeasy's wire request — a JSON body with {@code
 * image_urls}, or a multipart form with {@code image[]} files — after every pre-send check.
 */
public final class ICodeEasyRequests {
  private ICodeEasyRequests() {}

  private static final String VENDOR = "icodeeasy";

  /** The only model the docs list. */
  public static final String DEFAULT_MODEL = "gpt-image-2";
  /** The most reference images a request takes. */
  public static final int MAX_REFERENCES = 16;
  /** The documented {@code size} ratios (besides {@code auto}, which icodeeasy treats as 1:1). */
  public static final List<String> RATIOS = List.of("1:1", "3:2", "2:3", "4:3", "3:4", "5:4", "4:5", "16:9", "9:16",
      "2:1", "1:2", "21:9", "9:21");
  /** The documented {@code resolution} tiers. */
  public static final List<String> RESOLUTIONS = List.of("1k", "2k");
  /** The documented {@code quality} (billing) tiers. */
  public static final List<String> QUALITIES = List.of("low", "medium", "high", "auto");
  /**
   * The published price of one image per quality tier, in CNY: low 0.10, medium and auto (the
   * default) 0.20, high 0.40.
   */
  public static final Map<String, Cost> PRICES = Map.of(
      "low", Cost.of("0.10", CostUnit.CNY),
      "medium", Cost.of("0.20", CostUnit.CNY),
      "auto", Cost.of("0.20", CostUnit.CNY),
      "high", Cost.of("0.40", CostUnit.CNY));

  private static final Pattern PIXELS = Pattern.compile("[1-9][0-9]*x[1-9][0-9]*");
  private static final Set<ImageFormat> IMAGE_FORMATS = EnumSet.allOf(ImageFormat.class);
  private static final Set<String> REFERENCE_FIELDS = Set.of("image_urls", "image_input", "image[]");

  /**
   * What icodeeasy's images take, as documented: {@code gpt-image-2}, the listed ratios (or any
   * pixel size) at 1k or 2k, the four billing qualities, any {@code n}, and up to 16 references of
   * every kind (https URLs, data URLs, files, bytes).
   */
  public static final ImageProfile PROFILE = new ImageProfile(
      new ModelCatalog(Modality.IMAGE, List.of(DEFAULT_MODEL), DEFAULT_MODEL, true),
      ImageShapes.ofRatios(RATIOS.stream().map(AspectRatio::parse).toList(), false,
          EnumSet.of(Resolution.K1, Resolution.K2)).withAnySize(),
      EnumSet.copyOf(QUALITIES.stream().map(q -> Quality.valueOf(q.toUpperCase(Locale.ROOT))).toList()),
      Integer.MAX_VALUE, false,
      ReferenceRules.of(EnumSet.allOf(MediaInput.Kind.class), MAX_REFERENCES, Long.MAX_VALUE, IMAGE_FORMATS));

  /**
   * Every pre-send check, and the POST for {@code request} (without a timeout).
   *
   * @param request the request
   * @param async whether to ask for the asynchronous mode ({@code ?async=1})
   * @param profile the client's image profile
   * @param checks where refusals go
   * @return the request to send; {@code null} when the checks are collecting (nothing is built)
   * @throws ValidationException when the request holds something icodeeasy does not accept
   */
  public static ApiRequest.Builder post(ImageRequest request, boolean async, ImageProfile profile, Checks checks) {
    checks.ownOptions(request.vendorOptions());
    checks.unsupported("seed", request.seed(), null);
    ICodeEasyImageOptions options = request.vendorOption(ICodeEasyImageOptions.class)
        .orElse(new ICodeEasyImageOptions(null, null));
    Map<String, Object> fields = fields(request, profile, checks);
    checkExtraBody(request.extraBody(), checks);
    List<MediaInput> references = request.references();
    checks.atMost("references", references.size(), MAX_REFERENCES);
    List<String> mimeTypes = checkReferences(references, checks);
    boolean local = references.stream().anyMatch(r -> r.kind() == MediaInput.Kind.FILE || r.kind() == MediaInput.Kind.BYTES);
    boolean multipart = local && options.localReferences() != LocalReferences.JSON_DATA_URLS;
    if (multipart) {
      checkMultipart(request.extraBody(), references, checks);
    }
    if (checks.isCollecting()) {
      return null;
    }
    Endpoint endpoint = options.endpoint() != null ? options.endpoint()
        : references.isEmpty() ? Endpoint.GENERATIONS : Endpoint.EDITS;
    ApiRequest.Builder post = ApiRequest.post(endpoint.path(), RetrySafety.NOT_CHARGED_ON_ERROR)
        .purpose(ApiRequest.Purpose.image(String.valueOf(fields.get("model"))).withPrice(() -> price(request)));
    if (async) {
      post.query("async", 1);
    }
    if (multipart) {
      return post.multipart(parts(fields, request.extraBody(), references, mimeTypes));
    }
    if (!references.isEmpty()) {
      List<String> urls = new ArrayList<>();
      for (MediaInput ref : references) {
        urls.add(ref.kind() == MediaInput.Kind.URL || ref.kind() == MediaInput.Kind.DATA_URL ? ref.url() : ref.toDataUrl());
      }
      fields.put("image_urls", urls);
    }
    fields.putAll(request.extraBody());
    return post.json(fields);
  }

  /**
   * What {@code request} will cost at the published prices: the quality tier's price (medium when
   * none is given) times {@code n} (1 when none is given); {@code quality} and {@code n} given
   * through {@code extraBody} count as sent.
   *
   * @param request the request
   * @return the price in CNY, or unknown for a quality icodeeasy does not list
   */
  public static PriceEstimate price(ImageRequest request) {
    String quality = quality(request);
    Cost each = PRICES.get(quality.toLowerCase(Locale.ROOT));
    if (each == null) {
      return PriceEstimate.unknown(VENDOR, "icodeeasy lists no price for quality '" + quality + "'");
    }
    Object extraN = request.extraBody().get("n");
    int n = extraN instanceof Number number ? number.intValue() : request.n() != null ? request.n() : 1;
    return PriceEstimate.known(VENDOR, each.times(n), n + (n == 1 ? " image" : " images") + " at " + each
        + " (quality " + quality + ")");
  }

  /**
   * What the images of a synchronous answer cost at the published prices (its answer does not
   * say).
   *
   * @param request the request
   * @param images how many images came back
   * @return the cost in CNY, or {@code null} for a quality icodeeasy does not list
   */
  public static Cost delivered(ImageRequest request, int images) {
    Cost each = PRICES.get(quality(request).toLowerCase(Locale.ROOT));
    return each == null ? null : each.times(images);
  }

  /** The quality tier a request is billed at: as sent ({@code extraBody} wins), else medium. */
  private static String quality(ImageRequest request) {
    Object extraQuality = request.extraBody().get("quality");
    return extraQuality instanceof String s ? s
        : request.quality() != null ? request.quality().wireValue() : "medium";
  }

  /** The documented scalar fields, in the docs' order. */
  private static Map<String, Object> fields(ImageRequest request, ImageProfile profile, Checks checks) {
    String model = checks.model(profile.models(), request.model());
    ImageShape shape = ImageShape.resolve(request, profile.shapes(), checks);
    if (shape.aspectRatio() != null && shape.size() != null) {
      checks.reject("size",
          "icodeeasy has one size field, a ratio or a pixel size: give aspectRatio or size, not both");
    }
    String size = shape.aspectRatio() != null ? shape.aspectRatio().toString()
        : shape.size() != null ? shape.size().toString() : null;
    String resolution = shape.resolution() == null ? null : shape.resolution().wireValue();
    checks.oneOf("resolution", resolution, RESOLUTIONS);
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("model", model);
    fields.put("prompt", request.prompt());
    putIfPresent(fields, "n", request.n());
    putIfPresent(fields, "size", size);
    putIfPresent(fields, "resolution", resolution);
    putIfPresent(fields, "quality", request.quality() == null ? null : request.quality().wireValue());
    return fields;
  }

  private static void putIfPresent(Map<String, Object> map, String name, Object value) {
    if (value != null) {
      map.put(name, value);
    }
  }

  /** Fields given through {@code extraBody} get the same checks as typed ones. */
  private static void checkExtraBody(Map<String, Object> extra, Checks checks) {
    for (Map.Entry<String, Object> e : extra.entrySet()) {
      String value = e.getValue() instanceof String s ? s : Json.toJson(e.getValue());
      switch (e.getKey()) {
        case "response_format" -> {
          if (!value.equals("url")) {
            checks.reject("response_format", "'" + value + "' is not supported: icodeeasy"
                + " always answers with image URLs (b64_json is not offered); read the bytes with"
                + " GeneratedImage.bytes() or saveTo(…)");
          }
        }
        case "size" -> {
          if (!RATIOS.contains(value) && !value.equals("auto") && !PIXELS.matcher(value).matches()) {
            checks.reject("size", "accepts a ratio (" + String.join(", ", RATIOS)
                + "), auto, or a pixel size such as 1536x1024; was " + value);
          }
        }
        case "resolution" -> checks.oneOf("resolution", value, RESOLUTIONS);
        case "quality" -> checks.oneOf("quality", value, QUALITIES);
        default -> {
          if (REFERENCE_FIELDS.contains(e.getKey())) {
            checks.reject("extraBody", "'" + e.getKey() + "' is not taken from extraBody:"
                + " give reference images with ImageRequest.Builder.reference(…), which are checked and sent as"
                + " image_urls or image[] files");
          }
        }
      }
    }
  }

  /** Checks every reference; returns each one's content type ({@code null} for remote URLs). */
  private static List<String> checkReferences(List<MediaInput> references, Checks checks) {
    List<String> types = new ArrayList<>();
    for (int i = 0; i < references.size(); i++) {
      MediaInput ref = references.get(i);
      String which = "reference " + (i + 1);
      String type = null;
      switch (ref.kind()) {
        case URL -> {
          String scheme = URI.create(ref.url()).getScheme().toLowerCase(Locale.ROOT);
          if (!scheme.equals("https")) {
            checks.reject("references", which + " is an " + scheme
                + ":// URL; icodeeasy fetches https:// URLs only (http is refused)");
          }
        }
        case DATA_URL -> {
          DataUrl data = ref.asDataUrl();
          if (!data.base64() || !data.mimeType().startsWith("image/")) {
            checks.reject("references", which + " must be a data:image/…;base64, URL; was " + data);
          }
          type = data.mimeType();
        }
        case FILE, BYTES -> {
          ImageFormat format = checks.image("references", ref, IMAGE_FORMATS, Long.MAX_VALUE);
          type = format == null ? null : format.mimeType();
        }
      }
      types.add(type);
    }
    return types;
  }

  /** A multipart request carries text fields and files only: no remote URL, no map or list in extraBody. */
  private static void checkMultipart(Map<String, Object> extra, List<MediaInput> references, Checks checks) {
    extra.forEach((name, value) -> {
      if (value instanceof Map<?, ?> || value instanceof Iterable<?>) {
        checks.reject("extraBody", "'" + name + "' is a " + (value instanceof Map<?, ?>
            ? "map" : "list") + ", but a multipart request carries text fields only");
      }
    });
    for (int i = 0; i < references.size(); i++) {
      if (references.get(i).kind() == MediaInput.Kind.URL) {
        checks.reject("references", "reference " + (i + 1) + " is a remote URL, but with a"
            + " local file the references go as multipart image[] files, which cannot carry a URL: use"
            + " ICodeEasyImageOptions.localReferences(JSON_DATA_URLS) to send them all in image_urls, or download"
            + " the image first");
      }
    }
  }

  /** The multipart form: the fields (extra ones as text), then one {@code image[]} part per reference. */
  private static List<ApiRequest.Part> parts(Map<String, Object> fields, Map<String, Object> extra,
      List<MediaInput> references, List<String> mimeTypes) {
    Map<String, String> text = new LinkedHashMap<>();
    fields.forEach((name, value) -> text.put(name, String.valueOf(value)));
    extra.forEach((name, value) -> text.put(name, value instanceof String s ? s : Json.toJson(value)));
    List<ApiRequest.Part> parts = new ArrayList<>();
    text.forEach((name, value) -> parts.add(ApiRequest.Part.field(name, value)));
    for (int i = 0; i < references.size(); i++) {
      parts.add(ApiRequest.Part.file("image[]", references.get(i), mimeTypes.get(i)));
    }
    return parts;
  }
}
