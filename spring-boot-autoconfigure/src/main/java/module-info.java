/**
 * aigw's Spring Boot auto-configuration: a client bean per gateway configured under {@code aigw.*},
 * the failover router as the primary {@code AiClient}, the application's listeners and
 * OpenTelemetry attached, and an actuator health indicator per gateway. See {@link
 * dev.aigw.spring.boot.autoconfigure.AigwAutoConfiguration}.
 */
// Spring's jars have an Automatic-Module-Name but no descriptor
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.aigw.spring.boot.autoconfigure {
  requires transitive dev.aigw.core;
  requires transitive spring.boot.autoconfigure; // the auto-configuration's annotations
  requires transitive spring.boot; // @ConfigurationProperties
  requires transitive spring.context; // Validator, @Bean
  requires transitive spring.beans;
  requires transitive spring.core; // the conditions' AnnotatedTypeMetadata

  // each gateway, OpenTelemetry and the actuator are optional
  requires static dev.aigw.cheapsub;
  requires static dev.aigw.cloudgpt;
  requires static dev.aigw.gptimagehub;
  requires static dev.aigw.icodeeasy;
  requires static dev.aigw.gptimage2;
  requires static dev.aigw.opentelemetry;
  requires static dev.aigw.redis;
  requires static io.opentelemetry.api;
  requires static spring.boot.health;

  exports dev.aigw.spring.boot.autoconfigure;

  // Spring binds the properties and creates the configurations by reflection
  opens dev.aigw.spring.boot.autoconfigure to spring.core, spring.beans, spring.context, spring.boot;
}
