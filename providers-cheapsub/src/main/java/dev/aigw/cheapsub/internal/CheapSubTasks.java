package dev.aigw.cheapsub.internal;

import dev.aigw.core.cost.Cost;
import dev.aigw.core.cost.CostUnit;
import dev.aigw.core.error.ApiException;
import dev.aigw.core.error.ErrorDetails;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.image.GeneratedImage;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.json.RawJson;
import dev.aigw.core.media.MediaDownloader;
import dev.aigw.core.operation.OperationSnapshot;
import dev.aigw.core.operation.OperationStatus;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.Gateway;
import dev.aigw.core.spi.JsonWithMedia;
import dev.aigw.core.spi.PreparedCall;
import dev.aigw.core.spi.ResponseReader;
import dev.aigw.core.video.GeneratedVideo;
import dev.aigw.core.video.VideoResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code GET /api/v1/task?task_id=…} in both documented shapes: the image task's {@code
 * {code, message, data:{task_id, status, result:[{image}], consumed, created_at}}} and the video
 * task's flat {@code {task_id, status, result:{video_url}}}.
 */
public final class CheapSubTasks {
  private CheapSubTasks() {}

  /** The task endpoint. */
  public static final String PATH = "/api/v1/task";

  /**
   * Prepares the poll of task {@code id}. A finished image task may carry its image as a {@code
   * data:} URL of tens of megabytes: such a URL is decoded into a temporary file while the answer is
   * read, and the answer's JSON holds a placeholder in its place (resolved by {@link #readImage}).
   */
  public static PreparedCall<JsonWithMedia> fetch(Gateway transport, String id) {
    return transport.prepare(ApiRequest.get(PATH).query("task_id", id).build(), ResponseReader.rawJsonSpoolingDataUrls());
  }

  /** The task id of a submission's answer: {@code data.task_id} (image shape) or {@code task_id} (flat shape). */
  public static String taskId(RawJson answer) {
    String id = string(answer.get("data", "task_id"));
    return id != null ? id : string(answer.get("task_id"));
  }

  /** CheapSub's status words in common words; anything else is {@code UNKNOWN}. */
  public static OperationStatus status(String word) {
    if (word == null) {
      return OperationStatus.UNKNOWN;
    }
    return switch (word.strip().toLowerCase(Locale.ROOT)) {
      case "pending", "queued", "submitted", "waiting" -> OperationStatus.QUEUED;
      case "processing", "running", "in_progress", "generating" -> OperationStatus.RUNNING;
      case "success", "succeeded", "completed", "done" -> OperationStatus.SUCCEEDED;
      case "failed", "failure", "error", "cancelled", "canceled" -> OperationStatus.FAILED;
      default -> OperationStatus.UNKNOWN;
    };
  }

  /** The task object: {@code data} in the image shape, the whole document in the flat shape. */
  static Map<?, ?> task(RawJson raw) {
    Object data = raw.get("data");
    if (data instanceof Map<?, ?> m) {
      return m;
    }
    Object root = raw.value();
    return root instanceof Map<?, ?> m ? m : Map.of();
  }

  /**
   * A snapshot of an image task; the images take the files spooled for their data URLs, and any
   * other spooled file is deleted.
   */
  public static OperationSnapshot<ImageResult> readImage(String vendor, String id, JsonWithMedia answer,
      MediaDownloader downloader) {
    return readTask(vendor, id, answer, (a, raw, task, word) -> {
      List<GeneratedImage> images = new ArrayList<>();
      if (task.get("result") instanceof List<?> results) {
        for (Object r : results) {
          String location = r instanceof Map<?, ?> m ? string(m.get("image")) : string(r);
          if (location != null && !location.isBlank()) {
            images.add(a.image(vendor, location, downloader));
          }
        }
      }
      return OperationSnapshot.succeeded(id, word, new ImageResult(id, images, Cost.ofNullable(decimal(task.get("consumed")), CostUnit.KRW), raw), raw);
    });
  }

