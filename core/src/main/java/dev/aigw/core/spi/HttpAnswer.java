package dev.aigw.core.spi;

import java.io.IOException;
import okhttp3.Headers;
import okhttp3.MediaType;
import okio.BufferedSource;

/**
 * A successful HTTP answer, handed to a {@link ResponseReader} while its body is still open.
 *
 * @param vendor vendor name
 * @param status HTTP status
 * @param headers response headers
 * @param contentType the body's content type, or {@code null}
 * @param contentLength the body's length, or -1
 * @param source the body, read once
 */
public record HttpAnswer(
    String vendor, int status, Headers headers, MediaType contentType, long contentLength, BufferedSource source) {

  /**
   * The whole body as UTF-8 text.
   *
   * @return the text; the body is consumed
   * @throws IOException when reading the body fails
   */
  public String text() throws IOException {
    return source.readUtf8();
  }

  /**
   * Whether the content type says JSON.
   *
   * @return {@code true} when the content type's subtype contains {@code json}
   */
  public boolean isJson() {
    return contentType != null && contentType.subtype().toLowerCase(java.util.Locale.ROOT).contains("json");
  }
}
