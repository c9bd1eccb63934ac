package dev.aigw.cheapsub;

import dev.aigw.core.VendorOption;

/**
 * CheapSub-only image settings, attached with {@code ImageRequest.builder().vendorOption(…)}.
 *
 * @param callbackUrl a URL CheapSub POSTs to when the task ends, or {@code null}
 * @param failedIfNoImage when {@code true}, a task whose image the safety filter suppressed
 *     ends {@code failed} instead of succeeding empty (the credits are still charged), or {@code
 *     null} for the vendor's default
 */
public record CheapSubImageOptions(String callbackUrl, Boolean failedIfNoImage) implements VendorOption {

  /**
   * Only a callback URL.
   *
   * @param url the URL CheapSub POSTs to when the task ends
   * @return options with only {@code callback_url} set
   */
  public static CheapSubImageOptions callbackUrl(String url) {
    return new CheapSubImageOptions(url, null);
  }

  /**
   * Only {@code failed_if_no_image}.
   *
   * @param value whether a task whose image the safety filter suppressed ends {@code failed}
   * @return options with only {@code failed_if_no_image} set
   */
  public static CheapSubImageOptions failedIfNoImage(boolean value) {
    return new CheapSubImageOptions(null, value);
  }

  @Override
  public String vendor() {
    return CheapSubClient.VENDOR;
  }
}
