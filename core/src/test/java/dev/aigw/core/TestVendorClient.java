package dev.aigw.core;

import dev.aigw.core.http.RateLimit;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.internal.RecordingGateway;
import dev.aigw.core.internal.Transport;
import dev.aigw.core.model.Modality;
import dev.aigw.core.model.ModelInfo;
import dev.aigw.core.model.ModelService;
import dev.aigw.core.operation.PollingStrategy;
import dev.aigw.core.spi.VendorSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tiny vendor client for tests of {@link ClientBuilder} and {@link AiClients}: it offers only
 * the model catalogue (a fixed list) and exposes what its builder produced.
 */
public final class TestVendorClient implements AiClient {
  /** The test vendor: a documented base URL and keys starting {@code tv_}. */
  public static final VendorSpec SPEC =
      VendorSpec.of("testvendor", "TESTVENDOR", "https://api.test.invalid", "tv_");

  private final VendorSpec spec;
  private final Transport transport;
  private final PollingStrategy polling;
  private final Duration requestTimeoutOverride;

  private TestVendorClient(VendorSpec spec, Transport transport, PollingStrategy polling, Duration requestTimeout) {
    this.spec = spec;
    this.transport = transport;
    this.polling = polling;
    this.requestTimeoutOverride = requestTimeout;
  }

  /** A builder for {@link #SPEC}. */
  public static Builder builder() {
    return new Builder(SPEC);
  }

  /** A builder for another spec. */
  public static Builder builder(VendorSpec spec) {
    return new Builder(spec);
  }

  /** The transport the builder made. */
  public Transport transport() {
    return transport;
  }

  /** The polling strategy in force. */
  public PollingStrategy polling() {
    return polling;
  }

  /** The caller's request timeout, or {@code null}. */
  public Duration requestTimeoutOverride() {
    return requestTimeoutOverride;
  }

  @Override
  public String vendor() {
    return spec.name();
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.MODELS);
  }

  @Override
  public ModelService models() {
    return () -> () -> new RawResponse<>(200, Map.of(), null, RateLimit.NONE, 1, Duration.ZERO,
        List.of(new ModelInfo(spec.name() + "/tiny", "Tiny", Modality.CHAT, spec.name(), null, null, 4096, null)));
  }

  @Override
  public void close() {
    transport.close();
  }

  /** The builder. */
  public static final class Builder extends ClientBuilder<Builder, TestVendorClient> {
    private final VendorSpec spec;

    Builder(VendorSpec spec) {
      super(spec);
      this.spec = spec;
    }

    @Override
    public TestVendorClient build() {
      // the builder's gateway records failures for routers; the transport is underneath
      Transport transport = (Transport) ((RecordingGateway) buildGateway()).delegate();
      return new TestVendorClient(spec, transport, pollingStrategy(), requestTimeoutOverride());
    }
  }
}
