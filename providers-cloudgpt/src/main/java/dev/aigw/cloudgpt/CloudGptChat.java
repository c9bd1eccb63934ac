package dev.aigw.cloudgpt;

import dev.aigw.core.chat.ChatRequest;
import dev.aigw.core.chat.ChatResponse;
import dev.aigw.core.chat.ChatService;
import dev.aigw.core.chat.ChatStream;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.http.RetrySafety;
import dev.aigw.core.profile.ChatProfile;
import dev.aigw.core.spi.Checks;
import dev.aigw.core.spi.Gateway;
import dev.aigw.core.spi.OpenAiChat;

/**
 * CloudGPT chat on {@code POST /api/chat} (OpenAI-style): {@code model} (a documented chat model,
 * {@code openai} when none is given), {@code messages} (each a
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
  /** What CloudGPT's chat takes, as documented. */
  static final ChatProfile PROFILE = new ChatProfile(CloudGptModels.CHAT, 0.0, 2.0, true);

  private final Gateway transport;
  private final ChatProfile profile;
  private final Raw raw = this::createRaw;

  CloudGptChat(Gateway transport, ChatProfile profile) {
    this.transport = transport;
    this.profile = profile;
  }

  /** Streams the reply as server-sent events, chunk by chunk. */
  @Override
  public ChatStream stream(ChatRequest request) {
    return OpenAiChat.stream(transport, PATH, RetrySafety.UNPROTECTED, OpenAiChat.body(validate(request, CHECKS), true));
  }

  @Override
  public Raw withRawResponse() {
    return raw;
  }

  private RawResponse<ChatResponse> createRaw(ChatRequest request) {
    return OpenAiChat.create(transport, PATH, RetrySafety.UNPROTECTED,
        OpenAiChat.body(validate(request, CHECKS), false).withDefault("stream", false));
  }

  /** Every pre-send check; the request as sent (its model resolved). */
  ChatRequest validate(ChatRequest request, Checks checks) {
    checks.ownOptions(request.vendorOptions());
    String model = checks.model(profile.models(), request.model());
    checks.range("temperature", request.temperature(), profile.minTemperature(), profile.maxTemperature());
    return model.equals(request.model()) ? request : request.withModel(model);
  }
}
