package dev.aigw.core.internal;

import dev.aigw.core.error.AigwException;
import dev.aigw.core.error.ApiException;
import dev.aigw.core.error.ErrorDetails;
import dev.aigw.core.error.MalformedResponseException;
import dev.aigw.core.error.StreamException;
import dev.aigw.core.http.RateLimit;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.HttpAnswer;
import dev.aigw.core.spi.ResponseReader;
import java.io.IOException;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads OkHttp answers: a successful one through the endpoint's {@link ResponseReader} into a
 * {@link RawResponse} (headers, request id, rate limit, attempts, time), an error answer into the
 * {@link ErrorDetails} of the vendor's {@link ApiException} with no credential in it, and a 200
 * that should have been a stream but is not into a {@link StreamException}; writes the DEBUG line
 * of each answer. Thread-safe; one per transport.
 */
final class AnswerReader {
  private static final Logger LOG = LoggerFactory.getLogger("dev.aigw.http");
  /** The most of an error body (or a body refused as a stream) that is read, in bytes. */
  private static final int CAP = 64 * 1024;

  private final TransportConfig config;
  private final RequestEncoder encoder;

  /** @param encoder where the URL of an external request is rebuilt, to scrub it from its error */
  AnswerReader(TransportConfig config, RequestEncoder encoder) {
    this.config = config;
    this.encoder = encoder;
  }

  /**
   * The value {@code reader} reads from a successful answer. A reader's exception that quotes the
   * key is replaced by one that masks it; for a paid call, any other failure to read is a
   * {@link MalformedResponseException} (the caller says what the accepted work means).
   */
  <T> T value(Response response, ResponseReader<T> reader, ApiRequest request) throws IOException {
    ResponseBody body = response.body();
    HttpAnswer answer = new HttpAnswer(config.vendor(), response.code(), response.headers(),
        body.contentType(), body.contentLength(), body.source());
    try {
      return reader.read(answer);
    } catch (AigwException e) {
      throw SecretHygiene.withoutKey(e, config.apiKey(), request.headers());
    } catch (RuntimeException e) {
      if (!request.retrySafety().paid()) {
        throw e;
      }
      throw SecretHygiene.withoutKey(new MalformedResponseException(config.vendor(), "[" + config.vendor()
          + "] the answer to " + request.describe() + " could not be read: " + e, e), config.apiKey(),
          request.headers());
    }
  }

  /**
   * The {@link RawResponse} of a successful answer whose value was read.
   *
   * @param attempts how many attempts the call took
   * @param startNanos when the call started ({@link System#nanoTime()})
   */
  <T> RawResponse<T> response(Response response, RateLimit rateLimit, int attempts, long startNanos, T value) {
    return new RawResponse<>(response.code(), headerMap(response.headers()),
        HttpHeaders.requestId(response.headers()), rateLimit,
        attempts, Duration.ofNanos(System.nanoTime() - startNanos), value);
  }

  /**
   * The {@code <--} line at DEBUG: status, request, this attempt's time, the whole call's time when
   * it took more than one attempt (waits included), and the gateway's request id (from a header,
   * or from an error body when {@code requestId} is given).
   *
   * @param what the request (and the operation it polls)
   * @param attempt the attempt that got the answer (1 for the first)
   * @param attemptStartNanos when the attempt started ({@link System#nanoTime()})
   * @param startNanos when the call started
   * @param requestId the request id read from an error body, or {@code null} to take the header's
   */
  void log(Response response, String what, int attempt, long attemptStartNanos, long startNanos, String requestId) {
    if (LOG.isDebugEnabled()) {
      long now = System.nanoTime();
      String rid = requestId != null ? requestId : HttpHeaders.requestId(response.headers());
      LOG.debug("[{}] <-- {} {} ({} ms{}{})", config.vendor(), response.code(), what,
          (now - attemptStartNanos) / 1_000_000,
          attempt > 1 ? "; " + (now - startNanos) / 1_000_000 + " ms in all over " + attempt + " attempts" : "",
          rid == null ? "" : "; request id " + rid);
    }
  }

