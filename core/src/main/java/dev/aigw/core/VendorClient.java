package dev.aigw.core;

import dev.aigw.core.spi.Gateway;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The base of the vendor clients ({@code CheapSubClient} …): the vendor's name and capabilities,
 * and closing. Thread-safe.
 */
public abstract class VendorClient implements AiClient {
  private final Gateway gateway;
  private final Set<Capability> capabilities;

  /**
   * A client on {@code gateway}.
   *
   * @param gateway the client's line to its gateway (it names the vendor)
   * @param capabilities what the vendor offers through the neutral API
   */
  protected VendorClient(Gateway gateway, Set<Capability> capabilities) {
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.capabilities = Collections.unmodifiableSet(capabilities.isEmpty()
        ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(capabilities));
  }

  @Override
  public final String vendor() {
    return gateway.vendor();
  }

  @Override
  public final Set<Capability> capabilities() {
    return capabilities;
  }

  /**
   * The client's line to its gateway, for the vendor client's own services.
   *
   * @return the gateway
   */
  protected final Gateway gateway() {
    return gateway;
  }

  /**
   * Stops accepting calls; the shared connection pool (or your own OkHttp client) stays open, and
   * calls already running finish.
   */
  @Override
  public void close() {
    gateway.close();
  }

  /** The client's class and base URL; never a credential. */
  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + gateway.baseUrl() + "]";
  }
}
