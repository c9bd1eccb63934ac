/**
 * aigw's Spring Boot starter: no code of its own, it brings aigw's auto-configuration and the five
 * gateways. Applications on the module path require it (or the gateways they use) to read them.
 */
module dev.aigw.spring.boot.starter {
  requires transitive dev.aigw.spring.boot.autoconfigure;
  requires transitive dev.aigw.cheapsub;
  requires transitive dev.aigw.cloudgpt;
  requires transitive dev.aigw.gptimagehub;
  requires transitive dev.aigw.icodeeasy;
  requires transitive dev.aigw.gptimage2;
}
