package dev.aigw.spring.boot.autoconfigure;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when {@code aigw.router.gateways} names at least one gateway. */
public final class OnRouterCondition extends SpringBootCondition {

  /** Created by Spring. */
  public OnRouterCondition() {}

  @Override
  public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
    List<String> gateways = Binder.get(context.getEnvironment())
        .bind("aigw.router.gateways", Bindable.listOf(String.class)).orElse(List.of());
    return gateways.isEmpty() ? ConditionOutcome.noMatch("aigw.router.gateways is not set")
        : ConditionOutcome.match("aigw.router.gateways is " + gateways);
  }
}
