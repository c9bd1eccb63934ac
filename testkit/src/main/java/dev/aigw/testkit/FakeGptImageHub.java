package dev.aigw.testkit;

import dev.aigw.core.media.ImageFormat;
import dev.aigw.core.operation.OperationStatus;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;

/**
 * A fake of GPTImageHub that follows its documentation: keys {@code gih_live_…} (401 with {@code
 * missingApiKey}, {@code invalidApiKey} or {@code expiredApiKey}), the model list without a key,
 * the credit balance, and image generation on {@code POST /api/v1/images/generations} from JSON or
 * from {@code multipart/form-data} with {@code reference_image} files, either synchronous (200 with
 * the images and the balance) or asynchronous ({@code async: true}: 202 with {@code poll_url}, then
 * {@code GET /api/v1/generations/:id} moves queued → running → succeeded over polls). A key reads
 * only its own generations. Errors are {@code {error:{message, code}}} with the documented codes.
 *
 * <p>Credits: the account starts with {@link #STARTING_BALANCE}; a generation costs its model's
 * credits per image times {@code n} ({@link #GPT_IMAGE_2_PRICE} for {@code gpt-image-2}), charged
 * when it is submitted; a generation that fails is refunded (both show in the journal), and a
 * synchronous one then answers 500 {@code generationFailed}. Plan failures with {@code
 * tasks().failNext(reason)}. Images are real PNGs served from the fake.
 */
public final class FakeGptImageHub extends FakeGateway {
  /** The credits the account starts with (so one {@code gpt-image-2} image leaves 112, as in the docs). */
  public static final BigDecimal STARTING_BALANCE = new BigDecimal("120");
  /** Credits per {@code gpt-image-2} image (the docs' example charges 8 for one). */
  public static final BigDecimal GPT_IMAGE_2_PRICE = new BigDecimal("8");
  /** The largest reference image accepted: 50 MiB. */
  public static final long MAX_REFERENCE_BYTES = 50L * 1024 * 1024;
  /** The reference limit of {@code gpt-image-2} unless changed with {@link #referenceImageLimit}. */
  public static final int DEFAULT_REFERENCE_IMAGE_LIMIT = 16;

  private static final List<String> QUALITIES = List.of("auto", "low", "medium", "high");
  private static final List<String> RATIOS = List.of("auto", "1:1", "3:2", "2:3", "4:3", "3:4", "16:9", "9:16");
  private static final Set<ImageFormat> FORMATS = Set.of(ImageFormat.PNG, ImageFormat.JPEG, ImageFormat.WEBP);
  private static final Pattern SIZE = Pattern.compile("(\\d{2,5})x(\\d{2,5})");

  /**
   * A reference image the fake received.
   *
   * @param generationId the generation it came with
   * @param filename the part's file name
   * @param contentType the part's content type
   * @param bytes its bytes, exactly as received
   */
  public record Upload(String generationId, String filename, String contentType, byte[] bytes) {}

  /** A model the fake lists. */
  private record Model(String id, String provider, BigDecimal creditsPerImage, int referenceImageLimit) {}

  /** What a generation was asked for, and by whom. */
  private record Generation(String owner, String model, int n, BigDecimal price, String size) {}

  /** A request's fields and files, from JSON or multipart. */
  private record Form(Map<String, Object> fields, List<Upload> files) {}

  private final Map<String, Model> models = new ConcurrentHashMap<>();
  private final List<String> modelOrder = new CopyOnWriteArrayList<>();
  private final Map<String, Generation> generations = new ConcurrentHashMap<>();
  private final Set<String> expiredKeys = ConcurrentHashMap.newKeySet();
  private final List<Upload> uploads = new CopyOnWriteArrayList<>();
  private volatile String accountType = "PRO";

  private FakeGptImageHub() {
    super("gptimagehub", "gih_live_", STARTING_BALANCE);
    addModel("gpt-image-2", GPT_IMAGE_2_PRICE, DEFAULT_REFERENCE_IMAGE_LIMIT);
    publicRoute("GET", "/api/v1/models", r -> json(200, modelList()));
    route("GET", "/api/v1/credits", r -> json(200, balanceBody()));
    route("POST", "/api/v1/images/generations", this::generate);
    route("GET", "/api/v1/generations/(?<id>[^/]+)", this::generation);
  }

  /**
   * Starts a fake on a free loopback port.
   *
   * @return the running fake; close it to stop it
   */
  public static FakeGptImageHub start() {
    FakeGptImageHub fake = new FakeGptImageHub();
    fake.startServer();
    return fake;
  }

  /**
   * Lists another model (provider {@code openai}) costing {@code creditsPerImage} per image.
   *
   * @param id the model id
   * @param creditsPerImage the price of one image
   * @param referenceImageLimit the most reference images it takes
   * @return this fake
   */
  public FakeGptImageHub addModel(String id, BigDecimal creditsPerImage, int referenceImageLimit) {
    if (!models.containsKey(id)) {
      modelOrder.add(id);
    }
    models.put(id, new Model(id, "openai", creditsPerImage, referenceImageLimit));
    return this;
  }

