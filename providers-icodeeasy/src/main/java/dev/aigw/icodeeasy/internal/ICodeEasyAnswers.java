package dev.aigw.icodeeasy.internal;

import com.squareup.moshi.Json;
import dev.aigw.core.cost.Cost;
import dev.aigw.core.cost.CostUnit;
import dev.aigw.core.image.GeneratedImage;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.json.RawJson;
import dev.aigw.core.media.MediaDownloader;
import dev.aigw.core.operation.OperationSnapshot;
import dev.aigw.core.operation.OperationStatus;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.Gateway;
import dev.aigw.core.spi.PreparedCall;
import dev.aigw.core.spi.ResponseReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads icodeeasy's three answers, all with one wire type: the synchronous {@code {id, created,
 * data:[{url}]}}, the asynchronous submission's {@code {status:"pending", task_id}} and the task's
 * {@code {task_id, status, model, cost, result_url}}. {@code cost} is read as written ({@code 0.2}
 * stays 0.2, {@code 0.20} keeps its scale).
 */
public final class ICodeEasyAnswers {
  private ICodeEasyAnswers() {}

  /** The task endpoint. */
  public static final String TASK_PATH = "/v1/images/tasks/{task_id}";

  /**
   * Every field of the three answers; absent ones are {@code null}.
   *
   * @param id the synchronous answer's id
   * @param created its creation time (Unix seconds)
   * @param data its images
   * @param taskId the task id
   * @param status pending, completed or failed
   * @param model the model
   * @param cost what the task cost, in CNY
   * @param resultUrl the finished task's image URL
   * @param error why a task failed: a string or an object with {@code message} and {@code type}
   */
  public record Answer(String id, Long created, List<Image> data, @Json(name = "task_id") String taskId,
      String status, String model, BigDecimal cost, @Json(name = "result_url") String resultUrl, Object error) {}

  /**
   * One entry of {@code data}.
   *
   * @param url the image URL
   */
  public record Image(String url) {}

  /**
   * An answer with its raw JSON.
   *
   * @param answer the typed fields
   * @param raw the JSON as received
   */
  public record Read(Answer answer, RawJson raw) {}

  /** Reads any of the three answers. */
  public static final ResponseReader<Read> READER = ResponseReader.json(Answer.class, Read::new);

  /** Prepares the poll of task {@code id}. */
  public static PreparedCall<Read> fetch(Gateway transport, String id) {
    return transport.prepare(ApiRequest.get(TASK_PATH).pathParam("task_id", id).build(), READER);
  }

  /** The documented status words (and a few obvious synonyms) in common words; others are {@code UNKNOWN}. */
  public static OperationStatus status(String word) {
    return switch (word == null ? "" : word.strip().toLowerCase(Locale.ROOT)) {
      case "pending", "queued" -> OperationStatus.QUEUED;
      case "processing", "running" -> OperationStatus.RUNNING;
      case "completed", "succeeded" -> OperationStatus.SUCCEEDED;
      case "failed" -> OperationStatus.FAILED;
      default -> OperationStatus.UNKNOWN;
    };
  }

  /** The images of an answer: every {@code data[].url}, else the {@code result_url}. */
  public static List<GeneratedImage> images(String vendor, Answer answer, MediaDownloader downloader) {
    List<GeneratedImage> images = new ArrayList<>();
    if (answer.data() != null) {
      for (Image image : answer.data()) {
        if (image != null && image.url() != null && !image.url().isBlank()) {
          images.add(new GeneratedImage(vendor, image.url(), null, null, null, downloader));
        }
      }
    }
    if (images.isEmpty() && answer.resultUrl() != null && !answer.resultUrl().isBlank()) {
      images.add(new GeneratedImage(vendor, answer.resultUrl(), null, null, null, downloader));
    }
    return images;
  }

  /** The result of a synchronous generation (or of a submission a server answered synchronously). */
  public static ImageResult result(String vendor, Read read, MediaDownloader downloader) {
    Answer a = read.answer();
    return new ImageResult(a.id() != null ? a.id() : a.taskId(), images(vendor, a, downloader),
        Cost.ofNullable(a.cost(), CostUnit.CNY), read.raw());
  }

  /** A snapshot of task {@code id}. */
  public static OperationSnapshot<ImageResult> snapshot(String vendor, String id, Read read, MediaDownloader downloader) {
    Answer a = read.answer();
    String word = a.status();
    OperationStatus status = status(word);
    if (status == OperationStatus.SUCCEEDED) {
      List<GeneratedImage> images = images(vendor, a, downloader);
      if (images.isEmpty()) {
        return OperationSnapshot.failed(id, OperationStatus.FAILED, word, "no_result_url",
            "the task is " + word + " but its answer has no result_url", read.raw());
      }
      return OperationSnapshot.succeeded(id, word, new ImageResult(id, images, Cost.ofNullable(a.cost(), CostUnit.CNY), read.raw()), read.raw());
    }
    if (status == OperationStatus.FAILED) {
      String code = null;
      String reason = null;
      if (a.error() instanceof Map<?, ?> error) {
        code = text(error.get("type"));
        reason = text(error.get("message"));
      } else {
        reason = text(a.error());
      }
      return OperationSnapshot.failed(id, status, word, code, reason != null ? reason : read.raw().getString("message"),
          read.raw());
    }
    return OperationSnapshot.of(id, status, word, read.raw());
  }

  private static String text(Object value) {
    return value instanceof String s && !s.isBlank() ? s : null;
  }
}
