package dev.aigw.core.internal;

import dev.aigw.core.media.MediaDownloader;
import dev.aigw.core.spi.Urls;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads generated media: follows redirects, sends no API key (result URLs carry their own
 * credential, and a file host must never see the key), and never logs a URL whole.
 */
public final class HttpDownloader implements MediaDownloader {
  private static final Logger LOG = LoggerFactory.getLogger("dev.aigw.http");

  private final OkHttpClient client;
  private final String vendor;

  /** @param base the client to derive from; @param vendor vendor name for logs */
  public HttpDownloader(OkHttpClient base, String vendor, Duration idleTimeout) {
    this.client = base.newBuilder()
        .followRedirects(true)
        .followSslRedirects(true)
        .readTimeout(idleTimeout)
        .build();
    this.vendor = vendor;
  }

  @Override
  public InputStream open(String url) throws IOException {
    HttpUrl parsed = HttpUrl.parse(url);
    if (parsed == null) {
      throw new IOException("not an http(s) URL: " + Urls.redact(url));
    }
    Request request = new Request.Builder().url(parsed).header("User-Agent", Transport.userAgent(vendor)).build();
    long start = System.nanoTime();
    Response response = client.newCall(request).execute();
    if (!response.isSuccessful()) {
      int code = response.code();
      response.close();
      throw new IOException("download from " + Urls.redact(url) + " failed with HTTP " + code);
    }
    LOG.debug("[{}] download {} -> {} ({} ms)", vendor, Urls.redact(url), response.code(),
        (System.nanoTime() - start) / 1_000_000);
    return new FilterInputStream(response.body().byteStream()) {
      @Override
      public void close() throws IOException {
        try {
          super.close();
        } finally {
          response.close();
        }
      }
    };
  }
}
