package dev.aigw.core.internal;

import dev.aigw.core.error.AigwException;
import dev.aigw.core.error.ConnectionException;
import dev.aigw.core.error.SharedStateException;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.shared.ConcurrencyLimiter.Lease;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.ResponseReader;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Response;

/**
 * Runs an {@link Exchange}'s attempts, blocking or asynchronously: takes a slot of the concurrency
 * gate for each attempt (waiting no longer than the attempt's time, within the call's deadline),
 * sends it, and hands a successful answer on or waits (holding no slot) as long as the exchange
 * says before the next attempt; tells the exchange when the call fails for good. Thread-safe; one
 * per transport.
 */
final class AttemptLoop {
  private final TransportConfig config;
  private final Slots gate;

  AttemptLoop(TransportConfig config, Slots gate) {
    this.config = config;
    this.gate = gate;
  }

  /**
   * What to do with a successful answer; it owns {@code response} (closes it or hands it on), and
   * {@code lease} when the loop runs with {@code keepsSlot}.
   */
  @FunctionalInterface
  interface OnSuccess<R> {
    R accept(Call call, Response response, Lease lease) throws IOException;
  }

  /**
   * The blocking attempt loop shared by {@link Transport#execute} and {@link Transport#openStream}:
   * takes a slot of the concurrency gate, sends, and either hands a successful answer to
   * {@code onSuccess} or asks the exchange whether (and when) to try again; the wait before a
   * retry holds no slot.
   *
   * @param keepsSlot whether a successful answer keeps the slot ({@code onSuccess} is then given the
   *     lease to release, as a stream does when closed)
   */
  <R> R runBlocking(Exchange exchange, boolean keepsSlot, OnSuccess<R> onSuccess) {
    try {
      return attemptBlocking(exchange, keepsSlot, onSuccess);
    } catch (RuntimeException e) {
      exchange.failed(e);
      throw e;
    }
  }

  private <R> R attemptBlocking(Exchange exchange, boolean keepsSlot, OnSuccess<R> onSuccess) {
    ApiRequest request = exchange.request;
    while (true) {
      CompletableFuture<Lease> ticket = gate.acquire();
      Lease lease;
      try {
        lease = gate.held(awaitTicket(ticket, exchange));
      } catch (RuntimeException e) {
        gate.abandon(ticket);
        throw e;
      }
      Duration retryIn = null;
      boolean slotHandedOver = false;
      try {
        // inside the try: a refused call (closed client) must give its slot back
        Call call = exchange.newCall();
        Response received = null;
        try {
          received = call.execute();
        } catch (IOException e) {
          retryIn = exchange.onIoFailure(e, call);
        }
        if (received != null && received.isSuccessful()) {
          try {
            R value = onSuccess.accept(call, received, lease);
            slotHandedOver = keepsSlot;
            return value;
          } catch (IOException e) {
            retryIn = exchange.onIoFailure(e, call);
          }
        } else if (received != null) {
          try (Response response = received) {
            retryIn = exchange.onErrorStatus(response);
          } catch (IOException e) {
            retryIn = exchange.onIoFailure(e, call);
          }
        }
      } finally {
        if (!slotHandedOver) {
          lease.release();
        }
      }
      sleep(retryIn, request);
    }
  }

