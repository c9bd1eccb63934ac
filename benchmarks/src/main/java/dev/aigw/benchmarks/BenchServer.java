package dev.aigw.benchmarks;

import dev.aigw.testkit.Mp4Body;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.BufferedSink;

/**
 * The one loopback server every contender talks to: a {@link MockWebServer} with a {@link
 * Dispatcher} answering
 *
 * <ul>
 *   <li>{@code POST /api/v1/chat} (CheapSub) and {@code POST /api/v1/chat/completions} (where
 *       openai-java lands with base URL {@code …/api/v1}) with the same {@code chat.completion},
 *       or, when the body asks for {@code "stream":true}, {@link #streamChunks()} {@code data:}
 *       chunks and {@code data: [DONE]};
 *   <li>{@code POST /api/v1/image} with a CheapSub task id, and {@code GET /api/v1/task} with a
 *       task that is {@code processing} for {@link #pollsToFinish} polls, then {@code success};
 *   <li>task {@code video-big}: a finished video whose URL, {@code GET /files/big.mp4}, is a
 *       generated body of {@link #videoBytes} bytes; task {@code image-dataurl}: a finished image
 *       whose result is a {@code data:image/png;base64,…} URL of {@link #dataUrlBytes} decoded
 *       bytes, encoded while written;
 *   <li>{@code POST /v1/images/edits} (icodeeasy) answering 202 with a task id; the upload is
 *       read and discarded ({@linkplain MockWebServer#setBodyLimit body limit} 64 KiB).
 * </ul>
 *
 * <p>Big bodies are generated as they are written, so the server never holds them. Run it in its
 * own process ({@link #main}) to keep its threads and allocations out of what is measured; run it
 * in-process only where the same clock is needed (the first-chunk delay).
 */
public final class BenchServer implements AutoCloseable {
  /** The chat reply's text. */
  public static final String REPLY = "The capital of South Korea is Seoul.";
  /** The text of every streamed chunk. */
  public static final String CHUNK_TEXT = "tok ";

  private final MockWebServer server = new MockWebServer();
  private final int streamChunks;
  private final long videoBytes;
  private final int dataUrlBytes;
  private final int pollsToFinish;
  private final Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();
  private final AtomicLong taskIds = new AtomicLong();
  private final byte[] completion;
  private final byte[] sseChunk;
  /** {@code System.nanoTime()} right after each stream's first chunk was flushed (in-process use). */
  private final java.util.concurrent.BlockingQueue<Long> firstChunkFlushed =
      new java.util.concurrent.LinkedBlockingQueue<>();
  private volatile Thread drainer;

  /**
   * @param streamChunks chunks in a streamed chat answer
   * @param videoBytes length of {@code /files/big.mp4}
   * @param dataUrlBytes decoded length of the data-URL image
   * @param pollsToFinish polls an image task answers {@code processing} before {@code success}
   */
  public BenchServer(int streamChunks, long videoBytes, int dataUrlBytes, int pollsToFinish) {
    this.streamChunks = streamChunks;
    this.videoBytes = videoBytes;
    this.dataUrlBytes = dataUrlBytes;
    this.pollsToFinish = pollsToFinish;
    this.completion = ("{\"id\":\"chatcmpl-bench1\",\"object\":\"chat.completion\",\"created\":1767225600,"
        + "\"model\":\"gemini-3-flash\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
        + "\"content\":\"" + REPLY + "\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":21,\"completion_tokens\":9,\"total_tokens\":30}}")
        .getBytes(StandardCharsets.UTF_8);
    this.sseChunk = ("data: {\"id\":\"chatcmpl-bench1\",\"object\":\"chat.completion.chunk\",\"created\":1767225600,"
        + "\"model\":\"gemini-3-flash\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + CHUNK_TEXT
        + "\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n").getBytes(StandardCharsets.UTF_8);
  }

