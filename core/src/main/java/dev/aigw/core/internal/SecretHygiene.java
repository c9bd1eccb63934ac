package dev.aigw.core.internal;

import dev.aigw.core.Secret;
import dev.aigw.core.error.AigwException;
import dev.aigw.core.error.ErrorDetails;
import dev.aigw.core.error.MalformedResponseException;
import dev.aigw.core.spi.HttpMethod;
import dev.aigw.core.spi.Urls;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * Keeps credentials out of what a failed call shows: the API key a reader quoted from an answer,
 * the request's credential headers a server echoed back, and the signed URL of an external host
 * (a presigned upload) quoted in its error. Stateless.
 */
final class SecretHygiene {
  /** Request headers whose values are credentials, masked in anything a server echoes back. */
  private static final Set<String> CREDENTIAL_HEADERS =
      Set.of("cookie", "authorization", "proxy-authorization", "x-api-key");

  private SecretHygiene() {}

  /**
   * {@code e}, or a plain copy with {@code key} and the request's credential headers masked when a
   * reader quoted an answer echoing them.
   *
   * @param requestHeaders the headers the request added to the transport's own
   */
  static AigwException withoutKey(AigwException e, Secret key, Map<String, String> requestHeaders) {
    String message = e.getMessage();
    if (message == null) {
      return e;
    }
    String masked = key == null ? message : key.redactIn(message);
    for (Secret secret : headerSecrets(requestHeaders)) {
      masked = secret.redactIn(masked);
    }
    if (masked.equals(message)) {
      return e;
    }
    AigwException safe = e instanceof MalformedResponseException
        ? new MalformedResponseException(e.vendor(), masked, null)
        : new AigwException(e.vendor(), masked, null);
    safe.setStackTrace(e.getStackTrace());
    return safe;
  }

  /**
   * The credentials among {@code requestHeaders}: each credential header's value and, for a value
   * with an auth scheme ({@code Bearer <token>}), the token alone, which a server may echo bare.
   */
  private static List<Secret> headerSecrets(Map<String, String> requestHeaders) {
    if (requestHeaders.isEmpty()) {
      return List.of();
    }
    List<Secret> out = new ArrayList<>();
    for (Map.Entry<String, String> h : requestHeaders.entrySet()) {
      String value = h.getValue();
      if (value == null || value.isBlank() || !CREDENTIAL_HEADERS.contains(h.getKey().toLowerCase(Locale.ROOT))) {
        continue;
      }
      out.add(Secret.of(value));
      int space = value.indexOf(' ');
      if (space > 0 && value.length() - space - 1 >= 8) {
        out.add(Secret.of(value.substring(space + 1).strip()));
      }
    }
    return out;
  }

  /**
   * {@code d} with the values of the request's credential headers (a session {@code Cookie}, for
   * one, or the token of an {@code Authorization: Bearer} header) masked wherever the server
   * echoed them.
   *
   * @param requestHeaders the headers the request added to the transport's own
   */
  static ErrorDetails withoutHeaderSecrets(ErrorDetails d, Map<String, String> requestHeaders) {
    ErrorDetails out = d;
    for (Secret secret : headerSecrets(requestHeaders)) {
      out = new ErrorDetails(out.vendor(), out.status(), out.code(), out.type(), secret.redactIn(out.message()),
          secret.redactIn(out.requestId()), out.retryAfter(), out.rateLimit(), secret.redactIn(out.body()));
    }
    return out;
  }

  /**
   * An error from another host (a presigned upload URL): it names that host by scheme and host
   * only, and loses every piece of the URL it echoed (storage hosts quote the signed request
   * back, and its signature is a credential).
   *
   * @param url the URL the request went to
   * @param method the request's method
   */
  static ErrorDetails fromExternalHost(ErrorDetails d, HttpUrl url, HttpMethod method) {
    String message = "the host " + Urls.redact(url.toString()) + " answered " + method
        + " with: " + scrubUrl(d.message(), url);
    return new ErrorDetails(d.vendor(), d.status(), d.code(), d.type(), message, d.requestId(), d.retryAfter(),
        d.rateLimit(), scrubUrl(d.body(), url));
  }

  /**
   * {@code text} without the path, the query, or any query value (encoded or not) of {@code url}:
   * what is left of a URL quoted in an answer shows no credential.
   */
  static String scrubUrl(String text, HttpUrl url) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    List<String> parts = new ArrayList<>();
    String encodedQuery = url.encodedQuery();
    if (encodedQuery != null) {
      parts.add(encodedQuery);
      parts.add(url.query());
      for (String pair : encodedQuery.split("&")) {
        int eq = pair.indexOf('=');
        if (eq >= 0) {
          parts.add(pair.substring(eq + 1));
        }
      }
      for (String name : url.queryParameterNames()) {
        parts.addAll(url.queryParameterValues(name));
      }
    }
    parts.add(url.encodedPath());
    parts.add(String.join("/", url.pathSegments()));
    parts.removeIf(p -> p == null || p.length() < 4);
    parts.sort((a, b) -> Integer.compare(b.length(), a.length()));
    String out = text;
    for (String p : parts) {
      out = out.replace(p, "…");
    }
    return out;
  }
}
