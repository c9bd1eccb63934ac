/**
 * The runtime provider modules build on: {@link dev.aigw.core.internal.Transport} (HTTP, auth,
 * retries, idempotency, error mapping, rate limits, logging), {@link dev.aigw.core.internal.Json},
 * SSE reading, downloads, the shared scheduler and the base client builder. Not part of the public
 * API: applications never need these types, and they may change in any release.
 */
package dev.aigw.core.internal;
