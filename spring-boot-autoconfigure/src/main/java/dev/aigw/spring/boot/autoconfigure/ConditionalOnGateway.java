package dev.aigw.spring.boot.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * Matches when a gateway is configured: {@code aigw.<gateway>.enabled} is not {@code false} and it
 * has a key ({@code aigw.<gateway>.api-key} or {@code <GATEWAY>_API_KEY}); CloudGPT also with
 * {@code aigw.cloudgpt.anonymous=true}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Documented
@Conditional(OnGatewayCondition.class)
public @interface ConditionalOnGateway {

  /**
   * The gateway.
   *
   * @return its name, e.g. {@code cheapsub}
   */
  String value();
}
