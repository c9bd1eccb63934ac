/**
 * The conformance suite: one abstract set of JUnit 5 tests of the neutral API ({@link
 * dev.aigw.testkit.conformance.AiClientConformance}) that every provider runs against its fake,
 * with everything that differs between vendors declared as data in {@link
 * dev.aigw.testkit.conformance.VendorProfiles}. A provider module's test extends the suite and
 * names its profile:
 *
 * <pre>{@code
 * class CheapSubConformanceTest extends AiClientConformance {
 *   @Override
 *   protected VendorProfile profile() {
 *     return VendorProfiles.cheapsub();
 *   }
 * }
 * }</pre>
 *
 * <p>The suite reaches the provider only through {@link dev.aigw.core.AiClients} (so it also
 * tests discovery); it needs JUnit Jupiter and AssertJ on the test classpath, which testkit
 * declares as optional.
 */
package dev.aigw.testkit.conformance;
