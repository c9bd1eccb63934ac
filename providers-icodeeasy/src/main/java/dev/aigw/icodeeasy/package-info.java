/**
 * The icodeeasy gateway ({@code https://jp.icodeeasy.cc}, keys {@code sk_…}): OpenAI-Images-style
 * generations and edits with {@code gpt-image-2}, synchronous ({@link
 * dev.aigw.icodeeasy.ICodeEasyImages#generateSync}) or asynchronous ({@link
 * dev.aigw.icodeeasy.ICodeEasyImages#submit}, polled on {@code /v1/images/tasks/{task_id}}), with
 * reference images as {@code https://} URLs, data URLs, or files uploaded as multipart {@code
 * image[]} parts.
 *
 * <pre>{@code
 * try (ICodeEasyClient icodeeasy = ICodeEasyClient.fromEnv()) {
 *   ImageResult result = icodeeasy.images().generate(ImageRequest.builder()
 *       .prompt("an orange cat sitting on a windowsill watching the sunset, watercolor style").build());
 *   result.first().saveTo(Path.of("cat.png"));
 * }
 * }</pre>
 *
 * <p>Retry safety: icodeeasy does not charge a failed request, so generation and edit POSTs are
 * retried after a 429 and an explicit 5xx answer — never after a timeout, a 504 or a cut
 * connection, which may hide images already made and charged. Task polls are retried freely.
 */
package dev.aigw.icodeeasy;
