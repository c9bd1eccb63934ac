package dev.aigw.benchmarks;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.aigw.cheapsub.CheapSubClient;
import dev.aigw.core.AiClient;
import dev.aigw.core.AiClients;
import dev.aigw.core.chat.ChatChunk;
import dev.aigw.core.chat.ChatRequest;
import dev.aigw.core.chat.ChatStream;
import dev.aigw.core.cost.CostMeter;
import dev.aigw.opentelemetry.OpenTelemetryListener;
import java.io.IOException;
import java.util.Iterator;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;

/**
 * The three contenders for chat, pointed at one server: aigw's {@link CheapSubClient} (built with
 * an {@link OkHttpClient} it shares with the floor), the {@link Floor}, and openai-java with its
 * base URL at {@code <server>/api/v1} (so its {@code /chat/completions} lands on the server).
 * Each call checks what it got, so a contender that stops working fails loudly instead of
 * measuring nothing.
 */
public final class Contenders implements AutoCloseable {
  /** The model every request names. */
  public static final String MODEL = "gemini-3-flash";
  /** The system message. */
  public static final String SYSTEM = "You are a helpful assistant.";
  /** The user message. */
  public static final String USER = "What is the capital of South Korea?";
  /** The key (a CheapSub-shaped one; the server does not check it). */
  public static final String KEY = "csk_bench_0000000000000000";

  /** The OkHttp client aigw and the floor share. */
  public final OkHttpClient http;
  /** aigw. */
  public final CheapSubClient aigw;
  /** aigw with a {@link CostMeter} listening to every call (the listener path's cost). */
  public final CheapSubClient aigwMetered;
  /** The meter {@link #aigwMetered} reports to. */
  public final CostMeter meter = new CostMeter();
  /** aigw behind a failover router of three gateways (all this server; the first one serves). */
  public final AiClient router;
  /** The OpenTelemetry SDK {@link #aigwOtel} reports to (see {@link Otel}). */
  public final Otel otel = new Otel();
  /** aigw with the OpenTelemetry listener attached. */
  public final CheapSubClient aigwOtel;
  /** The floor. */
  public final Floor floor;
  /** openai-java. */
  public final OpenAIClient openai;

  private final ChatRequest aigwRequest;
  private final ChatRequest aigwStreamRequest;
  private final ChatCompletionCreateParams openaiParams;

  /** @param baseUrl the server's base URL */
  public Contenders(String baseUrl) {
    this.http = new OkHttpClient.Builder().build();
    this.aigw = CheapSubClient.builder().apiKey(KEY).baseUrl(baseUrl).httpClient(http).build();
    this.aigwMetered = CheapSubClient.builder().apiKey(KEY).baseUrl(baseUrl).httpClient(http).listener(meter).build();
    this.router = AiClients.router()
        .add("first", CheapSubClient.builder().apiKey(KEY).baseUrl(baseUrl).httpClient(http).build())
        .add("second", CheapSubClient.builder().apiKey(KEY).baseUrl(baseUrl).httpClient(http).build())
        .add("third", CheapSubClient.builder().apiKey(KEY).baseUrl(baseUrl).httpClient(http).build())
        .build();
    this.aigwOtel = CheapSubClient.builder().apiKey(KEY).baseUrl(baseUrl).httpClient(http)
        .listener(OpenTelemetryListener.create(otel.sdk)).build();
    this.floor = new Floor(http, baseUrl, KEY);
    this.openai = OpenAIOkHttpClient.builder().apiKey(KEY).baseUrl(baseUrl + "/api/v1").build();
    this.aigwRequest = ChatRequest.builder().model(MODEL).system(SYSTEM).user(USER).build();
    this.aigwStreamRequest = aigwRequest;
    this.openaiParams = ChatCompletionCreateParams.builder().model(MODEL).addSystemMessage(SYSTEM)
        .addUserMessage(USER).build();
  }

  /** aigw: one chat call. */
  public String aigwChat() {
    return check(aigw.chat().create(aigwRequest).text());
  }

