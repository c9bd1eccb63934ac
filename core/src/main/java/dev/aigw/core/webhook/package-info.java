/**
 * Webhook deliveries: {@link dev.aigw.core.webhook.WebhookVerifier} checks an HMAC-SHA256
 * signature over the raw body in constant time, and {@link
 * dev.aigw.core.webhook.DeliveryDeduplicator} drops repeated deliveries by id.
 */
package dev.aigw.core.webhook;
