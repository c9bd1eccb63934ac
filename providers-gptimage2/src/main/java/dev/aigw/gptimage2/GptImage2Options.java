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

  /**
   * Copies the list.
   *
   * @param idempotencyKey your own key, or {@code null}
   * @param inputImageKeys keys of uploaded images; {@code null} becomes empty
   */
  public GptImage2Options {
    inputImageKeys = inputImageKeys == null ? List.of() : List.copyOf(inputImageKeys);
  }

  /**
   * Only an idempotency key.
   *
   * @param key the {@code Idempotency-Key} to send with every attempt
   * @return options with only the key set
   */
  public static GptImage2Options idempotencyKey(String key) {
    return new GptImage2Options(key, null);
  }

  /**
   * Only input image keys.
   *
   * @param keys keys from {@link GptImage2Uploads#upload}
   * @return options with only the input image keys set
   */
  public static GptImage2Options inputImageKeys(List<String> keys) {
    return new GptImage2Options(null, keys);
  }

  @Override
  public String vendor() {
    return GptImage2Client.VENDOR;
  }
}
