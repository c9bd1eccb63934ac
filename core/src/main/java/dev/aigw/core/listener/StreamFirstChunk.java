package dev.aigw.core.listener;

import java.time.Duration;

/**
 * The first item of a stream reached the caller.
 *
 * @param call the call that opened the stream
 * @param sinceStart time from the start of the call to this item
 */
public record StreamFirstChunk(CallInfo call, Duration sinceStart) {}
