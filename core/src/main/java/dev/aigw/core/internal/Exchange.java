package dev.aigw.core.internal;

import dev.aigw.core.cost.PriceEstimate;
import dev.aigw.core.error.AigwException;
import dev.aigw.core.error.ApiException;
import dev.aigw.core.error.ConnectionException;
import dev.aigw.core.error.ErrorDetails;
import dev.aigw.core.error.MalformedResponseException;
import dev.aigw.core.http.RateLimit;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.http.RetrySafety;
import dev.aigw.core.listener.CallInfo;
import dev.aigw.core.listener.OperationInfo;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.HttpMethod;
import dev.aigw.core.spi.Listeners;
import dev.aigw.core.spi.ResponseReader;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One logical call: its attempts, its idempotency key, its timing and deadline, and what its
 * listeners know of it. Makes the OkHttp call of each attempt (telling "never sent" from "maybe
 * sent"), reads a successful answer, and after a failure asks the {@link RetryRules} whether and
 * when to try again, logging each retry, or throws a failure that says why it was not retried.
 * Tells the listeners (when the client has any) of its start, attempts and end. Used by one
 * thread at a time (an attempt loop).
 */
final class Exchange {
  private static final Logger LOG = LoggerFactory.getLogger("dev.aigw.http");

  private final Transport transport;
  private final TransportConfig config;
  private final Listeners listeners;
  final ApiRequest request;
  private final long startNanos = System.nanoTime();
  /** The operation this call polls, for log lines, or {@code null}. */
  private final String operationId;
  private final OperationInfo operation;
  /** The call as listeners know it; {@code null} without listeners (then nothing is built). */
  private CallInfo callInfo;
  private boolean reported;
  private String generatedKey;
  private int attempt;
  private long attemptStartNanos;
  /** The status of the answer the current attempt got, or -1. */
  private int status = -1;
  private SendTracker tracker;

  /** A call of {@code request}; a poll names its operation (else both are {@code null}). */
  Exchange(Transport transport, ApiRequest request, String operationId, OperationInfo operation) {
    this.transport = transport;
    this.config = transport.config();
    this.listeners = transport.listeners();
    this.request = request;
    this.operationId = operationId;
    this.operation = operation;
  }

  /** The call as listeners know it, or {@code null} without listeners. */
  CallInfo callInfo() {
    return callInfo;
  }

  /**
   * Before the first attempt: describes the call to the listeners, lets the budget refuse a paid
   * call (nothing is sent then, and listeners hear nothing), and tells the listeners it starts.
   */
  void begin() {
    if (listeners.isEmpty()) {
      return;
    }
    HttpUrl target = request.isExternal() ? HttpUrl.parse(request.path()) : config.baseUrl();
    CallInfo info = listeners.describe(config.vendor(), request, target == null ? null : target.host(),
        target == null ? -1 : target.port(), operation);
    if (transport.budget != null && request.purpose() != null) {
      var price = request.purpose().price();
      transport.budget.admit(info, price != null ? price.get() : PriceEstimate.unknown(config.vendor(),
          config.vendor() + " publishes no price for " + request.describe()));
    }
    callInfo = info;
    listeners.callStarted(info);
  }

  /** Tells the listeners the attempt and the call succeeded (once). */
  void succeeded(Response response, RateLimit rateLimit, Object body) {
    if (callInfo == null || reported) {
      return;
    }
    reported = true;
    listeners.attemptEnded(callInfo, attempt, response.code(), System.nanoTime() - attemptStartNanos, true, null, null);
    listeners.rateLimitSeen(callInfo, rateLimit);
    listeners.callSucceeded(callInfo, response.code(), attempt, HttpHeaders.requestId(response.headers()), body);
  }

  /** Tells the listeners the call failed for good (once). */
  void failed(Throwable error) {
    if (callInfo == null || reported) {
      return;
    }
    reported = true;
    RuntimeException e = error instanceof RuntimeException re ? re
        : new AigwException(config.vendor(), String.valueOf(error), error);
    listeners.callFailed(callInfo, status, attempt, e instanceof ApiException api ? api.requestId() : null, e);
  }

  /** Tells the listeners an attempt failed, and whether (and when) another follows. */
  private void attemptFailed(String failure, Duration retryIn) {
    if (callInfo != null) {
      listeners.attemptEnded(callInfo, attempt, status, System.nanoTime() - attemptStartNanos,
          tracker != null && tracker.sent, failure, retryIn);
    }
  }

  /** {@code GET /api/v1/task for operation t-1}: the request and the operation it polls. */
  String what() {
    return operationId == null ? request.describe() : request.describe() + " for operation " + operationId;
  }

  /**
   * The call's idempotency key: the caller's, or for a POST one generated when first needed (a
   * vendor without an idempotency header never needs it unless a retry is logged) and kept for
   * every attempt; {@code null} for an external host, which never gets (nor do logs claim to
   * send it) the vendor's idempotency header.
   */
  private String idempotencyKey() {
    if (request.isExternal()) {
      return null;
    }
    String key = request.idempotencyKey();
    if (key != null || request.method() != HttpMethod.POST) {
      return key;
    }
    if (generatedKey == null) {
      generatedKey = UUID.randomUUID().toString();
    }
    return generatedKey;
  }

  /** The key sent with a call the server deduplicates by it (to resubmit with), for a failure; else null. */
  String recoveryKey() {
    if (config.idempotencyHeader() == null || request.isExternal()
        || request.retrySafety() != RetrySafety.DEDUPLICATED_BY_KEY) {
      return null;
    }
    return idempotencyKey();
  }

  /** The OkHttp call of the next attempt, not yet started; it may take {@link #attemptTimeout()}. */
  Call newCall() {
    if (transport.isClosed()) {
      throw new IllegalStateException("the " + config.vendor() + " client is closed");
    }
    attempt++;
    status = -1;
    String idempotencyKey = config.idempotencyHeader() == null ? null : idempotencyKey();
    Call call = transport.client(request.streaming()).newCall(transport.encoder.encode(request, idempotencyKey));
    if (!request.streaming()) {
      call.timeout().timeout(Math.max(1, attemptTimeout().toNanos()), TimeUnit.NANOSECONDS);
    }
    tracker = new SendTracker();
    call.addEventListener(tracker);
    if (LOG.isDebugEnabled()) {
      LOG.debug("[{}] --> {} (attempt {}{})", config.vendor(), what(), attempt,
          idempotencyKey != null ? ", idempotency key " + idempotencyKey : "");
    }
    attemptStartNanos = System.nanoTime();
    return call;
  }

  /** Time left before the call's deadline, or {@code null} when it has none. */
  private Duration remaining() {
    Duration limit = config.callTimeout();
    return limit == null ? null : limit.minusNanos(System.nanoTime() - startNanos);
  }

  /** The time one attempt may take: the request's timeout, cut to what is left of the deadline. */
  Duration attemptTimeout() {
    Duration t = request.timeout() != null ? request.timeout() : config.requestTimeout();
    Duration left = remaining();
    return left != null && left.compareTo(t) < 0 ? left : t;
  }

  /** The longest wait for a request slot: the attempt's time, within the deadline. */
  Duration slotWaitLimit() {
    return attemptTimeout();
  }

  /** A successful answer, read by {@code reader}; tells the listeners the call succeeded. */
  <T> RawResponse<T> read(Response response, ResponseReader<T> reader) throws IOException {
    logAnswer(response, null);
    T value;
    try {
      value = transport.answers.value(response, reader, request);
    } catch (AigwException e) {
      throw unreadable(e, response.code());
    }
    RateLimit rateLimit = HttpHeaders.rateLimit(response.headers(), config.clock());
    succeeded(response, rateLimit, value);
    return transport.answers.response(response, rateLimit, attempt, startNanos, value);
  }

  /** A paid call's unreadable success says the work was accepted and how to recover; else {@code e}. */
  private AigwException unreadable(AigwException e, int status) {
    if (!request.retrySafety().paid() || e instanceof ApiException) {
      return e;
    }
    String note = notRetried("an unreadable answer", RetryRules.unreadable(request.retrySafety(), status), true);
    return new MalformedResponseException(config.vendor(), e.getMessage() + " — " + note, e, recoveryKey());
  }

  /** Logs the answer at DEBUG (see {@link AnswerReader#log}); {@code requestId} from an error body, or null. */
  void logAnswer(Response response, String requestId) {
    status = response.code();
    transport.answers.log(response, what(), attempt, attemptStartNanos, startNanos, requestId);
  }

  /** Decides on an error answer: the wait before a retry, or throws the mapped exception. */
  Duration onErrorStatus(Response response) throws IOException {
    status = response.code();
    RateLimit rateLimit = HttpHeaders.rateLimit(response.headers(), config.clock());
    if (callInfo != null) {
      listeners.rateLimitSeen(callInfo, rateLimit);
    }
    ErrorDetails details = transport.answers.errorDetails(response, request, rateLimit);
    logAnswer(response, details.requestId());
    String what = "HTTP " + status;
    RetryRules.Decision decision = transport.retryRules.afterStatus(request.retrySafety(), attempt, status,
        details.retryAfter(), rateLimit.reset(), remaining());
    if (decision.retries()) {
      logRetry(what, decision.retryIn());
      attemptFailed(what, decision.retryIn());
      return decision.retryIn();
    }
    attemptFailed(what, null);
    String note = decision.why() == null ? null : notRetried(what, decision.why(), decision.workMayExist());
    throw config.errorMapping().toException(details, note, recoveryKey());
  }

  /** Decides on an I/O failure: the wait before a retry, or throws {@link ConnectionException}. */
  Duration onIoFailure(IOException e, Call call) {
    boolean sent = tracker != null && tracker.sent;
    boolean canceled = call.isCanceled();
    String what = RetryRules.describe(e, canceled);
    String failed = "[" + config.vendor() + "] " + request.describe() + " failed: " + what
        + (!sent ? " (the request was not sent)" : "");
    if (RetryRules.canceledByCaller(e, canceled)) {
      attemptFailed(what, null);
      throw new ConnectionException(config.vendor(), failed, sent, e, recoveryKey());
    }
    RetryRules.Decision decision = transport.retryRules.afterIoFailure(request.retrySafety(), attempt, sent,
        remaining());
    if (decision.retries()) {
      logRetry(what, decision.retryIn());
      attemptFailed(what, decision.retryIn());
      return decision.retryIn();
    }
    attemptFailed(what, null);
    String note = notRetried(what, decision.why(), decision.workMayExist());
    throw new ConnectionException(config.vendor(), failed + " — " + note, sent, e, recoveryKey());
  }

  /**
   * The note a failure that ends the call carries, logged once at INFO: that it was not retried
   * after {@code what} ({@code HTTP 504}, {@code timed out}), why, and, when paid work may exist, how
   * to recover.
   */
  private String notRetried(String what, String why, boolean workMayExist) {
    String text = why + (workMayExist ? "; " + transport.retryRules.recovery(recoveryKey()) : "");
    LOG.info("[{}] not retrying {} after {}: {}", config.vendor(), what(), what, text);
    return "not retried: " + text;
  }

  /** The INFO line of a retry; it names the idempotency key only where one is sent. */
  private void logRetry(String cause, Duration wait) {
    String idempotencyKey = config.idempotencyHeader() == null ? null : idempotencyKey();
    LOG.info("[{}] retrying {} in {} ms after {} (retry {} of {}{})", config.vendor(), what(),
        wait.toMillis(), cause, attempt, transport.retryRules.maxRetries(),
        idempotencyKey != null ? ", idempotency key " + idempotencyKey : "");
  }

  /** Records whether any byte of the request was written, to tell "never sent" from "maybe sent". */
  private static final class SendTracker extends EventListener {
    volatile boolean sent;

    @Override
    public void requestHeadersStart(Call call) {
      sent = true;
    }
  }
}
