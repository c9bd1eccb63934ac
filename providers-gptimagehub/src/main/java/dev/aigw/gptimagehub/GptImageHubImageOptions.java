package dev.aigw.gptimagehub;

import dev.aigw.core.VendorOption;

/**
 * GPTImageHub-only image settings, attached with {@code ImageRequest.builder().vendorOption(…)}.
 *
 * @param autoSize send {@code size: "auto"} and let GPTImageHub choose the output size (an exact
 *     size goes in the neutral {@code size(width, height)} instead; the two are exclusive)
 */
public record GptImageHubImageOptions(boolean autoSize) implements VendorOption {

  /** {@code size: "auto"}. */
  public static final GptImageHubImageOptions AUTO_SIZE = new GptImageHubImageOptions(true);

  @Override
  public String vendor() {
    return GptImageHubClient.VENDOR;
  }
}
