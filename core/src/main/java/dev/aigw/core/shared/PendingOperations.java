package dev.aigw.core.shared;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Paid operations submitted and not yet finished, so that one submitted by an instance that then
 * dies is finished by another, once. A client with shared state {@linkplain #record records} each
 * operation it submits (claimed by its instance), renews the claim while it polls, and {@linkplain
 * #complete completes} it when its end is known. Another instance lists the {@linkplain #claimable
 * claimable} ones (nobody claims them, or the claim lapsed), {@linkplain #claim claims} one — only
 * one instance wins — and resumes it ({@code client.images().resume(id)}), which completes it.
 * Thread-safe; every method may throw {@link dev.aigw.core.error.SharedStateException} when a
 * shared store fails.
 */
public interface PendingOperations {
  /**
   * Stores {@code operation} (replacing one with the same vendor and id).
   *
   * @param operation the submitted operation, claimed by its submitter
   */
  void record(PendingOperation operation);

  /**
   * Extends the claim of {@code instance} on an operation.
   *
   * @param vendor the gateway
   * @param id the task id
   * @param instance the instance holding the claim
   * @param ttl how long the claim lasts from now
   * @return {@code false} when the operation is gone or claimed by another instance
   */
  boolean renew(String vendor, String id, String instance, Duration ttl);

  /**
   * The operations that nobody claims or whose claim has lapsed, oldest first.
   *
   * @param max the most to return
   * @return the claimable operations, at most {@code max}
   */
  List<PendingOperation> claimable(int max);

  /**
   * Claims an operation for {@code instance}, if nobody claims it or the claim has lapsed; when
   * several instances try at once, one wins.
   *
   * @param vendor the gateway
   * @param id the task id
   * @param instance the claiming instance
   * @param ttl how long the claim lasts unless renewed
   * @return the operation as claimed, or empty when it is gone or claimed by another instance
   */
  Optional<PendingOperation> claim(String vendor, String id, String instance, Duration ttl);

  /**
   * Removes an operation whose end is known (succeeded, failed, blocked or cancelled).
   *
   * @param vendor the gateway
   * @param id the task id
   */
  void complete(String vendor, String id);

  /**
   * One operation.
   *
   * @param vendor the gateway
   * @param id the task id
   * @return it, or empty when it is not pending
   */
  Optional<PendingOperation> find(String vendor, String id);
}
