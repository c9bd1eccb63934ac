package dev.aigw.core.listener;

/**
 * A call is about to send its first attempt (a budget check, when there is one, has passed).
 *
 * @param call the call
 */
public record CallStarted(CallInfo call) {}
