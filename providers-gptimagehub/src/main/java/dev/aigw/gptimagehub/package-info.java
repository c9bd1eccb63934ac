/**
 * The GPTImageHub gateway ({@code https://www.gptimagehub.com}, keys {@code gih_live_…}): image
 * generation with {@code gpt-image-2}, synchronous or queued and polled, with reference images
 * uploaded as multipart files; the model list (no key needed); the credit balance.
 *
 * <pre>{@code
 * try (GptImageHubClient hub = GptImageHubClient.fromEnv()) {
 *   Operation<ImageResult> job = hub.images().submit(ImageRequest.builder()
 *       .prompt("A cinematic product photo").size(1024, 1024).quality(Quality.HIGH).build());
 *   job.waitForCompletion().first().saveTo(Path.of("product.png"));
 *   GptImageHubGeneration done = hub.images().generateSync(request);   // waits up to 800 s
 *   BigDecimal left = done.balance().credits();
 * }
 * }</pre>
 *
 * <p>Retry safety: GPTImageHub refunds failed generations, so a generation is retried after a 429
 * or an explicit 5xx answer, never after a timeout or a cut connection (the work may have succeeded
 * unseen and been charged). Reads are retried freely.
 */
package dev.aigw.gptimagehub;
