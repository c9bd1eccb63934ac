package dev.aigw.benchmarks;

import com.squareup.moshi.Json;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * The floor: what a careful user writes by hand for CheapSub's chat with the same {@link
 * OkHttpClient} aigw is given and Moshi record adapters for the same fields. No retries, no
 * checks, no error mapping: the least a call can cost.
 */
public final class Floor {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final Moshi MOSHI = new Moshi.Builder().build();

  /** A chat request on the wire. */
  public record WireRequest(String model, List<WireMessage> messages, Boolean stream) {}

  /** A message on the wire. */
  public record WireMessage(String role, String content) {}

  /** A {@code chat.completion}. */
  public record Completion(String id, String object, Long created, String model, List<Choice> choices, Usage usage) {}

  /** One choice. */
  public record Choice(Integer index, WireMessage message, @Json(name = "finish_reason") String finishReason) {}

  /** Token usage. */
  public record Usage(
      @Json(name = "prompt_tokens") Long promptTokens,
      @Json(name = "completion_tokens") Long completionTokens,
      @Json(name = "total_tokens") Long totalTokens) {}

  /** A {@code chat.completion.chunk}. */
  public record Chunk(String id, String model, List<ChunkChoice> choices) {}

  /** One choice of a chunk. */
  public record ChunkChoice(Integer index, WireMessage delta, @Json(name = "finish_reason") String finishReason) {}

  private static final JsonAdapter<WireRequest> REQUEST = MOSHI.adapter(WireRequest.class);
  private static final JsonAdapter<Completion> COMPLETION = MOSHI.adapter(Completion.class);
  private static final JsonAdapter<Chunk> CHUNK = MOSHI.adapter(Chunk.class);

  private final OkHttpClient http;
  private final String chatUrl;
  private final String authorization;

  /**
   * @param http the client (the same instance aigw is built with)
   * @param baseUrl the server's base URL
   * @param apiKey the key
   */
  public Floor(OkHttpClient http, String baseUrl, String apiKey) {
    this.http = http;
    this.chatUrl = baseUrl + "/api/v1/chat";
    this.authorization = "Bearer " + apiKey;
  }

  private Request request(boolean stream) {
    WireRequest body = new WireRequest(Contenders.MODEL, List.of(
        new WireMessage("system", Contenders.SYSTEM), new WireMessage("user", Contenders.USER)), stream ? true : null);
    return new Request.Builder().url(chatUrl).header("Authorization", authorization)
        .post(RequestBody.create(REQUEST.toJson(body), JSON)).build();
  }

  /** One chat call; the reply's text. */
  public String chat() throws IOException {
    try (Response response = http.newCall(request(false)).execute()) {
      if (!response.isSuccessful()) {
        throw new IOException("HTTP " + response.code());
      }
      Completion c = COMPLETION.fromJson(response.body().source());
      return c.choices().get(0).message().content();
    }
  }

  /**
   * One streamed chat call, read to {@code [DONE]}; each chunk's text goes to {@code onChunk}.
   *
   * @param firstChunk called once, as soon as the first chunk is decoded (may be {@code null})
   * @return the number of chunks
   */
  public int stream(Consumer<String> onChunk, Runnable firstChunk) throws IOException {
    int n = 0;
    try (Response response = http.newCall(request(true)).execute()) {
      if (!response.isSuccessful()) {
        throw new IOException("HTTP " + response.code());
      }
      BufferedSource source = response.body().source();
      String line;
      while ((line = source.readUtf8Line()) != null) {
        if (!line.startsWith("data:")) {
          continue;
        }
        String data = line.substring(line.charAt(5) == ' ' ? 6 : 5);
        if (data.equals("[DONE]")) {
          break;
        }
        Chunk chunk = CHUNK.fromJson(data);
        onChunk.accept(chunk.choices().get(0).delta().content());
        if (n++ == 0 && firstChunk != null) {
          firstChunk.run();
        }
      }
    }
    return n;
  }
}
