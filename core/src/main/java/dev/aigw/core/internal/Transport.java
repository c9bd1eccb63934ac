package dev.aigw.core.internal;

import dev.aigw.core.error.AigwException;
import dev.aigw.core.error.ConnectionException;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.http.RetrySafety;
import dev.aigw.core.media.MediaDownloader;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.Checks;
import dev.aigw.core.spi.Gateway;
import dev.aigw.core.spi.PreparedCall;
import dev.aigw.core.spi.ResponseReader;
import dev.aigw.core.spi.SseDecoder;
import dev.aigw.core.stream.EventStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * Turns {@link ApiRequest}s into HTTP calls and answers into values or typed exceptions: base URL
 * joining, Bearer auth, {@code User-Agent}, JSON and streamed multipart bodies, retries by the
 * endpoint's {@link RetrySafety} with backoff and {@code Retry-After}, one idempotency key per
 * logical call, rate-limit headers, a concurrency limit, and DEBUG logs that never show a
 * credential. Thread-safe; one per client.
 */
public final class Transport implements Gateway, AutoCloseable {
  /** The SDK version sent in {@code User-Agent}. */
  public static final String VERSION = "0.1.0";

  private final TransportConfig config;
  private final OkHttpClient http;
  private final OkHttpClient streamingHttp;
  private final RequestGate gate;
  private final HttpDownloader downloader;
  private final Checks checks;
  /** Encodes the OkHttp request of each attempt. */
  final RequestEncoder encoder;
  /** Reads answers, successful or not. */
  final AnswerReader answers;
  /** Decides whether and when a failed attempt is tried again. */
  final RetryRules retryRules;
  private volatile boolean closed;

  /** Creates a transport; the OkHttp client is derived from the config's (sharing its pool). */
  public Transport(TransportConfig config) {
    this.config = config;
    this.http = config.httpClient().newBuilder()
        .retryOnConnectionFailure(false)
        .readTimeout(Duration.ZERO)
        .writeTimeout(Duration.ZERO)
        .build();
    this.streamingHttp = http.newBuilder().readTimeout(config.streamIdleTimeout()).build();
    this.gate = RequestGate.shared(config.vendor(), config.baseUrl().toString(), config.apiKey(),
        config.maxConcurrentRequests());
    this.downloader = new HttpDownloader(config.httpClient(), config.vendor(), Duration.ofSeconds(60));
    this.encoder = new RequestEncoder(config);
    this.answers = new AnswerReader(config, encoder);
    this.retryRules = new RetryRules(config.vendor(), config.retryPolicy(), config.clock());
    this.checks = Checks.of(config.vendor());
  }

  /** {@code aigw-java/<version> <vendor>}. */
  public static String userAgent(String vendor) {
    return "aigw-java/" + VERSION + " " + vendor;
  }

  @Override
  public String vendor() {
    return config.vendor();
  }

  @Override
  public String baseUrl() {
    return config.baseUrl().toString();
  }

  @Override
  public boolean isAnonymous() {
    return config.apiKey() == null;
  }

  @Override
  public Checks checks() {
    return checks;
  }

  /** The config. */
  public TransportConfig config() {
    return config;
  }

  @Override
  public MediaDownloader downloader() {
    return downloader;
  }

  /** The scheduler shared by every client, for polling. */
  public ScheduledExecutorService scheduler() {
    return SharedResources.scheduler();
  }

  /** How many calls are in flight now (only counted when a concurrency limit is set). */
  public int inFlight() {
    return gate.inFlight();
  }

  @Override
  public <T> PreparedCall<T> prepare(ApiRequest request, ResponseReader<T> reader) {
    return new PreparedCall<>() {
      @Override
      public RawResponse<T> execute() {
        return Transport.this.execute(request, reader);
      }

      @Override
      public CompletableFuture<RawResponse<T>> executeAsync() {
        return Transport.this.executeAsync(request, reader);
      }
    };
  }

  @Override
  public <T> RawResponse<T> execute(ApiRequest request, ResponseReader<T> reader) {
    Exchange exchange = new Exchange(this, request);
    return runBlocking(exchange, false, (call, received) -> {
      try (Response response = received) {
        return exchange.read(response, reader);
      }
    });
  }

  /** What to do with a successful answer; it owns {@code response} (closes it or hands it on). */
  @FunctionalInterface
  private interface OnSuccess<R> {
    R accept(Call call, Response response) throws IOException;
  }

  /**
   * The blocking attempt loop shared by {@link #execute} and {@link #openStream}: takes a slot of
   * the concurrency gate, sends, and either hands a successful answer to {@code onSuccess} or asks
   * the exchange whether (and when) to try again; the wait before a retry holds no slot.
   *
   * @param keepsSlot whether a successful answer keeps the slot (a stream releases it when closed)
   */
  private <R> R runBlocking(Exchange exchange, boolean keepsSlot, OnSuccess<R> onSuccess) {
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

  @Override
  public <T> CompletableFuture<RawResponse<T>> executeAsync(ApiRequest request, ResponseReader<T> reader) {
    CompletableFuture<RawResponse<T>> result = new CompletableFuture<>();
    Exchange exchange = new Exchange(this, request);
    attemptAsync(exchange, reader, result);
    return result;
  }

  @Override
  public <T> EventStream.Source<T> openStream(ApiRequest request, SseDecoder<T> decoder) {
    if (!request.streaming()) {
      throw new IllegalArgumentException("openStream needs a streaming request");
    }
    Exchange exchange = new Exchange(this, request);
    return runBlocking(exchange, true, (call, received) -> {
      exchange.logAnswer(received);
      answers.refuseNonStream(received, request);
      return new SseSource<>(config.vendor(), call, received, decoder, config.apiKey(), gate::release,
          HttpHeaders.rateLimit(received.headers(), config.clock()));
    });
  }

  /** Stops accepting calls. The shared pool is left alone; in-flight calls finish. */
  @Override
  public void close() {
    closed = true;
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  /** The OkHttp client for a streaming call (its read timeout is the stream idle timeout) or any other. */
  OkHttpClient client(boolean streaming) {
    return streaming ? streamingHttp : http;
  }

  private <T> void attemptAsync(Exchange exchange, ResponseReader<T> reader, CompletableFuture<RawResponse<T>> result) {
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
              () -> attemptAsync(exchange, reader, result), retryIn.toNanos(), TimeUnit.NANOSECONDS);
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
