package dev.aigw.spring.boot.autoconfigure;

import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** The condition of {@link ConditionalOnGateway}. */
public final class OnGatewayCondition extends SpringBootCondition {

  /** Created by Spring. */
  public OnGatewayCondition() {}

  @Override
  public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
    Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnGateway.class.getName());
    String gateway = (String) attributes.get("value");
    Environment env = context.getEnvironment();
    Binder binder = Binder.get(env);
    String prefix = AigwProperties.PREFIX + "." + gateway;
    if (!binder.bind(prefix + ".enabled", Boolean.class).orElse(true)) {
      return ConditionOutcome.noMatch(prefix + ".enabled is false");
    }
    String key = GatewaySettings.either(binder.bind(prefix + ".api-key", String.class).orElse(null),
        env.getProperty(GatewaySettings.variable(gateway, "API_KEY")));
    if (key != null) {
      return ConditionOutcome.match(gateway + " has a key");
    }
    if (gateway.equals("cloudgpt") && binder.bind(prefix + ".anonymous", Boolean.class).orElse(false)) {
      return ConditionOutcome.match("cloudgpt calls anonymously");
    }
    return ConditionOutcome.noMatch("neither " + prefix + ".api-key nor "
        + GatewaySettings.variable(gateway, "API_KEY") + " is set");
  }
}
