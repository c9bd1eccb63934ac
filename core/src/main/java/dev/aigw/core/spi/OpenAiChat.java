package dev.aigw.core.spi;

import com.squareup.moshi.Json;
import dev.aigw.core.chat.ChatChunk;
import dev.aigw.core.chat.ChatMessage;
import dev.aigw.core.chat.ChatRequest;
import dev.aigw.core.chat.ChatResponse;
import dev.aigw.core.chat.ChatStream;
import dev.aigw.core.chat.Role;
import dev.aigw.core.chat.Usage;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.http.RetrySafety;
import dev.aigw.core.internal.PlainJson;
import dev.aigw.core.json.RawJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAI chat-completions wire format, which several gateways (CheapSub, CloudGPT) speak: the
 * request body, the completion, and the streamed chunk.
 */
public final class OpenAiChat {
  private OpenAiChat() {}

  /**
   * The request body: model, messages, temperature, max_tokens, stream, then extraBody.
   *
   * @param request the chat request
   * @param stream whether to ask for a streamed answer ({@code stream: true})
   * @return the body, with no defaults
   */
  public static Body body(ChatRequest request, boolean stream) {
    return new Body(request, stream, Map.of());
  }

  /**
   * A chat request body. It writes its JSON straight from the request; {@link #toTree()} is the
   * same document as a map: {@code model}, {@code messages} ({@code role}, {@code content}),
   * {@code temperature} and {@code max_tokens} when set, {@code stream: true} when streaming, then
   * the request's {@code extraBody} (a field it names replaces the one above in place), then the
   * {@code defaults} it does not name.
   *
   * @param request the request
   * @param stream whether the answer is streamed
   * @param defaults fields added at the end unless already present
   */
  public record Body(ChatRequest request, boolean stream, Map<String, Object> defaults) implements JsonWritable {
    /**
     * Copies the defaults (unmodifiable, order kept).
     *
     * @param request the request
     * @param stream whether the answer is streamed
     * @param defaults fields added at the end unless already present
     * @throws NullPointerException when {@code request} is null
     */
    public Body {
      java.util.Objects.requireNonNull(request, "request");
      defaults = defaults.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
    }

    /**
     * This body with {@code name: value} added at the end unless a field of that name is present.
     *
     * @param name the field's name
     * @param value the field's value, written as JSON
     * @return a new body; a default already named keeps its value
     */
    public Body withDefault(String name, Object value) {
      Map<String, Object> more = new LinkedHashMap<>(defaults);
      more.putIfAbsent(name, value);
      return new Body(request, stream, more);
    }

    @Override
    public Map<String, Object> toTree() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("model", request.model());
      List<Map<String, Object>> messages = new ArrayList<>();
      for (ChatMessage m : request.messages()) {
        Map<String, Object> msg = new LinkedHashMap<>();
        msg.put("role", m.role().value());
        msg.put("content", m.content());
        messages.add(msg);
      }
      body.put("messages", messages);
      if (request.temperature() != null) {
        body.put("temperature", request.temperature());
      }
      if (request.maxTokens() != null) {
        body.put("max_tokens", request.maxTokens());
      }
      if (stream) {
        body.put("stream", true);
      }
      body.putAll(request.extraBody());
      defaults.forEach(body::putIfAbsent);
      return body;
    }

    @Override
    public void writeJson(okio.Buffer sink) {
      Map<String, Object> extra = request.extraBody();
      sink.writeByte('{');
      boolean first = PlainJson.member(sink, true, "model", extra.getOrDefault("model", request.model()));
      if (extra.containsKey("messages")) {
        first = PlainJson.member(sink, first, "messages", extra.get("messages"));
      } else {
        sink.writeUtf8(",\"messages\":[");
        List<ChatMessage> messages = request.messages();
        for (int i = 0; i < messages.size(); i++) {
          ChatMessage m = messages.get(i);
          sink.writeUtf8(i == 0 ? "{\"role\":" : ",{\"role\":");
          PlainJson.string(sink, m.role().value());
          sink.writeUtf8(",\"content\":");
          PlainJson.string(sink, m.content());
          sink.writeByte('}');
        }
        sink.writeByte(']');
      }
      if (request.temperature() != null) {
        first = PlainJson.member(sink, first, "temperature", extra.getOrDefault("temperature", request.temperature()));
      }
      if (request.maxTokens() != null) {
        first = PlainJson.member(sink, first, "max_tokens", extra.getOrDefault("max_tokens", request.maxTokens()));
      }
      if (stream) {
        first = PlainJson.member(sink, first, "stream", extra.getOrDefault("stream", true));
      }
      if (!extra.isEmpty()) {
        for (Map.Entry<String, Object> e : extra.entrySet()) {
          if (!written(e.getKey())) {
            first = PlainJson.member(sink, first, e.getKey(), e.getValue());
          }
        }
      }
      if (!defaults.isEmpty()) {
        for (Map.Entry<String, Object> e : defaults.entrySet()) {
          if (!written(e.getKey()) && !extra.containsKey(e.getKey())) {
            first = PlainJson.member(sink, first, e.getKey(), e.getValue());
          }
        }
      }
      sink.writeByte('}');
    }

