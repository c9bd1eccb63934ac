package dev.aigw.core.media;

import java.io.IOException;
import java.io.InputStream;

/**
 * Fetches generated media from a URL. The runtime's implementation follows redirects and never
 * sends an API key.
 */
public interface MediaDownloader {
  /**
   * Opens the body of {@code url}; the caller closes the stream.
   *
   * @param url an absolute http or https URL
   * @return the body as a stream
   * @throws IOException when the download fails (an HTTP error status included)
   */
  InputStream open(String url) throws IOException;
}
