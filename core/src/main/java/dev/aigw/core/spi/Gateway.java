package dev.aigw.core.spi;

import dev.aigw.core.http.RawResponse;
import dev.aigw.core.media.MediaDownloader;
import dev.aigw.core.stream.EventStream;
import java.util.concurrent.CompletableFuture;

/**
 * A provider's one line to its gateway: it sends {@link ApiRequest}s and reads the answers with
 * {@link ResponseReader}s, and everything between — base URL, auth, {@code User-Agent}, bodies,
 * retries by the request's {@link dev.aigw.core.http.RetrySafety}, idempotency keys, the
 * vendor's {@link ErrorMapping}, rate limits, the concurrency limit, logs without secrets — is the
 * runtime's. A client builder makes one ({@link dev.aigw.core.ClientBuilder#buildGateway()}) and
 * the vendor client hands it to its services. Thread-safe.
 */
public interface Gateway {

  /**
   * The vendor's name, as in messages and logs.
   *
   * @return the name ({@code icodeeasy})
   */
  String vendor();

  /**
   * The base URL calls go to (it may carry a path prefix); never a credential.
   *
   * @return the URL as text
   */
  String baseUrl();

  /**
   * Whether calls go without a key (only where the vendor allows it).
   *
   * @return {@code true} when the client was built {@code anonymous()}
   */
  boolean isAnonymous();

  /**
   * Runs {@code request} on the caller's thread, retrying as its retry safety allows.
   *
   * @param <T> the parsed body
   * @param request the call
   * @param reader reads a successful answer
   * @return the parsed body with the answer's HTTP details
   * @throws dev.aigw.core.error.AigwException the mapped failure
   */
  <T> RawResponse<T> execute(ApiRequest request, ResponseReader<T> reader);

  /**
   * Runs {@code request} without blocking a thread; retries wait on the shared scheduler.
   *
   * @param <T> the parsed body
   * @param request the call
   * @param reader reads a successful answer
   * @return completes with the answer, or exceptionally with the mapped failure
   */
  <T> CompletableFuture<RawResponse<T>> executeAsync(ApiRequest request, ResponseReader<T> reader);

  /**
   * A call that runs each time it is executed (an operation's status poll).
   *
   * @param <T> the parsed body
   * @param request the call
   * @param reader reads a successful answer
   * @return the prepared call; nothing is sent yet
   */
  <T> PreparedCall<T> prepare(ApiRequest request, ResponseReader<T> reader);

  /**
   * Opens a server-sent-event stream: retried like any call until the answer's headers arrive,
   * then read on the caller's thread one event at a time.
   *
   * @param <T> the decoded item
   * @param request a streaming request ({@link ApiRequest.Builder#streaming(boolean)})
   * @param decoder turns an event into an item
   * @return the open stream; close it to free the connection
   */
  <T> EventStream.Source<T> openStream(ApiRequest request, SseDecoder<T> decoder);

  /**
   * Downloads generated media from result URLs, never with the API key.
   *
   * @return the downloader
   */
  MediaDownloader downloader();

  /**
   * Pre-send checks that name this vendor.
   *
   * @return the checks
   */
  Checks checks();

  /**
   * The client's listeners: operations made through an {@link OperationFactory} report to them,
   * and a provider reports the cost of a synchronous answer through them.
   *
   * @return the listeners ({@link Listeners#NONE} by default)
   */
  default Listeners listeners() {
    return Listeners.NONE;
  }

  /** Stops accepting calls; calls already running finish. */
  void close();
}
