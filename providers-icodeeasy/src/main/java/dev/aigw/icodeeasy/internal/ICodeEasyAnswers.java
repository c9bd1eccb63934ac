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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads icodeeasy's three answers, all with one wire type: the synchronous {@code {id, created,
 * data:[{url}]}}, the asynchronous submission's {@code {status:"pending", task_id}} and the task's
 * {@code {task_id, status, model, cost, result_url}}. {@code cost} is read as written ({@code 0.2}
 * stays 0.2, {@code 0.20} keeps its scale).
 *
 * <p>The images of an answer are every URL under any field the documentation names for results,
 * in the singular or the plural and as one value or a list: {@code data[].url} (or {@code data}
 * as a list of URL strings), {@code result_url}, {@code result_urls} and {@code
 * cost_breakdown.image_urls}; each URL once, in that order. A task with {@code n} = 2 is charged
 * for two images, so both must come back whichever of these fields carries them.
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
   * @param resultUrl the finished task's image URL: a string as documented, or a list of them
   * @param resultUrls the plural form: a list of image URLs (or one string)
   * @param error why a task failed: a string or an object with {@code message} and {@code type}
   */
  public record Answer(String id, Long created, Object data, @Json(name = "task_id") String taskId,
      String status, String model, BigDecimal cost, @Json(name = "result_url") Object resultUrl,
      @Json(name = "result_urls") Object resultUrls, Object error) {}

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

  /**
   * The images of an answer: every URL in {@code data} ({@code [{url}]} or {@code [url]}), {@code
   * result_url} and {@code result_urls} (each a string or a list) and {@code
   * cost_breakdown.image_urls}, each once, in that order.
   */
  public static List<GeneratedImage> images(String vendor, Answer answer, RawJson raw, MediaDownloader downloader) {
    Set<String> urls = new LinkedHashSet<>();
    addUrls(urls, answer.data());
    addUrls(urls, answer.resultUrl());
    addUrls(urls, answer.resultUrls());
    addUrls(urls, raw.get("cost_breakdown", "image_urls"));
    List<GeneratedImage> images = new ArrayList<>();
    for (String url : urls) {
      images.add(new GeneratedImage(vendor, url, null, null, null, downloader));
    }
    return images;
  }

  /** Adds the URLs in {@code value}: a URL string, an object with {@code url}, or a list of either. */
  private static void addUrls(Set<String> urls, Object value) {
    if (value instanceof String s && !s.isBlank()) {
      urls.add(s);
    } else if (value instanceof Map<?, ?> m) {
      addUrls(urls, m.get("url") instanceof String ? m.get("url") : null);
    } else if (value instanceof List<?> list) {
      for (Object item : list) {
        if (!(item instanceof List<?>)) {
          addUrls(urls, item);
        }
      }
    }
  }

  /** The result of a synchronous generation (or of a submission a server answered synchronously). */
  public static ImageResult result(String vendor, Read read, MediaDownloader downloader) {
    Answer a = read.answer();
    return new ImageResult(a.id() != null ? a.id() : a.taskId(), images(vendor, a, read.raw(), downloader),
        Cost.ofNullable(a.cost(), CostUnit.CNY), read.raw());
  }

  /** A snapshot of task {@code id}. */
  public static OperationSnapshot<ImageResult> snapshot(String vendor, String id, Read read, MediaDownloader downloader) {
    Answer a = read.answer();
    String word = a.status();
    OperationStatus status = status(word);
    if (status == OperationStatus.SUCCEEDED) {
      List<GeneratedImage> images = images(vendor, a, read.raw(), downloader);
      if (images.isEmpty()) {
        return OperationSnapshot.failed(id, OperationStatus.FAILED, word, "no_result_url",
            "the task is " + word + " but its answer has no result_url (nor result_urls or data[].url)", read.raw());
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
