package dev.aigw.gptimage2;

import dev.aigw.core.VendorOption;
import java.util.List;

/**
 * gptimage2.plus-only generation settings, attached with {@code
 * ImageRequest.builder().vendorOption(…)}.
 *
 * @param idempotencyKey your own {@code Idempotency-Key} (for example your order id), so that a
 *     resubmission after a crash returns the existing generation; {@code null} to have one
 *     generated per submission
 * @param inputImageKeys keys of images you uploaded already (from {@link GptImage2Uploads}); they
 *     count towards the limit of 4 input images together with the request's references
 */
public record GptImage2Options(String idempotencyKey, List<String> inputImageKeys) implements VendorOption {

  /** Copies the list. */
  public GptImage2Options {
    inputImageKeys = inputImageKeys == null ? List.of() : List.copyOf(inputImageKeys);
  }

  /** Only an idempotency key. */
  public static GptImage2Options idempotencyKey(String key) {
    return new GptImage2Options(key, null);
  }

  /** Only input image keys. */
  public static GptImage2Options inputImageKeys(List<String> keys) {
    return new GptImage2Options(null, keys);
  }

  @Override
  public String vendor() {
    return GptImage2Client.VENDOR;
  }
}
