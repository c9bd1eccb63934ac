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

  /** The whole body as UTF-8 text. */
  public String text() throws IOException {
    return source.readUtf8();
  }

  /** Whether the content type says JSON. */
  public boolean isJson() {
    return contentType != null && contentType.subtype().toLowerCase(java.util.Locale.ROOT).contains("json");
  }
}
