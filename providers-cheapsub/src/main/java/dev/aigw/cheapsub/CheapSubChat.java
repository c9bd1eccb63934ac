package dev.aigw.cheapsub;

import dev.aigw.core.chat.ChatMessage;
import dev.aigw.core.chat.ChatRequest;
import dev.aigw.core.chat.ChatResponse;
import dev.aigw.core.chat.ChatService;
import dev.aigw.core.chat.ChatStream;
import dev.aigw.core.chat.Role;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.http.RetrySafety;
import dev.aigw.core.spi.Checks;
import dev.aigw.core.spi.Gateway;
import dev.aigw.core.spi.OpenAiChat;
import java.util.Set;

/**
 * CheapSub chat on {@code POST /api/v1/chat} (OpenAI-compatible): model, messages with roles
 * {@code system}, {@code user}, {@code assistant}, temperature 0.0–2.0 (default 1.0), max_tokens,
 * and {@code stream}. Thread-safe.
 */
public final class CheapSubChat implements ChatService {
  private static final Checks CHECKS = Checks.of(CheapSubClient.VENDOR);
  static final String PATH = "/api/v1/chat";
  private static final Set<Role> ROLES = Set.of(Role.SYSTEM, Role.USER, Role.ASSISTANT);

  private final Gateway transport;
  private final Raw raw = this::createRaw;

  CheapSubChat(Gateway transport) {
    this.transport = transport;
  }

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
    return OpenAiChat.create(transport, PATH, RetrySafety.UNPROTECTED, OpenAiChat.body(request, false));
  }

  private static void check(ChatRequest request) {
    String vendor = CheapSubClient.VENDOR;
    CHECKS.ownOptions(request.vendorOptions());
    CHECKS.range("temperature", request.temperature(), 0.0, 2.0);
    for (ChatMessage m : request.messages()) {
      if (!ROLES.contains(m.role())) {
        throw CHECKS.invalid("messages[].role",
            "accepts system, user, assistant; was " + m.role());
      }
    }
  }
}
