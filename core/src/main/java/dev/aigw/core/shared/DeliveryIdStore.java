package dev.aigw.core.shared;

/**
 * Remembers webhook delivery ids, each for a while, so that a delivery sent again (senders retry,
 * possibly to another instance) is handled once. {@link dev.aigw.core.webhook.DeliveryDeduplicator}
 * keeps them in the process; a shared store keeps them for every instance. Thread-safe.
 */
public interface DeliveryIdStore {
  /**
   * Records {@code deliveryId} if it is new.
   *
   * @param deliveryId the delivery id; not null
   * @return {@code true} the first time the id is seen (handle it), {@code false} for a repeat
   * @throws dev.aigw.core.error.SharedStateException when a shared store fails
   */
  boolean firstDelivery(String deliveryId);

  /**
   * Forgets {@code deliveryId}, so that it counts as new again (after its handling failed).
   *
   * @param deliveryId the id to forget
   * @throws dev.aigw.core.error.SharedStateException when a shared store fails
   */
  void forget(String deliveryId);
}
