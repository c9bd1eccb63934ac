package dev.aigw.core.spi;

/**
 * Turns one server-sent event into an item. {@code [DONE]} and error events are handled by the
 * runtime before the decoder sees them.
 *
 * @param <T> the item
 */
@FunctionalInterface
public interface SseDecoder<T> {
  /**
   * Decodes one event.
   *
   * @param type the event type ({@code null} when the event had none)
   * @param data the event's data
   * @return the item, or {@code null} to skip this event
   */
  T decode(String type, String data);

  /**
   * Whether this event ends the stream (after it is decoded). Defaults to never.
   *
   * @param type the event type ({@code null} when the event had none)
   * @param data the event's data
   * @return {@code true} to end the stream after this event
   */
  default boolean isEnd(String type, String data) {
    return false;
  }
}
