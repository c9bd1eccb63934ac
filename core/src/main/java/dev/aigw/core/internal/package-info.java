/**
 * The runtime behind {@link dev.aigw.core.spi.Gateway}: HTTP attempts and retry decisions, OkHttp
 * request encoding, secret hygiene, response reading, SSE parsing, rate-limit headers, the
 * concurrency gate, error-body parsing, the shared pool and scheduler. Not exported from the
 * module {@code dev.aigw.core}: neither applications nor providers may use these types, and they
 * change in any release.
 */
package dev.aigw.core.internal;
