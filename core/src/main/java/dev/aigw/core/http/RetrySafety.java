package dev.aigw.core.http;

/**
 * How safe it is to send a request again, declared by a provider for each endpoint. This is the
 * "never charge twice" rule as data: the transport retries only what the class allows, and a
 * failover router ({@link dev.aigw.core.routing.Router}) moves a failed request to another
 * gateway only when {@link #mayHaveCharged(int)} and {@link #mayHaveChargedAfterIoFailure(boolean)}
 * say the failed attempt did no paid work.
 */
public enum RetrySafety {
  /**
   * Reads and other requests that change nothing (GET, DELETE of a known id): retried after 408,
   * 429, any 5xx and any I/O failure.
   */
  IDEMPOTENT(true, true, true, false, true),

  /**
   * Paid work the server deduplicates by {@code Idempotency-Key}: retried after 408, 429, 5xx and
   * I/O failures, always with the same key.
   */
  DEDUPLICATED_BY_KEY(true, true, true, true, false),

  /**
   * Paid work the vendor does not charge when it answers with an error (or refunds): retried after
   * 429 and an explicit 5xx answer; never after a timeout or a connection cut once the request was
   * sent, since the work may have succeeded unseen.
   */
  NOT_CHARGED_ON_ERROR(true, false, false, true, true),

  /**
   * Paid work with nothing documented to protect a retry: retried only after 429 and after a
   * connection that failed before the request was sent.
   */
  UNPROTECTED(false, false, false, true, false);

  private final boolean serverErrors;
  private final boolean ioAfterSend;
  private final boolean requestTimeout;
  private final boolean paid;
  private final boolean errorAnswersFree;

  RetrySafety(boolean serverErrors, boolean ioAfterSend, boolean requestTimeout, boolean paid,
      boolean errorAnswersFree) {
    this.serverErrors = serverErrors;
    this.ioAfterSend = ioAfterSend;
    this.requestTimeout = requestTimeout;
    this.paid = paid;
    this.errorAnswersFree = errorAnswersFree;
  }

  /**
   * Whether a call of this class that ended with an error answer of {@code status} may have done
   * paid work (and been charged): never for a read; never for a 4xx (the gateway refused it:
   * 401, 402, 403, 429 …); for a 5xx only where the vendor does not document that an error answer
   * is free — and a 504 always may, since the work may have gone on upstream.
   *
   * @param status the HTTP status of the error answer
   * @return {@code true} when the work may have been done and charged
   */
  public boolean mayHaveCharged(int status) {
    if (!paid || status < 500) {
      return false;
    }
    return status == 504 || status > 599 || !errorAnswersFree;
  }

  /**
   * Whether a call of this class that failed on the way (no answer) may have done paid work.
   *
   * @param requestSent whether any part of the request had been written when it failed
   * @return {@code true} when it may have reached the gateway and started paid work
   */
  public boolean mayHaveChargedAfterIoFailure(boolean requestSent) {
    return paid && requestSent;
  }

  /** Whether an answer with {@code status} may be retried. */
  public boolean retriesStatus(int status) {
    if (status == 429) {
      return true;
    }
    if (status == 408) {
      return requestTimeout;
    }
    if (status == 504) {
      // a gateway timeout may hide work done upstream: treat it like a timeout we saw ourselves
      return requestTimeout;
    }
    return status >= 500 && status <= 599 && serverErrors;
  }

  /**
   * Whether an I/O failure may be retried.
   *
   * @param requestSent whether any part of the request had been written when it failed
   */
  public boolean retriesIoFailure(boolean requestSent) {
    return !requestSent || ioAfterSend;
  }
}
