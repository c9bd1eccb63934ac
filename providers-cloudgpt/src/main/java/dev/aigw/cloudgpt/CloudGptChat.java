package dev.aigw.cloudgpt;

import dev.aigw.core.chat.ChatRequest;
import dev.aigw.core.chat.ChatResponse;
import dev.aigw.core.chat.ChatService;
import dev.aigw.core.chat.ChatStream;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.http.RetrySafety;
import dev.aigw.core.spi.Checks;
import dev.aigw.core.spi.Gateway;
import dev.aigw.core.spi.OpenAiChat;

/**
 * CloudGPT chat on {@code POST /api/chat} (OpenAI-style): {@code model}, {@code messages} (each a
 * {@code role} and a {@code content}, sent as given), {@code temperature} 0–2 (CloudGPT's default
 * 0.7), {@code max_tokens}, and {@code stream}, which is sent as {@code false} on a plain call, as
 * the documentation's example does, and {@code true} on {@link #stream}. The answer is an OpenAI
 * {@code chat.completion} with token usage.
 *
 * <p>Chat is paid work that nothing protects from being done twice, so a call is retried only
 * after a 429 or a connection that failed before the request was sent. Thread-safe.
 */
public final class CloudGptChat implements ChatService {
  private static final Checks CHECKS = Checks.of(CloudGptClient.VENDOR);
  static final String PATH = "/api/chat";

  private final Gateway transport;
  private final Raw raw = this::createRaw;

  CloudGptChat(Gateway transport) {
    this.transport = transport;
  }

  /** Streams the reply as server-sent events, chunk by chunk. */
  @Override
  public ChatStream stream(ChatRequest request) {
    check(request);
    return OpenAiChat.stream(transport, PATH, RetrySafety.UNPROTECTED, OpenAiChat.body(request, true));
  }

  @Override
  public Raw withRawResponse() {
    return raw;
  }

  private RawResponse<ChatResponse> createRaw(ChatRequest request) {
    check(request);
    return OpenAiChat.create(transport, PATH, RetrySafety.UNPROTECTED,
        OpenAiChat.body(request, false).withDefault("stream", false));
  }

  private static void check(ChatRequest request) {
    CHECKS.ownOptions(request.vendorOptions());
    CHECKS.range("temperature", request.temperature(), 0.0, 2.0);
  }
}
