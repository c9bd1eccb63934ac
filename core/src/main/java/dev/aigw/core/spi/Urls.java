package dev.aigw.core.spi;

import okhttp3.HttpUrl;

/**
 * URL helpers for providers. Result URLs and presigned upload URLs are credentials in themselves,
 * so anything shown in a log or a message passes through {@link #redact}.
 */
public final class Urls {
  private Urls() {}

  /**
   * A URL with everything but its scheme and host hidden, for logs and messages.
   *
   * @param url the URL
   * @return {@code scheme://host/…}, or {@code <unparsable url>}
   */
  public static String redact(String url) {
    HttpUrl parsed = url == null ? null : HttpUrl.parse(url);
    return parsed == null ? "<unparsable url>" : parsed.scheme() + "://" + parsed.host() + "/…";
  }

  /**
   * {@code url} with query parameter {@code name} set to {@code value} (an existing value is
   * replaced; the rest of the URL is kept as it was encoded). Used to ask a file host for a variant
   * of a result, e.g. {@code ?download=1}.
   *
   * @param url an absolute http(s) URL
   * @param name the parameter
   * @param value its value
   * @return the new URL
   * @throws IllegalArgumentException when {@code url} is not an absolute http(s) URL (the message
   *     shows only its scheme and host, since result URLs can be credentials)
   */
  public static String withQueryParameter(String url, String name, String value) {
    HttpUrl parsed = url == null ? null : HttpUrl.parse(url);
    if (parsed == null) {
      throw new IllegalArgumentException("not an absolute http(s) URL: " + (url == null ? "null" : redact(url)));
    }
    return parsed.newBuilder().setQueryParameter(name, value).build().toString();
  }
}
