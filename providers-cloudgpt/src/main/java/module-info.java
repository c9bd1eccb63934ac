/**
 * aigw's cloudgpt provider: {@code dev.aigw.cloudgpt.CloudGptClient} and its services, found by {@code AiClients} as
 * {@code "cloudgpt"}. Its {@code internal} package is not exported.
 */
module dev.aigw.cloudgpt {
  requires transitive dev.aigw.core;
  requires org.slf4j;

  exports dev.aigw.cloudgpt;

  // Moshi reads the wire records by reflection
  opens dev.aigw.cloudgpt to com.squareup.moshi;
  opens dev.aigw.cloudgpt.internal to com.squareup.moshi;

  provides dev.aigw.core.AiClientProvider with dev.aigw.cloudgpt.CloudGptProvider;
}
