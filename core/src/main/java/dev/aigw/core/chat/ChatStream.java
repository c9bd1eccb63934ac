package dev.aigw.core.chat;

import dev.aigw.core.stream.EventStream;

/**
 * A streamed chat reply: iterate it, or call {@link #text()} to collect it. Chunks reach the
 * caller as the server sends them. Use it in try-with-resources; closing it early frees the
 * connection. An error event or a cut connection raises {@link
 * dev.aigw.core.error.StreamException} from the iteration.
 */
public final class ChatStream extends EventStream<ChatChunk> {

  /**
   * Wraps a stream of chunks (providers create these).
   *
   * @param source where the chunks come from
   */
  public ChatStream(EventStream.Source<ChatChunk> source) {
    super(source);
  }

  /**
   * Reads the rest of the stream, closing it.
   *
   * @return the text of every chunk, joined
   * @throws IllegalStateException if the stream was iterated before
   * @throws dev.aigw.core.error.StreamException if the stream fails before it ends
   */
  public String text() {
    StringBuilder sb = new StringBuilder();
    try (this) {
      for (ChatChunk chunk : this) {
        sb.append(chunk.text());
      }
    }
    return sb.toString();
  }
}
