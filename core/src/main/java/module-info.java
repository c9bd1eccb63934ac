/**
 * aigw's core: the neutral API (requests, answers, services, operations, streams, errors), the
 * runtime that carries it over HTTP, and the provider SPI ({@code dev.aigw.core.spi}) that each
 * gateway's module is written against. {@code dev.aigw.core.internal} is not exported.
 */
// Moshi 1.15 has no module descriptor, only an Automatic-Module-Name; its types are in the SPI.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.aigw.core {
  requires transitive okhttp3; // OkHttpClient on the builders, okio/OkHttp types in the SPI
  requires transitive com.squareup.moshi; // JsonAdapter and Moshi in the SPI's Json
  requires org.slf4j;

  exports dev.aigw.core;
  exports dev.aigw.core.chat;
  exports dev.aigw.core.cost;
  exports dev.aigw.core.error;
  exports dev.aigw.core.http;
  exports dev.aigw.core.image;
  exports dev.aigw.core.json;
  exports dev.aigw.core.listener;
  exports dev.aigw.core.media;
  exports dev.aigw.core.model;
  exports dev.aigw.core.operation;
  exports dev.aigw.core.profile;
  exports dev.aigw.core.routing;
  exports dev.aigw.core.shared;
  exports dev.aigw.core.spi;
  exports dev.aigw.core.stream;
  exports dev.aigw.core.video;
  exports dev.aigw.core.webhook;

  // Moshi reads and writes the wire records by reflection
  opens dev.aigw.core.spi to com.squareup.moshi;
  opens dev.aigw.core.internal to com.squareup.moshi;
  opens dev.aigw.core.webhook to com.squareup.moshi;

  uses dev.aigw.core.AiClientProvider;
}