  /**
   * Changes how many reference images {@code model} takes.
   *
   * @param model a listed model id
   * @param limit the most reference images
   * @return this fake
   */
  public FakeGptImageHub referenceImageLimit(String model, int limit) {
    Model m = models.get(model);
    if (m == null) {
      throw new IllegalArgumentException("no model " + model);
    }
    models.put(model, new Model(m.id(), m.provider(), m.creditsPerImage(), limit));
    return this;
  }

  /**
   * The account type the balance reports ({@code PRO} by default).
   *
   * @param type the account type
   * @return this fake
   */
  public FakeGptImageHub accountType(String type) {
    this.accountType = type;
    return this;
  }

  /**
   * Makes {@code key} expired: requests with it get 401 {@code expiredApiKey}.
   *
   * @param key a key of this fake
   */
  public void expire(String key) {
    expiredKeys.add(key);
    deactivate(key);
  }

  /** {@return every reference image received with an accepted generation, in arrival order} */
  public List<Upload> uploads() {
    return List.copyOf(uploads);
  }

  @Override
  protected MockResponse authError(AuthProblem problem) {
    return authError(problem, null);
  }

  @Override
  protected MockResponse authError(AuthProblem problem, String key) {
    return switch (problem) {
      case MISSING -> error(401, "missingApiKey", "Missing Authorization header");
      case INVALID -> error(401, "invalidApiKey", "Invalid API key");
      case INACTIVE -> expiredKeys.contains(key)
          ? error(401, "expiredApiKey", "API key has expired")
          : error(401, "invalidApiKey", "API key has been revoked");
    };
  }

  @Override
  protected MockResponse error(int status, String code, String message) {
    String vendorCode = "not_found".equals(code) ? "notFound" : code;
    return json(status, obj("error", obj("message", message, "code", vendorCode)));
  }

  // ----- models and credits -----

  private Map<String, Object> modelList() {
    List<Object> data = new ArrayList<>();
    for (String id : modelOrder) {
      Model m = models.get(id);
      data.add(obj("id", m.id(), "object", "model", "provider", m.provider(), "aspect_ratios", RATIOS,
          "qualities", QUALITIES, "reference_image_limit", m.referenceImageLimit(),
          "credits_per_image", m.creditsPerImage()));
    }
    return obj("object", "list", "data", data);
  }

  private Map<String, Object> balanceBody() {
    return obj("credits", balance(), "account_type", accountType);
  }

  // ----- generations -----

  private MockResponse generate(FakeRequest r) {
    Form form = form(r);
    if (form == null) {
      return invalid("Invalid request body");
    }
    Map<String, Object> f = form.fields();
    Model model = f.get("model") instanceof String id ? models.get(id) : null;
    if (model == null) {
      return invalid("Unknown model: " + f.get("model") + " (available: " + String.join(", ", modelOrder) + ")");
    }
    if (!(f.get("prompt") instanceof String prompt) || prompt.isBlank()) {
      return invalid("prompt is required");
    }
    Integer n = f.containsKey("n") ? integer(f.get("n")) : Integer.valueOf(1);
    if (n == null || n < 1 || n > 4) {
      return invalid("n must be between 1 and 4");
    }
    Object quality = f.get("quality");
    if (quality != null && !QUALITIES.contains(quality)) {
      return invalid("quality must be one of auto, low, medium, high");
    }
    Object size = f.getOrDefault("size", "auto");
    if (!(size instanceof String s) || !(s.equals("auto") || SIZE.matcher(s).matches())) {
      return invalid("size must be auto or WIDTHxHEIGHT");
    }
    if (form.files().size() > model.referenceImageLimit()) {
      return invalid("At most " + model.referenceImageLimit() + " reference images are allowed for " + model.id());
    }
    for (Upload file : form.files()) {
      ImageFormat format = ImageFormat.detect(file.bytes(), file.bytes().length);
      if (format == null || !FORMATS.contains(format)) {
        return invalid("Reference images must be PNG, JPG, JPEG or WebP");
      }
      if (file.bytes().length > MAX_REFERENCE_BYTES) {
        return invalid("Each reference image can be up to 50MB");
      }
    }
    BigDecimal price = model.creditsPerImage().multiply(BigDecimal.valueOf(n));
    if (balance().compareTo(price) < 0) {
      return error(402, "insufficientCredits", "Insufficient credits");
    }
    FakeTask task = tasks().create("image", f);
    generations.put(task.id(), new Generation(r.bearer(), model.id(), n, price, (String) size));
    if (!charge(task.id(), price)) {
      return error(402, "insufficientCredits", "Insufficient credits");
    }
    for (Upload file : form.files()) {
      uploads.add(new Upload(task.id(), file.filename(), file.contentType(), file.bytes()));
    }
    if (Boolean.TRUE.equals(f.get("async")) || "true".equals(f.get("async"))) {
      Map<String, Object> body = generationBody(task);
      body.put("poll_url", baseUrl() + "/api/v1/generations/" + task.id());
      return json(202, body);
    }
    tasks().finish(task.id());
    if (task.status() != OperationStatus.SUCCEEDED) {
      return error(500, "generationFailed", task.failure() == null ? "Image generation failed" : task.failure());
    }
    Map<String, Object> body = generationBody(task);
    body.put("balance", balanceBody());
    return json(200, body);
  }

