package dev.aigw.icodeeasy;

import dev.aigw.core.VendorOption;

/**
 * icodeeasy-only image settings, attached with {@code ImageRequest.builder().vendorOption(…)}.
 *
 * @param endpoint which of the two equivalent endpoints to call, or {@code null} for the default:
 *     {@code /v1/images/generations} without reference images, {@code /v1/images/edits} with them
 * @param localReferences how reference images held locally (a file or bytes) are sent, or {@code
 *     null} for the default, {@link LocalReferences#MULTIPART}
 */
public record ICodeEasyImageOptions(Endpoint endpoint, LocalReferences localReferences) implements VendorOption {

  /** The two endpoints; the docs say they behave and bill the same. */
  public enum Endpoint {
    /** {@code POST /v1/images/generations}. */
    GENERATIONS("/v1/images/generations"),
    /** {@code POST /v1/images/edits} (OpenAI's native edits style). */
    EDITS("/v1/images/edits");

    private final String path;

    Endpoint(String path) {
      this.path = path;
    }

    /** {@return the path below the base URL} */
    public String path() {
      return path;
    }
  }

  /** How a request whose references include a local file or bytes goes on the wire. */
  public enum LocalReferences {
    /**
     * {@code multipart/form-data}: every reference is an {@code image[]} file part, files streamed
     * from disk and {@code data:} URLs decoded as they are sent. A remote {@code https://} URL cannot
     * be a file part, so a request that mixes one with a local file is refused before sending (use
     * {@link #JSON_DATA_URLS}, or download the image first).
     */
    MULTIPART,
    /**
     * JSON: every local reference is read and inlined as a {@code data:image/…;base64,} value in
     * {@code image_urls}, beside any {@code https://} URLs (mixing is allowed). The encoded images
     * are held in memory.
     */
    JSON_DATA_URLS
  }

  /**
   * Only the endpoint.
   *
   * @param endpoint the endpoint to call
   * @return options with only the endpoint set
   */
  public static ICodeEasyImageOptions endpoint(Endpoint endpoint) {
    return new ICodeEasyImageOptions(endpoint, null);
  }

  /**
   * Only how local references are sent.
   *
   * @param how how local references go on the wire
   * @return options with only that set
   */
  public static ICodeEasyImageOptions localReferences(LocalReferences how) {
    return new ICodeEasyImageOptions(null, how);
  }

  @Override
  public String vendor() {
    return ICodeEasyClient.VENDOR;
  }
}
