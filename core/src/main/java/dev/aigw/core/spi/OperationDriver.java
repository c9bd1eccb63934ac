package dev.aigw.core.spi;

import dev.aigw.core.operation.OperationSnapshot;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What a provider plugs into {@link dev.aigw.core.operation.Operation}: how to fetch a task's
 * status, and how to read it.
 *
 * @param <S> the vendor's status payload
 * @param <T> the operation's result
 */
public final class OperationDriver<S, T> {
  private final Function<String, PreparedCall<S>> fetch;
  private final BiFunction<String, S, OperationSnapshot<T>> read;

  private OperationDriver(Function<String, PreparedCall<S>> fetch,
      BiFunction<String, S, OperationSnapshot<T>> read) {
    this.fetch = Objects.requireNonNull(fetch, "fetch");
    this.read = Objects.requireNonNull(read, "read");
  }

  /**
   * A driver from the two functions.
   *
   * @param <S> the vendor's status payload
   * @param <T> the operation's result
   * @param fetchStatus prepares the status request for a task id
   * @param readStatus turns the status payload into a snapshot, given the task id
   * @return the driver
   * @throws NullPointerException when either function is null
   */
  public static <S, T> OperationDriver<S, T> of(Function<String, PreparedCall<S>> fetchStatus,
      BiFunction<String, S, OperationSnapshot<T>> readStatus) {
    return new OperationDriver<>(fetchStatus, readStatus);
  }

  /**
   * Prepares the status request for {@code id}.
   *
   * @param id the task id
   * @return the call; each run fetches the status anew
   */
  public PreparedCall<S> fetch(String id) {
    return fetch.apply(id);
  }

  /**
   * Reads a status payload.
   *
   * @param id the task id
   * @param status the payload a status request returned
   * @return the snapshot of the task it shows
   */
  public OperationSnapshot<T> read(String id, S status) {
    return read.apply(id, status);
  }
}
