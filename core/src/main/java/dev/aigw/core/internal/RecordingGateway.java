package dev.aigw.core.internal;

import dev.aigw.core.listener.OperationInfo;
import dev.aigw.core.spi.Listeners;

import dev.aigw.core.http.RawResponse;
import dev.aigw.core.media.MediaDownloader;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.Checks;
import dev.aigw.core.spi.FailedCalls;
import dev.aigw.core.spi.Gateway;
import dev.aigw.core.spi.PreparedCall;
import dev.aigw.core.spi.ResponseReader;
import dev.aigw.core.spi.SseDecoder;
import dev.aigw.core.stream.EventStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A {@link Gateway} that records, for every failure of a call, the call's declared {@link
 * dev.aigw.core.http.RetrySafety} ({@link FailedCalls}), and otherwise hands everything to the
 * transport. Thread-safe.
 */
public final class RecordingGateway implements Gateway {
  private final Gateway delegate;

  /**
   * Wraps {@code delegate}.
   *
   * @param delegate the transport
   */
  public RecordingGateway(Gateway delegate) {
    this.delegate = delegate;
  }

  /**
   * The transport underneath.
   *
   * @return the wrapped gateway
   */
  public Gateway delegate() {
    return delegate;
  }

  @Override
  public String vendor() {
    return delegate.vendor();
  }

  @Override
  public String baseUrl() {
    return delegate.baseUrl();
  }

  @Override
  public boolean isAnonymous() {
    return delegate.isAnonymous();
  }

  @Override
  public <T> RawResponse<T> execute(ApiRequest request, ResponseReader<T> reader) {
    try {
      return delegate.execute(request, reader);
    } catch (RuntimeException e) {
      FailedCalls.record(e, request.retrySafety());
      throw e;
    }
  }

  @Override
  public <T> CompletableFuture<RawResponse<T>> executeAsync(ApiRequest request, ResponseReader<T> reader) {
    CompletableFuture<RawResponse<T>> future;
    try {
      future = delegate.executeAsync(request, reader);
    } catch (RuntimeException e) {
      FailedCalls.record(e, request.retrySafety());
      throw e;
    }
    return future.whenComplete((value, error) -> {
      if (error != null) {
        FailedCalls.record(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error,
            request.retrySafety());
      }
    });
  }

  @Override
  public <T> PreparedCall<T> prepare(ApiRequest request, ResponseReader<T> reader) {
    PreparedCall<T> call = delegate.prepare(request, reader);
    return new PreparedCall<>() {
      @Override
      public RawResponse<T> execute() {
        return recorded(request, call::execute);
      }

      @Override
      public CompletableFuture<RawResponse<T>> executeAsync() {
        return recordedAsync(request, call::executeAsync);
      }

      @Override
      public RawResponse<T> execute(String operationId, OperationInfo operation) {
        return recorded(request, () -> call.execute(operationId, operation));
      }

      @Override
      public CompletableFuture<RawResponse<T>> executeAsync(String operationId, OperationInfo operation) {
        return recordedAsync(request, () -> call.executeAsync(operationId, operation));
      }
    };
  }

  private static <R> R recorded(ApiRequest request, java.util.function.Supplier<R> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      FailedCalls.record(e, request.retrySafety());
      throw e;
    }
  }

  private static <R> CompletableFuture<R> recordedAsync(ApiRequest request,
      java.util.function.Supplier<CompletableFuture<R>> call) {
    CompletableFuture<R> future = recorded(request, call);
    return future.whenComplete((value, error) -> {
      if (error != null) {
        FailedCalls.record(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error,
            request.retrySafety());
      }
    });
  }

  @Override
  public Listeners listeners() {
    return delegate.listeners();
  }

  @Override
  public <T> EventStream.Source<T> openStream(ApiRequest request, SseDecoder<T> decoder) {
    try {
      return delegate.openStream(request, decoder);
    } catch (RuntimeException e) {
      FailedCalls.record(e, request.retrySafety());
      throw e;
    }
  }

  @Override
  public MediaDownloader downloader() {
    return delegate.downloader();
  }

  @Override
  public Checks checks() {
    return delegate.checks();
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
