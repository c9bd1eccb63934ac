/**
 * The CheapSub gateway ({@code https://api.cheapsub.im}, keys {@code csk_…}): OpenAI-compatible
 * chat and streaming chat, asynchronous image and video generation polled on {@code
 * /api/v1/task}, the model list, and the Gemini-native, Claude-native and legacy endpoints in
 * {@link dev.aigw.cheapsub.legacy}.
 *
 * <pre>{@code
 * try (CheapSubClient cheapsub = CheapSubClient.fromEnv()) {
 *   ChatResponse reply = cheapsub.chat().create(ChatRequest.builder()
 *       .model("gemini-3-flash").user("Hello").build());
 * }
 * }</pre>
 *
 * <p>Retry safety: CheapSub documents nothing that protects a repeated paid call, so chat, image
 * and video submissions are retried only after a 429 or a connection that failed before the
 * request was sent — never after a 502, a 504 or a timeout. Reads are retried freely.
 */
package dev.aigw.cheapsub;
