/**
 * aigw's gptimage2 provider: {@code dev.aigw.gptimage2.GptImage2Client} and its services, found by {@code AiClients} as
 * {@code "gptimage2"}. Its {@code internal} package is not exported.
 */
@SuppressWarnings("module") // the name ends in a digit, as the gateway's own name does
module dev.aigw.gptimage2 {
  requires transitive dev.aigw.core;

  exports dev.aigw.gptimage2;

  // Moshi reads the wire records by reflection
  opens dev.aigw.gptimage2 to com.squareup.moshi;
  opens dev.aigw.gptimage2.internal to com.squareup.moshi;

  provides dev.aigw.core.AiClientProvider with dev.aigw.gptimage2.GptImage2Provider;
}
