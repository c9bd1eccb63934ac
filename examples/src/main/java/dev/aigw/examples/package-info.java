/**
 * Runnable example programs. Each runs against the real gateway when its {@code <VENDOR>_API_KEY}
 * is set, and otherwise against the in-process fake from the testkit, so it works offline. Images
 * and videos are written to {@code aigw-output/}.
 */
package dev.aigw.examples;
