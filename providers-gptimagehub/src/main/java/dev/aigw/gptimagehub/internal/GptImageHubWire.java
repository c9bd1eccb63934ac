package dev.aigw.gptimagehub.internal;

import com.squareup.moshi.Json;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Types;
import dev.aigw.core.error.AigwException;
import dev.aigw.core.image.GeneratedImage;
import dev.aigw.core.json.RawJson;
import dev.aigw.core.media.MediaDownloader;
import dev.aigw.core.operation.OperationSnapshot;
import dev.aigw.core.operation.OperationStatus;
import dev.aigw.core.spi.ResponseReader;
import dev.aigw.gptimagehub.GptImageHubBalance;
import dev.aigw.gptimagehub.GptImageHubGeneration;
import dev.aigw.gptimagehub.GptImageHubModel;
import java.io.IOException;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads GPTImageHub's answers: the generation log ({@code object: "image_generation"}), the credit
 * balance and the model list. Credits are read as exact decimals. Fields the documentation does not
 * name (the model list's, the credits endpoint's) are read under the likely spellings listed on each
 * record; anything else stays in {@code raw()}.
 */
public final class GptImageHubWire {
  private GptImageHubWire() {}

  /** A generation log. */
  public record GenerationWire(
      String id,
      String status,
      String model,
      @Json(name = "aspect_ratio") String aspectRatio,
      String quality,
      @Json(name = "created_at") String createdAt,
      List<ImageWire> images,
      UsageWire usage,
      BalanceWire balance,
      @Json(name = "poll_url") String pollUrl,
      Object error) {}

  /** One image of a generation. */
  public record ImageWire(String id, String url, @Json(name = "created_at") String createdAt) {}

  /** {@code usage}: credits charged and (for a queued generation) requested. */
  public record UsageWire(BigDecimal credits, @Json(name = "credits_requested") BigDecimal creditsRequested) {}

  /** A balance: {@code {credits, account_type, next_expiration}}. */
  public record BalanceWire(
      BigDecimal credits,
      @Json(name = "account_type") String accountType,
      @Json(name = "next_expiration") Object nextExpiration) {}

  /**
   * The credits endpoint: the balance fields at the top level (as inside a generation's {@code
   * balance}), or wrapped in {@code balance} or {@code data}.
   */
  public record CreditsWire(
      BigDecimal credits,
      @Json(name = "account_type") String accountType,
      @Json(name = "next_expiration") Object nextExpiration,
      BalanceWire balance,
      BalanceWire data) {}

  /**
   * One model. Only {@code reference_image_limit} is named by the documentation; the rest are read
   * under both likely spellings.
   */
  public record ModelWire(
      String id,
      String model,
      String provider,
      @Json(name = "aspect_ratios") List<String> aspectRatios,
      @Json(name = "supported_aspect_ratios") List<String> supportedAspectRatios,
      List<String> qualities,
      @Json(name = "supported_qualities") List<String> supportedQualities,
      @Json(name = "reference_image_limit") Integer referenceImageLimit,
      @Json(name = "credits_per_image") BigDecimal creditsPerImage,
      BigDecimal credits) {}

  /** The model list: {@code {data:[…]}} or {@code {models:[…]}}. */
  public record ModelListWire(List<ModelWire> data, List<ModelWire> models) {}

  private static final Type MODEL_LIST = Types.newParameterizedType(List.class, ModelWire.class);

  /** Reads a generation log; image URLs are fetched through {@code downloader}, without the key. */
  public static ResponseReader<GptImageHubGeneration> generation(String vendor, MediaDownloader downloader) {
    return ResponseReader.<GenerationWire, GptImageHubGeneration>json(GenerationWire.class,
        (wire, raw) -> generation(vendor, downloader, wire, raw));
  }

  /** Reads the credits endpoint. */
  public static ResponseReader<GptImageHubBalance> credits() {
    return ResponseReader.<CreditsWire, GptImageHubBalance>json(CreditsWire.class, (wire, raw) -> {
      BalanceWire nested = wire.balance() != null ? wire.balance() : wire.data();
      if (wire.credits() == null && nested != null) {
        Object inner = raw.get(wire.balance() != null ? "balance" : "data");
        return balance(nested, rawOf(inner));
      }
      return balance(new BalanceWire(wire.credits(), wire.accountType(), wire.nextExpiration()), raw);
    });
  }

