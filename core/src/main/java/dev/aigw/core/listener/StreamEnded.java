package dev.aigw.core.listener;

import dev.aigw.core.chat.Usage;
import java.time.Duration;

/**
 * A stream ended: read to its end, closed early by the caller, or failed.
 *
 * @param call the call that opened the stream
 * @param chunks how many items reached the caller
 * @param completed whether the stream was read to its end (not closed early, not failed)
 * @param usage the token counts the stream reported (usually on its last chunk), or {@code null}
 * @param responseModel the model named in the chunks, or {@code null}
 * @param finishReason why the model stopped, or {@code null}
 * @param duration from the start of the call to the end of the stream
 * @param error the failure ({@code StreamException}), or {@code null}
 */
public record StreamEnded(CallInfo call, long chunks, boolean completed, Usage usage, String responseModel,
    String finishReason, Duration duration, RuntimeException error) {}
