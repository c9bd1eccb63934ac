package dev.aigw.core.internal;

import dev.aigw.core.Secret;
import dev.aigw.core.chat.ChatChunk;
import dev.aigw.core.chat.Usage;
import dev.aigw.core.error.ErrorDetails;
import dev.aigw.core.error.StreamException;
import dev.aigw.core.http.RateLimit;
import dev.aigw.core.listener.CallInfo;
import dev.aigw.core.spi.Json;
import dev.aigw.core.spi.Listeners;
import dev.aigw.core.spi.SseDecoder;
import dev.aigw.core.stream.EventStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Call;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads server-sent events with {@link SseParser}, one event per {@link #next()}, on the caller's
 * thread: nothing is read ahead or buffered beyond what the socket delivered. Tells the listeners
 * (when the call has any) of the first item and of the end, with the token usage a chat stream
 * reported.
 */
final class SseSource<T> implements EventStream.Source<T> {
  private static final Logger LOG = LoggerFactory.getLogger("dev.aigw.http");

  private final String vendor;
  private final Response response;
  private final SseDecoder<T> decoder;
  private final Secret apiKey;
  private final Runnable onClose;
  private final SseParser parser;
  // a retry field is ignored (the listener's default): a chat stream cannot be resumed
  private final SseParser.Listener listener = (id, type, data) -> handle(type, data);
  private T pending;
  private boolean ended;
  private boolean endAfterPending;
  private RuntimeException failure;
  private long events;
  private volatile boolean closed;
  private volatile boolean reading;
  private final AtomicBoolean released = new AtomicBoolean();
  private final Call call;
  private final RateLimit rateLimit;
  private final Listeners listeners;
  /** The call as listeners know it, or {@code null} without listeners. */
  private final CallInfo callInfo;
  private long items;
  private Usage usage;
  private String model;
  private String finishReason;
  private boolean endTold; // guarded by this
  private final Duration idleTimeout;
  /** The paid request's description, or {@code null} for a stream that does no paid work. */
  private final String paidRequest;

  SseSource(String vendor, Call call, Response response, SseDecoder<T> decoder, Secret apiKey, Runnable onClose,
      RateLimit rateLimit) {
    this(vendor, call, response, decoder, apiKey, onClose, rateLimit, Listeners.NONE, null, Duration.ofMinutes(2),
        null);
  }

  /**
   * @param idleTimeout the longest silence tolerated (the client's read timeout), for messages
   * @param paidRequest the request's description when it does paid work (a failure then says it is
   *     not retried, and logs so), or {@code null}
   */
  SseSource(String vendor, Call call, Response response, SseDecoder<T> decoder, Secret apiKey, Runnable onClose,
      RateLimit rateLimit, Listeners listeners, CallInfo callInfo, Duration idleTimeout, String paidRequest) {
    this.listeners = listeners;
    this.callInfo = callInfo;
    this.idleTimeout = idleTimeout;
    this.paidRequest = paidRequest;
    this.vendor = vendor;
    this.rateLimit = rateLimit;
    this.call = call;
    this.response = response;
    this.decoder = decoder;
    this.apiKey = apiKey;
    this.onClose = onClose;
    this.parser = new SseParser(response.body().source());
  }

  private void handle(String type, String data) {
    events++;
    if ("[DONE]".equals(data.strip())) {
      ended = true;
      return;
    }
    if ("error".equals(type) || (data.contains("\"error\"") && isErrorObject(data))) {
      ErrorDetails d = ErrorBodyParser.parse(vendor, response.code(), "application/json", data, null, null, apiKey);
      failure = new StreamException(vendor,
          "[" + vendor + "] the stream reported an error" + (d.code() != null ? " (" + d.code() + ")" : "")
              + ": " + d.message(), d.code() != null ? d.code() : d.type(), null);
      return;
    }
    T item;
    try {
      item = decoder.decode(type, data);
    } catch (StreamException e) {
      if (e.vendor() != null) {
        throw e;
      }
      // the decoders are shared by vendors and do not know which one this is
      failure = new StreamException(vendor, "[" + vendor + "] " + e.getMessage(), e.code(), e.getCause());
      return;
    }
    if (decoder.isEnd(type, data)) {
      endAfterPending = true;
    }
    pending = item;
  }

  /**
   * For a paid stream, the note that it is not retried and why, logged once at INFO; nothing for
   * other streams.
   */
  private String notRetried(String what) {
    if (paidRequest == null) {
      return "";
    }
    String why = "a stream that has started is not retried, since its reply was already produced and billed";
    LOG.info("[{}] not retrying {} after {}: {}", vendor, paidRequest, what, why);
    return " — not retried: " + why;
  }

  private static boolean isErrorObject(String data) {
    Object tree = Json.tryParseTree(data);
    return tree instanceof Map<?, ?> map && map.get("error") != null;
  }

  @Override
  public T next() {
    while (true) {
      if (closed || ended) {
        return null;
      }
      boolean more = false;
      IOException cut = null;
      reading = true;
      try {
        if (!closed) {
          more = parser.next(listener);
        }
      } catch (IOException e) {
        cut = e;
      } finally {
        reading = false;
      }
      if (closed) { // by another thread, whose cancel may be what cut the read
        release();
        return null;
      }
      if (cut != null) {
        IOException e = cut;
        // SocketTimeoutException ("timeout" or "Read timed out", depending on where the read waited)
        String what = e instanceof java.io.InterruptedIOException
            ? "the stream went silent after " + events + " events: no data for " + Transport.human(idleTimeout)
                + " (streamIdleTimeout)"
            : "the stream was cut after " + events + " events: " + e.getMessage();
        StreamException cutOff = new StreamException(vendor, "[" + vendor + "] " + what + notRetried(what), null, e);
        tellEnd(false, cutOff);
        close();
        throw cutOff;
      }
      if (failure != null) {
        RuntimeException f = failure;
        tellEnd(false, f);
        close();
        throw f;
      }
      if (pending != null) {
        T item = pending;
        pending = null;
        if (endAfterPending) {
          ended = true;
        }
        if (callInfo != null) {
          seen(item);
        }
        return item;
      }
      if (endAfterPending) {
        ended = true;
      }
      if (!more) {
        ended = true;
      }
      if (ended) {
        tellEnd(true, null);
      }
    }
  }

  /** Notes an item for the listeners: the first one is told at once; usage and model are kept. */
  private void seen(T item) {
    if (++items == 1) {
      listeners.firstChunk(callInfo);
    }
    if (item instanceof ChatChunk chunk) {
      if (chunk.usage() != null) {
        usage = chunk.usage();
      }
      if (chunk.model() != null) {
        model = chunk.model();
      }
      if (chunk.finishReason() != null) {
        finishReason = chunk.finishReason();
      }
    }
  }

  /** Tells the listeners, once, how the stream ended. */
  private void tellEnd(boolean completed, RuntimeException error) {
    if (callInfo == null) {
      return;
    }
    synchronized (this) {
      if (endTold) {
        return;
      }
      endTold = true;
    }
    listeners.streamEnded(callInfo, items, completed, usage, model, finishReason, error);
  }

  /**
   * Releases the connection. Safe from any thread: while another thread is blocked reading, the
   * call is cancelled (closing the socket) and that thread releases the response when its read
   * fails, since only the reading thread may touch the body's source.
   */
  @Override
  public RateLimit rateLimit() {
    return rateLimit;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    tellEnd(ended, null);
    closed = true;
    if (reading) {
      call.cancel();
      return;
    }
    release();
  }

  private void release() {
    if (!released.compareAndSet(false, true)) {
      return;
    }
    try {
      response.close();
    } finally {
      LOG.debug("[{}] stream closed after {} events", vendor, events);
      onClose.run();
    }
  }
}
