package dev.aigw.core.chat;

import java.util.Objects;

/**
 * One message of a conversation.
 *
 * @param role who wrote it
 * @param content its text
 */
public record ChatMessage(Role role, String content) {
  /**
   * Checks that both parts are present.
   *
   * @param role who wrote it; not null
   * @param content its text; not null
   * @throws NullPointerException if either is null
   */
  public ChatMessage {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
  }

  /**
   * A system message.
   *
   * @param content the instructions
   * @return a message with role {@link Role#SYSTEM}
   */
  public static ChatMessage system(String content) {
    return new ChatMessage(Role.SYSTEM, content);
  }

  /**
   * A user message.
   *
   * @param content what the user says
   * @return a message with role {@link Role#USER}
   */
  public static ChatMessage user(String content) {
    return new ChatMessage(Role.USER, content);
  }

  /**
   * An assistant message (for replaying a conversation).
   *
   * @param content what the model said
   * @return a message with role {@link Role#ASSISTANT}
   */
  public static ChatMessage assistant(String content) {
    return new ChatMessage(Role.ASSISTANT, content);
  }
}
