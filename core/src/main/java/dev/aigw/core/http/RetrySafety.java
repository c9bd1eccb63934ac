package dev.aigw.core.http;

/**
 * How safe it is to send a request again, declared by a provider for each endpoint. This is the
 * "never charge twice" rule as data: the transport retries only what the class allows, and a
 * failover router ({@link dev.aigw.core.routing.Router}) moves a failed request to another
 * gateway only when {@link #mayHaveDoneWork(int)} and {@link #mayHaveDoneWorkAfterIoFailure(boolean)}
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
   * Whether a call of this class that failed on the way (no answer) may have done paid work.
   *
   * @param requestSent whether any part of the request had been written when it failed
   * @return {@code true} when it may have reached the gateway and started paid work
   */
  public boolean mayHaveDoneWorkAfterIoFailure(boolean requestSent) {
    return paid && requestSent;
  }

  /**
   * Whether an answer with {@code status} may be retried.
   *
   * @param status the HTTP status of the answer
   * @return {@code true} for 429 always, and for 408, 5xx and 504 as the class allows
   */
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
   * @return {@code true} when nothing was sent, or when the class allows a repeat of work that may
   *     have started
   */
  public boolean retriesIoFailure(boolean requestSent) {
    return !requestSent || ioAfterSend;
  }

  /**
   * Whether the endpoint does paid work (every class but {@link #IDEMPOTENT}): a failure of such a
   * call may leave work done and charged on the server.
   *
   * @return {@code true} for paid work
   */
  public boolean paid() {
    return paid;
  }

  /**
   * Whether a failure answered with {@code status} may hide paid work the gateway did (and charged
   * for) before it answered: never for a read, never for a 4xx but a 408 (the gateway refused it:
   * 401, 402, 403, 429 …); a timeout (408, 504) or an unknown status above 599 always may, and
   * another 5xx unless the vendor does not charge a call it answers with an explicit server error
   * ({@link #NOT_CHARGED_ON_ERROR}). The transport's messages and the failover router both ask this.
   *
   * @param status the HTTP status of the failure
   * @return {@code true} when paid work may exist despite the error
   */
  public boolean mayHaveDoneWork(int status) {
    if (!paid) {
      return false;
    }
    if (status == 408 || status == 504 || status > 599) {
      return true;
    }
    return status >= 500 && !errorAnswersFree;
  }

  /**
   * Why an answer with {@code status} is not retried under this rule, in a few words for messages
   * and logs.
   *
   * @param status the HTTP status
   * @return the reason, or {@code null} when such an answer is retried
   */
  public String whyNotRetried(int status) {
    if (retriesStatus(status)) {
      return null;
    }
    if (status == 408 || status == 504) {
      return "a timeout may hide work done upstream, so a retry could charge twice";
    }
    if (status >= 500 && status <= 599) {
      return "nothing documented says a failed call is free, so a retry could charge twice";
    }
    return "the same request would fail the same way";
  }

  /**
   * Why an I/O failure is not retried under this rule, in a few words for messages and logs.
   *
   * @param requestSent whether any part of the request had been written when it failed
   * @return the reason, or {@code null} when such a failure is retried
   */
  public String whyNotRetriedAfterIoFailure(boolean requestSent) {
    if (retriesIoFailure(requestSent)) {
      return null;
    }
    return "the request may have reached the server, so a retry could charge twice";
  }
}
