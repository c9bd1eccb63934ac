package dev.aigw.core.internal;

import dev.aigw.core.Secret;
import dev.aigw.core.error.ErrorDetails;
import dev.aigw.core.http.RateLimit;
import dev.aigw.core.spi.Json;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an error answer's body into {@link ErrorDetails}: every error shape the gateways use
 * ({@code {error:{message,type,code}}}, {@code {error:"…", details:"…"}}, {@code {code,
 * message}}, {@code {message}}, {@code {detail}}, Zod's validation issues), plain text and proxies'
 * HTML pages, with the key scrubbed from anything the server echoed. Which exception the details
 * become is the vendor's {@link dev.aigw.core.spi.ErrorMapping}'s business.
 */
public final class ErrorBodyParser {
  private ErrorBodyParser() {}

  private static final int BODY_SNIPPET = 4096;
  private static final Pattern TITLE = Pattern.compile("<title[^>]*>(.*?)</title>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  /**
   * Reads an error body.
   *
   * @param vendor vendor name
   * @param status HTTP status
   * @param contentType the body's content type, or {@code null}
   * @param body the body text (may be empty)
   * @param requestId the request id header, or {@code null}
   * @param rateLimit the rate-limit headers
   * @param apiKey the key to scrub from anything the server echoed, or {@code null}
   */
  public static ErrorDetails parse(String vendor, int status, String contentType, String body,
      String requestId, RateLimit rateLimit, Secret apiKey) {
    String text = body == null ? "" : body;
    if (apiKey != null) {
      // before anything is taken from the body: a cut message must not keep part of the key
      text = apiKey.redactIn(text);
      requestId = apiKey.redactIn(requestId);
    }
    String code = null;
    String type = null;
    String message = null;
    Object tree = Json.tryParseTree(text);
    if (tree instanceof Map<?, ?> map) {
      Object error = map.get("error");
      if (error instanceof Map<?, ?> err) {
        message = string(err.get("message"));
        code = string(err.get("code"));
        type = string(err.get("type"));
        if (message == null) {
          message = string(err.get("detail"));
        }
      } else if (error instanceof String s) {
        message = s;
        String details = string(map.get("details"));
        if (details != null && !details.isBlank()) {
          message = message + " (" + details + ")";
        }
      }
      if (message == null) {
        message = firstString(map, "message", "detail", "error_description", "msg");
      }
      if (code == null) {
        code = string(map.get("code"));
        if ("0".equals(code)) {
          code = null;
        }
      }
      if (type == null) {
        type = string(map.get("type"));
      }
      if (requestId == null) {
        requestId = firstString(map, "request_id", "requestId");
      }
      // Zod's validation messages, beside the message or in place of it
      String issues = validationIssues(map);
      if (issues == null) {
        issues = validationIssues(error);
      }
      if (message == null && issues == null && map.get("issues") instanceof List<?> list && !list.isEmpty()) {
        issues = "invalid request: " + Json.toJson(list);
      }
      if (message == null) {
        message = issues;
      } else if (issues != null && !message.contains(issues)) {
        message = message + ": " + issues;
      }
    } else if (looksLikeHtml(contentType, text)) {
      Matcher m = TITLE.matcher(text);
      String title = m.find() ? m.group(1).replaceAll("\\s+", " ").strip() : null;
      message = "HTTP " + status + " with an HTML page instead of an API answer (likely from a proxy)"
          + (title == null || title.isEmpty() ? "" : ": " + title);
    } else if (!text.isBlank()) {
      String plain = text.strip();
      message = plain.length() > 300 ? plain.substring(0, 300) + "…" : plain;
    } else {
      message = "HTTP " + status + " with an empty body";
    }
    if (apiKey != null) {
      message = apiKey.redactIn(message);
      text = apiKey.redactIn(text);
    }
    String snippet = text.length() > BODY_SNIPPET ? text.substring(0, BODY_SNIPPET) : text;
    Duration retryAfter = rateLimit == null ? null : rateLimit.retryAfter();
    return new ErrorDetails(vendor, status, code, type, message, requestId, retryAfter, rateLimit, snippet);
  }

  /**
   * Validation errors in the shapes Zod produces, as {@code "path: message; path: message"}: a
   * list of issues ({@code [{path, message}]}), an object holding one ({@code {issues: […]}}), or
   * {@code flatten()}'s {@code {formErrors: […], fieldErrors: {field: […]}}}. {@code null} when
   * {@code value} is none of them.
   */
  static String validationIssues(Object value) {
    List<String> parts = new java.util.ArrayList<>();
    if (value instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof Map<?, ?> issue && issue.get("message") instanceof String text) {
          String path = issue.get("path") instanceof List<?> p && !p.isEmpty()
              ? String.join(".", p.stream().map(ErrorBodyParser::string).map(String::valueOf).toList()) : null;
          parts.add(path == null ? text : path + ": " + text);
        }
      }
    } else if (value instanceof Map<?, ?> map) {
      if (map.get("issues") instanceof List<?> issues) {
        return validationIssues(issues);
      }
      if (map.get("formErrors") instanceof List<?> form) {
        form.stream().map(ErrorBodyParser::string).filter(t -> t != null && !t.isBlank()).forEach(parts::add);
      }
      if (map.get("fieldErrors") instanceof Map<?, ?> fields) {
        for (Map.Entry<?, ?> f : fields.entrySet()) {
          if (f.getValue() instanceof List<?> texts) {
            texts.stream().map(ErrorBodyParser::string).filter(t -> t != null && !t.isBlank())
                .forEach(t -> parts.add(f.getKey() + ": " + t));
          }
        }
      }
    }
    return parts.isEmpty() ? null : String.join("; ", parts);
  }

  private static boolean looksLikeHtml(String contentType, String text) {
    if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("html")) {
      return true;
    }
    String start = text.stripLeading();
    return start.regionMatches(true, 0, "<!doctype html", 0, 14) || start.regionMatches(true, 0, "<html", 0, 5);
  }

  private static String firstString(Map<?, ?> map, String... keys) {
    for (String k : keys) {
      String v = string(map.get(k));
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }

  private static String string(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
      return String.valueOf(d.longValue());
    }
    if (value instanceof Number || value instanceof Boolean) {
      return String.valueOf(value);
    }
    return null;
  }

}
