/**
 * In-process fakes of the gateways, for the SDK's tests, the examples, and your own tests. Each
 * fake is an {@link java.lang.AutoCloseable} HTTP server on loopback that follows its vendor's
 * documentation: paths, key prefix and auth errors, validation errors, asynchronous tasks that
 * move through statuses over polls, credits, real PNG and MP4 files, and callbacks. {@link
 * dev.aigw.testkit.Faults} injects failures and {@link dev.aigw.testkit.Journal} records every
 * request and charge, so a test can assert that a retry charged once.
 *
 * <pre>{@code
 * try (FakeCheapSub fake = FakeCheapSub.start()) {
 *   CheapSubClient client = CheapSubClient.builder().baseUrl(fake.baseUrl()).apiKey(fake.apiKey()).build();
 *   fake.faults().failNext(502);
 *   …
 *   assertThat(fake.journal().charges()).hasSize(1);
 * }
 * }</pre>
 */
package dev.aigw.testkit;
