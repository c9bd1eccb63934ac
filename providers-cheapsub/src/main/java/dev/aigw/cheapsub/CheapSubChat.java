package dev.aigw.cheapsub;

import dev.aigw.core.chat.ChatMessage;
import dev.aigw.core.chat.ChatRequest;
import dev.aigw.core.chat.ChatResponse;
import dev.aigw.core.chat.ChatService;
import dev.aigw.core.chat.ChatStream;
import dev.aigw.core.chat.Role;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.http.RetrySafety;
import dev.aigw.core.profile.ChatProfile;
import dev.aigw.core.spi.Checks;
import dev.aigw.core.spi.Gateway;
import dev.aigw.core.spi.OpenAiChat;
import java.util.Set;

/**
 * CheapSub chat on {@code POST /api/v1/chat} (OpenAI-compatible): model (one of its 13 documented
 * chat models, {@code gemini-3-flash} when none is given; {@code google/gemini-3-flash} is taken
 * too and sent as {@code gemini-3-flash}), messages with roles {@code system}, {@code user},
 * {@code assistant}, temperature 0.0–2.0 (default 1.0), max_tokens, and {@code stream}.
 * Thread-safe.
 */
public final class CheapSubChat implements ChatService {
  private static final Checks CHECKS = Checks.of(CheapSubClient.VENDOR);
  static final String PATH = "/api/v1/chat";
  private static final Set<Role> ROLES = Set.of(Role.SYSTEM, Role.USER, Role.ASSISTANT);
  /** What CheapSub's chat takes, as documented. */
  static final ChatProfile PROFILE = new ChatProfile(CheapSubModels.CHAT, 0.0, 2.0, true);

  private final Gateway transport;
  private final ChatProfile profile;
  private final Raw raw = this::createRaw;

  CheapSubChat(Gateway transport, ChatProfile profile) {
    this.transport = transport;
    this.profile = profile;
  }

  @Override
  public ChatStream stream(ChatRequest request) {
    return OpenAiChat.stream(transport, PATH, RetrySafety.UNPROTECTED, OpenAiChat.body(validate(request, CHECKS), true));
  }

  @Override
  public Raw withRawResponse() {
    return raw;
  }

  private RawResponse<ChatResponse> createRaw(ChatRequest request) {
    return OpenAiChat.create(transport, PATH, RetrySafety.UNPROTECTED, OpenAiChat.body(validate(request, CHECKS), false));
  }

  /** Every pre-send check; the request as sent (its model resolved). */
  ChatRequest validate(ChatRequest request, Checks checks) {
    checks.ownOptions(request.vendorOptions());
    String model = checks.model(profile.models(), request.model());
    checks.range("temperature", request.temperature(), profile.minTemperature(), profile.maxTemperature());
    for (ChatMessage m : request.messages()) {
      if (!ROLES.contains(m.role())) {
        checks.reject("messages[].role", "accepts system, user, assistant; was " + m.role());
      }
    }
    return model.equals(request.model()) ? request : request.withModel(model);
  }
}
