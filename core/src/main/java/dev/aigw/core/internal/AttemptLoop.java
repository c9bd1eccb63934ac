package dev.aigw.core.internal;

import dev.aigw.core.error.AigwException;
import dev.aigw.core.error.ConnectionException;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.ResponseReader;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Response;

/**
 * Runs an {@link Exchange}'s attempts, blocking or asynchronously: takes a slot of the concurrency
 * gate for each attempt, sends it, and hands a successful answer on or waits (holding no slot) as
 * long as the exchange says before the next attempt. Thread-safe; one per transport.
 */
final class AttemptLoop {
  private final TransportConfig config;
  private final RequestGate gate;

  AttemptLoop(TransportConfig config, RequestGate gate) {
    this.config = config;
    this.gate = gate;
  }

  /** What to do with a successful answer; it owns {@code response} (closes it or hands it on). */
  @FunctionalInterface
  interface OnSuccess<R> {
    R accept(Call call, Response response) throws IOException;
  }

  /**
   * The blocking attempt loop shared by {@link Transport#execute} and {@link Transport#openStream}:
   * takes a slot of the concurrency gate, sends, and either hands a successful answer to
   * {@code onSuccess} or asks the exchange whether (and when) to try again; the wait before a
   * retry holds no slot.
   *
   * @param keepsSlot whether a successful answer keeps the slot (a stream releases it when closed)
   */
  <R> R runBlocking(Exchange exchange, boolean keepsSlot, OnSuccess<R> onSuccess) {
    ApiRequest request = exchange.request;
    while (true) {
      CompletableFuture<Void> ticket = gate.acquire();
      try {
        awaitTicket(ticket, request);
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
            R value = onSuccess.accept(call, received);
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
          gate.release();
        }
      }
      sleep(retryIn, request);
    }
  }

  /**
   * One asynchronous attempt of {@code exchange}, once a slot is free; completes {@code result},
   * or schedules the next attempt. The slot is free again before {@code result} completes.
   */
  <T> void runAsync(Exchange exchange, ResponseReader<T> reader, CompletableFuture<RawResponse<T>> result) {
    CompletableFuture<Void> ticket;
    try {
      ticket = gate.acquire();
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
      return;
    }
    ticket.whenComplete((ignored, ticketError) -> {
      if (result.isDone()) {
        gate.release();
        return;
      }
      Call call;
      try {
        call = exchange.newCall();
      } catch (RuntimeException e) {
        gate.release();
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
          gate.release();
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
            gate.release();
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
              () -> runAsync(exchange, reader, result), retryIn.toNanos(), TimeUnit.NANOSECONDS);
        }
      });
    });
  }

  @FunctionalInterface
  private interface IoDecision {
    Duration decide() throws IOException;
  }

  private void awaitTicket(CompletableFuture<Void> ticket, ApiRequest request) {
    if (ticket.isDone()) {
      return;
    }
    Duration limit = request.timeout() != null ? request.timeout() : config.requestTimeout();
    try {
      ticket.get(limit.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AigwException(config.vendor(), "interrupted while waiting for a free request slot", e);
    } catch (ExecutionException | CancellationException e) {
      throw new AigwException(config.vendor(), "could not get a request slot", e);
    } catch (TimeoutException e) {
      throw new ConnectionException(config.vendor(), "[" + config.vendor() + "] " + request.describe()
          + " waited " + limit + " for one of the " + config.maxConcurrentRequests()
          + " concurrent request slots", false, e);
    }
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
