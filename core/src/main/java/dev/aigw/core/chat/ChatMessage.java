package dev.aigw.core.chat;

import java.util.Objects;

/**
 * One message of a conversation.
 *
 * @param role who wrote it
 * @param content its text
 */
public record ChatMessage(Role role, String content) {
  /** Checks that both parts are present. */
  public ChatMessage {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
  }

  /** A system message. */
  public static ChatMessage system(String content) {
    return new ChatMessage(Role.SYSTEM, content);
  }

  /** A user message. */
  public static ChatMessage user(String content) {
    return new ChatMessage(Role.USER, content);
  }

  /** An assistant message (for replaying a conversation). */
  public static ChatMessage assistant(String content) {
    return new ChatMessage(Role.ASSISTANT, content);
  }
}
