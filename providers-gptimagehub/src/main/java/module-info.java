/**
 * aigw's gptimagehub provider: {@code dev.aigw.gptimagehub.GptImageHubClient} and its services, found by {@code AiClients} as
 * {@code "gptimagehub"}. Its {@code internal} package is not exported.
 */
module dev.aigw.gptimagehub {
  requires transitive dev.aigw.core;

  exports dev.aigw.gptimagehub;

  // Moshi reads the wire records by reflection
  opens dev.aigw.gptimagehub to com.squareup.moshi;
  opens dev.aigw.gptimagehub.internal to com.squareup.moshi;

  provides dev.aigw.core.AiClientProvider with dev.aigw.gptimagehub.GptImageHubProvider;
}