    /** Whether {@code name} is one of the fields written before the extra ones. */
    private boolean written(String name) {
      return switch (name) {
        case "model", "messages" -> true;
        case "temperature" -> request.temperature() != null;
        case "max_tokens" -> request.maxTokens() != null;
        case "stream" -> stream;
        default -> false;
      };
    }
  }

  /**
   * A {@code chat.completion}.
   *
   * @param id the completion's id
   * @param object the object type, {@code chat.completion}
   * @param created when it was created, in Unix seconds
   * @param model the model that answered
   * @param choices the choices; the first is the answer
   * @param usage token usage, or {@code null}
   */
  public record Completion(String id, String object, Long created, String model, List<Choice> choices, WireUsage usage) {}

  /**
   * One choice of a completion.
   *
   * @param index the choice's index
   * @param message the message
   * @param finishReason why generation stopped ({@code stop}, {@code length} …), or {@code null}
   */
  public record Choice(Integer index, WireMessage message, @Json(name = "finish_reason") String finishReason) {}

  /**
   * A message on the wire.
   *
   * @param role the role ({@code assistant} …), or {@code null}
   * @param content the text, or {@code null}
   */
  public record WireMessage(String role, String content) {}

  /**
   * Token usage on the wire.
   *
   * @param promptTokens tokens in the prompt, or {@code null}
   * @param completionTokens tokens generated, or {@code null}
   * @param totalTokens both together, or {@code null}
   */
  public record WireUsage(
      @Json(name = "prompt_tokens") Long promptTokens,
      @Json(name = "completion_tokens") Long completionTokens,
      @Json(name = "total_tokens") Long totalTokens) {
    Usage toUsage() {
      return new Usage(n(promptTokens), n(completionTokens), n(totalTokens));
    }

    private static long n(Long v) {
      return v == null ? -1 : v;
    }
  }

  /**
   * A {@code chat.completion.chunk}.
   *
   * @param id the completion's id
   * @param model the model that answers
   * @param choices the choices; the first carries the text
   * @param usage token usage (usually only in the last chunk), or {@code null}
   */
  public record Chunk(String id, String model, List<ChunkChoice> choices, WireUsage usage) {}

  /**
   * One choice of a chunk.
   *
   * @param index the choice's index
   * @param delta the text added by this chunk
   * @param finishReason why generation stopped, in the choice's last chunk; else {@code null}
   */
  public record ChunkChoice(Integer index, WireMessage delta, @Json(name = "finish_reason") String finishReason) {}

  /**
   * Reads a completion.
   *
   * @param c the completion as parsed
   * @param raw the answer's JSON, kept in the response
   * @return the response of the first choice (role {@code assistant} and empty text when the
   *     message leaves them out), with no message when there is no choice
   */
  public static ChatResponse toResponse(Completion c, RawJson raw) {
    Choice first = c.choices() == null || c.choices().isEmpty() ? null : c.choices().get(0);
    ChatMessage message = null;
    if (first != null && first.message() != null) {
      WireMessage m = first.message();
      message = new ChatMessage(m.role() == null ? Role.ASSISTANT : Role.of(m.role()), m.content() == null ? "" : m.content());
    }
    return new ChatResponse(c.id(), c.model(), message, first == null ? null : first.finishReason(),
        c.usage() == null ? null : c.usage().toUsage(), raw);
  }

  /**
   * Sends {@code body} (usually from {@link #body}) to {@code path} and reads the completion.
   *
   * @param transport the gateway that sends it
   * @param path the path of the chat-completions endpoint
   * @param safety when a failure may be retried (chat is paid work at most gateways)
   * @param body the request body
   * @return the response with the answer's HTTP details
   * @throws dev.aigw.core.error.AigwException when the call fails
   */
  public static RawResponse<ChatResponse> create(Gateway transport, String path, RetrySafety safety,
      Body body) {
    return transport.execute(ApiRequest.post(path, safety).json(body)
        .purpose(ApiRequest.Purpose.chat(body.request().model())).build(), responseReader());
  }

  /**
   * Sends {@code body} (usually from {@code body(request, true)}) to {@code path} and streams the
   * completion's chunks as they arrive.
   *
   * @param transport the gateway that sends it
   * @param path the path of the chat-completions endpoint
   * @param safety when a failure may be retried until the answer's headers arrive
   * @param body the request body, asking for a stream
   * @return the open stream; close it to free the connection
   */
  public static ChatStream stream(Gateway transport, String path, RetrySafety safety, Body body) {
    ApiRequest call = ApiRequest.post(path, safety).json(body).streaming(true)
        .purpose(ApiRequest.Purpose.chat(body.request().model())).build();
    return new ChatStream(transport.openStream(call, chunkDecoder()));
  }

  /**
   * The reader for a completion answer.
   *
   * @return a reader of a {@link Completion} into a {@link ChatResponse} with the raw JSON
   */
  public static ResponseReader<ChatResponse> responseReader() {
    return ResponseReader.<Completion, ChatResponse>json(Completion.class, OpenAiChat::toResponse);
  }

  /**
   * Decodes streamed chunks.
   *
   * @return a decoder of each event's data as a {@link Chunk}; it throws {@link
   *     dev.aigw.core.error.StreamException} for data that is not one
   */
  public static SseDecoder<ChatChunk> chunkDecoder() {
    var adapter = dev.aigw.core.spi.Json.<Chunk>adapter(Chunk.class);
    return (type, data) -> {
      Chunk chunk;
      try {
        chunk = adapter.fromJson(data);
      } catch (java.io.IOException | RuntimeException e) {
        throw new dev.aigw.core.error.StreamException(null, "a stream event is not a chat chunk: " + e.getMessage(), null, e);
      }
      if (chunk == null) {
        return null;
      }
      ChunkChoice first = chunk.choices() == null || chunk.choices().isEmpty() ? null : chunk.choices().get(0);
      String text = first == null || first.delta() == null ? "" : first.delta().content();
      return new ChatChunk(chunk.id(), chunk.model(), text, first == null ? null : first.finishReason(),
          chunk.usage() == null ? null : chunk.usage().toUsage(), dev.aigw.core.spi.Json.raw(data));
    };
  }
}
