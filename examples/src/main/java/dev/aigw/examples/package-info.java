/**
 * Runnable example programs. Each runs against the real gateway when its {@code <VENDOR>_API_KEY}
 * is set (CloudGPT also needs {@code CLOUDGPT_BASE_URL}), and otherwise against the in-process fake
 * from the testkit, so it works offline. Images and videos are written to {@code aigw-output/},
 * and each program says where. Run one with {@code mvn -B -q -DskipTests -Drun-examples
 * -Dexample=dev.aigw.examples.<Name> package} (arguments go in {@code -Dexec.args="…"}):
 *
 * <ul>
 *   <li>{@link dev.aigw.examples.Tour} (the default): all five gateways, each through what it
 *       offers, one result line per gateway;
 *   <li>{@link dev.aigw.examples.StreamingChat}: chat printed chunk by chunk as it arrives;
 *   <li>{@link dev.aigw.examples.ImageProgress}: an image with live progress on the terminal;
 *   <li>{@link dev.aigw.examples.ImageEdit}: an edit of a local image file;
 *   <li>{@link dev.aigw.examples.Video}: a video, saved as MP4;
 *   <li>{@link dev.aigw.examples.SwitchVendor}: the same neutral code against gateways chosen by
 *       name;
 *   <li>{@link dev.aigw.examples.WebhookEndpoint}: gptimage2.plus webhooks received, verified and
 *       deduplicated on a local endpoint;
 *   <li>{@link dev.aigw.examples.CloudGptKeyManagement}: CloudGPT keys created, listed, deleted;
 *   <li>{@link dev.aigw.examples.GptImageHubCreditUsage}: GPTImageHub credits before and after a
 *       generation;
 *   <li>{@link dev.aigw.examples.CostAndBudget}: price estimates, a budget refusing what would
 *       cross its limit, and a table of what each gateway charged (always offline).
 * </ul>
 */
package dev.aigw.examples;
