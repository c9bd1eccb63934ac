package dev.aigw.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.aigw.core.Secret;
import dev.aigw.core.chat.ChatChunk;
import dev.aigw.core.chat.ChatRequest;
import dev.aigw.core.chat.ChatStream;
import dev.aigw.core.error.AuthenticationException;
import dev.aigw.core.error.StreamException;
import dev.aigw.core.http.RetryPolicy;
import dev.aigw.core.http.RetrySafety;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.OpenAiChat;
import dev.aigw.core.spi.ResponseReader;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okio.BufferedSink;
import okio.Okio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Streamed chat through {@link Transport#openStream} and {@link ChatStream}, against a
 * {@link MockWebServer} that writes OpenAI-style {@code chat.completion.chunk} events.
 */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SseStreamTest {
  private static final String KEY = "tk_123456789";
  private static final ChatRequest REQUEST = ChatRequest.builder().model("m").user("hello").build();

  @StartStop final MockWebServer server = new MockWebServer();

  private Transport transport;
  private final List<CountDownLatch> toRelease = new CopyOnWriteArrayList<>();

  @BeforeEach
  void newTransport() {
    transport = new Transport(TransportConfig.of("test", server.url("/"), Secret.of(KEY))
        .withRetryPolicy(RetryPolicy.DEFAULT.withBackoff(Duration.ofMillis(10), Duration.ofMillis(50))));
  }

  @AfterEach
  void releaseServerThreads() {
    toRelease.forEach(CountDownLatch::countDown);
  }

  // ---- 11. chunks arrive as they are sent ----

  @Test
  void aChunkArrivesWhileTheServerStillHoldsTheRest() throws Exception {
    CountDownLatch release = held(new CountDownLatch(1));
    server.enqueue(new ScriptedBody(out -> {
      out.send(chunk("Hello"));
      if (!release.await(5, TimeUnit.SECONDS)) {
        throw new IOException("the test never asked for the rest");
      }
      out.send(chunk(", world"));
      out.send("data: [DONE]\n\n");
    }).response());
    AtomicReference<ChatStream> opened = new AtomicReference<>();
    AtomicReference<Iterator<ChatChunk>> iterator = new AtomicReference<>();

    // if the SDK read to the end before handing out the first chunk, this would block until
    // the server gave up waiting for the latch
    ChatChunk first = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
      opened.set(open());
      iterator.set(opened.get().iterator());
      return iterator.get().next();
    }, "the first chunk must reach the caller while the server holds the rest");

    try (ChatStream stream = opened.get()) {
      assertThat(first.text()).isEqualTo("Hello");
      assertThat(release.getCount()).as("the server is still holding the rest").isEqualTo(1);
      release.countDown();
      List<String> rest = new ArrayList<>();
      iterator.get().forEachRemaining(c -> rest.add(c.text()));
      assertThat(rest).containsExactly(", world");
      assertThat(stream.isClosed()).isTrue();
    }
  }

  @Test
  void chunksAreReadOneByOneAsTheyArrive() throws Exception {
    CountDownLatch release = held(new CountDownLatch(1));
    server.enqueue(new ScriptedBody(out -> {
      out.send(chunk("a"));
      out.send(chunk("b"));
      release.await(5, TimeUnit.SECONDS);
      out.send(chunk("c"));
      out.send("data: [DONE]\n\n");
    }).response());

    try (ChatStream stream = open()) {
      Iterator<ChatChunk> it = stream.iterator();
      List<String> before = new ArrayList<>();
      assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
        before.add(it.next().text());
        before.add(it.next().text());
      });
      assertThat(before).containsExactly("a", "b");
      release.countDown();
      assertThat(it.next().text()).isEqualTo("c");
      assertThat(it.hasNext()).isFalse();
    }
  }

  // ---- 12. ends, text(), stream(), single iteration ----

  @Test
  void doneEndsTheStream() {
    server.enqueue(sse(chunk("He") + chunk("llo") + "data: [DONE]\n\n" + chunk("after the end")));

    List<String> parts = new ArrayList<>();
    ChatStream stream = open();
    for (ChatChunk c : stream) {
      parts.add(c.text());
    }

    assertThat(parts).containsExactly("He", "llo");
    assertThat(stream.isClosed()).isTrue();
  }

  @Test
  void endOfBodyWithoutDoneEndsNormally() {
    server.enqueue(sse(chunk("He") + chunk("llo")));

    ChatStream stream = open();
    List<String> parts = new ArrayList<>();
    stream.forEach(c -> parts.add(c.text()));

    assertThat(parts).containsExactly("He", "llo");
    assertThat(stream.isClosed()).isTrue();
  }

  @Test
  void aLastChunkWithoutItsBlankLineIsNotLost() {
    // some gateways close the body right after their last data line
    String last = chunk("llo");
    server.enqueue(sse(chunk("He") + last.substring(0, last.length() - 2)));

    ChatStream stream = open();

    assertThat(stream.text()).isEqualTo("Hello");
    assertThat(stream.isClosed()).isTrue();
  }

  @Test
  void linesEndingWithALoneCrAreRead() {
    server.enqueue(sse((chunk("He") + chunk("llo") + "data: [DONE]\n\n").replace('\n', '\r')));

    assertThat(open().text()).isEqualTo("Hello");
  }

  @Test
  void textCollectsEveryChunkAndCloses() {
    server.enqueue(sse(": a comment the reader skips\n\n" + chunk("The capital ") + chunk("is ")
        + chunk("Seoul.") + lastChunk() + "data: [DONE]\n\n"));

    ChatStream stream = open();

    assertThat(stream.text()).isEqualTo("The capital is Seoul.");
    assertThat(stream.isClosed()).isTrue();
    assertThatThrownBy(stream::text).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theLastChunkCarriesFinishReasonAndUsage() {
    server.enqueue(sse(chunk("Hi") + lastChunk() + "data: [DONE]\n\n"));

    List<ChatChunk> chunks = new ArrayList<>();
    try (ChatStream stream = open()) {
      stream.forEach(chunks::add);
    }

    assertThat(chunks).hasSize(2);
    assertThat(chunks.get(0).id()).isEqualTo("chatcmpl-1");
    assertThat(chunks.get(0).model()).isEqualTo("m");
    assertThat(chunks.get(0).finishReason()).isNull();
    ChatChunk last = chunks.get(1);
    assertThat(last.text()).isEmpty();
    assertThat(last.finishReason()).isEqualTo("stop");
    assertThat(last.usage().totalTokens()).isEqualTo(5);
  }

  @Test
  void streamGivesTheChunksAndClosingItClosesTheChatStream() {
    server.enqueue(sse(chunk("a") + chunk("b") + chunk("c") + "data: [DONE]\n\n"));
    ChatStream chat = open();

    String text;
    try (Stream<ChatChunk> s = chat.stream()) {
      text = s.map(ChatChunk::text).collect(Collectors.joining("|"));
    }

    assertThat(text).isEqualTo("a|b|c");
    assertThat(chat.isClosed()).isTrue();
  }

  @Test
  void iteratingTwiceThrows() {
    server.enqueue(sse(chunk("a") + "data: [DONE]\n\n"));

    try (ChatStream stream = open()) {
      stream.iterator();
      assertThatThrownBy(stream::iterator).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("once");
      assertThatThrownBy(stream::stream).isInstanceOf(IllegalStateException.class);
    }
  }

  // ---- 13. error events ----

  @Test
  void anErrorEventBecomesStreamExceptionWithMessageAndCode() {
    server.enqueue(sse(chunk("Partial") + "event: error\n"
        + "data: {\"message\":\"Upstream model overloaded\",\"code\":\"overloaded\"}\n\n" + chunk("never")));

    List<String> parts = new ArrayList<>();
    ChatStream stream = open();
    Throwable thrown = catchThrowable(() -> stream.forEach(c -> parts.add(c.text())));

    assertThat(parts).containsExactly("Partial");
    assertThat(thrown).isInstanceOf(StreamException.class)
        .hasMessageContaining("Upstream model overloaded").hasMessageContaining("overloaded");
    assertThat(((StreamException) thrown).code()).isEqualTo("overloaded");
    assertThat(((StreamException) thrown).vendor()).isEqualTo("test");
    assertThat(stream.isClosed()).isTrue();
  }

  @Test
  void anErrorObjectInDataBecomesStreamExceptionWithMessageAndCode() {
    server.enqueue(sse(chunk("Partial")
        + "data: {\"error\":{\"message\":\"Rate limit reached for m\",\"type\":\"requests\","
        + "\"code\":\"rate_limit_exceeded\"}}\n\n"));

    ChatStream stream = open();
    Throwable thrown = catchThrowable(stream::text);

    assertThat(thrown).isInstanceOf(StreamException.class).hasMessageContaining("Rate limit reached for m");
    assertThat(((StreamException) thrown).code()).isEqualTo("rate_limit_exceeded");
    assertThat(stream.isClosed()).isTrue();
  }

  @Test
  void aChunkThatMerelyMentionsErrorIsText() {
    server.enqueue(sse(chunk("the word \\\"error\\\" is fine") + "data: [DONE]\n\n"));

    assertThat(open().text()).isEqualTo("the word \"error\" is fine");
  }

  @Test
  void anEventThatIsNotAChunkBecomesStreamExceptionNamingTheVendor() {
    server.enqueue(sse(chunk("ok") + "data: this is not json\n\n" + chunk("never")));

    List<String> parts = new ArrayList<>();
    ChatStream stream = open();
    Throwable thrown = catchThrowable(() -> stream.forEach(c -> parts.add(c.text())));

    assertThat(parts).containsExactly("ok");
    assertThat(thrown).isInstanceOf(StreamException.class).hasMessageContaining("not a chat chunk")
        .hasMessageStartingWith("[test]");
    assertThat(((StreamException) thrown).vendor()).isEqualTo("test");
    assertThat(stream.isClosed()).isTrue();
  }

  // ---- 14. cut stream ----

  @Test
  void aCutStreamBecomesStreamExceptionSayingItWasCut() {
    // the server drops the connection half way through a body of known length
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/event-stream")
        .body(chunk("He") + chunk("x".repeat(400)) + "data: [DONE]\n\n")
        .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
        .build());

    List<String> parts = new ArrayList<>();
    ChatStream stream = open();
    Throwable thrown = catchThrowable(() -> stream.forEach(c -> parts.add(c.text())));

    assertThat(parts).containsExactly("He");
    assertThat(thrown).isInstanceOf(StreamException.class).hasMessageContaining("cut");
    assertThat(((StreamException) thrown).code()).isNull();
    assertThat(thrown.getCause()).isInstanceOf(IOException.class);
    assertThat(stream.isClosed()).isTrue();
  }

  @Test
  void aChunkedStreamCutBeforeItsLastChunkBecomesStreamException() {
    // the server sends one chunk of a chunked body, then drops the connection
    server.enqueue(new MockResponse.Builder()
        .setHeader("Content-Type", "text/event-stream")
        .removeHeader("Content-Length")
        .setHeader("Transfer-Encoding", "chunked")
        .socketHandler(socket -> {
          try {
            BufferedSink sink = Okio.buffer(socket.getSink());
            writeChunk(sink, chunk("He"));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          } finally {
            socket.cancel();
          }
        })
        .build());

    ChatStream stream = open();
    Iterator<ChatChunk> it = stream.iterator();
    assertThat(it.next().text()).isEqualTo("He");

    assertThatThrownBy(it::hasNext).isInstanceOf(StreamException.class).hasMessageContaining("cut");
    assertThat(stream.isClosed()).isTrue();
  }

  @Test
  void aStreamThatFallsSilentBecomesStreamException() {
    CountDownLatch release = held(new CountDownLatch(1));
    server.enqueue(new ScriptedBody(out -> {
      out.send(chunk("He"));
      release.await(5, TimeUnit.SECONDS);
    }).response());
    Transport impatient = new Transport(TransportConfig.of("test", server.url("/"), Secret.of(KEY))
        .withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(200)));

    ChatStream stream = new ChatStream(impatient.openStream(streamingRequest(), OpenAiChat.chunkDecoder()));
    Iterator<ChatChunk> it = stream.iterator();
    assertThat(it.next().text()).isEqualTo("He");
    long start = System.nanoTime();

    assertThatThrownBy(it::hasNext).isInstanceOf(StreamException.class)
        .hasMessage("[test] the stream went silent after 1 events: no data for 200 ms (streamIdleTimeout) — not retried:"
            + " a stream that has started is not retried, since its reply was already produced and billed");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    assertThat(stream.isClosed()).isTrue();
  }

  // ---- 15. closing early ----

  @Test
  void closingEarlyFreesTheConnection() throws Exception {
    ScriptedBody body = new ScriptedBody(out -> {
      out.send(chunk("Hel"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
      while (System.nanoTime() < deadline) { // keeps talking until the client hangs up
        out.send(": keep-alive\n\n");
        Thread.sleep(5);
      }
    });
    server.enqueue(body.response());
    server.enqueue(new MockResponse.Builder().body("pong").build());

    ChatStream stream = open();
    Iterator<ChatChunk> it = stream.iterator();
    assertThat(it.next().text()).isEqualTo("Hel");
    stream.close();

    assertThat(stream.isClosed()).isTrue();
    assertThat(it.hasNext()).isFalse();
    assertThat(body.failure.get(2, TimeUnit.SECONDS)).as("the server saw the connection close")
        .isInstanceOf(IOException.class);
    assertThat(transport.execute(ApiRequest.get("/ping").build(), ResponseReader.text()).body()).isEqualTo("pong");
    stream.close(); // again: nothing happens
  }

  @Test
  void closingFromAnotherThreadEndsAReadThatIsWaiting() throws Exception {
    CountDownLatch release = held(new CountDownLatch(1));
    ScriptedBody body = new ScriptedBody(out -> {
      out.send(chunk("He"));
      release.await(5, TimeUnit.SECONDS);
      out.send(chunk("llo"));
    });
    server.enqueue(body.response());
    server.enqueue(new MockResponse.Builder().body("pong").build());
    Transport limited = new Transport(TransportConfig.of("test", server.url("/"), Secret.of(KEY))
        .withMaxConcurrentRequests(1).withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(5)));
    ChatStream stream = new ChatStream(limited.openStream(streamingRequest(), OpenAiChat.chunkDecoder()));
    Iterator<ChatChunk> it = stream.iterator();
    assertThat(it.next().text()).isEqualTo("He");
    CompletableFuture<Object> reader = CompletableFuture.supplyAsync(() -> {
      try {
        return it.hasNext();
      } catch (RuntimeException e) {
        return e;
      }
    });
    Thread.sleep(100); // let the reader block on the socket

    stream.close();

    assertThat(reader.get(2, TimeUnit.SECONDS)).isEqualTo(false);
    assertThat(stream.isClosed()).isTrue();
    assertThat(limited.inFlight()).isZero();
    assertThat(limited.execute(ApiRequest.get("/ping").build(), ResponseReader.text()).body()).isEqualTo("pong");
  }

  @Test
  void closingAStreamGivesBackItsRequestSlot() {
    Transport limited = new Transport(TransportConfig.of("test", server.url("/"), Secret.of(KEY))
        .withMaxConcurrentRequests(1).withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(5)));
    server.enqueue(sse(chunk("a") + chunk("b") + "data: [DONE]\n\n"));
    server.enqueue(sse(chunk("c") + chunk("d") + "data: [DONE]\n\n"));
    server.enqueue(new MockResponse.Builder().body("pong").build());

    ChatStream early = new ChatStream(limited.openStream(streamingRequest(), OpenAiChat.chunkDecoder()));
    assertThat(limited.inFlight()).isEqualTo(1);
    assertThat(early.iterator().next().text()).isEqualTo("a");
    early.close();
    assertThat(limited.inFlight()).isZero();

    ChatStream toTheEnd = new ChatStream(limited.openStream(streamingRequest(), OpenAiChat.chunkDecoder()));
    assertThat(toTheEnd.text()).isEqualTo("cd");
    assertThat(limited.inFlight()).isZero();

    // with the slot still taken this would wait 500 ms and fail
    assertThat(limited.execute(ApiRequest.get("/ping").build(), ResponseReader.text()).body()).isEqualTo("pong");
  }

  // ---- 16. opening ----

  @Test
  void unauthorizedOnOpeningThrowsAuthenticationExceptionBeforeAnyChunk() throws Exception {
    server.enqueue(new MockResponse.Builder().code(401).setHeader("Content-Type", "application/json")
        .body("{\"error\":{\"message\":\"Invalid API key provided\",\"type\":\"invalid_request_error\","
            + "\"code\":\"invalid_api_key\"}}")
        .build());

    Throwable thrown = catchThrowable(this::open);

    assertThat(thrown).isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("Invalid API key provided").hasMessageNotContaining(KEY);
    AuthenticationException auth = (AuthenticationException) thrown;
    assertThat(auth.status()).isEqualTo(401);
    assertThat(auth.code()).isEqualTo("invalid_api_key");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void rateLimitedOpeningIsRetriedThenStreams() throws Exception {
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Content-Type", "application/json")
        .setHeader("Retry-After", "0")
        .body("{\"error\":{\"message\":\"Too many requests\",\"code\":\"rate_limited\"}}").build());
    server.enqueue(sse(chunk("Hello") + "data: [DONE]\n\n"));

    assertThat(open().text()).isEqualTo("Hello");

    assertThat(server.getRequestCount()).isEqualTo(2);
    RecordedRequest first = server.takeRequest();
    RecordedRequest second = server.takeRequest();
    assertThat(second.getHeaders().get("Accept")).isEqualTo("text/event-stream");
    assertThat(second.getBody().utf8()).contains("\"stream\":true");
    assertThat(second.getBody()).isEqualTo(first.getBody());
  }

  // ---- helpers ----

  @Test
  void aJsonAnswerToAStreamingRequestIsAnErrorNotAnEmptyStream() {
    server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
        .body("{\"id\":\"c1\",\"choices\":[{\"message\":{\"content\":\"whole reply\"}}]}").build());
    assertThatThrownBy(this::open)
        .isInstanceOf(StreamException.class)
        .hasMessageContaining("expected an event stream but the server answered application/json")
        .hasMessageContaining("whole reply");
  }

  @Test
  void anHtmlPageToAStreamingRequestIsAnError() {
    server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html")
        .body("<html><title>Gateway login</title></html>").build());
    assertThatThrownBy(this::open).isInstanceOf(StreamException.class).hasMessageContaining("text/html");
  }

  private ChatStream open() {
    return new ChatStream(transport.openStream(streamingRequest(), OpenAiChat.chunkDecoder()));
  }

  private static ApiRequest streamingRequest() {
    return ApiRequest.post("/v1/chat/completions", RetrySafety.UNPROTECTED)
        .json(OpenAiChat.body(REQUEST, true)).streaming(true).build();
  }

  private static String chunk(String text) {
    return "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":\"m\","
        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"}}]}\n\n";
  }

  private static String lastChunk() {
    return "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":\"m\","
        + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5}}\n\n";
  }

  private static MockResponse sse(String body) {
    return new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").body(body).build();
  }

  /** Writes {@code text} as one HTTP/1.1 chunk and flushes it to the socket. */
  static void writeChunk(BufferedSink sink, String text) throws IOException {
    byte[] bytes = text.getBytes(UTF_8);
    sink.writeHexadecimalUnsignedLong(bytes.length).writeUtf8("\r\n").write(bytes).writeUtf8("\r\n");
    sink.flush();
  }

  private CountDownLatch held(CountDownLatch latch) {
    toRelease.add(latch);
    return latch;
  }

  /**
   * A chunked {@code text/event-stream} body written by a script on the server's thread; every
   * piece is one HTTP chunk, flushed at once. {@link #failure} completes with the I/O error the
   * server saw, if any.
   */
  static final class ScriptedBody implements MockResponseBody {
    interface Script {
      void write(Out out) throws IOException, InterruptedException;
    }

    /** The server's side of the stream. */
    interface Out {
      /** Writes and flushes one piece. */
      void send(String text) throws IOException;
    }

    private final Script script;
    final CompletableFuture<IOException> failure = new CompletableFuture<>();

    ScriptedBody(Script script) {
      this.script = script;
    }

    MockResponse response() {
      return new MockResponse.Builder()
          .setHeader("Content-Type", "text/event-stream")
          .body(this)
          .removeHeader("Content-Length")
          .setHeader("Transfer-Encoding", "chunked")
          .build();
    }

    @Override
    public long getContentLength() {
      return -1;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      try {
        script.write(new Out() {
          @Override
          public void send(String text) throws IOException {
            writeChunk(sink, text);
          }
        });
        sink.writeUtf8("0\r\n\r\n").flush();
        failure.complete(null);
      } catch (IOException e) {
        failure.complete(e);
        throw e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure.complete(new InterruptedIOException());
        throw new InterruptedIOException();
      }
    }
  }
}
