package dev.aigw.core;

import dev.aigw.core.internal.Transport;
import java.util.Objects;
import java.util.Set;

/**
 * The base of the vendor clients ({@code CheapSubClient} …): the vendor's name and capabilities,
 * and closing. Thread-safe.
 */
public abstract class VendorClient implements AiClient {
  private final Transport transport;
  private final Set<Capability> capabilities;

  /**
   * A client on {@code transport}.
   *
   * @param transport the client's transport (it names the vendor)
   * @param capabilities what the vendor offers through the neutral API
   */
  protected VendorClient(Transport transport, Set<Capability> capabilities) {
    this.transport = Objects.requireNonNull(transport, "transport");
    this.capabilities = Set.copyOf(capabilities);
  }

  @Override
  public final String vendor() {
    return transport.vendor();
  }

  @Override
  public final Set<Capability> capabilities() {
    return capabilities;
  }

  /** {@return the transport, for the vendor client's own services} */
  protected final Transport transport() {
    return transport;
  }

  /**
   * Stops accepting calls; the shared connection pool (or your own OkHttp client) stays open, and
   * calls already running finish.
   */
  @Override
  public void close() {
    transport.close();
  }

  /** The client's class and base URL; never a credential. */
  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + transport.config().baseUrl() + "]";
  }
}
