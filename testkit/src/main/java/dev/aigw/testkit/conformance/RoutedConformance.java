package dev.aigw.testkit.conformance;

import dev.aigw.core.AiClient;
import dev.aigw.core.AiClients;

/**
 * The conformance suite run through a failover router of one gateway ({@link AiClients#router()}):
 * every test of {@link AiClientConformance} must pass as it does against the client itself, so
 * that a router is a drop-in {@link AiClient}. Extend it like the suite and return the vendor's
 * profile.
 */
public abstract class RoutedConformance extends AiClientConformance {
  /** For a provider's one-method subclass. */
  protected RoutedConformance() {}

  /** The vendor's client as the only gateway of a router. */
  @Override
  protected AiClient wrap(AiClient client) {
    return AiClients.router().add(client).build();
  }
}