  /**
   * What an error answer says (its body read up to 64 KiB and parsed), with the request's
   * credential headers masked, and an external host's URL scrubbed from what it quoted.
   *
   * @param rateLimit the answer's rate-limit headers, already read
   */
  ErrorDetails errorDetails(Response response, ApiRequest request, RateLimit rateLimit) throws IOException {
    ResponseBody body = response.body();
    String text = readCapped(body);
    ErrorDetails details = ErrorBodyParser.parse(config.vendor(), response.code(),
        body.contentType() == null ? null : body.contentType().toString(), text,
        HttpHeaders.requestId(response.headers()), rateLimit, config.apiKey());
    details = SecretHygiene.withoutHeaderSecrets(details, request.headers());
    if (request.isExternal()) {
      details = SecretHygiene.fromExternalHost(details, encoder.url(request), request.method());
    }
    return details;
  }

  /**
   * A 200 that is JSON or HTML is not a stream (a gateway that ignored {@code stream: true}, or a
   * proxy page): say so instead of ending the stream with nothing. Closes {@code response} when
   * it throws.
   */
  void refuseNonStream(Response response, ApiRequest request) {
    MediaType type = response.body().contentType();
    String subtype = type == null ? "" : type.subtype().toLowerCase(Locale.ROOT);
    if (!subtype.contains("json") && !subtype.contains("html")) {
      return;
    }
    String text;
    try (response) {
      text = readCapped(response.body());
    } catch (IOException e) {
      text = "";
    }
    if (config.apiKey() != null) {
      text = config.apiKey().redactIn(text);
    }
    String snippet = text.length() > 300 ? text.substring(0, 300) + "…" : text;
    throw new StreamException(config.vendor(), "[" + config.vendor() + "] " + request.describe()
        + " expected an event stream but the server answered " + type + ": " + snippet, null, null);
  }

  /** At most the first 64 KiB of {@code body}, as UTF-8. */
  static String readCapped(ResponseBody body) throws IOException {
    BufferedSource source = body.source();
    source.request(CAP);
    long size = Math.min(source.getBuffer().size(), CAP);
    return source.getBuffer().readUtf8(size);
  }

  /**
   * The answer's headers as an immutable map of lower-case names to immutable lists of values, in
   * order. Every successful call builds one, so it is made in one pass over the headers, without
   * the case-insensitive name set and per-name scans of {@code Headers.names()} / {@code values()}.
   */
  static Map<String, List<String>> headerMap(Headers headers) {
    int n = headers.size();
    HeaderEntry[] entries = new HeaderEntry[n];
    int count = 0;
    for (int i = 0; i < n; i++) {
      String name = headers.name(i).toLowerCase(Locale.ROOT);
      int at = -1;
      for (int j = 0; j < count; j++) {
        if (entries[j].getKey().equals(name)) {
          at = j;
          break;
        }
      }
      if (at < 0) {
        entries[count++] = new HeaderEntry(name, List.of(headers.value(i)));
      } else { // a repeated header (Vary, Set-Cookie …): rare, so copying its few values is fine
        List<String> values = new ArrayList<>(entries[at].getValue());
        values.add(headers.value(i));
        entries[at] = new HeaderEntry(name, List.copyOf(values));
      }
    }
    return Map.ofEntries(Arrays.copyOf(entries, count));
  }

  /**
   * One name and its values in {@link #headerMap}: a non-generic entry type, so that the array of
   * entries is created without a raw type; the same size as a {@code Map.entry}.
   */
  private static final class HeaderEntry extends AbstractMap.SimpleImmutableEntry<String, List<String>> {
    HeaderEntry(String name, List<String> values) {
      super(name, values);
    }
  }
}