  /** A snapshot of a video task; as {@link #readImage} for a video given as a large data URL. */
  public static OperationSnapshot<VideoResult> readVideo(String vendor, String id, JsonWithMedia answer,
      MediaDownloader downloader) {
    return readTask(vendor, id, answer, (a, raw, task, word) -> {
      String url = null;
      if (task.get("result") instanceof Map<?, ?> result) {
        url = string(result.get("video_url"));
      } else if (task.get("result") instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> m) {
        url = string(m.get("video_url"));
      }
      if (url == null || url.isBlank()) {
        return OperationSnapshot.failed(id, OperationStatus.FAILED, word, "no_video_url",
            "the task is " + word + " but its result has no video_url", raw);
      }
      GeneratedVideo video = a.video(vendor, url, "video/mp4", downloader);
      return OperationSnapshot.succeeded(id, word, new VideoResult(id, video, Cost.ofNullable(decimal(task.get("consumed")), CostUnit.KRW), raw), raw);
    });
  }

  /** How a finished task's result is read. */
  @FunctionalInterface
  private interface Finished<T> {
    OperationSnapshot<T> read(JsonWithMedia answer, RawJson raw, Map<?, ?> task, String word);
  }

  /**
   * Reads a task answer: {@code finished} when it succeeded, else the unfinished or failed
   * snapshot; spooled files the result did not take are deleted.
   */
  private static <T> OperationSnapshot<T> readTask(String vendor, String id, JsonWithMedia answer,
      Finished<T> finished) {
    return answer.read(a -> {
      RawJson raw = a.raw();
      Map<?, ?> task = task(raw);
      String word = string(task.get("status"));
      OperationStatus status = status(word);
      return status == OperationStatus.SUCCEEDED ? finished.read(a, raw, task, word)
          : unfinished(vendor, id, raw, task, word, status);
    });
  }

  private static <T> OperationSnapshot<T> unfinished(String vendor, String id, RawJson raw, Map<?, ?> task,
      String word, OperationStatus status) {
    if (status == OperationStatus.FAILED) {
      String reason = firstNonBlank(string(task.get("error")), string(task.get("fail_reason")),
          string(task.get("message")), messageOf(raw));
      return OperationSnapshot.failed(id, status, word, string(task.get("error_code")), reason, raw);
    }
    if (word == null) {
      // an envelope with a non-zero code and no task, e.g. {code: 404, message: "task not found"}
      String code = string(raw.get("code"));
      if (code != null && !code.equals("0")) {
        throw new ApiException(new ErrorDetails(vendor, 200, code, null, messageOf(raw), null, null, null, raw.text()));
      }
    }
    Integer progress = null;
    if (task.get("progress") instanceof Number n) {
      progress = n.intValue();
    }
    return new OperationSnapshot<>(id, status, word, progress, null, null, null, raw);
  }

  /** Throws when a 200 answer carries a non-zero {@code code} (CheapSub's envelope). */
  public static void requireOk(String vendor, RawResponse<RawJson> response) {
    RawJson raw = response.body();
    String code = string(raw.get("code"));
    if (code != null && !code.equals("0")) {
      throw new ApiException(new ErrorDetails(vendor, response.status(), code, null, messageOf(raw),
          response.requestId(), null, response.rateLimit(), raw.text()));
    }
  }

  private static String messageOf(RawJson raw) {
    String m = raw.getString("message");
    return m == null || m.equalsIgnoreCase("ok") ? null : m;
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }

  /** A value as a string: numbers without a trailing {@code .0}. */
  public static String string(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
      return String.valueOf(d.longValue());
    }
    return value instanceof String s ? s : String.valueOf(value);
  }

  /** An exact decimal from a string like {@code "0.500000"}; {@code null} when absent or unreadable. */
  static BigDecimal decimal(Object value) {
    if (value == null) {
      return null;
    }
    try {
      return value instanceof String s ? new BigDecimal(s.strip()) : new BigDecimal(String.valueOf(value));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
