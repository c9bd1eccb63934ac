package dev.aigw.cheapsub.legacy;

import dev.aigw.core.json.RawJson;

/**
 * One event of a streamed Claude-native answer ({@code message_start}, {@code
 * content_block_delta}, {@code message_stop} …).
 *
 * @param type the event type
 * @param text the new text for {@code content_block_delta} events, else empty
 * @param raw the event's JSON as received
 */
public record ClaudeStreamEvent(String type, String text, RawJson raw) {}
