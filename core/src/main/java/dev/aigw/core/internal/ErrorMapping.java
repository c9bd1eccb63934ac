package dev.aigw.core.internal;

import dev.aigw.core.Secret;
import dev.aigw.core.error.ApiException;
import dev.aigw.core.error.AuthenticationException;
import dev.aigw.core.error.BadRequestException;
import dev.aigw.core.error.ContentPolicyException;
import dev.aigw.core.error.ErrorDetails;
import dev.aigw.core.error.NotFoundException;
import dev.aigw.core.error.PaymentRequiredException;
import dev.aigw.core.error.PermissionDeniedException;
import dev.aigw.core.error.RateLimitException;
import dev.aigw.core.error.ServerException;
import dev.aigw.core.error.UpstreamTimeoutException;
import dev.aigw.core.http.RateLimit;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an error answer into the right exception. Reads every error shape the gateways use
 * ({@code {error:{message,type,code}}}, {@code {error:"…", details:"…"}}, {@code {code,
 * message}}, {@code {message}}, {@code {detail}}), plain text and proxies' HTML pages. A provider
 * declares, as data, which statuses and codes mean what for its vendor.
 */
public final class ErrorMapping {

  /** The exception an error becomes. */
  public enum Kind {
    /** {@link BadRequestException}. */
    BAD_REQUEST,
    /** {@link AuthenticationException}. */
    AUTHENTICATION,
    /** {@link PaymentRequiredException}. */
    PAYMENT_REQUIRED,
    /** {@link PermissionDeniedException}. */
    PERMISSION_DENIED,
    /** {@link NotFoundException}. */
    NOT_FOUND,
    /** {@link ContentPolicyException}. */
    CONTENT_POLICY,
    /** {@link RateLimitException}. */
    RATE_LIMIT,
    /** {@link ServerException}. */
    SERVER,
    /** {@link UpstreamTimeoutException}. */
    UPSTREAM_TIMEOUT,
    /** A plain {@link ApiException}. */
    OTHER
  }

  /** The standard mapping: by HTTP status only. */
  public static final ErrorMapping STANDARD = builder().build();

  private static final int BODY_SNIPPET = 4096;
  private static final Pattern TITLE = Pattern.compile("<title[^>]*>(.*?)</title>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private final Map<Integer, Kind> byStatus;
  private final Map<String, Kind> byCode;

  private ErrorMapping(Map<Integer, Kind> byStatus, Map<String, Kind> byCode) {
    this.byStatus = Map.copyOf(byStatus);
    this.byCode = Map.copyOf(byCode);
  }

  /** A builder starting from the standard status mapping. */
  public static Builder builder() {
    return new Builder();
  }

  /** The kind for a status when nothing overrides it. */
  public static Kind standardKind(int status) {
    return switch (status) {
      case 400, 409, 413, 415 -> Kind.BAD_REQUEST;
      case 401 -> Kind.AUTHENTICATION;
      case 402 -> Kind.PAYMENT_REQUIRED;
      case 403 -> Kind.PERMISSION_DENIED;
      case 404 -> Kind.NOT_FOUND;
      case 422 -> Kind.CONTENT_POLICY;
      case 429 -> Kind.RATE_LIMIT;
      case 504 -> Kind.UPSTREAM_TIMEOUT;
      default -> status >= 500 ? Kind.SERVER : Kind.OTHER;
    };
  }

  /** The kind this mapping gives an error: a code rule first, then a status rule, then the standard. */
  public Kind kindOf(int status, String code, String type) {
    if (code != null && byCode.containsKey(code)) {
      return byCode.get(code);
    }
    if (type != null && byCode.containsKey(type)) {
      return byCode.get(type);
    }
    return byStatus.getOrDefault(status, standardKind(status));
  }

  /** The exception for {@code details}. */
  public ApiException toException(ErrorDetails details) {
    return switch (kindOf(details.status(), details.code(), details.type())) {
      case BAD_REQUEST -> new BadRequestException(details);
      case AUTHENTICATION -> new AuthenticationException(details);
      case PAYMENT_REQUIRED -> new PaymentRequiredException(details);
      case PERMISSION_DENIED -> new PermissionDeniedException(details);
      case NOT_FOUND -> new NotFoundException(details);
      case CONTENT_POLICY -> new ContentPolicyException(details);
      case RATE_LIMIT -> new RateLimitException(details);
      case SERVER -> new ServerException(details);
      case UPSTREAM_TIMEOUT -> new UpstreamTimeoutException(details);
      case OTHER -> new ApiException(details);
    };
  }

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
              ? String.join(".", p.stream().map(ErrorMapping::string).map(String::valueOf).toList()) : null;
          parts.add(path == null ? text : path + ": " + text);
        }
      }
    } else if (value instanceof Map<?, ?> map) {
      if (map.get("issues") instanceof List<?> issues) {
        return validationIssues(issues);
      }
      if (map.get("formErrors") instanceof List<?> form) {
        form.stream().map(ErrorMapping::string).filter(t -> t != null && !t.isBlank()).forEach(parts::add);
      }
      if (map.get("fieldErrors") instanceof Map<?, ?> fields) {
        for (Map.Entry<?, ?> f : fields.entrySet()) {
          if (f.getValue() instanceof List<?> texts) {
            texts.stream().map(ErrorMapping::string).filter(t -> t != null && !t.isBlank())
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

  /** Builds {@link ErrorMapping}. */
  public static final class Builder {
    private final Map<Integer, Kind> byStatus = new HashMap<>();
    private final Map<String, Kind> byCode = new HashMap<>();

    private Builder() {}

    /** Errors with this HTTP status become {@code kind}. */
    public Builder status(int status, Kind kind) {
      byStatus.put(status, kind);
      return this;
    }

    /** Errors with this vendor code (or type) become {@code kind}, whatever the status. */
    public Builder code(String code, Kind kind) {
      byCode.put(code, kind);
      return this;
    }

    /** The mapping. */
    public ErrorMapping build() {
      return new ErrorMapping(byStatus, byCode);
    }
  }
}
