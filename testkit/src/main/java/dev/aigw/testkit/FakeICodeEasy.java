package dev.aigw.testkit;

import dev.aigw.core.media.ImageFormat;
import dev.aigw.core.operation.OperationStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * A fake of icodeeasy that follows its documentation: keys {@code sk_…} (401 {@code
 * authentication_error} without a valid one), {@code POST /v1/images/generations} and {@code
 * /v1/images/edits} (also without {@code /v1}) taking JSON with {@code image_urls}/{@code
 * image_input} or multipart with {@code image[]} files, synchronous answers {@code {id, created,
 * data:[{url}]}}, {@code ?async=1} (or {@code true}, {@code yes}) answering 202 {@code
 * {status:"pending", task_id}} with the task polled on {@code GET /v1/images/tasks/{task_id}}, and
 * errors {@code {error:{type, message, provider}}}: 400 {@code invalid_request_error} for an
 * unsupported ratio, more than 16 references, a non-https URL, bad base64, {@code
 * response_format: b64_json} and other bad parameters; 402 {@code payment_required}; 429 {@code
 * rate_limit_error}; 5xx {@code server_error}.
 *
 * <p>Result URLs look like the real ones, {@code <base>/v1/images/files/gpt-image-2/YYYYMMDD/<id>-<seq>.png};
 * they need no key and answer 302 to a second loopback server, the {@linkplain #fileHostUrl() file
 * host}, which serves the PNG ({@code Content-Disposition: attachment} when {@code ?download=1} was
 * asked). Both servers' requests are in the {@linkplain #journal() journal}. Images are real PNGs
 * whose shape follows {@code size} (a ratio or a pixel size; {@code auto} is 1:1) with a long side
 * of 64 pixels at {@code 1k} and 128 at {@code 2k}.
 *
 * <p>Prices (CNY per image): {@link #LOW_PRICE} for {@code low}, {@link #MEDIUM_PRICE} for {@code
 * medium}, {@code auto} or none, {@link #HIGH_PRICE} for {@code high}, times {@code n}. The balance
 * is checked on submission (402 when it is short) and charged only when images are made — on the
 * synchronous answer, or when an asynchronous task completes; failed requests and tasks are not
 * charged. Task answers carry the cost as a JSON number ({@code 0.2}) and, when {@code n} is more
 * than 1, every URL in {@code data[].url} beside {@code result_url} (the first) — or, after {@link
 * #taskResults(TaskResults)}, in the plural {@code result_urls} or as a list in {@code result_url}.
 */
public final class FakeICodeEasy extends FakeGateway {
  /** CNY per image at quality {@code low}. */
  public static final BigDecimal LOW_PRICE = new BigDecimal("0.10");
  /** CNY per image at quality {@code medium} or {@code auto} (the default). */
  public static final BigDecimal MEDIUM_PRICE = new BigDecimal("0.20");
  /** CNY per image at quality {@code high}. */
  public static final BigDecimal HIGH_PRICE = new BigDecimal("0.40");

  private static final String MODEL = "gpt-image-2";
  private static final Set<String> RATIOS = Set.of("1:1", "3:2", "2:3", "4:3", "3:4", "5:4", "4:5", "16:9", "9:16",
      "2:1", "1:2", "21:9", "9:21", "auto");
  private static final Pattern PIXELS = Pattern.compile("([1-9][0-9]*)x([1-9][0-9]*)");
  private static final Pattern DATA_URL = Pattern.compile("(?s)data:image/[A-Za-z0-9.+-]+;base64,(.*)");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

  /**
   * A reference image the fake received.
   *
   * @param url the {@code https://} URL, or {@code null} for inline data and uploads
   * @param bytes the decoded bytes of a data URL or an uploaded file, or {@code null} for a URL
   * @param contentType the data URL's or part's declared type, or {@code null}
   * @param filename an uploaded part's file name, or {@code null}
   */
  public record Reference(String url, byte[] bytes, String contentType, String filename) {}

  /** Where a completed task's answer puts the URLs of a task with more than one image. */
  public enum TaskResults {
    /** {@code result_url} (the first) and every URL in {@code data[].url}: the default. */
    DATA,
    /** {@code result_url} (the first) and every URL in the plural {@code result_urls}. */
    RESULT_URLS,
    /** Every URL as a list in {@code result_url} itself. */
    RESULT_URL_LIST
  }

  /** What one generation asked for, after validation. */
  private record Job(int n, String size, String resolution, BigDecimal price) {}

  /** A stored result: the PNG and the secret path segment the file host serves it under. */
  private record StoredImage(byte[] png, String token) {}

  private final MockWebServer fileHost = new MockWebServer();
  private final Map<String, StoredImage> images = new ConcurrentHashMap<>();
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  private volatile List<Reference> lastReferences = List.of();
  private volatile TaskResults taskResults = TaskResults.DATA;

  private FakeICodeEasy() {
    super("icodeeasy", "sk_", new BigDecimal("100.00"));
    for (String prefix : List.of("/v1", "")) {
      route("POST", prefix + "/images/generations", this::generate);
      route("POST", prefix + "/images/edits", this::generate);
      route("GET", prefix + "/images/tasks/(?<id>[^/]+)", r -> task(r.pathParam("id")));
    }
    publicRoute("GET", "/v1/images/files/(?<model>[^/]+)/(?<day>[0-9]{8})/(?<name>[^/]+)", this::redirect);
  }

  /**
   * Starts a fake and its file host on free loopback ports.
   *
   * @return the running fake; close it to stop it
   */
  public static FakeICodeEasy start() {
    FakeICodeEasy fake = new FakeICodeEasy();
    fake.startServer();
    fake.fileHost.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        MockResponse response = fake.serveFile(request);
        fake.recordRequest(request, response);
        return response;
      }
    });
    try {
      fake.fileHost.start(InetAddress.getLoopbackAddress(), 0);
    } catch (IOException e) {
      fake.close();
      throw new UncheckedIOException("could not start the icodeeasy fake's file host", e);
    }
    return fake;
  }

  /** {@return the file host's base URL (another loopback port), where result URLs redirect to} */
  public String fileHostUrl() {
    String url = fileHost.url("/").toString();
    return url.substring(0, url.length() - 1);
  }

  /**
   * Where completed tasks with more than one image put their URLs from now on (a task with one
   * image always answers the documented {@code result_url} string).
   *
   * @param form the answer's form
   * @return this fake
   */
  public FakeICodeEasy taskResults(TaskResults form) {
    this.taskResults = java.util.Objects.requireNonNull(form, "form");
    return this;
  }

  /**
   * {@return the reference images of the last generation request that passed validation, in order}
   */
  public List<Reference> lastReferences() {
    return lastReferences;
  }

  /** Stops both servers. */
  @Override
  public void close() {
    try {
      fileHost.close();
    } finally {
      super.close();
    }
  }

  @Override
  protected MockResponse authError(AuthProblem problem) {
    return error(401, "authentication_error", problem == AuthProblem.MISSING
        ? "Missing API key (Authorization: Bearer sk_...)" : "Invalid API key");
  }

  @Override
  protected MockResponse error(int status, String code, String message) {
    String type = code != null ? code : switch (status) {
      case 401 -> "authentication_error";
      case 402 -> "payment_required";
      case 404 -> "not_found_error";
      case 429 -> "rate_limit_error";
      default -> status >= 500 ? "server_error" : "invalid_request_error";
    };
    return json(status, obj("error", obj("type", type, "message", message, "provider", "icodeeasy.cc")));
  }

  private MockResponse invalid(String message) {
    return error(400, "invalid_request_error", message);
  }

  // ----- generations and edits -----

  private MockResponse generate(FakeRequest r) throws IOException {
    Map<String, Object> fields = new LinkedHashMap<>();
    List<Reference> refs = new ArrayList<>();
    String problem = read(r, fields, refs);
    if (problem == null) {
      problem = checkReferences(refs);
    }
    if (problem == null) {
      problem = checkFields(fields);
    }
    if (problem != null) {
      return invalid(problem);
    }
    Job job = job(fields);
    lastReferences = List.copyOf(refs);
    if (balance().compareTo(job.price()) < 0) {
      return error(402, "payment_required", "Insufficient balance or monthly quota exhausted");
    }
    String async = r.query("async");
    if (async != null && Set.of("1", "true", "yes").contains(async.toLowerCase(Locale.ROOT))) {
      FakeTask task = tasks().create("image", fields);
      jobs.put(task.id(), job);
      return json(202, obj("status", "pending", "task_id", task.id()));
    }
    String id = UUID.randomUUID().toString();
    List<String> urls = makeImages(id, job);
    charge(id, job.price());
    List<Object> data = new ArrayList<>();
    urls.forEach(url -> data.add(obj("url", url)));
    return json(200, obj("id", id, "created", clock().instant().getEpochSecond(), "data", data));
  }

  /** Reads a JSON or multipart body into fields and references; returns a problem or {@code null}. */
  private static String read(FakeRequest r, Map<String, Object> fields, List<Reference> refs) throws IOException {
    if (r.isMultipart()) {
      for (FakeRequest.FormPart part : r.multipart()) {
        if (part.name().equals("image[]") || part.name().equals("image")) {
          refs.add(new Reference(null, part.bytes(), part.contentType(), part.filename()));
        } else {
          fields.put(part.name(), part.text());
        }
      }
      return null;
    }
    if (!r.isJsonObject()) {
      return "Request body must be a JSON object or multipart/form-data";
    }
    fields.putAll(r.json());
    Object urls = fields.containsKey("image_urls") ? fields.get("image_urls") : fields.get("image_input");
    if (urls != null && !(urls instanceof List<?>)) {
      return "image_urls must be an array of strings";
    }
    for (Object u : urls == null ? List.of() : (List<?>) urls) {
      String url = String.valueOf(u);
      Matcher data = DATA_URL.matcher(url);
      if (url.startsWith("https://")) {
        refs.add(new Reference(url, null, null, null));
      } else if (url.startsWith("data:")) {
        if (!data.matches()) {
          return "invalid base64 image: must be data:image/*;base64,...";
        }
        try {
          refs.add(new Reference(null, Base64.getDecoder().decode(data.group(1)),
              url.substring(5, url.indexOf(';')), null));
        } catch (IllegalArgumentException e) {
          return "invalid base64 image data";
        }
      } else {
        return "reference image URLs must use https:// (http is rejected)";
      }
    }
    return null;
  }

  private static String checkReferences(List<Reference> refs) {
    if (refs.size() > 16) {
      return "too many reference images: at most 16 are allowed, got " + refs.size();
    }
    for (int i = 0; i < refs.size(); i++) {
      byte[] bytes = refs.get(i).bytes();
      if (bytes != null && ImageFormat.detect(bytes, bytes.length) == null) {
        return "reference image " + (i + 1) + " is not a valid image";
      }
    }
    return null;
  }

  /** The job that valid fields describe. */
  private static Job job(Map<String, Object> fields) {
    int n = fields.get("n") == null ? 1 : (int) Double.parseDouble(String.valueOf(fields.get("n")));
    String quality = fields.get("quality") == null ? "medium" : String.valueOf(fields.get("quality"));
    BigDecimal each = switch (quality) {
      case "low" -> LOW_PRICE;
      case "high" -> HIGH_PRICE;
      default -> MEDIUM_PRICE;
    };
    String size = fields.get("size") == null ? "1:1" : String.valueOf(fields.get("size"));
    String resolution = fields.get("resolution") == null ? "1k" : String.valueOf(fields.get("resolution"));
    return new Job(n, size.equals("auto") ? "1:1" : size, resolution, each.multiply(BigDecimal.valueOf(n)));
  }

  private static String checkFields(Map<String, Object> fields) {
    if (!MODEL.equals(fields.get("model"))) {
      return "model must be gpt-image-2, got " + fields.get("model");
    }
    if (!(fields.get("prompt") instanceof String p) || p.isBlank()) {
      return "prompt is required";
    }
    Object n = fields.get("n");
    if (n != null && !String.valueOf(n).matches("[1-9][0-9]*(\\.0)?")) {
      return "n must be a positive integer";
    }
    Object size = fields.get("size");
    if (size != null && !RATIOS.contains(String.valueOf(size)) && !PIXELS.matcher(String.valueOf(size)).matches()) {
      return "unsupported ratio: " + size;
    }
    Object resolution = fields.get("resolution");
    if (resolution != null && !Set.of("1k", "2k").contains(String.valueOf(resolution))) {
      return "resolution must be 1k or 2k";
    }
    Object quality = fields.get("quality");
    if (quality != null && !Set.of("low", "medium", "high", "auto").contains(String.valueOf(quality))) {
      return "quality must be low, medium, high or auto";
    }
    if ("b64_json".equals(fields.get("response_format"))) {
      return "response_format b64_json is not supported; image URLs are always returned";
    }
    return null;
  }

  /** Makes {@code job.n} PNGs and returns their result URLs. */
  private List<String> makeImages(String id, Job job) {
    int longSide = job.resolution().equals("2k") ? 128 : 64;
    Matcher pixels = PIXELS.matcher(job.size());
    String[] ratio = job.size().split(":");
    double w = pixels.matches() ? Double.parseDouble(pixels.group(1)) : Double.parseDouble(ratio[0]);
    double h = pixels.matches() ? Double.parseDouble(pixels.group(2)) : Double.parseDouble(ratio[1]);
    int width = (int) Math.max(1, Math.round(longSide * w / Math.max(w, h)));
    int height = (int) Math.max(1, Math.round(longSide * h / Math.max(w, h)));
    String day = DAY.format(clock().instant());
    List<String> urls = new ArrayList<>();
    for (int seq = 1; seq <= job.n(); seq++) {
      String name = id + "-" + seq + ".png";
      images.put(day + "/" + name, new StoredImage(TestMedia.png(width, height, (id + seq).hashCode()),
          UUID.randomUUID().toString().replace("-", "")));
      urls.add(baseUrl() + "/v1/images/files/" + MODEL + "/" + day + "/" + name);
    }
    return urls;
  }

  // ----- tasks -----

  @Override
  protected void taskFinished(FakeTask task) {
    Job job = jobs.get(task.id());
    if (task.status() == OperationStatus.SUCCEEDED && job != null) {
      task.result(makeImages(task.id(), job));
      charge(task.id(), job.price());
    }
  }

  private MockResponse task(String id) {
    return tasks().poll(id).map(t -> json(200, taskBody(t)))
        .orElseGet(() -> error(404, "not_found_error", "task not found: " + id));
  }

  private Map<String, Object> taskBody(FakeTask t) {
    Map<String, Object> body = obj("task_id", t.id());
    switch (t.status()) {
      case SUCCEEDED -> {
        List<?> urls = (List<?>) t.result();
        TaskResults form = taskResults;
        body.putAll(obj("status", "completed", "model", MODEL,
            "cost", jobs.get(t.id()).price().stripTrailingZeros(),
            "result_url", urls.size() > 1 && form == TaskResults.RESULT_URL_LIST ? urls : urls.get(0)));
        if (urls.size() > 1 && form == TaskResults.DATA) {
          List<Object> data = new ArrayList<>();
          urls.forEach(url -> data.add(obj("url", url)));
          body.put("data", data);
        } else if (urls.size() > 1 && form == TaskResults.RESULT_URLS) {
          body.put("result_urls", urls);
        }
      }
      case FAILED, BLOCKED -> body.putAll(obj("status", "failed", "model", MODEL, "error", obj("type",
          t.status() == OperationStatus.BLOCKED ? "content_policy_violation" : "server_error", "message", t.failure())));
      default -> body.putAll(obj("status", "pending", "model", MODEL));
    }
    return body;
  }

  // ----- result URLs and the file host -----

  private MockResponse redirect(FakeRequest r) {
    String key = r.pathParam("day") + "/" + r.pathParam("name");
    StoredImage image = images.get(key);
    if (image == null) {
      return error(404, "not_found_error", "no such image");
    }
    String download = "1".equals(r.query("download")) ? "?download=1" : "";
    return new MockResponse.Builder().code(302)
        .setHeader("Location", fileHostUrl() + "/cdn/" + image.token() + "/" + r.pathParam("name") + download).build();
  }

  private MockResponse serveFile(RecordedRequest request) {
    String[] segments = request.getUrl().encodedPath().split("/");
    if (segments.length == 4 && segments[1].equals("cdn")) {
      for (Map.Entry<String, StoredImage> e : images.entrySet()) {
        if (e.getValue().token().equals(segments[2]) && e.getKey().endsWith("/" + segments[3])) {
          String disposition = "1".equals(request.getUrl().queryParameter("download")) ? "attachment" : "inline";
          return new MockResponse.Builder().code(200).setHeader("Content-Type", "image/png")
              .setHeader("Content-Disposition", disposition + "; filename=\"" + segments[3] + "\"")
              .body(new Buffer().write(e.getValue().png())).build();
        }
      }
    }
    return new MockResponse.Builder().code(404).setHeader("Content-Type", "text/plain").body("Not Found").build();
  }
}
