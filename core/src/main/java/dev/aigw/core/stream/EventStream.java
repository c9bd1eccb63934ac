package dev.aigw.core.stream;

import dev.aigw.core.http.RateLimit;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A stream of items decoded from server-sent events, read on the caller's thread as they arrive.
 * It can be iterated once. Closing it, at any point, releases the connection.
 *
 * @param <T> the item type
 */
public class EventStream<T> implements Iterable<T>, AutoCloseable {

  /**
   * Where items come from: the SSE reader of the runtime.
   *
   * @param <T> the item type
   */
  public interface Source<T> extends AutoCloseable {
    /**
     * Blocks until the next item is decoded; {@code null} at the end of the stream.
     *
     * @return the next item, or {@code null} at the end of the stream
     * @throws dev.aigw.core.error.StreamException on an error event or a cut connection
     */
    T next();

    /** Releases the connection. Idempotent. */
    @Override
    void close();

    /**
     * {@return the rate-limit headers of the answer that opened the stream ({@link RateLimit#NONE} by default)}
     */
    default RateLimit rateLimit() {
      return RateLimit.NONE;
    }
  }

  private final Source<T> source;
  private boolean iterated;
  private volatile boolean closed;

  /**
   * Wraps a source.
   *
   * @param source where the items come from
   */
  public EventStream(Source<T> source) {
    this.source = source;
  }

  /**
   * The rate-limit headers ({@code X-RateLimit-Remaining}, {@code -Reset} …) of the answer that
   * opened this stream; {@link RateLimit#NONE} when it had none. Available at once, before any
   * item is read.
   *
   * @return the rate-limit headers, never {@code null}
   */
  public RateLimit rateLimit() {
    return source.rateLimit();
  }

  /**
   * The items, in order. The stream may be iterated only once.
   *
   * @throws IllegalStateException on a second call
   */
  @Override
  public synchronized Iterator<T> iterator() {
    if (iterated) {
      throw new IllegalStateException("a stream can be iterated only once");
    }
    iterated = true;
    return new Iterator<>() {
      private T next;
      private boolean done;

      @Override
      public boolean hasNext() {
        if (next != null) {
          return true;
        }
        if (done || closed) {
          return false;
        }
        try {
          next = source.next();
        } catch (RuntimeException e) {
          done = true;
          close();
          throw e;
        }
        if (next == null) {
          done = true;
          close();
          return false;
        }
        return true;
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        T item = next;
        next = null;
        return item;
      }
    };
  }

  /** {@return the items as a sequential {@link Stream}; closing the {@code Stream} closes this} */
  public Stream<T> stream() {
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(this::close);
  }

  /** {@return whether {@link #close()} was called or the stream ended} */
  public boolean isClosed() {
    return closed;
  }

  /** Releases the connection; items not yet read are discarded. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      source.close();
    }
  }
}