  private MockResponse generation(FakeRequest r) {
    String id = r.pathParam("id");
    Generation g = generations.get(id);
    if (g == null || !g.owner().equals(r.bearer())) {
      // a key reads only its own user's generations: another's is as good as missing
      return error(404, "notFound", "Generation not found");
    }
    FakeTask task = tasks().poll(id).orElseThrow();
    return json(200, generationBody(task));
  }

  @Override
  protected void taskFinished(FakeTask task) {
    Generation g = generations.get(task.id());
    if (task.status() == OperationStatus.SUCCEEDED) {
      List<Object> images = new ArrayList<>();
      for (int i = 0; i < g.n(); i++) {
        String url = storeFile(TestMedia.png(64, 64, (task.id() + i).hashCode()), "image/png", "png");
        images.add(obj("id", task.id() + "-" + i, "object", "image", "url", url,
            "created_at", task.completedAt().toString()));
      }
      task.result(images);
    } else {
      refund(task.id(), g.price());
    }
  }

  private Map<String, Object> generationBody(FakeTask task) {
    Generation g = generations.get(task.id());
    OperationStatus status = task.status();
    String word = switch (status) {
      case QUEUED -> "queued";
      case RUNNING -> "running";
      case SUCCEEDED -> "succeeded";
      default -> "failed";
    };
    Map<String, Object> usage = status == OperationStatus.SUCCEEDED
        ? obj("credits", g.price()) : obj("credits", 0, "credits_requested", g.price());
    Map<String, Object> body = new LinkedHashMap<>(obj("object", "image_generation", "id", task.id(), "status", word,
        "model", g.model(), "aspect_ratio", aspectRatio(g.size()), "quality", qualityClass(g.size()),
        "created_at", task.createdAt().toString(),
        "images", status == OperationStatus.SUCCEEDED ? task.result() : List.of(), "usage", usage));
    if (status == OperationStatus.FAILED || status == OperationStatus.BLOCKED) {
      body.put("error", obj("message", task.failure() == null ? "Image generation failed" : task.failure(),
          "code", "generationFailed"));
    }
    return body;
  }

  private MockResponse invalid(String message) {
    return error(400, "invalid_request", message);
  }

  /** The request's fields and files: a JSON object, or a multipart form; {@code null} when neither. */
  private static Form form(FakeRequest r) {
    if (r.isMultipart()) {
      List<FakeRequest.FormPart> parts;
      try {
        parts = r.multipart();
      } catch (IOException e) {
        return null;
      }
      Map<String, Object> fields = new LinkedHashMap<>();
      List<Upload> files = new ArrayList<>();
      for (FakeRequest.FormPart part : parts) {
        if ("reference_image".equals(part.name()) && part.filename() != null) {
          files.add(new Upload(null, part.filename(), part.contentType(), part.bytes()));
        } else if (part.name() != null && part.filename() == null) {
          fields.put(part.name(), part.text());
        } else {
          return null;
        }
      }
      return new Form(fields, files);
    }
    if (!r.isJsonObject() || r.json().containsKey("reference_image")) {
      // reference images travel only as multipart files
      return null;
    }
    return new Form(r.json(), List.of());
  }

  private static Integer integer(Object value) {
    if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
      return number.intValue();
    }
    if (value instanceof String s) {
      try {
        return Integer.valueOf(s.strip());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** {@code 1024x1024} → {@code 1:1}; {@code auto} stays {@code auto}. */
  private static String aspectRatio(String size) {
    Matcher m = SIZE.matcher(size);
    if (!m.matches()) {
      return size;
    }
    int w = Integer.parseInt(m.group(1));
    int h = Integer.parseInt(m.group(2));
    int gcd = java.math.BigInteger.valueOf(w).gcd(java.math.BigInteger.valueOf(h)).intValue();
    return w / gcd + ":" + h / gcd;
  }

  /** The resolution class GPTImageHub reports as {@code quality} ({@code 1K} for 1024x1024, as in the docs). */
  private static String qualityClass(String size) {
    Matcher m = SIZE.matcher(size);
    int longest = m.matches() ? Math.max(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))) : 1024;
    return longest <= 1024 ? "1K" : longest <= 2048 ? "2K" : "4K";
  }
}
