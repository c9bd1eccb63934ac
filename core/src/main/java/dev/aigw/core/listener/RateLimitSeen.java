package dev.aigw.core.listener;

import dev.aigw.core.http.RateLimit;

/**
 * An answer carried rate-limit headers ({@code X-RateLimit-*}, {@code Retry-After}).
 *
 * @param call the call
 * @param rateLimit what they said
 */
public record RateLimitSeen(CallInfo call, RateLimit rateLimit) {}
