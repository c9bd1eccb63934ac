package dev.aigw.core.chat;

/**
 * Token counts a server reported; -1 where it reported none.
 *
 * @param promptTokens tokens read
 * @param completionTokens tokens written
 * @param totalTokens both
 */
public record Usage(long promptTokens, long completionTokens, long totalTokens) {}
