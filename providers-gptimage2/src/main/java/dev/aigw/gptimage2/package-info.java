/**
 * The gptimage2.plus gateway ({@code https://gptimage2.plus}, keys {@code gimg_…}, Pro and Max
 * plans): image generation and edits as operations polled on {@code /api/v1/generations/:id},
 * the two-step upload of input images, webhooks, and the vendor's rate limits.
 *
 * <p>Never charged twice: every POST carries an {@code Idempotency-Key} (the caller's, or a
 * generated one) that is reused on every retry, and gptimage2.plus returns the existing
 * generation for a key it has seen; so a generation is retried after a 5xx, a 429 or a lost
 * connection. At most 5 requests per key are in flight at once (the vendor's limit), counted over
 * every client of the key in the process; more wait their turn instead of failing.
 */
package dev.aigw.gptimage2;
