/**
 * The vendor-neutral entry points of aigw: {@link dev.aigw.core.AiClient}, the {@link
 * dev.aigw.core.AiClients} registry that finds providers on the classpath, {@link
 * dev.aigw.core.ClientOptions} and {@link dev.aigw.core.Secret}.
 *
 * <p>Subpackages hold the neutral request and response types ({@code chat}, {@code image}, {@code
 * video}, {@code model}, {@code media}), long-running {@code operation}s, raw {@code http} access,
 * {@code stream}ing, {@code webhook} verification and the {@code error} tree. Packages named
 * {@code internal} are the runtime that provider modules build on; applications never need them.
 */
package dev.aigw.core;