  /** Reads the model list: a bare array, or one wrapped in {@code data} or {@code models}. */
  public static ResponseReader<List<GptImageHubModel>> models(String vendor) {
    ResponseReader<RawJson> json = ResponseReader.rawJson();
    return answer -> {
      RawJson raw = json.read(answer);
      List<ModelWire> entries;
      List<?> rawEntries;
      try {
        if (raw.value() instanceof List<?> list) {
          entries = GptImageHubWire.<List<ModelWire>>adapter(MODEL_LIST).fromJson(raw.text());
          rawEntries = list;
        } else {
          ModelListWire wrapper = GptImageHubWire.<ModelListWire>adapter(ModelListWire.class).fromJson(raw.text());
          boolean data = wrapper != null && wrapper.data() != null;
          entries = wrapper == null ? null : data ? wrapper.data() : wrapper.models();
          rawEntries = raw.get(data ? "data" : "models") instanceof List<?> l ? l : List.of();
        }
      } catch (JsonDataException | IOException e) {
        throw new AigwException(vendor, "the model list is not the JSON expected: " + e.getMessage(), e);
      }
      List<GptImageHubModel> models = new ArrayList<>();
      if (entries != null) {
        for (int i = 0; i < entries.size(); i++) {
          ModelWire m = entries.get(i);
          String id = m == null ? null : m.id() != null ? m.id() : m.model();
          if (id == null || id.isBlank()) {
            continue;
          }
          Object entry = i < rawEntries.size() ? rawEntries.get(i) : Map.of();
          models.add(new GptImageHubModel(id, m.provider(),
              m.aspectRatios() != null ? m.aspectRatios() : m.supportedAspectRatios(),
              m.qualities() != null ? m.qualities() : m.supportedQualities(),
              m.referenceImageLimit(),
              m.creditsPerImage() != null ? m.creditsPerImage() : m.credits(),
              rawOf(entry)));
        }
      }
      return List.copyOf(models);
    };
  }

  /**
   * What one poll of a generation says, with the result made by {@code result} once it succeeded.
   */
  public static <T> OperationSnapshot<T> snapshot(String id, GptImageHubGeneration g,
      Function<GptImageHubGeneration, T> result) {
    OperationStatus status = g.operationStatus();
    if (status == OperationStatus.SUCCEEDED) {
      return OperationSnapshot.succeeded(id, g.status(), result.apply(g), g.raw());
    }
    if (status.isTerminal()) {
      return OperationSnapshot.failed(id, status, g.status(), g.errorCode(), g.errorMessage(), g.raw());
    }
    return OperationSnapshot.of(id, status, g.status(), g.raw());
  }

  private static GptImageHubGeneration generation(String vendor, MediaDownloader downloader, GenerationWire w,
      RawJson raw) {
    List<GeneratedImage> images = new ArrayList<>();
    if (w.images() != null) {
      for (ImageWire image : w.images()) {
        if (image != null && image.url() != null && !image.url().isBlank()) {
          images.add(new GeneratedImage(vendor, image.url(), null, null, null, downloader));
        }
      }
    }
    String errorCode = null;
    String errorMessage = null;
    if (w.error() instanceof Map<?, ?> error) {
      errorCode = text(error.get("code"));
      errorMessage = text(error.get("message"));
    } else if (w.error() instanceof String s) {
      errorMessage = s;
    }
    GptImageHubBalance balance = null;
    if (w.balance() != null) {
      balance = balance(w.balance(), rawOf(raw.get("balance")));
    }
    return new GptImageHubGeneration(w.id(), w.status(), w.model(), w.aspectRatio(), w.quality(),
        instant(w.createdAt()), images,
        w.usage() == null ? null : w.usage().credits(),
        w.usage() == null ? null : w.usage().creditsRequested(),
        balance, w.pollUrl(), errorCode, errorMessage, raw);
  }

  private static GptImageHubBalance balance(BalanceWire b, RawJson raw) {
    RawJson expiration = b.nextExpiration() == null ? null : rawOf(b.nextExpiration());
    return new GptImageHubBalance(b.credits(), b.accountType(), expiration, raw);
  }

  private static Instant instant(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text.strip());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String text(Object value) {
    return value == null ? null : value instanceof String s ? s : String.valueOf(value);
  }

  /** The shared Moshi's adapter for {@code type} (core's {@code Json}, named apart from Moshi's {@code @Json}). */
  private static <T> JsonAdapter<T> adapter(Type type) {
    return dev.aigw.core.spi.Json.adapter(type);
  }

  /** A parsed value as JSON again (for the {@code raw()} of a part of an answer). */
  private static RawJson rawOf(Object value) {
    return dev.aigw.core.spi.Json.raw(dev.aigw.core.spi.Json.toJson(value));
  }
}
