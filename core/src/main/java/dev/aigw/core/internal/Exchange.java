package dev.aigw.core.internal;

import dev.aigw.core.error.ApiException;
import dev.aigw.core.error.ConnectionException;
import dev.aigw.core.http.RateLimit;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.HttpMethod;
import dev.aigw.core.spi.ResponseReader;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One logical call: its attempts, its idempotency key and its timing. Makes the OkHttp call of
 * each attempt (telling "never sent" from "maybe sent"), reads a successful answer, and after a
 * failure asks the {@link RetryRules} whether and when to try again, logging each retry. Used by
 * one thread at a time (an attempt loop).
 */
final class Exchange {
  private static final Logger LOG = LoggerFactory.getLogger("dev.aigw.http");

  private final Transport transport;
  final ApiRequest request;
  private final long startNanos = System.nanoTime();
  private String generatedKey;
  private int attempt;
  private SendTracker tracker;

  Exchange(Transport transport, ApiRequest request) {
    this.transport = transport;
    this.request = request;
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

  /** The OkHttp call of the next attempt, not yet started. */
  Call newCall() {
    TransportConfig config = transport.config();
    if (transport.isClosed()) {
      throw new IllegalStateException("the " + config.vendor() + " client is closed");
    }
    attempt++;
    String idempotencyKey = config.idempotencyHeader() == null ? null : idempotencyKey();
    Call call = transport.client(request.streaming()).newCall(transport.encoder.encode(request, idempotencyKey));
    if (!request.streaming()) {
      Duration t = request.timeout() != null ? request.timeout() : config.requestTimeout();
      call.timeout().timeout(t.toNanos(), TimeUnit.NANOSECONDS);
    }
    tracker = new SendTracker();
    call.addEventListener(tracker);
    if (LOG.isDebugEnabled()) {
      LOG.debug("[{}] --> {} (attempt {}{})", config.vendor(), request.describe(), attempt,
          idempotencyKey != null ? ", idempotency key " + idempotencyKey : "");
    }
    return call;
  }

  /** A successful answer, read by {@code reader}. */
  <T> RawResponse<T> read(Response response, ResponseReader<T> reader) throws IOException {
    return transport.answers.read(response, reader, request, attempt, startNanos);
  }

  /** Logs the answer at DEBUG. */
  void logAnswer(Response response) {
    transport.answers.log(response, request, startNanos);
  }

  /** Decides on an error answer: the wait before a retry, or throws the mapped exception. */
  Duration onErrorStatus(Response response) throws IOException {
    logAnswer(response);
    RateLimit rateLimit = HttpHeaders.rateLimit(response.headers(), transport.config().clock());
    ApiException error = transport.answers.error(response, request, rateLimit);
    int status = response.code();
    Duration wait = transport.retryRules.afterStatus(request, attempt, status, rateLimit, error);
    logRetry("HTTP " + status, wait);
    return wait;
  }

  /** Decides on an I/O failure: the wait before a retry, or throws {@link ConnectionException}. */
  Duration onIoFailure(IOException e, Call call) {
    boolean canceled = call.isCanceled();
    String what = RetryRules.describe(e, canceled);
    Duration wait = transport.retryRules.afterIoFailure(request, attempt, e, what,
        tracker != null && tracker.sent, canceled);
    logRetry(what, wait);
    return wait;
  }

  private void logRetry(String cause, Duration wait) {
    String idempotencyKey = idempotencyKey();
    LOG.info("[{}] retrying {} in {} ms after {} (retry {} of {}{})", transport.config().vendor(), request.describe(),
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
