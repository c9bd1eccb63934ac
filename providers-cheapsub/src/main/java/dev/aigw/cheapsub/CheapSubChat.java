package dev.aigw.cheapsub;

import dev.aigw.core.chat.ChatMessage;
import dev.aigw.core.chat.ChatRequest;
import dev.aigw.core.chat.ChatResponse;
import dev.aigw.core.chat.ChatService;
import dev.aigw.core.chat.ChatStream;
import dev.aigw.core.chat.Role;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.http.RetrySafety;
import dev.aigw.core.internal.Checks;
import dev.aigw.core.internal.OpenAiChat;
import dev.aigw.core.internal.Transport;
import java.util.Set;

/**
 * CheapSub chat on {@code POST /api/v1/chat} (OpenAI-compatible): model, messages with roles
 * {@code system}, {@code user}, {@code assistant}, temperature 0.0–2.0 (default 1.0), max_tokens,
 * and {@code stream}. Thread-safe.
 */
public final class CheapSubChat implements ChatService {
  static final String PATH = "/api/v1/chat";
  private static final Set<Role> ROLES = Set.of(Role.SYSTEM, Role.USER, Role.ASSISTANT);

  private final Transport transport;
  private final Raw raw = this::createRaw;

  CheapSubChat(Transport transport) {
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
    Checks.ownOptions(vendor, request.vendorOptions());
    Checks.range(vendor, "temperature", request.temperature(), 0.0, 2.0);
    for (ChatMessage m : request.messages()) {
      if (!ROLES.contains(m.role())) {
        throw new ValidationException(vendor, "messages[].role",
            "accepts system, user, assistant; was " + m.role());
      }
    }
  }
}