  /** aigw with the {@link CostMeter}: one chat call. */
  public String aigwMeteredChat() {
    return check(aigwMetered.chat().create(aigwRequest).text());
  }

  /** aigw through the router: one chat call. */
  public String routerChat() {
    return check(router.chat().create(aigwRequest).text());
  }

  /** aigw with the OpenTelemetry listener: one chat call. */
  public String aigwOtelChat() {
    return check(aigwOtel.chat().create(aigwRequest).text());
  }

  /** The floor: one chat call. */
  public String floorChat() throws IOException {
    return check(floor.chat());
  }

  /** openai-java: one chat call. */
  public String openaiChat() {
    ChatCompletion c = openai.chat().completions().create(openaiParams);
    return check(c.choices().get(0).message().content().orElse(null));
  }

  /** aigw: one stream read to its end; the number of chunks. */
  public int aigwStream(Consumer<String> onChunk, Runnable firstChunk) {
    return stream(aigw, onChunk, firstChunk);
  }

  /** aigw with the {@link CostMeter}: one stream read to its end; the number of chunks. */
  public int aigwMeteredStream(Consumer<String> onChunk, Runnable firstChunk) {
    return stream(aigwMetered, onChunk, firstChunk);
  }

  private int stream(CheapSubClient client, Consumer<String> onChunk, Runnable firstChunk) {
    int n = 0;
    try (ChatStream stream = client.chat().stream(aigwStreamRequest)) {
      Iterator<ChatChunk> it = stream.iterator();
      while (it.hasNext()) {
        onChunk.accept(it.next().text());
        if (n++ == 0 && firstChunk != null) {
          firstChunk.run();
        }
      }
    }
    return n;
  }

  /** The floor: one stream read to its end; the number of chunks. */
  public int floorStream(Consumer<String> onChunk, Runnable firstChunk) throws IOException {
    return floor.stream(onChunk, firstChunk);
  }

  /** openai-java: one stream read to its end; the number of chunks. */
  public int openaiStream(Consumer<String> onChunk, Runnable firstChunk) {
    int n = 0;
    try (StreamResponse<ChatCompletionChunk> stream = openai.chat().completions().createStreaming(openaiParams)) {
      Iterator<ChatCompletionChunk> it = stream.stream().iterator();
      while (it.hasNext()) {
        onChunk.accept(it.next().choices().get(0).delta().content().orElse(""));
        if (n++ == 0 && firstChunk != null) {
          firstChunk.run();
        }
      }
    }
    return n;
  }

  /**
   * Checks every contender once: the reply's text, and a whole stream of {@code chunks} chunks.
   *
   * @throws IllegalStateException naming the contender that got something else
   */
  public void verify(int chunks) throws IOException {
    aigwChat();
    aigwMeteredChat();
    routerChat();
    aigwOtelChat();
    floorChat();
    openaiChat();
    StringBuilder a = new StringBuilder();
    StringBuilder m = new StringBuilder();
    StringBuilder f = new StringBuilder();
    StringBuilder o = new StringBuilder();
    expect("aigw", chunks, aigwStream(a::append, null), a);
    expect("aigw with a CostMeter", chunks, aigwMeteredStream(m::append, null), m);
    expect("floor", chunks, floorStream(f::append, null), f);
    expect("openai-java", chunks, openaiStream(o::append, null), o);
  }

  private static void expect(String who, int chunks, int got, CharSequence text) {
    if (got != chunks || text.length() != chunks * BenchServer.CHUNK_TEXT.length()) {
      throw new IllegalStateException(who + " read " + got + " chunks (" + text.length() + " chars), expected "
          + chunks);
    }
  }

  private static String check(String reply) {
    if (!BenchServer.REPLY.equals(reply)) {
      throw new IllegalStateException("unexpected reply: " + reply);
    }
    return reply;
  }

  @Override
  public void close() {
    aigw.close();
    aigwMetered.close();
    router.close();
    aigwOtel.close();
    otel.close();
    openai.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
