package dev.aigw.core.spi;

import dev.aigw.core.http.RawResponse;
import dev.aigw.core.listener.OperationInfo;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * One logical API call, ready to run synchronously or asynchronously. Each run is a fresh call
 * (with its own retries and one idempotency key for all of them).
 *
 * @param <T> the parsed body
 */
public interface PreparedCall<T> {
  /**
   * Runs on the caller's thread.
   *
   * @return the parsed body with the answer's HTTP details
   * @throws dev.aigw.core.error.AigwException the mapped failure
   */
  RawResponse<T> execute();

  /**
   * Runs without blocking; the future completes on an OkHttp or scheduler thread.
   *
   * @return completes with the answer, or exceptionally with the mapped failure
   */
  CompletableFuture<RawResponse<T>> executeAsync();

  /**
   * Runs on the caller's thread as a poll of an operation: log lines name the operation, and
   * listeners see the call as one of its polls.
   *
   * @param operationId the operation's id
   * @param operation the operation as listeners know it, or {@code null} without listeners
   * @return the answer
   */
  default RawResponse<T> execute(String operationId, OperationInfo operation) {
    return execute();
  }

  /**
   * Runs without blocking as a poll of an operation (see {@link #execute(String, OperationInfo)}).
   *
   * @param operationId the operation's id
   * @param operation the operation as listeners know it, or {@code null} without listeners
   * @return completes with the answer
   */
  default CompletableFuture<RawResponse<T>> executeAsync(String operationId, OperationInfo operation) {
    return executeAsync();
  }

  /**
   * A call whose body is {@code mapper} applied to this call's body.
   *
   * @param <R> the mapped body
   * @param mapper maps the body after each run; the HTTP details are kept
   * @return the mapped call; running it runs this one
   */
  default <R> PreparedCall<R> map(Function<? super T, ? extends R> mapper) {
    PreparedCall<T> self = this;
    return new PreparedCall<>() {
      @Override
      public RawResponse<R> execute() {
        RawResponse<T> r = self.execute();
        return r.withBody(mapper.apply(r.body()));
      }

      @Override
      public CompletableFuture<RawResponse<R>> executeAsync() {
        return self.executeAsync().thenApply(r -> r.withBody(mapper.apply(r.body())));
      }

      @Override
      public RawResponse<R> execute(String operationId, OperationInfo operation) {
        RawResponse<T> r = self.execute(operationId, operation);
        return r.withBody(mapper.apply(r.body()));
      }

      @Override
      public CompletableFuture<RawResponse<R>> executeAsync(String operationId, OperationInfo operation) {
        return self.executeAsync(operationId, operation).thenApply(r -> r.withBody(mapper.apply(r.body())));
      }
    };
  }
}
