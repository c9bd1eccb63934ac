/**
 * aigw's Spring Boot auto-configuration: {@link dev.aigw.spring.boot.autoconfigure.AigwProperties}
 * ({@code aigw.*}), {@link dev.aigw.spring.boot.autoconfigure.AigwAutoConfiguration} (the clients,
 * the router, listeners, OpenTelemetry) and {@link
 * dev.aigw.spring.boot.autoconfigure.AigwHealthAutoConfiguration} (actuator health).
 */
package dev.aigw.spring.boot.autoconfigure;
