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
 * and 60, 30 and 10 with one. {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset} (epoch
 * seconds or milliseconds) come back, when the server sends them, in every service's {@code
 * withRawResponse()} answer ({@code RawResponse.rateLimit()}) and in {@link
 * dev.aigw.core.error.RateLimitException#rateLimit()}, as sent: the deployed server counts {@code
 * Remaining} down from 60 whatever the real limit, and no limit is derived from it.
 *
 * <p>The deployed server departs from CloudGPT's document in key management (the dashboard's
 * session token, {@link dev.aigw.cloudgpt.CloudGptClient.Builder#keysToken(String)}; other answer
 * shapes and deletion route, see {@link dev.aigw.cloudgpt.CloudGptKeys}), in the video shape
 * ({@code aspectRatio}, see {@link dev.aigw.cloudgpt.CloudGptVideos}), in its catalogues ({@code
 * owned_by}) and in answering an upstream refusal of an image or video with a 200 carrying {@code
 * {"error": …}}, which this client turns into the typed API exception its words name.
 *
 * <p>Retry safety: nothing CloudGPT documents protects a repeated paid call, so chat, image and
 * video requests (and key creation, which would make two keys) are retried only after a 429 or a
 * connection that failed before the request was sent — never after a 5xx or a timeout. Reads and
 * key deletion are retried freely.
 */
package dev.aigw.cloudgpt;
