package dev.aigw.gptimage2;

import dev.aigw.core.Secret;

/**
 * A registered webhook.
 *
 * @param id the webhook id
 * @param secret the signing secret ({@code whsec_…}); gptimage2.plus shows it once, so store it
 *     now. It never appears in {@link #toString()}.
 */
public record WebhookRegistration(String id, Secret secret) {}
