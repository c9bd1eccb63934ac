package dev.aigw.samples.spring;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.stereotype.Component;

/** Stops the offline fakes ({@link OfflineGateways}) when the context closes. */
@Component
class FakesCloser implements DisposableBean {
  private final ConfigurableEnvironment environment;

  FakesCloser(ConfigurableEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public void destroy() {
    if (environment.getPropertySources().get(OfflineGateways.SOURCE) instanceof OfflineGateways.Fakes fakes) {
      fakes.fakes.forEach(f -> f.close());
    }
  }
}
