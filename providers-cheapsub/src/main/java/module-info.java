/**
 * aigw's cheapsub provider: {@code dev.aigw.cheapsub.CheapSubClient} and its services, found by {@code AiClients} as
 * {@code "cheapsub"}. Its {@code internal} package is not exported.
 */
module dev.aigw.cheapsub {
  requires transitive dev.aigw.core;

  exports dev.aigw.cheapsub;
  exports dev.aigw.cheapsub.legacy;

  // Moshi reads the wire records by reflection
  opens dev.aigw.cheapsub to com.squareup.moshi;
  opens dev.aigw.cheapsub.internal to com.squareup.moshi;
  opens dev.aigw.cheapsub.legacy to com.squareup.moshi;

  provides dev.aigw.core.AiClientProvider with dev.aigw.cheapsub.CheapSubProvider;
}
