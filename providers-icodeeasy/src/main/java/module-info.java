/**
 * aigw's icodeeasy provider: {@code dev.aigw.icodeeasy.ICodeEasyClient} and its services, found by {@code AiClients} as
 * {@code "icodeeasy"}. Its {@code internal} package is not exported.
 */
module dev.aigw.icodeeasy {
  requires transitive dev.aigw.core;

  exports dev.aigw.icodeeasy;

  // Moshi reads the wire records by reflection
  opens dev.aigw.icodeeasy to com.squareup.moshi;
  opens dev.aigw.icodeeasy.internal to com.squareup.moshi;

  provides dev.aigw.core.AiClientProvider with dev.aigw.icodeeasy.ICodeEasyProvider;
}