  /**
   * Runs {@code exchange} without blocking: starts it (the budget may refuse it), tells its
   * listeners when it fails for good, and makes its first attempt.
   */
  <T> CompletableFuture<RawResponse<T>> runAsync(Exchange exchange, ResponseReader<T> reader) {
    CompletableFuture<RawResponse<T>> result = new CompletableFuture<>();
    try {
      exchange.begin();
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
      return result;
    }
    if (exchange.callInfo() != null) {
      result.whenComplete((value, error) -> {
        if (error != null) {
          exchange.failed(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
        }
      });
    }
    attemptAsync(exchange, reader, result);
    return result;
  }

  /**
   * One asynchronous attempt of {@code exchange}, once a slot is free (within the attempt's time
   * and the call's deadline); completes {@code result}, or schedules the next attempt. The slot is
   * free again before {@code result} completes.
   */
  private <T> void attemptAsync(Exchange exchange, ResponseReader<T> reader,
      CompletableFuture<RawResponse<T>> result) {
    CompletableFuture<Lease> ticket;
    try {
      ticket = gate.acquire();
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
      return;
    }
    Duration slotLimit = exchange.slotWaitLimit();
    if (!ticket.isDone()) {
      // a ticket that times out is never granted: the gate skips it
      ticket.orTimeout(Math.max(1, slotLimit.toNanos()), TimeUnit.NANOSECONDS);
    }
    ticket.whenComplete((granted, ticketError) -> {
      if (ticketError != null) {
        Throwable cause = ticketError instanceof CompletionException && ticketError.getCause() != null
            ? ticketError.getCause() : ticketError;
        result.completeExceptionally(cause instanceof SharedStateException ? cause
            : noSlot(exchange, slotLimit, ticketError));
        return;
      }
      Lease lease = gate.held(granted);
      if (result.isDone()) {
        lease.release();
        return;
      }
      Call call;
      try {
        call = exchange.newCall();
      } catch (RuntimeException e) {
        lease.release();
        result.completeExceptionally(e);
        return;
      }
      result.whenComplete((r, e) -> {
        if (result.isCancelled()) {
          call.cancel();
        }
      });
      call.enqueue(new Callback() {
        @Override
        public void onFailure(Call c, IOException e) {
          lease.release();
          decide(() -> exchange.onIoFailure(e, c)).run();
        }

        @Override
        public void onResponse(Call c, Response response) {
          Runnable outcome;
          try (response) {
            if (response.isSuccessful()) {
              try {
                RawResponse<T> value = exchange.read(response, reader);
                outcome = () -> result.complete(value);
              } catch (IOException e) {
                outcome = decide(() -> exchange.onIoFailure(e, c));
              } catch (RuntimeException e) {
                outcome = () -> result.completeExceptionally(e);
              }
            } else {
              outcome = decide(() -> exchange.onErrorStatus(response));
            }
          } finally {
            lease.release();
          }
          // complete only once the slot is free: code run on completion may itself need a slot
          outcome.run();
        }

        /** Decides (while the answer is open) what to do: fail the result, or schedule a retry. */
        private Runnable decide(IoDecision decision) {
          Duration wait;
          try {
            try {
              wait = decision.decide();
            } catch (IOException e) {
              wait = exchange.onIoFailure(e, call);
            }
          } catch (RuntimeException e) {
            return () -> result.completeExceptionally(e);
          }
          Duration retryIn = wait;
          return () -> SharedResources.scheduler().schedule(
              () -> attemptAsync(exchange, reader, result), retryIn.toNanos(), TimeUnit.NANOSECONDS);
        }
      });
    });
  }

  @FunctionalInterface
  private interface IoDecision {
    Duration decide() throws IOException;
  }

  private Lease awaitTicket(CompletableFuture<Lease> ticket, Exchange exchange) {
    Duration limit = exchange.slotWaitLimit();
    try {
      return ticket.isDone() && !ticket.isCompletedExceptionally() ? ticket.join()
          : ticket.get(Math.max(1, limit.toNanos()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AigwException(config.vendor(), "interrupted while waiting for a free request slot", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SharedStateException shared) {
        throw shared;
      }
      throw new AigwException(config.vendor(), "could not get a request slot", e);
    } catch (CancellationException e) {
      throw new AigwException(config.vendor(), "could not get a request slot", e);
    } catch (TimeoutException e) {
      throw noSlot(exchange, limit, e);
    }
  }

  /** The failure of a call that found no request slot within {@code limit}. */
  private ConnectionException noSlot(Exchange exchange, Duration limit, Throwable cause) {
    ApiRequest request = exchange.request;
    Duration perAttempt = request.timeout() != null ? request.timeout() : config.requestTimeout();
    boolean byDeadline = limit.compareTo(perAttempt) < 0; // cut short by the deadline
    String slots = "one of the " + config.maxConcurrentRequests() + " concurrent request slots";
    return new ConnectionException(config.vendor(), "[" + config.vendor() + "] " + request.describe()
        + (byDeadline ? " waited for " + slots + " until the call's " + RetryRules.human(config.callTimeout())
            + " deadline (callTimeout) passed" : " waited " + RetryRules.human(limit) + " for " + slots)
        + " (the request was not sent)", false, cause, exchange.recoveryKey());
  }

  private void sleep(Duration d, ApiRequest request) {
    try {
      Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AigwException(config.vendor(), "interrupted before retrying " + request.describe(), e);
    }
  }
}
