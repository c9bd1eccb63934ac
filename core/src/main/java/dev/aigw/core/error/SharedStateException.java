package dev.aigw.core.error;

/**
 * The state aigw shares between instances (request slots, seen webhook deliveries, pending
 * operations; see {@link dev.aigw.core.shared.SharedState}) could not be read or written: its store
 * (Redis, for {@code aigw-redis}) did not answer within its timeout, refused the command, or went
 * away. A call that fails with it while taking a request slot was not sent. The cause is the
 * store's own failure.
 */
public class SharedStateException extends AigwException {
  /**
   * A failure of the shared store.
   *
   * @param vendor the gateway whose call needed the state, or {@code null} when none is involved
   * @param message what could not be done, naming the store (never a key or password)
   * @param cause the store's failure, or {@code null}
   */
  public SharedStateException(String vendor, String message, Throwable cause) {
    super(vendor, message, cause);
  }
}
