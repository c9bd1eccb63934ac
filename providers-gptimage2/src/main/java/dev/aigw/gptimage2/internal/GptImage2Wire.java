package dev.aigw.gptimage2.internal;

import dev.aigw.core.image.GeneratedImage;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.json.RawJson;
import dev.aigw.core.media.MediaDownloader;
import dev.aigw.core.operation.OperationSnapshot;
import dev.aigw.core.operation.OperationStatus;
import dev.aigw.core.spi.Json;
import dev.aigw.gptimage2.GptImage2Event;
import dev.aigw.gptimage2.GptImage2Generation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** gptimage2.plus's wire records and how they read. */
public final class GptImage2Wire {
  private GptImage2Wire() {}

  /** A generation on the wire. */
  public record Generation(String id, String generationId, String status, String type, List<Output> outputs,
      String error, BigDecimal costCredits, String createdAt, String completedAt) {}

  /** An output on the wire. */
  public record Output(String png, String webp, Integer width, Integer height) {}

  /** A webhook event on the wire. */
  public record Event(String event, Generation data) {}

  /** The public view of a wire generation. */
  public static GptImage2Generation generation(Generation g, RawJson raw) {
    List<GptImage2Generation.Output> outputs = new ArrayList<>();
    if (g.outputs() != null) {
      for (Output o : g.outputs()) {
        outputs.add(new GptImage2Generation.Output(o.png(), o.webp(), o.width(), o.height()));
      }
    }
    String id = g.id() != null ? g.id() : g.generationId();
    return new GptImage2Generation(id, g.status(), g.type(), outputs, g.error(), g.costCredits(), g.createdAt(),
        g.completedAt(), raw);
  }

  /** The public view of a generation's JSON (a poll answer, or a webhook event's {@code data}). */
  public static GptImage2Generation generation(RawJson raw) {
    Generation wire = raw.value() instanceof Map<?, ?> ? Json.fromJson(raw.text(), Generation.class) : null;
    return generation(wire != null ? wire : new Generation(null, null, null, null, null, null, null, null, null), raw);
  }

  /**
   * A webhook delivery's body as an event.
   *
   * @throws IllegalArgumentException when it is not an object with {@code event} and {@code data}
   */
  public static GptImage2Event event(String body) {
    Object tree = Json.parseTree(body);
    Event wire = tree instanceof Map<?, ?> ? Json.fromJson(body, Event.class) : null;
    if (wire == null || wire.event() == null || wire.data() == null) {
      throw new IllegalArgumentException("expected {\"event\": …, \"data\": {…}}");
    }
    RawJson data = Json.raw(Json.toJson(((Map<?, ?>) tree).get("data")));
    return new GptImage2Event(wire.event(), generation(wire.data(), data));
  }

  /** gptimage2.plus's status words in common words. */
  public static OperationStatus status(String word) {
    if (word == null) {
      return OperationStatus.UNKNOWN;
    }
    return switch (word.strip().toLowerCase(Locale.ROOT)) {
      case "queued", "pending" -> OperationStatus.QUEUED;
      case "running", "processing" -> OperationStatus.RUNNING;
      case "succeeded", "success", "completed" -> OperationStatus.SUCCEEDED;
      case "failed", "error" -> OperationStatus.FAILED;
      case "blocked" -> OperationStatus.BLOCKED;
      default -> OperationStatus.UNKNOWN;
    };
  }

  /** A poll's answer as a snapshot of the neutral operation. */
  public static OperationSnapshot<ImageResult> snapshot(String vendor, String id, GptImage2Generation g,
      MediaDownloader downloader) {
    OperationStatus status = status(g.status());
    return switch (status) {
      case SUCCEEDED -> {
        List<GeneratedImage> images = new ArrayList<>();
        for (GptImage2Generation.Output o : g.outputs()) {
          // PNG is the neutral result; an output with only a WebP URL still counts
          if (o.png() != null) {
            images.add(new GeneratedImage(vendor, o.png(), "image/png", o.width(), o.height(), downloader));
          } else if (o.webp() != null) {
            images.add(new GeneratedImage(vendor, o.webp(), "image/webp", o.width(), o.height(), downloader));
          }
        }
        yield OperationSnapshot.succeeded(id, g.status(), new ImageResult(id, images, g.cost(), g.raw()), g.raw());
      }
      // the reason is the server's error as sent (null when it gave none); that the credits were
      // refunded is aigw's knowledge, not the server's words: GptImage2Generation.creditsRefunded()
      case FAILED -> OperationSnapshot.failed(id, status, g.status(), null, g.error(), g.raw());
      case BLOCKED -> OperationSnapshot.failed(id, status, g.status(), "content_policy", g.error(), g.raw());
      default -> OperationSnapshot.of(id, status, g.status(), g.raw());
    };
  }
}
