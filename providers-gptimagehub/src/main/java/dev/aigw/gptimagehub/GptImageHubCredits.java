package dev.aigw.gptimagehub;

import dev.aigw.core.http.RawResponse;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.Gateway;
import dev.aigw.gptimagehub.internal.GptImageHubWire;

/**
 * The credit balance of the user that owns the API key, on {@code GET /api/v1/credits}: credits
 * left, account type and the next credit expiration. Thread-safe.
 */
public final class GptImageHubCredits {
  static final String PATH = "/api/v1/credits";

  private final Raw raw;

  GptImageHubCredits(Gateway transport) {
    this.raw = () -> transport.execute(ApiRequest.get(PATH).build(), GptImageHubWire.credits());
  }

  /** {@return the balance now} */
  public GptImageHubBalance balance() {
    return raw.balance().body();
  }

  /** {@return the same call, answering with HTTP details} */
  public Raw withRawResponse() {
    return raw;
  }

  /** {@link GptImageHubCredits} calls that also return HTTP details. */
  @FunctionalInterface
  public interface Raw {
    /** {@return what {@link GptImageHubCredits#balance()} returns, with HTTP details} */
    RawResponse<GptImageHubBalance> balance();
  }
}
