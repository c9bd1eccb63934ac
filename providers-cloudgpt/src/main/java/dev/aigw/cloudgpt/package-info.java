/**
 * The CloudGPT gateway (keys {@code cgpt_…}; no fixed host — each deployment has its own base
 * URL): OpenAI-style chat and streaming chat, images and videos answered directly with their
 * bytes (streamed to a temporary file, never held whole on the heap), the chat, image and video
 * model catalogues, and API key management in {@link dev.aigw.cloudgpt.CloudGptKeys}.
 *
 * <pre>{@code
 * try (CloudGptClient cloudgpt = CloudGptClient.fromEnv()) {   // CLOUDGPT_API_KEY, CLOUDGPT_BASE_URL
 *   ChatResponse reply = cloudgpt.chat().create(ChatRequest.builder()
 *       .model("openai").user("Write a haiku about AI").build());
 *   VideoResult video = cloudgpt.videos().generate(VideoRequest.builder()
 *       .model("veo").prompt("Ocean waves crashing on a beach").durationSeconds(4).build());
 *   video.video().saveTo(Path.of("waves.mp4"));
 * }
 * }</pre>
 *
 * <p>Rate limits: CloudGPT allows 10 chat, 5 image and 2 video requests a minute without a key
 * and 60, 30 and 10 with one. {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset} come
 * back in every service's {@code withRawResponse()} answer ({@code RawResponse.rateLimit()}) and in
 * {@link dev.aigw.core.error.RateLimitException#rateLimit()}.
 *
 * <p>Retry safety: nothing CloudGPT documents protects a repeated paid call, so chat, image and
 * video requests (and key creation, which would make two keys) are retried only after a 429 or a
 * connection that failed before the request was sent — never after a 5xx or a timeout. Reads and
 * key deletion are retried freely.
 */
package dev.aigw.cloudgpt;
