package dev.aigw.core.spi;

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
import java.util.HashMap;
import java.util.Map;

/**
 * A vendor's error table: which HTTP statuses and which vendor error codes (or types) become which
 * exception of the {@link dev.aigw.core.error.ApiException} tree. A provider declares it as data in
 * its {@link VendorSpec}; the runtime reads the error body (every shape the gateways use) and asks
 * this table which exception to throw. Immutable.
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


  private final Map<Integer, Kind> byStatus;
  private final Map<String, Kind> byCode;

  private ErrorMapping(Map<Integer, Kind> byStatus, Map<String, Kind> byCode) {
    this.byStatus = Map.copyOf(byStatus);
    this.byCode = Map.copyOf(byCode);
  }

  /**
   * A builder starting from the standard status mapping.
   *
   * @return a new builder with no rules of its own
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The kind for a status when nothing overrides it.
   *
   * @param status the HTTP status
   * @return the standard kind: 400, 409, 413 and 415 a bad request, 401 authentication, 402 payment
   *     required, 403 permission denied, 404 not found, 422 content policy, 429 rate limit, 504 an
   *     upstream timeout, any other 5xx a server error, anything else {@link Kind#OTHER}
   */
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

  /**
   * The kind this mapping gives an error: a code rule first, then a status rule, then the standard.
   *
   * @param status the HTTP status
   * @param code the vendor's error code, or {@code null}
   * @param type the vendor's error type, or {@code null}; looked up among the code rules after
   *     {@code code}
   * @return the kind
   */
  public Kind kindOf(int status, String code, String type) {
    if (code != null && byCode.containsKey(code)) {
      return byCode.get(code);
    }
    if (type != null && byCode.containsKey(type)) {
      return byCode.get(type);
    }
    return byStatus.getOrDefault(status, standardKind(status));
  }

  /**
   * The exception for {@code details}.
   *
   * @param details the parsed error: status, code, type and message
   * @return the exception of {@link #kindOf}'s kind, not thrown yet
   */
  public ApiException toException(ErrorDetails details) {
    return toException(details, null, null);
  }

  /**
   * The exception for {@code details}, with what the runtime adds to the server's answer.
   *
   * @param details what the server said
   * @param note why the call was not retried and what recovery is possible, appended to the
   *     message, or {@code null}
   * @param idempotencyKey the idempotency key the call was sent with, for recovery, or {@code null}
   * @return the exception of the kind this table gives the error
   */
  public ApiException toException(ErrorDetails details, String note, String idempotencyKey) {
    return switch (kindOf(details.status(), details.code(), details.type())) {
      case BAD_REQUEST -> new BadRequestException(details, note, idempotencyKey);
      case AUTHENTICATION -> new AuthenticationException(details, note, idempotencyKey);
      case PAYMENT_REQUIRED -> new PaymentRequiredException(details, note, idempotencyKey);
      case PERMISSION_DENIED -> new PermissionDeniedException(details, note, idempotencyKey);
      case NOT_FOUND -> new NotFoundException(details, note, idempotencyKey);
      case CONTENT_POLICY -> new ContentPolicyException(details, note, idempotencyKey);
      case RATE_LIMIT -> new RateLimitException(details, note, idempotencyKey);
      case SERVER -> new ServerException(details, note, idempotencyKey);
      case UPSTREAM_TIMEOUT -> new UpstreamTimeoutException(details, note, idempotencyKey);
      case OTHER -> new ApiException(details, note, idempotencyKey);
    };
  }

  /** Builds {@link ErrorMapping}. */
  public static final class Builder {
    private final Map<Integer, Kind> byStatus = new HashMap<>();
    private final Map<String, Kind> byCode = new HashMap<>();

    private Builder() {}

    /**
     * Errors with this HTTP status become {@code kind}.
     *
     * @param status the HTTP status
     * @param kind the exception it becomes
     * @return this builder
     */
    public Builder status(int status, Kind kind) {
      byStatus.put(status, kind);
      return this;
    }

    /**
     * Errors with this vendor code (or type) become {@code kind}, whatever the status.
     *
     * @param code the vendor's error code or type
     * @param kind the exception it becomes
     * @return this builder
     */
    public Builder code(String code, Kind kind) {
      byCode.put(code, kind);
      return this;
    }

    /**
     * The mapping.
     *
     * @return an immutable mapping with the rules added so far
     */
    public ErrorMapping build() {
      return new ErrorMapping(byStatus, byCode);
    }
  }
}