  /** Starts listening on a free loopback port. */
  public BenchServer start() throws IOException {
    server.setBodyLimit(64 * 1024);
    // TCP_NODELAY on every accepted socket, as real servers set it: without it the headers and
    // the body go out as two small writes and Nagle holds the second until the client's delayed
    // ACK (40 ms on Linux), which would swamp every contender's own cost.
    server.setServerSocketFactory(new NoDelayServerSockets());
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return answer(request);
      }
    });
    server.start(java.net.InetAddress.getLoopbackAddress(), 0);
    // MockWebServer queues every request for takeRequest(); drain it so a long run holds nothing
    Thread t = new Thread(() -> {
      try {
        while (!Thread.currentThread().isInterrupted()) {
          server.takeRequest();
        }
      } catch (InterruptedException e) {
        // closing
      }
    }, "bench-server-drain");
    t.setDaemon(true);
    t.start();
    drainer = t;
    return this;
  }

  /** {@code http://127.0.0.1:port}, without a trailing slash. */
  public String baseUrl() {
    String url = server.url("/").toString();
    return url.substring(0, url.length() - 1);
  }

  /** Chunks in a streamed answer. */
  public int streamChunks() {
    return streamChunks;
  }

  /**
   * The time the next stream's first chunk was flushed, waiting up to a second for it.
   *
   * @return {@code System.nanoTime()} after the flush
   */
  public long takeFirstChunkFlushed() throws InterruptedException {
    Long t = firstChunkFlushed.poll(1, TimeUnit.SECONDS);
    if (t == null) {
      throw new IllegalStateException("no stream's first chunk was flushed within a second");
    }
    return t;
  }

  /** A new id of an image task that ends after {@link #pollsToFinish} polls. */
  private String newTaskId() {
    return "img-" + taskIds.incrementAndGet();
  }

  private MockResponse answer(RecordedRequest r) {
    String path = r.getUrl().encodedPath();
    String method = r.getMethod();
    if ("POST".equals(method) && (path.equals("/api/v1/chat") || path.equals("/api/v1/chat/completions"))) {
      String body = r.getBody() == null ? "" : r.getBody().utf8();
      if (body.contains("\"stream\":true")) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/event-stream")
            .body(new StreamBody()).build();
      }
      return json(200, completion);
    }
    if ("POST".equals(method) && path.equals("/api/v1/image")) {
      return json(200, ("{\"code\":0,\"message\":\"ok\",\"data\":{\"task_id\":\"" + newTaskId() + "\"}}")
          .getBytes(StandardCharsets.UTF_8));
    }
    if ("GET".equals(method) && path.equals("/api/v1/task")) {
      return task(r.getUrl().queryParameter("task_id"));
    }
    if ("GET".equals(method) && path.equals("/files/big.mp4")) {
      return new MockResponse.Builder().code(200).setHeader("Content-Type", "video/mp4")
          .body(new Mp4Body(videoBytes)).build();
    }
    if ("POST".equals(method) && path.equals("/v1/images/edits")) {
      return json(202, ("{\"status\":\"pending\",\"task_id\":\"" + newTaskId() + "\"}").getBytes(StandardCharsets.UTF_8));
    }
    return json(404, "{\"error\":\"not found\"}".getBytes(StandardCharsets.UTF_8));
  }

  private MockResponse task(String id) {
    if (id == null) {
      return json(404, "{\"code\":404,\"message\":\"task not found\"}".getBytes(StandardCharsets.UTF_8));
    }
    if (id.equals("video-big")) {
      return json(200, ("{\"task_id\":\"video-big\",\"status\":\"completed\",\"result\":{\"video_url\":\""
          + baseUrl() + "/files/big.mp4\"}}").getBytes(StandardCharsets.UTF_8));
    }
    if (id.equals("image-dataurl")) {
      return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
          .body(new DataUrlTaskBody(dataUrlBytes)).build();
    }
    int n = polls.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
    String status = n > pollsToFinish ? "success" : "processing";
    String result = n > pollsToFinish ? "[{\"image\":\"" + baseUrl() + "/files/" + id + ".png\"}]" : "null";
    if (n > pollsToFinish) {
      polls.remove(id);
    }
    return json(200, ("{\"code\":0,\"message\":\"ok\",\"data\":{\"task_id\":\"" + id + "\",\"status\":\"" + status
        + "\",\"result\":" + result + ",\"consumed\":\"0.500000\",\"created_at\":\"2026-01-01T00:00:00Z\"}}")
        .getBytes(StandardCharsets.UTF_8));
  }

  private static MockResponse json(int code, byte[] body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json")
        .body(new okio.Buffer().write(body)).build();
  }

  /** The SSE answer: the first chunk flushed alone (and timed), the rest written back to back. */
  private final class StreamBody implements MockResponseBody {
    @Override
    public long getContentLength() {
      return (long) sseChunk.length * streamChunks + "data: [DONE]\n\n".length();
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      sink.write(sseChunk);
      sink.flush();
      firstChunkFlushed.offer(System.nanoTime());
      if (firstChunkFlushed.size() > 100_000) {
        firstChunkFlushed.clear(); // nobody in this process reads them (a separate server process)
      }
      for (int i = 1; i < streamChunks; i++) {
        sink.write(sseChunk);
      }
      sink.writeUtf8("data: [DONE]\n\n");
      sink.flush();
    }
  }


  /** The decoded image of the data-URL task: a PNG signature, then a pattern. */
  static byte[] dataUrlChunk(int offset, int length) {
    byte[] b = new byte[length];
    byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    for (int i = 0; i < length; i++) {
      int at = offset + i;
      b[i] = at < signature.length ? signature[at] : (byte) (at * 31 + 7);
    }
    return b;
  }

  /**
   * A finished CheapSub image task whose result is a {@code data:image/png;base64,…} URL of {@code
   * decoded} bytes, base64-encoded while it is written.
   */
  private static final class DataUrlTaskBody implements MockResponseBody {
    private static final int BLOCK = 3 * 16 * 1024;
    private final int decoded;
    private final byte[] head = ("{\"code\":0,\"message\":\"ok\",\"data\":{\"task_id\":\"image-dataurl\","
        + "\"status\":\"success\",\"result\":[{\"image\":\"data:image/png;base64,").getBytes(StandardCharsets.US_ASCII);
    private final byte[] tail = "\"}],\"consumed\":\"0.500000\",\"created_at\":\"2026-01-01T00:00:00Z\"}}"
        .getBytes(StandardCharsets.US_ASCII);

    DataUrlTaskBody(int decoded) {
      this.decoded = decoded;
    }

    @Override
    public long getContentLength() {
      return head.length + 4L * ((decoded + 2) / 3) + tail.length;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      sink.write(head);
      Base64.Encoder encoder = Base64.getEncoder();
      for (int at = 0; at < decoded; at += BLOCK) {
        sink.write(encoder.encode(dataUrlChunk(at, Math.min(BLOCK, decoded - at))));
      }
      sink.write(tail);
      sink.flush();
    }
  }

  /** Server sockets whose accepted connections have Nagle's algorithm off. */
  private static final class NoDelayServerSockets extends javax.net.ServerSocketFactory {
    @Override
    public java.net.ServerSocket createServerSocket() throws IOException {
      return new java.net.ServerSocket() {
        @Override
        public java.net.Socket accept() throws IOException {
          java.net.Socket s = super.accept();
          s.setTcpNoDelay(true);
          return s;
        }
      };
    }

    @Override
    public java.net.ServerSocket createServerSocket(int port) throws IOException {
      throw new UnsupportedOperationException();
    }

    @Override
    public java.net.ServerSocket createServerSocket(int port, int backlog) throws IOException {
      throw new UnsupportedOperationException();
    }

    @Override
    public java.net.ServerSocket createServerSocket(int port, int backlog, java.net.InetAddress address)
        throws IOException {
      throw new UnsupportedOperationException();
    }
  }

  @Override
  public void close() throws IOException {
    Thread t = drainer;
    if (t != null) {
      t.interrupt();
    }
    server.close();
  }

  /**
   * Runs the server in its own process: prints {@code port=<n>} on one line, then serves until
   * standard input closes (the parent process ended or closed it).
   *
   * <p>Arguments: {@code [streamChunks [videoBytes [dataUrlBytes [pollsToFinish]]]]}.
   */
  public static void main(String[] args) throws Exception {
    List<String> a = new ArrayList<>(List.of(args));
    int chunks = a.size() > 0 ? Integer.parseInt(a.get(0)) : 10_000;
    long video = a.size() > 1 ? Long.parseLong(a.get(1)) : 100L * 1024 * 1024;
    int dataUrl = a.size() > 2 ? Integer.parseInt(a.get(2)) : 30 * 1024 * 1024;
    int pollCount = a.size() > 3 ? Integer.parseInt(a.get(3)) : 3;
    try (BenchServer s = new BenchServer(chunks, video, dataUrl, pollCount).start()) {
      System.out.println("port=" + s.server.getPort());
      System.out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      while (in.readLine() != null) {
        // serve until stdin closes
      }
    }
  }
}
